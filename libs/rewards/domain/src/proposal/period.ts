/** The dates a period string covers: '2027', '2027-H1'/'H2', '2027-Q1'..'Q4'; else the year up to a date. */
export interface PeriodDates {
  start: string;
  end: string;
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

export const periodDates = (period: string, fallbackEnd: string): PeriodDates => {
  const year = /^(\d{4})$/.exec(period);
  if (year) return { start: `${year[1]}-01-01`, end: `${year[1]}-12-31` };
  const half = /^(\d{4})-H([12])$/.exec(period);
  if (half) {
    const y = Number(half[1]);
    return half[2] === '1' ? { start: iso(y, 0, 1), end: iso(y, 5, 30) } : { start: iso(y, 6, 1), end: iso(y, 11, 31) };
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const y = Number(quarter[1]);
    const q = Number(quarter[2]) - 1;
    return { start: iso(y, q * 3, 1), end: iso(y, q * 3 + 3, 0) };
  }
  const end = fallbackEnd.slice(0, 10);
  return { start: new Date(Date.parse(`${end}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10), end };
};

export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
