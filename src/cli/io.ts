import { visible } from "../text/visible.js";

/** What the CLI reads from and writes to its process; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdoutIsTTY: boolean;
  /** The terminal's width in columns when stdout is one (the terminal report wraps to it; 80 otherwise). */
  readonly stdoutColumns?: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stderrIsTTY?: boolean;
  /** Registers a Ctrl-C handler for the duration of a live collection; returns its removal. */
  readonly onInterrupt?: (handler: () => void) => () => void;
  /** The clock that decides "today" for suppression expiry (tests pass a fixed one); absent = the real date. */
  readonly now?: () => Date;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    ...(process.stdout.isTTY === true && process.stdout.columns > 0 ? { stdoutColumns: process.stdout.columns } : {}),
    env: process.env,
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY === true,
    onInterrupt: (handler) => {
      process.once("SIGINT", handler);
      return () => void process.off("SIGINT", handler);
    },
  };
}

/**
 * One line for stderr: "kms-audit: " and the text on one line, with every character that could steer a terminal
 * (ESC, CR, BEL, bidi overrides... from file contents, AWS error messages, ids) shown as an escape.
 */
export function stderrLine(text: string): string {
  return `kms-audit: ${visible(text.replace(/\s*\n\s*/g, " ").trim())}\n`;
}
