import { build } from "esbuild";
import { NODE_BUNDLE_OPTIONS } from "../../tools/node-bundle-options.js";

/** Compiles a bench entry point the way `npm run build` compiles the CLI, so the bench times the code users run. */
export async function bundleForNode(entry: string, outfile: string): Promise<string> {
  await build({ ...NODE_BUNDLE_OPTIONS, entryPoints: [entry], outfile });
  return outfile;
}
