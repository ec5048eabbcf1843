import { execFile } from "node:child_process";
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The SARIF Multitool's native binary, called directly: node_modules/.bin's wrapper breaks the quoting. */
export const MULTITOOL = path.resolve("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");

/** npm may skip the package's postinstall chmod; make the binary executable rather than skip the test. */
function ensureExecutable(): void {
  try {
    accessSync(MULTITOOL, constants.X_OK);
  } catch {
    chmodSync(MULTITOOL, statSync(MULTITOOL).mode | 0o755);
  }
}

export interface ValidationProblem {
  readonly file: string;
  readonly ruleId: string;
  readonly level: string;
  readonly message: string;
}

interface MultitoolResult {
  ruleId: string;
  level?: string;
  message: { id?: string; text?: string; arguments?: string[] };
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
}

interface MultitoolLog {
  runs: { tool: { driver: { rules?: { id: string; defaultConfiguration?: { level?: string } }[] } }; results?: MultitoolResult[] }[];
}

/** Runs `validate --rule-kind "Sarif;Gh"` once over several SARIF texts (by file name) and returns every problem. */
export async function validateSarifFiles(files: Readonly<Record<string, string>>): Promise<ValidationProblem[]> {
  ensureExecutable();
  const directory = mkdtempSync(path.join(tmpdir(), "kms-audit-sarif-"));
  try {
    const inputs = Object.entries(files).map(([name, text]) => {
      const input = path.join(directory, name);
      writeFileSync(input, text);
      return input;
    });
    const output = path.join(directory, "validation.log.json");
    await run(MULTITOOL, ["validate", ...inputs, "--rule-kind", "Sarif;Gh", "--output", output, "--log", "ForceOverwrite"], {
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => {
      // The validator may exit non-zero when it finds errors; its log still says which.
      if (!isFile(output)) throw new Error(`SARIF Multitool failed without a log: ${error.stdout ?? String(error)}`);
    });
    const log = JSON.parse(readFileSync(output, "utf8")) as MultitoolLog;
    const run0 = log.runs[0];
    const rules = run0?.tool.driver.rules ?? [];
    return (run0?.results ?? []).map((result) => ({
      file: path.basename(decodeURIComponent(result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "")),
      ruleId: result.ruleId,
      level: result.level ?? rules.find((r) => r.id === result.ruleId)?.defaultConfiguration?.level ?? "warning",
      message: result.message.text ?? [result.message.id, ...(result.message.arguments ?? [])].join(" "),
    }));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export function validateSarif(sarifText: string): Promise<ValidationProblem[]> {
  return validateSarifFiles({ "report.sarif": sarifText });
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function errorsOf(problems: readonly ValidationProblem[]): ValidationProblem[] {
  return problems.filter((p) => p.level === "error");
}
