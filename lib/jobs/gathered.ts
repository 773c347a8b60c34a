/**
 * `fn` once, `ms` after the first of a run of calls: the calls of that window share one run (a wake
 * of the dispatch workers per burst of commits instead of per commit). With `ms` ≤ 0, `fn` itself.
 */
export function gathered(fn: () => void, ms: number): () => void {
  if (ms <= 0) return fn;
  let timer: NodeJS.Timeout | null = null;
  return () => {
    timer ??= setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
}
