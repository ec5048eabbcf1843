import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readAwsCliDir } from "../../../src/collectors/aws-cli-dir.js";
import { collect } from "../../../src/collectors/index.js";
import { REGION } from "../../support/build.js";
import { startAwsServer } from "../../support/aws-server/index.js";
import { normalise, SECOND_REGION, servedAccount, TEST_CREDENTIALS } from "../accounts.js";
test("dump", async () => {
  const server = await startAwsServer(servedAccount());
  const out = join(await mkdtemp(join(tmpdir(), "dump-")), "d");
  try {
    const r = await promisify(execFile)("bash", ["scripts/dump-aws-cli.sh", out, REGION, SECOND_REGION], {
      env: { ...process.env, AWS_ENDPOINT_URL: server.url, AWS_ACCESS_KEY_ID: "AKIDTEST", AWS_SECRET_ACCESS_KEY: "x", AWS_DEFAULT_REGION: REGION, AWS_EC2_METADATA_DISABLED: "true" },
    });
    console.log(r.stderr);
    const fromCli = await readAwsCliDir(out);
    const live = await collect({ regions: [REGION, SECOND_REGION], endpointUrl: server.url, credentials: TEST_CREDENTIALS });
    expect(normalise(fromCli.accounts)).toEqual(normalise(live.accounts));
  } finally { console.log(out); await server.close(); }
}, 120000);
