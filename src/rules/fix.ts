import { isVariableName, shellQuote, singleQuoted } from "../text/shell.js";
import { visible } from "../text/visible.js";

/**
 * A fix as data: the AWS CLI commands a finding prints, built as argument lists and rendered with POSIX quoting, never
 * by pasting values into command text. A value one command creates (a security group id) is captured in a shell
 * variable and passed to the next as "$VARIABLE"; a value the user must choose is set on its own line, under a comment
 * saying what to choose.
 */

/** A shell variable assigned by an earlier line of the same fix. */
export interface Variable {
  readonly variable: string;
}

/** A literal argument, a variable, or one argument joined from literal text and variables ("SubnetIds=" + $SUBNETS). */
export type Word = string | Variable | { readonly join: readonly (string | Variable)[] };

export type FixLine =
  /** Runs a command; with `capture`, assigns `--query <query> --output text` of its output to a variable. */
  | { readonly kind: "run"; readonly argv: readonly Word[]; readonly capture?: { readonly variable: string; readonly query: string } }
  /** A value the user must check or choose, with what it is for; the default is kms-audit's best guess. */
  | { readonly kind: "set"; readonly variable: string; readonly value: string; readonly comment: string }
  /** Prose between commands. */
  | { readonly kind: "comment"; readonly text: string };

export type Fix = readonly FixLine[];

export function variable(name: string): Variable {
  return { variable: name };
}

export function join(...parts: readonly (string | Variable)[]): Word {
  return { join: parts };
}

const SHORTHAND_WORD = /^[A-Za-z0-9._:/-]+$/;

/**
 * A structured AWS CLI argument: the readable shorthand when every value from the data is a plain word, else the same
 * structure as JSON. The CLI's shorthand reads , = [ ] { } and spaces in a value as syntax (a subnet id "a,SecurityGroupIds=b"
 * would set other groups); JSON keeps every value a value.
 */
export function structure(shorthand: string, json: unknown, values: readonly string[]): string {
  return values.every((value) => SHORTHAND_WORD.test(value)) ? shorthand : JSON.stringify(json);
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

function variableWord(v: Variable): string {
  if (!isVariableName(v.variable)) throw new Error(`fix variable name "${v.variable}" is not a shell variable name`);
  return `"$${v.variable}"`;
}

/** Adjacent quoted pieces make one shell word: 'SubnetIds='"$SUBNETS"',SecurityGroupIds=sg-1'. */
function word(w: Word): string {
  if (typeof w === "string") return shellQuote(w);
  if ("variable" in w) return variableWord(w);
  return w.join.map((part) => (typeof part === "string" ? (part === "" ? "" : singleQuoted(part)) : variableWord(part))).join("") || "''";
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
