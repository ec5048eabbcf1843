import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CALLER_IDENTITY_FILE, COMMAND_FILES } from "../../../src/collectors/aws-cli-files.js";
import type { Snapshot } from "../../../src/snapshot/types.js";

/**
 * Writes a snapshot's first account and region as an --aws-cli-dir directory (one file per command, as
 * scripts/dump-aws-cli.sh lays it out). Returns the region directory.
 */
export function writeAwsCliDump(root: string, snapshot: Snapshot): string {
  const [account, accountData] = Object.entries(snapshot.accounts)[0]!;
  const [region, regionData] = Object.entries(accountData.regions)[0]!;
  const dir = path.join(root, region);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(root, CALLER_IDENTITY_FILE), JSON.stringify({ UserId: "AIDATEST", Account: account, Arn: `arn:aws:iam::${account}:user/t` }));
  for (const command of COMMAND_FILES) {
    const record = regionData.calls[command.call];
    if (record?.status === "ok") writeFileSync(path.join(dir, command.file), `${JSON.stringify(record.data, null, 4)}\n`);
  }
  return dir;
}
