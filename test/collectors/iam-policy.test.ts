import { readFile } from "node:fs/promises";
import { collect } from "../../src/collectors/index.js";
import { REGION } from "../support/build.js";
import { startAwsServer } from "../support/aws-server/index.js";
import { servedAccount, TEST_CREDENTIALS } from "./accounts.js";

interface Policy {
  readonly Statement: readonly { readonly Effect: string; readonly Action: readonly string[]; readonly Resource: string }[];
}

test("docs/iam-policy.json allows exactly the operations the collectors call, all of them read-only", async () => {
  const server = await startAwsServer(servedAccount());
  try {
    // "all" regions, traffic on, and a region without an applied quota: every code path that calls AWS.
    await collect({ regions: "all", homeRegion: REGION, endpointUrl: server.url, credentials: TEST_CREDENTIALS, withTraffic: true });
    const policy = JSON.parse(await readFile(new URL("../../docs/iam-policy.json", import.meta.url), "utf8")) as Policy;
    const allowed = policy.Statement.flatMap((s) => s.Action);
    expect(policy.Statement.map((s) => [s.Effect, s.Resource])).toEqual([["Allow", "*"]]);
    expect([...server.actions()].sort()).toEqual([...allowed].sort());
    expect(allowed.filter((action) => !/^[a-z0-9]+:(Describe|List|Get)[A-Za-z]+$/.test(action))).toEqual([]);
  } finally {
    await server.close();
  }
});
