import { UsageError } from "../../errors.js";
import { buildModel } from "../../model/index.js";
import { isKnownService, SERVICES } from "../../model/services.js";
import { renderExplain, renderNotInVpc } from "../../report/index.js";
import { closeNames } from "../close-names.js";
import { colorLevel } from "../color.js";
import { findFunctions, listFunctions } from "../find-function.js";
import { obtainScanInput } from "../input.js";
import type { CliIo } from "../io.js";

export interface ExplainArgs {
  readonly function: string;
  readonly snapshot: string;
  readonly service: string;
}

function validate(args: ExplainArgs): void {
  if (args.snapshot === "") throw new UsageError("--snapshot: expected a snapshot file path");
  if (!isKnownService(args.service)) {
    throw new UsageError(`--service: expected one of ${SERVICES.map((s) => s.id).join(", ")}; got "${args.service}"`);
  }
}

/** explain: the hop-by-hop trace of each of the function's subnets to the service. */
export async function runExplain(args: ExplainArgs, io: CliIo): Promise<number> {
  validate(args);
  const input = await obtainScanInput({ kind: "file", path: args.snapshot }, io);
  const matches = findFunctions(input.snapshot, args.function);
  if (matches.length === 0) {
    const names = closeNames(args.function, listFunctions(input.snapshot).map(({ fn }) => fn.FunctionName));
    const hint = names.length > 0 ? `; close names: ${names.join(", ")}` : "; the snapshot has no function with a similar name";
    throw new UsageError(`no function "${args.function}" in ${input.path}${hint}`);
  }
  const model = buildModel(input.snapshot, { servicesFor: () => [args.service] });
  const level = colorLevel(io.env, io.stdoutIsTTY);
  const sections: string[] = [];
  for (const { fn } of matches) {
    const paths = model.pathsFor(fn.FunctionArn, args.service);
    sections.push(
      paths.length > 0
        ? renderExplain(paths, level)
        : renderNotInVpc(fn.FunctionName, fn.FunctionArn, args.service),
    );
  }
  io.stdout(sections.join("\n"));
  return 0;
}
