import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

const SRC = new URL("../../src/", import.meta.url).pathname;

async function tsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : Promise.resolve(e.name.endsWith(".ts") ? [join(dir, e.name)] : []))));
  return nested.flat();
}

/** Value imports of the AWS SDK (type-only imports vanish at run time). */
function sdkValueImports(text: string): string[] {
  return [...text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s+["'](@aws-sdk\/[^"']+)["']/gm)].map((m) => m[1] as string);
}

test("the offline stages and the --aws-cli-dir reader never load the AWS SDK at run time", async () => {
  const offline = (await Promise.all(["snapshot", "model", "rules", "engine", "report"].map((d) => tsFiles(join(SRC, d))))).flat();
  const cliDirReader = ["aws-cli-dir.ts", "aws-cli-files.ts", "function-environment.ts", "function-tags.ts"].map((f) => join(SRC, "collectors", f));
  const offenders: string[] = [];
  for (const file of [...offline, ...cliDirReader]) {
    for (const module of sdkValueImports(await readFile(file, "utf8"))) offenders.push(`${file.slice(SRC.length)}: ${module}`);
  }
  expect(offline.length).toBeGreaterThan(0);
  expect(offenders).toEqual([]);
});

test("the check itself sees a value import and ignores a type-only one", () => {
  expect(sdkValueImports('import { EC2Client } from "@aws-sdk/client-ec2";\nimport type { Vpc } from "@aws-sdk/client-ec2";')).toEqual(["@aws-sdk/client-ec2"]);
});
