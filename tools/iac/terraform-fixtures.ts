/**
 * Plans the Terraform fixtures in fixtures/iac/terraform/<scenario>/ with real Terraform (1.11, the AWS provider from
 * the local mirror /opt/tf-plugins) against kms-audit's loopback AWS server, and writes each plan's JSON
 * (`terraform show -json`) beside its sources as plan.json; also writes the deployed account the plans look up as
 * fixtures/iac/live/*.snapshot.json. npm test reads the committed results and needs no terraform.
 *
 *   npx tsx tools/iac/terraform-fixtures.ts
 *
 * Nothing leaves 127.0.0.1: every AWS endpoint the provider uses is the loopback server (AWS_ENDPOINT_URL_*), and any
 * other HTTPS request goes to a proxy address that refuses it. A scenario with terraform.tfstate.json was "applied"
 * before: the state is copied in and planned with -refresh=false, so no resource is read back from AWS.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startAwsServer } from "../../test/support/aws-server/index.js";
import { ACCOUNT, REGION, regionCalls, scenario, toSnapshot, withNat } from "../../test/support/build.js";
import { SPOKE_A } from "../../test/support/landing-zone.js";
import { landingBase, writeLandingBase } from "./landing-base.js";

const ROOT = path.resolve("fixtures/iac/terraform");
const LIVE = path.resolve("fixtures/iac/live");
const MIRROR = process.env.KMS_AUDIT_TF_MIRROR ?? "/opt/tf-plugins";

/** The deployed account each scenario is planned against (its id and its calls in its region). */
const ACCOUNTS = {
  "no-path": () => ({ accountId: ACCOUNT, regions: { [REGION]: regionCalls(scenario()) } }),
  nat: () => ({ accountId: ACCOUNT, regions: { [REGION]: regionCalls(withNat(scenario())) } }),
  // Spoke account A of the landing zone (fixtures/iac/live/lz-hub-for-new-spokes.snapshot.json).
  "lz-spoke-a": () => ({ accountId: SPOKE_A, regions: Object.fromEntries(Object.entries(landingBase().accounts[SPOKE_A]!.regions).map(([region, data]) => [region, data.calls])) }),
} as const;
const SCENARIOS: Readonly<Record<string, keyof typeof ACCOUNTS>> = {
  "module-nat": "no-path",
  "endpoint-no-https": "no-path",
  "existing-subnet": "no-path",
  "delete-nat-route": "nat",
  "lz-spoke": "lz-spoke-a",
  "lz-spoke-no-zone": "lz-spoke-a",
};

/** Asynchronous: the loopback server answers in this process while terraform runs. */
async function run(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)("terraform", args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
  return stdout;
}

/** Sources only: .tf files and local modules, never .terraform, plans or state. */
function copySources(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name === "modules") cpSync(path.join(from, entry.name), path.join(to, entry.name), { recursive: true });
    else if (entry.isFile() && entry.name.endsWith(".tf")) cpSync(path.join(from, entry.name), path.join(to, entry.name));
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), "kms-audit-tf-"));
  const cliConfig = path.join(work, "terraformrc");
  writeFileSync(
    cliConfig,
    `provider_installation {\n  filesystem_mirror {\n    path    = "${MIRROR}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\nplugin_cache_dir = "${path.join(work, "plugin-cache")}"\n`,
  );
  mkdirSync(path.join(work, "plugin-cache"));
  mkdirSync(LIVE, { recursive: true });
  for (const [name, build] of Object.entries({ "no-path": scenario, nat: () => withNat(scenario()) })) {
    writeFileSync(path.join(LIVE, `tokyo-${name}.snapshot.json`), `${JSON.stringify(toSnapshot(build()), null, 2)}\n`);
  }
  writeLandingBase();
  try {
    const only = process.env.KMS_AUDIT_TF_ONLY;
    for (const [name, accountName] of Object.entries(SCENARIOS).filter(([n]) => only === undefined || n === only)) {
      const server = await startAwsServer(ACCOUNTS[accountName]());
      try {
        const env: NodeJS.ProcessEnv = {
          PATH: process.env.PATH,
          HOME: work,
          TF_CLI_CONFIG_FILE: cliConfig,
          TF_IN_AUTOMATION: "1",
          CHECKPOINT_DISABLE: "1",
          AWS_ENDPOINT_URL: server.url,
          AWS_ENDPOINT_URL_EC2: server.url,
          AWS_ENDPOINT_URL_STS: server.url,
          AWS_ENDPOINT_URL_LAMBDA: server.url,
          AWS_ENDPOINT_URL_IAM: server.url,
          AWS_ENDPOINT_URL_ROUTE_53: server.url,
          HTTPS_PROXY: "http://127.0.0.1:9",
          HTTP_PROXY: "http://127.0.0.1:9",
          NO_PROXY: "127.0.0.1,localhost",
          ...(process.env.TF_LOG === undefined ? {} : { TF_LOG: process.env.TF_LOG, TF_LOG_PATH: process.env.TF_LOG_PATH }),
        };
        const dir = path.join(work, name);
        copySources(path.join(ROOT, name), dir);
        const state = path.join(ROOT, name, "terraform.tfstate.json");
        if (existsSync(state)) cpSync(state, path.join(dir, "terraform.tfstate"));
        await run(dir, env, "init", "-input=false", "-no-color", "-backend=false");
        await run(dir, env, "plan", "-input=false", "-no-color", "-lock=false", "-out=plan.out", ...(existsSync(state) ? ["-refresh=false"] : []));
        const plan = JSON.parse(await run(dir, env, "show", "-json", "plan.out")) as Record<string, unknown>;
        // The one field that changes on every run.
        delete plan.timestamp;
        writeFileSync(path.join(ROOT, name, "plan.json"), `${JSON.stringify(plan, null, 2)}\n`);
        const calls = server.requests.map((r) => `${r.operation} ${r.status}`);
        console.log(`${name}: planned against the loopback server (${calls.length} requests: ${[...new Set(calls)].join(", ") || "none"})`);
      } finally {
        await server.close();
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  const stderr = (error as { stderr?: string }).stderr;
  console.error(stderr ?? error);
  process.exitCode = 1;
});
