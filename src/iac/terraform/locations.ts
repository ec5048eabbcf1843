import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SourceLocation } from "../planned.js";
import { configAddress, type ConfigModule } from "./plan.js";

const BLOCK = /^[ \t]*(resource|data)[ \t]+"([^"]+)"[ \t]+"([^"]+)"/gm;

async function tfFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(".tf")).sort().map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

/** The line of every `resource "type" "name"` and `data "type" "name"` block of a module's .tf files. */
async function blocksIn(dir: string, module: string, sink: Map<string, SourceLocation>): Promise<void> {
  for (const file of await tfFiles(dir)) {
    const text = await readFile(file, "utf8");
    for (const match of text.matchAll(BLOCK)) {
      const line = text.slice(0, match.index).split("\n").length;
      const column = (match[0].length - match[0].trimStart().length) + 1;
      const local = `${match[1] === "data" ? "data." : ""}${match[2]}.${match[3]}`;
      sink.set(module === "" ? local : `${module}.${local}`, { file, line, column });
    }
  }
}

/**
 * Where each configuration address is written, following local module sources (`./modules/vpc`) from `root`;
 * modules from a registry or git have no files here, and their resources no location.
 */
export async function terraformLocations(root: string, modules: ConfigModule): Promise<(address: string) => SourceLocation | undefined> {
  const sink = new Map<string, SourceLocation>();
  const visit = async (module: ConfigModule, dir: string) => {
    await blocksIn(dir, module.address, sink);
    for (const child of Object.values(module.calls)) {
      if (child.source !== undefined && (child.source.startsWith("./") || child.source.startsWith("../"))) await visit(child, path.join(dir, child.source));
    }
  };
  await visit(modules, root);
  return (address) => sink.get(configAddress(address));
}
