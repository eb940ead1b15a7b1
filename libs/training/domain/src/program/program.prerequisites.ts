/**
 * The path by which `programId` would end up requiring itself if it required `prerequisites`,
 * or null. `requiresOf` gives the current prerequisites of the other programs.
 */
export const prerequisiteCycle = (programId: string, prerequisites: string[], requiresOf: (id: string) => string[]): string[] | null => {
  const walk = (id: string, path: string[], seen: Set<string>): string[] | null => {
    if (id === programId) return [...path, id];
    if (seen.has(id)) return null;
    seen.add(id);
    for (const next of requiresOf(id)) {
      const found = walk(next, [...path, id], seen);
      if (found) return found;
    }
    return null;
  };
  const seen = new Set<string>();
  for (const p of prerequisites) {
    const found = walk(p, [programId], seen);
    if (found) return found;
  }
  return null;
};
