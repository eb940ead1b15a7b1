/** A node of the alignment tree: a goal with the goals cascaded from it and the objectives serving it. */
export interface AlignmentNode {
  goalId: string;
  title: string;
  level: 'organization' | 'business-unit';
  businessUnitId: string | null;
  children: AlignmentNode[];
  objectives: AlignedObjective[];
}

export interface AlignedObjective {
  objectiveId: string;
  employeeId: string;
  title: string;
  parentGoalId: string | null;
}

export interface GoalRecord {
  goalId: string;
  title: string;
  parentGoalId: string | null;
  businessUnitId: string | null;
}

/**
 * Goals of one period as a tree from the strategic goals down to employee objectives. An
 * objective without a parent, or whose parent is not a goal of the period, is an orphan: it is
 * listed apart so that drift from the organization's goals is visible.
 */
export const alignmentTree = (goals: GoalRecord[], objectives: AlignedObjective[]): { roots: AlignmentNode[]; orphans: AlignedObjective[] } => {
  const nodes = new Map<string, AlignmentNode>(
    goals.map((g) => [
      g.goalId,
      { goalId: g.goalId, title: g.title, level: g.parentGoalId ? 'business-unit' : 'organization', businessUnitId: g.businessUnitId, children: [], objectives: [] },
    ]),
  );
  const roots: AlignmentNode[] = [];
  for (const g of goals) {
    const node = nodes.get(g.goalId)!;
    const parent = g.parentGoalId ? nodes.get(g.parentGoalId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const orphans: AlignedObjective[] = [];
  for (const o of objectives) {
    const parent = o.parentGoalId ? nodes.get(o.parentGoalId) : undefined;
    if (parent) parent.objectives.push(o);
    else orphans.push(o);
  }
  return { roots, orphans };
};
