import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { loadStringWidthOnFirstCall } from "../../tools/lazy-string-width.js";

/** Counts the Intl.Segmenters built, then measures texts with string-width as yargs imports it. */
const entry = (countSegmenters: string): string => `
import ${JSON.stringify(countSegmenters)};
import stringWidth from "string-width";
const before = globalThis.segmentersBuilt;
const widths = [stringWidth("abc"), stringWidth("漢字"), stringWidth("\\u001b[31mab\\u001b[39m"), stringWidth("👍"), stringWidth("")];
console.log(JSON.stringify({ before, after: globalThis.segmentersBuilt, widths }));
`;

const COUNT_SEGMENTERS = `
globalThis.segmentersBuilt = 0;
const Real = Intl.Segmenter;
Intl.Segmenter = class extends Real { constructor(...args) { super(...args); globalThis.segmentersBuilt += 1; } };
`;

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), "kms-audit-string-width-"));
  writeFileSync(path.join(directory, "count-segmenters.js"), COUNT_SEGMENTERS);
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function runBundled(plugins: ReturnType<typeof loadStringWidthOnFirstCall>[]): Promise<{ before: number; after: number; widths: number[] }> {
  const file = path.join(directory, `bundle-${plugins.length}.mjs`);
  await build({
    stdin: { contents: entry(path.join(directory, "count-segmenters.js")), resolveDir: path.resolve("."), sourcefile: "entry.js", loader: "js" },
    bundle: true,
    format: "esm",
    platform: "node",
    outfile: file,
    plugins,
    banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' },
    logLevel: "silent",
  });
  const run = spawnSync(process.execPath, [file], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as { before: number; after: number; widths: number[] };
}

describe("string-width bundled to load on its first call", () => {
  it("builds no segmenter while loading, and measures as string-width does once called", async () => {
    expect(await runBundled([loadStringWidthOnFirstCall()])).toEqual({ before: 0, after: 1, widths: [3, 4, 2, 2, 0] });
  });

  it("differs from the plain bundle only in when the segmenter is built (the control)", async () => {
    expect(await runBundled([])).toEqual({ before: 1, after: 1, widths: [3, 4, 2, 2, 0] });
  });
});
