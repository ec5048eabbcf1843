import yargs, { type Argv } from "yargs";
import { UsageError } from "../errors.js";
import { SERVICES } from "../model/services.js";
import { FORMAT_NAMES } from "../report/index.js";
import { runExplain } from "./commands/explain.js";
import { runRules } from "./commands/rules.js";
import { runCollect } from "./commands/collect.js";
import { runMerge } from "./commands/merge.js";
import { runScan } from "./commands/scan.js";
import { withLiveOptions } from "./source.js";
import { FAIL_ON_VALUES } from "./fail-on.js";
import type { CliIo } from "./io.js";
import { skipHelpCache } from "./skip-help-cache.js";
import { closeNames } from "./close-names.js";

const SEVERITY_VALUES = ["error", "warning", "note"] as const;

/** What the command line asks for: text yargs already produced (--help, --version), or a command to run. */
export type Parsed = { readonly kind: "text"; readonly text: string } | { readonly kind: "run"; readonly run: (io: CliIo) => Promise<number> };

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

function cli(argv: readonly string[], version: string, select: (run: (io: CliIo) => Promise<number>) => void): Argv {
  // The options of the command being parsed, for "did you mean": yargs holds them while it validates.
  const optionsOf = (): string[] => Object.keys(optionsIn(parser).key);
  const parser: Argv = skipHelpCache(yargs([...argv]))
    .scriptName("kms-audit")
    .usage("$0 <command>\n\nAudits the network paths of VPC-attached Lambda functions to AWS KMS and other services.")
    .exitProcess(false)
    .strict()
    .demandCommand(1, "expected a command: scan, collect, merge, explain or rules")
    .recommendCommands()
    .option("debug", { type: "boolean", default: false, describe: "Print stack traces of internal errors" })
    .command(
      "scan",
      "Scan a snapshot file, AWS CLI output (--aws-cli-dir) or the AWS account itself, and report findings",
      (y) =>
        requireValues(
          withLiveOptions(y)
            .option("snapshot", { type: "string", describe: "Snapshot file (kms-audit/snapshot JSON); without it, kms-audit collects from AWS" })
            .option("save-snapshot", { type: "string", describe: "Also save the collected snapshot to this file (live or --aws-cli-dir)" })
            .option("format", { type: "string", default: "terminal", describe: `Report format: ${FORMAT_NAMES.join(", ")}` })
            .option("output", { type: "string", describe: "Write the report to this file (atomically) instead of stdout" })
            .option("fail-on", { type: "string", default: "error", describe: `Exit 1 at or above: ${FAIL_ON_VALUES.join(", ")}` })
            .option("severity", { type: "string", describe: `Show findings at or above (terminal, markdown): ${SEVERITY_VALUES.join(", ")}; default note (all)` })
            .option("verbose", { type: "boolean", describe: "Terminal: every hop, every function and each finding's full message" })
            .option("show-passing", { type: "boolean", describe: "Terminal: also list the functions with nothing wrong" })
            .option("width", { type: "number", describe: "Terminal: wrap to this many columns (default: the terminal's width, else 80)" })
            .option("config", { type: "string", describe: "Configuration file (default: .kms-audit.yml, .kms-audit.yaml or .kms-audit.json in the working directory)" })
            .option("baseline", { type: "string", describe: "An earlier JSON report: findings become new, unchanged or absent; --fail-on then counts new ones only" })
            .option("template", { type: "string", describe: "Scan a change before deploy: a CloudFormation/SAM template, a Terraform plan JSON or a cdk.out directory (laid over --snapshot, --aws-cli-dir or --live, if given)" })
            .option("parameter", { type: "string", array: true, describe: "With --template: a template parameter, Key=Value (repeatable)" })
            .option("tf-dir", { type: "string", describe: "With a Terraform plan: the directory of its .tf files (default: the plan's directory)" })
            .option("account", { type: "string", describe: "With --template: the account it deploys to (needed alone, or when the deployed data holds several accounts)" })
            .option("live", { type: "boolean", describe: "With --template: lay the change over a live collection of the account" })
            .option("changed-only", { type: "boolean", describe: "With --template: report only the findings the change introduces" })
            .example("$0 scan --snapshot snapshot.json", "Scan a saved snapshot; exit 1 on an error")
            .example("$0 scan --region ap-northeast-1 --severity warning", "Scan the account, showing errors and warnings only")
            .example("$0 scan --snapshot snapshot.json --format sarif --output kms-audit.sarif --fail-on never", "SARIF for GitHub code scanning")
            .example("$0 scan --snapshot snapshot.json --baseline kms-audit.baseline.json", "In CI: fail on new findings only")
            .example("$0 scan --template plan.json --snapshot live.json --changed-only", "A Terraform plan laid over the deployed account"),
        ),
      (a) =>
        select((io) =>
          runScan(
            {
              ...a,
              format: a.format,
              failOn: a["fail-on"],
              ...(a.output === undefined ? {} : { output: a.output }),
              ...(a["save-snapshot"] === undefined ? {} : { saveSnapshot: a["save-snapshot"] }),
              ...(a["changed-only"] === undefined ? {} : { changedOnly: a["changed-only"] }),
              ...(a["show-passing"] === undefined ? {} : { showPassing: a["show-passing"] }),
            },
            io,
          ),
        ),
    )
    .command(
      "collect",
      "Collect a snapshot from AWS (or from AWS CLI output) and write it to a file",
      (y) =>
        requireValues(
          withLiveOptions(y)
            .option("output", { type: "string", demandOption: true, describe: "Snapshot file to write (atomically)" })
            .option("config", { type: "string", describe: "Configuration file whose regions apply when --region(s) is absent" })
            .example("$0 collect --regions ap-northeast-1,us-east-1 --output snapshot.json", "Collect two regions with your usual credentials")
            .example("$0 collect --profile audit --regions all --output snapshot.json", "Every enabled region, with an SSO profile")
            .example("$0 collect --aws-cli-dir ./acme-dump --output snapshot.json", "A snapshot from AWS CLI output (scripts/dump-aws-cli.sh)"),
        ),
      (a) => select((io) => runCollect({ ...a, output: a.output }, io)),
    )
    .command(
      "merge <snapshots..>",
      "Merge snapshots collected separately (per account, per region) into one",
      (y) =>
        y
          .positional("snapshots", { type: "string", array: true, demandOption: true, describe: "Snapshot files (kms-audit/snapshot JSON)" })
          .option("output", { type: "string", demandOption: true, describe: "Merged snapshot file to write (atomically)" }),
      (a) => select((io) => runMerge({ snapshots: (a.snapshots ?? []).map(String), output: a.output }, io)),
    )
    .command(
      "explain <function>",
      "Trace each subnet of a function to a service, hop by hop",
      (y) =>
        requireValues(
          y
            .positional("function", { type: "string", demandOption: true, describe: "Function name or ARN" })
            .option("snapshot", { type: "string", demandOption: true, describe: "Snapshot file (kms-audit/snapshot JSON)" })
            .option("service", { type: "string", default: "kms", describe: `Service: ${SERVICES.map((s) => s.id).join(", ")}` })
            .example("$0 explain decrypt-orders --snapshot snapshot.json", "Every hop of each subnet's path to KMS")
            .example("$0 explain decrypt-orders --snapshot snapshot.json --service sts", "The same to STS"),
        ),
      (a) => select((io) => runExplain({ function: String(a.function), snapshot: a.snapshot, service: a.service }, io)),
    )
    .command(
      "rules [id]",
      "List the rules, or show one rule's doc",
      (y) =>
        y
          .positional("id", { type: "string", describe: "Rule id" })
          .example("$0 rules", "Every rule with its severity and category")
          .example("$0 rules lambda-no-kms-path", "One rule's rationale, fix and references"),
      (a) => select((io) => runRules(a.id === undefined ? {} : { id: a.id }, io)),
    )
    .version(version)
    .help()
    .example("$0 scan --snapshot snapshot.json", "Scan a saved snapshot")
    .example("$0 scan --region ap-northeast-1", "Scan the account with your usual credentials")
    .example("$0 explain decrypt-orders --snapshot snapshot.json", "One function, hop by hop")
    .fail((message, error) => {
      if (error instanceof UsageError) throw error;
      const text = oneLine(message ?? error?.message ?? "invalid command line");
      throw new UsageError(inWords(text, argv, optionsOf()));
    });
  return parser;
}

