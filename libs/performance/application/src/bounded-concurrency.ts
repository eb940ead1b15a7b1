/**
 * Runs `work` over the items with at most `limit` in flight: enough to keep the store busy,
 * few enough not to exhaust its connection pool. Rejects with the first error thrown.
 */
export const forEachBounded = async <T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> => {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
};
