import type { ColorLevel } from "../report/index.js";

function forcedLevel(value: string): ColorLevel {
  if (value === "" || value === "true") return 1;
  if (value === "false") return 0;
  const level = Number.parseInt(value, 10);
  if (Number.isNaN(level)) return 1;
  return Math.min(3, Math.max(0, level)) as ColorLevel;
}

/**
 * The colour level: NO_COLOR (set and non-empty) turns colour off; FORCE_COLOR (0-3, true/false) is honoured;
 * otherwise colour only when the output is a terminal, as deep as TERM/COLORTERM say.
 */
export function colorLevel(env: Readonly<Record<string, string | undefined>>, outputIsTTY: boolean): ColorLevel {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  if (env.FORCE_COLOR !== undefined) return forcedLevel(env.FORCE_COLOR);
  if (!outputIsTTY) return 0;
  if (env.TERM === "dumb") return 0;
  if (env.COLORTERM === "truecolor" || env.COLORTERM === "24bit") return 3;
  if (env.TERM?.includes("256")) return 2;
  return 1;
}
