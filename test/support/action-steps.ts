/**
 * Runs the steps of the repository's composite action (action.yml) the way a GitHub runner does: each `run` script in
 * bash, with the step's `env` (its `${{ inputs.x }}` expressions replaced by the given inputs), GITHUB_ACTION_PATH,
 * RUNNER_TEMP, GITHUB_PATH and GITHUB_OUTPUT. Used by the action test and by `npm run check:action`.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

interface Input {
  readonly default?: string;
}

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string;
  readonly shell?: string;
  readonly "working-directory"?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly run?: string;
}

export interface ActionDefinition {
  readonly inputs: Readonly<Record<string, Input>>;
  readonly runs: { readonly using: string; readonly steps: readonly Step[] };
}

export function readAction(file = "action.yml"): ActionDefinition {
  return parse(readFileSync(file, "utf8")) as ActionDefinition;
}

export interface StepRun {
  readonly name: string;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunnerPlaces {
  /** Where the action is checked out (github.action_path). */
  readonly actionPath: string;
  /** RUNNER_TEMP, and the files behind GITHUB_PATH and GITHUB_OUTPUT. */
  readonly temp: string;
  readonly githubPath: string;
  readonly githubOutput: string;
  /** The job's working directory. */
  readonly workspace: string;
}

/** `${{ inputs.x }}` and `${{ github.action_path }}` only: what action.yml uses. */
function expand(text: string, inputs: Readonly<Record<string, string>>, places: RunnerPlaces): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expression: string) => {
    if (expression === "github.action_path") return places.actionPath;
    if (expression.startsWith("inputs.")) return inputs[expression.slice("inputs.".length)] ?? "";
    throw new Error(`action.yml: unexpected expression ${expression}`);
  });
}

/** The `if:` conditions action.yml uses: `inputs.x != 'value'`. */
function holds(condition: string | undefined, inputs: Readonly<Record<string, string>>): boolean {
  if (condition === undefined) return true;
  const match = /^inputs\.([\w-]+) != '([^']*)'$/.exec(condition.trim());
  if (!match) throw new Error(`action.yml: unexpected condition ${condition}`);
  return inputs[match[1] as string] !== match[2];
}

/** Runs the steps in order, stopping at the first that fails; `only` picks steps by id or name. */
export function runActionSteps(action: ActionDefinition, given: Readonly<Record<string, string>>, places: RunnerPlaces, only?: (step: Step) => boolean): StepRun[] {
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) inputs[name] = given[name] ?? input.default ?? "";
  const runs: StepRun[] = [];
  for (const step of action.runs.steps) {
    if (only && !only(step)) continue;
    if (!holds(step.if, inputs) || step.run === undefined) continue;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      GITHUB_ACTION_PATH: places.actionPath,
      RUNNER_TEMP: places.temp,
      GITHUB_PATH: places.githubPath,
      GITHUB_OUTPUT: places.githubOutput,
    };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = expand(value, inputs, places);
    const cwd = step["working-directory"] === undefined ? places.workspace : path.resolve(places.workspace, expand(step["working-directory"], inputs, places));
    const result = spawnSync("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step.run], { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    runs.push({ name: step.name ?? step.id ?? "(step)", status: result.status, stdout: result.stdout, stderr: result.stderr });
    if (result.status !== 0) break;
  }
  return runs;
}
