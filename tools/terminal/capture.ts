/*
 * npm run captures: runs each report of tools/terminal/captures.ts in tmux (a detached session of the capture's
 * width), captures the pane with capture-pane (-e for the colour ones) and writes docs/terminal/. Needs tmux; the
 * test that keeps the captures current does not.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CAPTURES, CAPTURES_DIR, captureEnv, writeSyntheticAccount, type Capture } from "./captures.js";

const SOCKET = `kms-audit-captures-${process.pid}`;
const CLI = path.resolve("dist/cli/main.js");

function tmux(...args: string[]): string {
  return execFileSync("tmux", ["-L", SOCKET, ...args], { encoding: "utf8" });
}

/** A POSIX shell word for a path or argument of ours (no single quotes in them). */
function word(text: string): string {
  return /^[A-Za-z0-9_./=:-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

function capture(item: Capture, cwd: string): string {
  const session = item.name.replace(/\W/g, "-");
  tmux("new-session", "-d", "-s", session, "-x", String(item.width), "-y", "40", "env", "-i", `PATH=${process.env.PATH ?? ""}`, `HOME=${process.env.HOME ?? ""}`, "TERM=xterm-256color", "PS1=", "bash", "--norc", "--noprofile");
  tmux("set-option", "-t", session, "history-limit", "100000");
  const env = Object.entries(captureEnv(item)).map(([k, v]) => `${k}=${word(v)}`);
  const command = `cd ${word(cwd)} && clear && tmux -L ${SOCKET} clear-history && ${env.join(" ")} node ${word(CLI)} ${item.args.map(word).join(" ")}; tmux -L ${SOCKET} wait-for -S ${session}`;
  tmux("send-keys", "-t", session, command, "Enter");
  tmux("wait-for", session);
  const text = tmux("capture-pane", "-t", session, "-p", ...(item.colour ? ["-e"] : []), "-S", "-", "-E", "-");
  tmux("kill-session", "-t", session);
  return `${text.replace(/\s+$/, "")}\n`;
}

const synthetic = mkdtempSync(path.join(tmpdir(), "kms-audit-captures-"));
try {
  // a session that outlives the captures' own, so the server doesn't exit (and race the next one) between them
  tmux("new-session", "-d", "-s", "keeper", "-x", "80", "-y", "10");
  writeSyntheticAccount(synthetic);
  mkdirSync(CAPTURES_DIR, { recursive: true });
  for (const item of CAPTURES) {
    const text = capture(item, item.cwd === "repo" ? process.cwd() : synthetic);
    writeFileSync(path.join(CAPTURES_DIR, item.name), text);
    console.log(`wrote ${path.join(CAPTURES_DIR, item.name)} (${text.split("\n").length - 1} rows)`);
  }
} finally {
  try {
    tmux("kill-server");
  } catch {
    // no session left: the server is gone already
  }
  rmSync(synthetic, { recursive: true, force: true });
}
