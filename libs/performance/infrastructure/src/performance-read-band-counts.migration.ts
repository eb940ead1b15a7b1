import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many participants of a cycle sit in each band, per enrolment unit ('' = not assessed yet),
 * kept by the projection as bands move, so the distribution reads one row per unit and band
 * instead of every participant. Filled here from the tables it summarizes: the migration runs
 * before the runner resumes, so the counts start at the stored checkpoint.
 */
export class PerformanceReadBandCounts1760000000901 implements MigrationInterface {
  name = 'PerformanceReadBandCounts1760000000901';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE performance_read.band_counts (
        cycle_id text NOT NULL, business_unit_id text NOT NULL, rating_band text NOT NULL, n int NOT NULL,
        PRIMARY KEY (cycle_id, business_unit_id, rating_band))`);
    await q.query(`
      INSERT INTO performance_read.band_counts (cycle_id, business_unit_id, rating_band, n)
      SELECT p.cycle_id, p.business_unit_id, COALESCE(a.rating_band, ''), count(*)::int
        FROM performance_read.cycle_participants p LEFT JOIN performance_read.appraisals a USING (cycle_id, employee_id)
       GROUP BY 1, 2, 3`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE performance_read.band_counts');
  }
}