/** yargs' view of the options it knows (the current command's while it parses); not in @types/yargs. */
function optionsIn(y: Argv<unknown>): { readonly key: Readonly<Record<string, unknown>>; readonly string: string[] } {
  return (y as unknown as { getOptions(): { key: Record<string, unknown>; string: string[] } }).getOptions();
}

/** String options take a value: `--fail-on` alone (or followed by another option) is an error, not the default. */
function requireValues<T>(y: Argv<T>): Argv<T> {
  return y.requiresArg(optionsIn(y).string);
}

/** What some options expect, for a message about a missing value. */
const EXPECTED_VALUES: Readonly<Record<string, string>> = {
  "fail-on": `one of ${FAIL_ON_VALUES.join(", ")}`,
  severity: `one of ${SEVERITY_VALUES.join(", ")}`,
  format: `one of ${FORMAT_NAMES.join(", ")}`,
  snapshot: "a snapshot file (kms-audit/snapshot JSON)",
  output: "a file path, or - for stdout",
  "save-snapshot": "a file path",
  config: "a configuration file",
  baseline: "an earlier JSON report",
  template: "a template, a Terraform plan JSON or a cdk.out directory",
  "aws-cli-dir": "a directory of AWS CLI output",
  region: "a region name",
  regions: '"a,b,c" or "all"',
  service: `one of ${SERVICES.map((x) => x.id).join(", ")}`,
};

