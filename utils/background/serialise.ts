/**
 * Runs async work for one key at a time, in order. Two messages about the same handoff (a result and a
 * watchdog, say) must never read-modify-write its record at the same time.
 */
const tails = new Map<string, Promise<unknown>>();

export function serialise<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
