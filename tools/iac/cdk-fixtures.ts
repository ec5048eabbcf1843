/**
 * Synthesises the CDK app of fixtures/iac/cdk/app.ts with the real aws-cdk-lib (app.synth(): no CDK CLI, no network)
 * into fixtures/iac/cdk/<variant>.out, one cdk.out per variant, and checks every CloudFormation fixture template
 * (these and fixtures/iac/cloudformation) with cfn-lint. npm test reads the committed results and needs neither.
 *
 *   npx tsx tools/iac/cdk-fixtures.ts
 *
 * Two things are made reproducible: creation-stack paths become relative to the repository (the reader resolves them
 * against the working directory, where GitHub annotations need them), and the files that differ on every run
 * (tree.json, the validation report) are left out.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { synth, type Variant } from "../../fixtures/iac/cdk/app.js";

const ROOT = path.resolve("fixtures/iac/cdk");
const VARIANTS: readonly Variant[] = ["nat", "endpoint", "endpoint-sg-no-https", "endpoint-private-dns-off", "public-subnet"];
const KEEP = (name: string) => name === "manifest.json" || name.endsWith(".template.json") || name.endsWith(".metadata.json") || name.endsWith(".assets.json") || name === "cdk.out";

for (const variant of VARIANTS) {
  const outdir = path.join(ROOT, `${variant}.out`);
  rmSync(outdir, { recursive: true, force: true });
  const started = performance.now();
  synth(variant, outdir);
  for (const name of readdirSync(outdir)) {
    const file = path.join(outdir, name);
    if (!KEEP(name)) {
      rmSync(file, { recursive: true, force: true });
      continue;
    }
    const text = readFileSync(file, "utf8").split(`${path.resolve(".")}${path.sep}`).join("");
    writeFileSync(file, text);
  }
  console.log(`${variant}: synthesised in ${Math.round(performance.now() - started)} ms`);
}

const templates = [
  ...VARIANTS.flatMap((v) => readdirSync(path.join(ROOT, `${v}.out`)).filter((n) => n.endsWith(".template.json")).map((n) => path.join(ROOT, `${v}.out`, n))),
  ...readdirSync("fixtures/iac/cloudformation").map((n) => path.join("fixtures/iac/cloudformation", n)),
];
// W3005 (an explicit DependsOn that is implied anyway) and W3010 (Availability Zones written out, as CDK does for a
// stack with an environment) are what CDK writes; everything else must be clean.
execFileSync("cfn-lint", ["--regions", "ap-northeast-1", "--ignore-checks", "W3005", "W3010", "--", ...templates], { stdio: "inherit" });
console.log(`cfn-lint: ${templates.length} templates clean`);
