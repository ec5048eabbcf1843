import type { CollectProgress } from "../collectors/progress.js";

/** Calls running longer than this are named as slow. */
const SLOW_MS = 3000;

/** One status line: regions and calls done, and the slowest call still running when it is slow. */
export function progressLine(progress: CollectProgress, now: number): string {
  const oldest = progress.running.reduce<CollectProgress["running"][number] | undefined>(
    (a, b) => (a === undefined || b.startedAt < a.startedAt ? b : a),
    undefined,
  );
  const slow = oldest !== undefined && now - oldest.startedAt >= SLOW_MS ? ` · slow: ${oldest.region} ${oldest.call} ${Math.round((now - oldest.startedAt) / 1000)}s` : "";
  return `collecting: ${progress.regionsDone}/${progress.regionsTotal} regions, ${progress.callsDone}/${progress.callsStarted} calls${slow}`;
}

/** Redraws the line on a TTY at most every `intervalMs`; `done` clears it. */
export function createProgressDisplay(write: (text: string) => void, intervalMs = 100, clock: () => number = Date.now) {
  let last = 0;
  let shown = false;
  return {
    update(progress: CollectProgress): void {
      const now = clock();
      if (now - last < intervalMs) return;
      last = now;
      shown = true;
      write(`\r\x1b[2K${progressLine(progress, now)}`);
    },
    done(): void {
      if (shown) write("\r\x1b[2K");
    },
  };
}
