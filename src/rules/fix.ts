import { shellQuote, isVariableName } from "../text/shell.js";
import { visible } from "../text/visible.js";

/**
 * A fix as data: the AWS CLI commands a finding prints, built as argument lists and rendered with POSIX quoting, never
 * by pasting values into command text. A value one command creates (a security group id) is captured in a shell
 * variable and passed to the next as "$VARIABLE"; a value the user must choose is set on its own line, under a comment
 * saying what to choose.
 */

/** A literal argument, or a shell variable assigned by an earlier line of the same fix. */
export type Word = string | { readonly variable: string };

export type FixLine =
  /** Runs a command; with `capture`, assigns `--query <query> --output text` of its output to a variable. */
  | { readonly kind: "run"; readonly argv: readonly Word[]; readonly capture?: { readonly variable: string; readonly query: string } }
  /** A value the user must check or choose, with what it is for; the default is kms-audit's best guess. */
  | { readonly kind: "set"; readonly variable: string; readonly value: string; readonly comment: string }
  /** Prose between commands. */
  | { readonly kind: "comment"; readonly text: string };

export type Fix = readonly FixLine[];

export function variable(name: string): Word {
  return { variable: name };
}

/** `aws <service> <operation> <args...> --region <region>`. */
export function awsRun(region: string, service: string, operation: string, args: readonly Word[]): FixLine {
  return { kind: "run", argv: ["aws", service, operation, ...args, "--region", region] };
}

/** Like awsRun, keeping `--query <query>` of the output (as text) in `variable`. */
export function awsCapture(variableName: string, query: string, region: string, service: string, operation: string, args: readonly Word[]): FixLine {
  return { kind: "run", argv: ["aws", service, operation, ...args, "--region", region], capture: { variable: variableName, query } };
}

export function setVariable(variableName: string, value: string, comment: string): FixLine {
  return { kind: "set", variable: variableName, value, comment };
}

export function comment(text: string): FixLine {
  return { kind: "comment", text };
}

function word(w: Word): string {
  if (typeof w === "string") return shellQuote(w);
  if (!isVariableName(w.variable)) throw new Error(`fix variable name "${w.variable}" is not a shell variable name`);
  return `"$${w.variable}"`;
}

/** Comments can't be closed by their text: one line, controls escaped. */
function commentLine(text: string): string {
  return `# ${visible(text)}`;
}

/** The fix as the lines a user pastes into sh, bash or zsh. */
export function renderFix(fix: Fix): string[] {
  const lines: string[] = [];
  for (const line of fix) {
    if (line.kind === "comment") lines.push(commentLine(line.text));
    else if (line.kind === "set") {
      if (!isVariableName(line.variable)) throw new Error(`fix variable name "${line.variable}" is not a shell variable name`);
      lines.push(commentLine(line.comment), `${line.variable}=${shellQuote(line.value)}`);
    } else {
      const command = line.argv.map(word).join(" ");
      if (line.capture === undefined) lines.push(command);
      else {
        if (!isVariableName(line.capture.variable)) throw new Error(`fix variable name "${line.capture.variable}" is not a shell variable name`);
        lines.push(`${line.capture.variable}=$(${command} --query ${shellQuote(line.capture.query)} --output text)`);
      }
    }
  }
  return lines;
}
