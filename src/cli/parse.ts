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

/** What the command line asks for: text yargs already produced (--help, --version), or a command to run. */
export type Parsed = { readonly kind: "text"; readonly text: string } | { readonly kind: "run"; readonly run: (io: CliIo) => Promise<number> };

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

function cli(argv: readonly string[], version: string, select: (run: (io: CliIo) => Promise<number>) => void): Argv {
  return skipHelpCache(yargs([...argv]))
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
        withLiveOptions(y)
          .option("snapshot", { type: "string", describe: "Snapshot file (kms-audit/snapshot JSON); without it, kms-audit collects from AWS" })
          .option("save-snapshot", { type: "string", describe: "Also save the collected snapshot to this file (live or --aws-cli-dir)" })
          .option("format", { type: "string", default: "terminal", describe: `Report format: ${FORMAT_NAMES.join(", ")}` })
          .option("output", { type: "string", describe: "Write the report to this file (atomically) instead of stdout" })
          .option("fail-on", { type: "string", default: "error", describe: `Exit 1 at or above: ${FAIL_ON_VALUES.join(", ")}` })
          .option("config", { type: "string", describe: "Configuration file (default: .kms-audit.yml, .kms-audit.yaml or .kms-audit.json in the working directory)" })
          .option("baseline", { type: "string", describe: "An earlier JSON report: findings become new, unchanged or absent; --fail-on then counts new ones only" })
          .option("template", { type: "string", describe: "Scan a change before deploy: a CloudFormation/SAM template, a Terraform plan JSON or a cdk.out directory (laid over --snapshot, --aws-cli-dir or --live, if given)" })
          .option("parameter", { type: "string", array: true, describe: "With --template: a template parameter, Key=Value (repeatable)" })
          .option("tf-dir", { type: "string", describe: "With a Terraform plan: the directory of its .tf files (default: the plan's directory)" })
          .option("account", { type: "string", describe: "With --template alone: the account it deploys to" })
          .option("live", { type: "boolean", describe: "With --template: lay the change over a live collection of the account" })
          .option("changed-only", { type: "boolean", describe: "With --template: report only the findings the change introduces" }),
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
            },
            io,
          ),
        ),
    )
    .command(
      "collect",
      "Collect a snapshot from AWS (or from AWS CLI output) and write it to a file",
      (y) =>
        withLiveOptions(y)
          .option("output", { type: "string", demandOption: true, describe: "Snapshot file to write (atomically)" })
          .option("config", { type: "string", describe: "Configuration file whose regions apply when --region(s) is absent" }),
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
        y
          .positional("function", { type: "string", demandOption: true, describe: "Function name or ARN" })
          .option("snapshot", { type: "string", demandOption: true, describe: "Snapshot file (kms-audit/snapshot JSON)" })
          .option("service", { type: "string", default: "kms", describe: `Service: ${SERVICES.map((s) => s.id).join(", ")}` }),
      (a) => select((io) => runExplain({ function: String(a.function), snapshot: a.snapshot, service: a.service }, io)),
    )
    .command(
      "rules [id]",
      "List the rules, or show one rule's doc",
      (y) => y.positional("id", { type: "string", describe: "Rule id" }),
      (a) => select((io) => runRules(a.id === undefined ? {} : { id: a.id }, io)),
    )
    .version(version)
    .help()
    .fail((message, error) => {
      if (error instanceof UsageError) throw error;
      const text = oneLine(message ?? error?.message ?? "invalid command line");
      // recommendCommands reports an unknown command only as its suggestion
      throw new UsageError(text.startsWith("Did you mean") ? `unknown command "${argv[0] ?? ""}"; ${text.charAt(0).toLowerCase()}${text.slice(1)}` : text);
    });
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
