import type { CollectProgress } from "../collectors/progress.js";
import { visible } from "../text/visible.js";

/** Calls running longer than this are named as slow. */
const SLOW_MS = 3000;
/** Without news from the collectors, the line is redrawn this often, so a stuck call shows its growing age. */
const TICK_MS = 1000;

const STARTING: CollectProgress = { regionsTotal: 0, regionsDone: 0, callsStarted: 0, callsDone: 0, running: [] };

/** One status line: regions and calls done, and the slowest call still running when it is slow. */
export function progressLine(progress: CollectProgress, now: number): string {
  const oldest = progress.running.reduce<CollectProgress["running"][number] | undefined>(
    (a, b) => (a === undefined || b.startedAt < a.startedAt ? b : a),
    undefined,
  );
  const slow = oldest !== undefined && now - oldest.startedAt >= SLOW_MS ? ` · slow: ${oldest.region} ${oldest.call} ${Math.round((now - oldest.startedAt) / 1000)}s` : "";
  return `collecting: ${progress.regionsDone}/${progress.regionsTotal} regions, ${progress.callsDone}/${progress.callsStarted} calls${slow}`;
}

/**
 * The progress line on a TTY: drawn at once, redrawn on news at most every `intervalMs` and every second without
 * news (naming a stuck call); `done` clears it.
 */
export function createProgressDisplay(write: (text: string) => void, intervalMs = 100, clock: () => number = Date.now) {
  let last = 0;
  let shown = false;
  let latest = STARTING;
  const draw = (): void => {
    last = clock();
    shown = true;
    write(`\r\x1b[2K${visible(progressLine(latest, last))}`);
  };
  draw();
  const ticker = setInterval(draw, TICK_MS);
  ticker.unref();
  return {
    update(progress: CollectProgress): void {
      latest = progress;
      if (clock() - last >= intervalMs) draw();
    },
    done(): void {
      clearInterval(ticker);
      if (shown) write("\r\x1b[2K");
    },
  };
}