/** Positional arguments in words, per command. */
const POSITIONALS: Readonly<Record<string, string>> = {
  explain: "explain: expected the function to trace, by name or ARN: kms-audit explain <function> --snapshot FILE",
};

/** yargs' failure messages in kms-audit's words: what is missing or unknown, and what would be right. */
function inWords(text: string, argv: readonly string[], options: readonly string[]): string {
  // recommendCommands reports an unknown command only as its suggestion
  if (text.startsWith("Did you mean")) return `unknown command "${argv[0] ?? ""}"; ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  const unknown = /^Unknown arguments?: (.*)$/.exec(text);
  if (unknown !== null) {
    const listed = unknown[1]!.split(", ");
    // yargs lists --some-name twice, the second time as someName
    const names = listed.filter((name) => !listed.some((other) => other !== name && camelCase(other) === name));
    return names
      .map((name) => {
        const given = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`) || a === `-${name}`);
        if (given === undefined) return `unexpected argument "${name}"`;
        const close = closeNames(name, options.filter((o) => o.length > 1 && o === o.toLowerCase()), 1);
        return `unknown option --${name}${close.length > 0 ? `; did you mean --${close[0]}?` : ""}`;
      })
      .join("; ");
  }
  const noValue = /^Not enough arguments following: (.*)$/.exec(text);
  if (noValue !== null) {
    const name = noValue[1]!;
    return `--${name}: expected a value after it (${EXPECTED_VALUES[name] ?? "see --help"})`;
  }
  const missing = /^Missing required arguments?: (.*)$/.exec(text);
  if (missing !== null) {
    const names = missing[1]!.split(", ");
    return names.map((name) => `missing --${name}: expected ${EXPECTED_VALUES[name] ?? "a value"}`).join("; ");
  }
  if (text.startsWith("Not enough non-option arguments")) return POSITIONALS[argv[0] ?? ""] ?? text;
  return text;
}

/** yargs takes a lone "-" for a new option, not a value: `--output -` (stdout) becomes `--output=-`. */
function withDashValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (const arg of argv) {
    const previous = joined.at(-1);
    if (arg === "-" && previous !== undefined && /^--[a-z-]+$/.test(previous)) joined[joined.length - 1] = `${previous}=-`;
    else joined.push(arg);
  }
  return joined;
}

/** Parses the command line; yargs validation failures become one-line UsageErrors. */
export async function parseCommandLine(given: readonly string[], version: string): Promise<Parsed> {
  const argv = withDashValues(given);
  let selected: ((io: CliIo) => Promise<number>) | undefined;
  const parser = cli(argv, version, (run) => {
    selected = run;
  });
  const output = await new Promise<string>((resolve, reject) => {
    try {
      void parser.parse([...argv], {}, (error, _argv, text) => (error ? reject(error) : resolve(text ?? "")));
    } catch (error) {
      reject(error);
    }
  });
  if (selected) return { kind: "run", run: selected };
  return { kind: "text", text: output.endsWith("\n") ? output : `${output}\n` };
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
