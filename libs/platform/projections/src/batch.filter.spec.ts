import { nextCheckpoint, unseenMessages } from './batch.filter';

const msgs = (...offsets: number[]) => offsets.map((o) => ({ offset: String(o) }));

describe('unseenMessages', () => {
  it('keeps everything when the partition has no checkpoint yet', () => {
    expect(unseenMessages(msgs(0, 1, 2), null)).toEqual(msgs(0, 1, 2));
  });
  it('drops redelivered messages below the checkpoint', () => {
    expect(unseenMessages(msgs(3, 4, 5, 6), 5n)).toEqual(msgs(5, 6));
  });
  it('drops a whole batch the read model already holds (after a rebuild swap)', () => {
    expect(unseenMessages(msgs(3, 4), 10n)).toEqual([]);
  });
});

describe('nextCheckpoint', () => {
  it('points just past the last message applied', () => {
    expect(nextCheckpoint(msgs(7, 8), 7n)).toBe(9n);
  });
  it('never moves backwards', () => {
    expect(nextCheckpoint(msgs(2), 10n)).toBe(10n);
  });
  it('stays put when nothing was applied', () => {
    expect(nextCheckpoint([], 4n)).toBe(4n);
    expect(nextCheckpoint([], null)).toBeNull();
  });
});
