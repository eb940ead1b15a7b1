import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_POLICY, type AccessPolicy } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { AppraisalQueries } from '@tpm/performance-application';

type Alignment = Awaited<ReturnType<AppraisalQueries['alignment']>>;
type GoalNode = Alignment['roots'][number];

/** The alignment tree as a caller may see it: a scoped reader sees the goals and objectives of people in their units only. */
@Injectable()
export class VisibleAlignmentQuery {
  constructor(
    private readonly queries: AppraisalQueries,
    @Inject(ACCESS_POLICY) private readonly access: AccessPolicy,
  ) {}

  async run(period: string, caller: Actor): Promise<Alignment> {
    const tree = await this.queries.alignment(period);
    const readable = await this.access.readableBusinessUnits(caller);
    if (readable === null) return tree;
    const units = new Set(readable);
    const ids = new Set<string>(tree.orphans.map((o) => o.employeeId));
    const collect = (n: GoalNode): void => {
      n.objectives.forEach((o) => ids.add(o.employeeId));
      n.children.forEach(collect);
    };
    tree.roots.forEach(collect);
    const unitOf = await this.access.employeeUnits([...ids]);
    const visible = (o: { employeeId: string }) => units.has(unitOf.get(o.employeeId) ?? '');
    const prune = (n: GoalNode): GoalNode => ({ ...n, objectives: n.objectives.filter(visible), children: n.children.filter((c) => c.businessUnitId === null || units.has(c.businessUnitId)).map(prune) });
    return { ...tree, roots: tree.roots.map(prune), orphans: tree.orphans.filter(visible) };
  }
}
