import type { CallName } from "../snapshot/types.js";

export interface RunningCall {
  readonly region: string;
  readonly call: CallName;
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
  callStarted(region: string, call: CallName): () => void;
  regionDone(): void;
}

export function createProgressTracker(
  regionsTotal: number,
  onProgress: ((progress: CollectProgress) => void) | undefined,
  clock: () => number = Date.now,
): ProgressTracker {
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
  };
}
