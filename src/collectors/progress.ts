export interface RunningCall {
  readonly region: string;
  /** A snapshot call (DescribeVpcs...) or one that only steers the collection (GetCallerIdentity, DescribeRegions). */
  readonly call: string;
  /** Epoch milliseconds. */
  readonly startedAt: number;
}

/** What a progress display needs: regions × calls done, and what is still running (oldest, i.e. slowest, first). */
export interface CollectProgress {
  readonly regionsTotal: number;
  readonly regionsDone: number;
  readonly callsStarted: number;
  readonly callsDone: number;
  readonly running: readonly RunningCall[];
}

export interface ProgressTracker {
  callStarted(region: string, call: string): () => void;
  regionDone(): void;
  /** Once the regions are planned (the identity and region checks run before). */
  setRegions(total: number): void;
  /** The calls still running, oldest first. */
  running(): readonly RunningCall[];
}

export function createProgressTracker(
  onProgress: ((progress: CollectProgress) => void) | undefined,
  clock: () => number = Date.now,
): ProgressTracker {
  let regionsTotal = 0;
  let regionsDone = 0;
  let callsStarted = 0;
  let callsDone = 0;
  let nextId = 0;
  const running = new Map<number, RunningCall>();

  const emit = (): void => {
    onProgress?.({ regionsTotal, regionsDone, callsStarted, callsDone, running: [...running.values()] });
  };

  return {
    callStarted(region, call) {
      const id = nextId++;
      running.set(id, { region, call, startedAt: clock() });
      callsStarted += 1;
      emit();
      return () => {
        if (!running.delete(id)) return;
        callsDone += 1;
        emit();
      };
    },
    regionDone() {
      regionsDone += 1;
      emit();
    },
    setRegions(total) {
      regionsTotal = total;
      emit();
    },
    running: () => [...running.values()],
  };
}
