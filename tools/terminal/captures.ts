/*
 * The terminal captures in docs/terminal: what the report looks like in a real terminal (tmux), at 80 and 120
 * columns, with and without colour. `npm run captures` makes them with tmux; test/report/terminal-captures.test.ts
 * renders the same inputs without a terminal (--width instead of the terminal's width) and compares, screen row by
 * screen row and colour by colour, so a capture can't go stale.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { syntheticSnapshot } from "../../bench/synthetic.js";
import { displayWidth } from "../../src/report/layout.js";

export const CAPTURES_DIR = path.join("docs", "terminal");

export interface Capture {
  /** The file in docs/terminal. */
  readonly name: string;
  /** What the capture shows, for docs/terminal/README.md. */
  readonly title: string;
  /** kms-audit's arguments, relative to `cwd`. */
  readonly args: readonly string[];
  readonly width: number;
  readonly colour: boolean;
  /** "repo", or "synthetic": a directory holding synthetic-1000.snapshot.json, the 1,000-function account. */
  readonly cwd: "repo" | "synthetic";
}

const EXAMPLE = ["scan", "--snapshot", "fixtures/two-subnets-one-without-path.snapshot.json", "--fail-on", "never"];
const LANDING = ["scan", "--snapshot", "fixtures/lz-hub-sg-admits-hub-only.snapshot.json", "--fail-on", "never"];
const ACCOUNT = ["scan", "--snapshot", "synthetic-1000.snapshot.json", "--fail-on", "never"];

export const CAPTURES: readonly Capture[] = [
  { name: "example-80.txt", title: "The bundled example (npm run example), 80 columns", args: EXAMPLE, width: 80, colour: false, cwd: "repo" },
  { name: "example-80-colour.txt", title: "The same in colour (view with `cat`)", args: EXAMPLE, width: 80, colour: true, cwd: "repo" },
  { name: "example-120.txt", title: "The bundled example, 120 columns", args: EXAMPLE, width: 120, colour: false, cwd: "repo" },
  { name: "example-120-colour.txt", title: "The same in colour", args: EXAMPLE, width: 120, colour: true, cwd: "repo" },
  { name: "example-verbose-80.txt", title: "The bundled example with --verbose", args: [...EXAMPLE, "--verbose"], width: 80, colour: false, cwd: "repo" },
  { name: "landing-zone-80.txt", title: "A landing zone: a hub endpoint that admits neither spoke", args: LANDING, width: 80, colour: false, cwd: "repo" },
  { name: "landing-zone-80-colour.txt", title: "The same in colour", args: LANDING, width: 80, colour: true, cwd: "repo" },
  { name: "account-1000-80.txt", title: "A synthetic 1,000-function account (bench/synthetic.ts, seed 1), 80 columns", args: ACCOUNT, width: 80, colour: false, cwd: "synthetic" },
  { name: "account-1000-120.txt", title: "The same at 120 columns", args: ACCOUNT, width: 120, colour: false, cwd: "synthetic" },
];

/** The environment the report runs in: colour forced on or off, so the capture doesn't depend on TERM. */
export function captureEnv(capture: Capture): Record<string, string> {
  return capture.colour ? { FORCE_COLOR: "1" } : { NO_COLOR: "1" };
}

/** Writes the 1,000-function account where a capture of it runs. */
export function writeSyntheticAccount(directory: string): void {
  writeFileSync(path.join(directory, "synthetic-1000.snapshot.json"), `${JSON.stringify(syntheticSnapshot({ functions: 1000, seed: 1 }), null, 2)}\n`);
}

interface Style {
  bold: boolean;
  dim: boolean;
  fg: string;
}

const PLAIN: Style = { bold: false, dim: false, fg: "" };

function applySgr(style: Style, params: string): Style {
  const codes = params === "" ? [0] : params.split(";").map((p) => (p === "" ? 0 : Number(p)));
  let next = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code === 0) next = { ...PLAIN };
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 22) next = { ...next, bold: false, dim: false };
    else if (code === 39) next.fg = "";
    else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) next.fg = String(code);
    else if (code === 38) {
      // 38;5;n or 38;2;r;g;b
      const take = codes[i + 1] === 5 ? 2 : 4;
      next.fg = codes.slice(i, i + take + 1).join(":");
      i += take;
    } else if (code === 48) i += codes[i + 1] === 5 ? 2 : 4;
  }
  return next;
}

function styleName(style: Style): string {
  const parts = [...(style.bold ? ["bold"] : []), ...(style.dim ? ["dim"] : []), ...(style.fg === "" ? [] : [`fg${style.fg}`])];
  return parts.join(",");
}

/**
 * Text as a terminal of `width` columns shows it, one screen row a line: lines longer than the width continue on the
 * next row, trailing spaces and trailing empty rows dropped, and each change of colour or weight on a visible
 * character written as ⟦bold,fg31⟧ (⟦⟧ for plain), however the escape codes that made it were spelled.
 */
export function screenRows(text: string, width: number): string[] {
  const rows: string[] = [];
  let style = { ...PLAIN };
  let shown = "";
  for (const line of text.replace(/\r/g, "").split("\n")) {
    let row = "";
    let used = 0;
    let pendingSpaces = "";
    const flush = () => {
      rows.push(row);
      shown = "";
      row = "";
      used = 0;
      pendingSpaces = "";
    };
    for (let i = 0; i < line.length; ) {
      const sgr = /^\u001b\[([0-9;]*)m/.exec(line.slice(i, i + 32));
      if (sgr !== null) {
        style = applySgr(style, sgr[1]!);
        i += sgr[0].length;
        continue;
      }
      const char = String.fromCodePoint(line.codePointAt(i)!);
      i += char.length;
      const w = displayWidth(char);
      if (used + w > width) flush();
      used += w;
      if (char === " ") {
        pendingSpaces += " ";
        continue;
      }
      const name = styleName(style);
      const mark = name === shown && row !== "" ? "" : row === "" && name === "" ? "" : `⟦${name}⟧`;
      row += pendingSpaces + mark + char;
      pendingSpaces = "";
      shown = name;
    }
    rows.push(row);
    // a new row starts plain in the record; the style itself carries on, as on a terminal
    shown = "";
  }
  while (rows.length > 0 && rows[rows.length - 1] === "") rows.pop();
  return rows;
}
