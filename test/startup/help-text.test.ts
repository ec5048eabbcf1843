import yargs from "yargs";
import { parseCommandLine } from "../../src/cli/parse.js";
import { skipHelpCache } from "../../src/cli/skip-help-cache.js";
import { toolVersion } from "../../src/cli/version.js";
import { runCli } from "../cli/support/run-cli.js";

interface UsageInternals {
  hasCachedHelpMessage: () => boolean;
}

function usageOf(parser: object): UsageInternals {
  return (parser as { getInternalMethods: () => { getUsageInstance: () => UsageInternals } }).getInternalMethods().getUsageInstance();
}

async function parsedWithCommand(skip: boolean): Promise<UsageInternals> {
  const base = yargs(["go"]).exitProcess(false);
  const parser = (skip ? skipHelpCache(base) : base).command("go", "Go somewhere", (y) => y.option("far", { type: "boolean", describe: "How far" }), () => undefined);
  await parser.parse(["go"]);
  return usageOf(parser);
}

describe("yargs' help caching after a command handler", () => {
  it("happens without skipHelpCache (the control: the hook still finds what it turns off)", async () => {
    expect((await parsedWithCommand(false)).hasCachedHelpMessage()).toBe(true);
  });

  it("does not happen with it", async () => {
    expect((await parsedWithCommand(true)).hasCachedHelpMessage()).toBe(false);
  });

  it("leaves a parser without yargs' internal methods as it was", () => {
    const stranger = { option: () => stranger };
    expect(skipHelpCache(stranger as never)).toBe(stranger);
  });
});

describe("help texts of the bundled CLI, whose string-width loads on first use", () => {
  const cases = [["--help"], ["scan", "--help"], ["collect", "--help"], ["explain", "--help"], ["rules", "--help"]].map((args) => [args.join(" "), args] as const);
  it.each(cases)("%s is the text the source renders", async (_name, args) => {
    const source = await parseCommandLine(args, toolVersion());
    const bundled = await runCli(args);
    expect(source.kind).toBe("text");
    expect({ code: bundled.code, stdout: bundled.stdout, stderr: bundled.stderr }).toEqual({ code: 0, stdout: source.kind === "text" ? source.text : "", stderr: "" });
  });
});
