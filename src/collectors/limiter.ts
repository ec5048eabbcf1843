/**
 * A counting semaphore: at most `max` tasks run at once. Waiting tasks start in arrival order, "low" ones only when
 * no "high" one waits: per-resource leaf calls (DescribeVpcAttribute) must not hold up the next page of a
 * paginated chain, which is what bounds the collection's wall time.
 */
export type Priority = "high" | "low";

export interface Limiter {
  run<T>(task: () => Promise<T>, priority?: Priority): Promise<T>;
}

export function createLimiter(max: number): Limiter {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be a positive integer, got ${max}`);
  let running = 0;
  const waiting: Record<Priority, Array<() => void>> = { high: [], low: [] };

  const release = (): void => {
    const next = waiting.high.shift() ?? waiting.low.shift();
    if (next) next();
    else running -= 1;
  };

  const acquire = (priority: Priority): Promise<void> => {
    if (running < max) {
      running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting[priority].push(resolve));
  };

  return {
    async run<T>(task: () => Promise<T>, priority: Priority = "high"): Promise<T> {
      await acquire(priority);
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
