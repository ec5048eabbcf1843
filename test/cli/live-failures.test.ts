/**
 * Live collection against endpoints that fail (issue 11, items 4 and 5): each failure is one line on stderr that says
 * what went wrong (network, endpoint, region, service, credentials) and what to do, exit 2, no file written, and
 * never the SDK's internals. Through the built CLI, with a short --timeout.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Snapshot } from "../../src/snapshot/types.js";
import { startAwsServer, type AwsTestServer } from "../support/aws-server/index.js";
import { closedPortUrl, startSilentServer, startStatusServer, type BrokenEndpoint } from "../support/aws-server/broken.js";
import { removeDirectory, runCli, scratchDirectory, type CliRun } from "./support/run-cli.js";

const REGION = "ap-northeast-1";
let scratch = "";
const open: BrokenEndpoint[] = [];

beforeAll(() => {
  scratch = scratchDirectory();
});
afterAll(async () => {
  await Promise.all(open.map((endpoint) => endpoint.close()));
  removeDirectory(scratch);
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { HOME: scratch, AWS_ACCESS_KEY_ID: "AKIDKMSAUDITTEST", AWS_SECRET_ACCESS_KEY: "kms-audit-test-secret", AWS_EC2_METADATA_DISABLED: "true", ...extra };
}

async function keep(endpoint: Promise<BrokenEndpoint>): Promise<BrokenEndpoint> {
  const started = await endpoint;
  open.push(started);
  return started;
}

let outputs = 0;
/** A deadline no failing endpoint below needs (the SDK retries 8 times with backoff); the silent one uses a short one. */
const GENEROUS = "60";

async function collectFrom(endpointUrl: string | undefined, extra: { env?: Record<string, string>; timeout?: string } = {}): Promise<CliRun & { line: string; output: string }> {
  const output = path.join(scratch, `snapshot-${++outputs}.json`);
  const args = ["collect", "--region", REGION, "--timeout", extra.timeout ?? GENEROUS, "--output", output, ...(endpointUrl === undefined ? [] : ["--endpoint-url", endpointUrl])];
  const run = await runCli(args, { env: env(extra.env) });
  const lines = run.stderr.split("\n").filter((l) => l !== "");
  expect({ code: run.code, lines: lines.length, written: existsSync(output) }).toEqual({ code: 2, lines: 1, written: false });
  expect(run.stderr).not.toMatch(/@smithy|@aws-sdk|node_modules|\n\s+at |Could not load credentials from any providers/);
  return { ...run, line: lines[0]!, output };
}

describe("a live collection that can't reach AWS says why, in one line, exit 2", () => {
  it("a closed port: connection refused, and where to look", async () => {
    const url = await closedPortUrl();
    const { line } = await collectFrom(url);
    expect(line).toMatch(/^kms-audit: STS GetCallerIdentity in ap-northeast-1: connection refused by 127\.0\.0\.1:\d+ \(\d+ attempts\): check the endpoint URL \(--endpoint-url, AWS_ENDPOINT_URL\)/);
  });

  it("a server that accepts connections and never answers: stopped at --timeout, naming the waiting call", async () => {
    const silent = await keep(startSilentServer());
    const { line } = await collectFrom(silent.url, { timeout: "4" });
    expect(line).toMatch(/^kms-audit: collection did not finish within 4 s \(--timeout\): still waiting for GetCallerIdentity in ap-northeast-1 \(\d+ s\): .*raise --timeout$/);
    expect(silent.requests()).toBeGreaterThan(0);
  });

  it("HTTP 500 from something that is not AWS (an HTML error page): a server failure, not the credentials", async () => {
    const failing = await keep(startStatusServer(500, "<!doctype html><html><title>500: oops</title></html>"));
    const { line } = await collectFrom(failing.url);
    expect(line).toMatch(/^kms-audit: STS GetCallerIdentity in ap-northeast-1: http:\/\/127\.0\.0\.1:\d+ answered HTTP 500 without an AWS error .*: the service behind the endpoint URL is failing/);
    expect(line).not.toMatch(/credentials/);
  });

  it("HTTP 503 with AWS's own error: its code and message", async () => {
    const body = "<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>Service is unavailable</Message></Error><RequestId>r</RequestId></ErrorResponse>";
    const failing = await keep(startStatusServer(503, body, "text/xml"));
    const { line } = await collectFrom(failing.url);
    expect(line).toMatch(/answered HTTP 503 \(ServiceUnavailable: Service is unavailable\)/);
  });

  it.each([
    ["InvalidClientTokenId", "The security token included in the request is invalid.", /AWS rejected the credentials \(InvalidClientTokenId: The security token included in the request is invalid\.\): configure credentials/],
    ["SignatureDoesNotMatch", "The request signature we calculated does not match.", /AWS rejected the credentials \(SignatureDoesNotMatch: .*\): configure credentials/],
    ["ExpiredToken", "The security token included in the request is expired", /AWS rejected the credentials \(ExpiredToken: .*\): refresh them/],
  ])("credentials rejected (%s): says so and how to fix it", async (code, message, expected) => {
    const body = `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
    const rejecting = await keep(startStatusServer(403, body, "text/xml"));
    const { line } = await collectFrom(rejecting.url);
    expect(line).toMatch(expected);
    expect(line).toContain("--snapshot FILE");
  });

  it("an endpoint URL that is not a URL: on the command line, and in AWS_ENDPOINT_URL", async () => {
    const flag = await collectFrom("not a url");
    expect(flag.line).toBe('kms-audit: --endpoint-url: expected an http(s) URL such as http://localhost:4566; got "not a url"');
    const variable = await collectFrom(undefined, { env: { AWS_ENDPOINT_URL: "not a url" } });
    expect(variable.line).toMatch(/the endpoint URL is not a valid URL: give an http\(s\) URL/);
  });

  it("an invalid region name", async () => {
    const url = await closedPortUrl();
    const run = await runCli(["collect", "--region", "not a region!", "--endpoint-url", url, "--timeout", GENEROUS, "--output", path.join(scratch, "r.json")], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^kms-audit: STS GetCallerIdentity in not a region!: "not a region!" is not a valid region name: give a region such as ap-northeast-1/);
  });

  it("scan (live) stops the same way", async () => {
    const url = await closedPortUrl();
    const run = await runCli(["scan", "--region", REGION, "--endpoint-url", url, "--timeout", GENEROUS], { env: env() });
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
    expect(run.stderr).toMatch(/^kms-audit: STS GetCallerIdentity in ap-northeast-1: connection refused by/);
  });

  it("a server's message reaches the error line with its control characters made visible", async () => {
    const hostile = "bad token\u001b]0;pwned title\u0007\rkms-audit: all fine \u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\";
    const body = `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>${hostile}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
    const rejecting = await keep(startStatusServer(403, body, "text/xml"));
    const { stderr, line } = await collectFrom(rejecting.url);
    expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    // AWS's message is put on one line first: the CR became a space, the escapes are shown as text.
    expect(line).toContain("bad token\\x1b]0;pwned title\\x07 kms-audit: all fine \\x1b]8;;https://evil.example\\x1b\\click\\x1b]8;;\\x1b\\");
  });

  it("a crafted function name reaches the error line with ESC, BEL, CR and OSC 8 made visible", async () => {
    const name = "evil\u001b]0;title\u0007\rfine\u001b]8;;https://evil.example\u001b\\x";
    const run = await runCli(["explain", name, "--snapshot", "fixtures/nat-path-works.snapshot.json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(run.stderr).toContain('no function "evil\\x1b]0;title\\x07\\x0dfine\\x1b]8;;https://evil.example\\x1b\\x"');
  });
});

describe("failures after the first call", () => {
  let server: AwsTestServer;
  beforeAll(async () => {
    const fixture = JSON.parse(readFileSync("fixtures/nat-path-works.snapshot.json", "utf8")) as Snapshot;
    const [accountId, account] = Object.entries(fixture.accounts)[0]!;
    server = await startAwsServer({ accountId, regions: { [REGION]: account.regions[REGION]!.calls } });
  });
  afterAll(async () => {
    await server.close();
  });

  it("a service whose endpoint refuses connections stops the collection, naming the call", async () => {
    const url = await closedPortUrl();
    const { line } = await collectFrom(undefined, { env: { AWS_ENDPOINT_URL: server.url, AWS_ENDPOINT_URL_LAMBDA: url } });
    expect(line).toMatch(/^kms-audit: ListFunctions in ap-northeast-1: connection refused by 127\.0\.0\.1:\d+/);
  });

  it("a denied call stays a gap, and the collection goes on", async () => {
    server.setFaults({ deny: ["ec2:DescribeNetworkAcls"] });
    try {
      const output = path.join(scratch, "denied.json");
      const run = await runCli(["collect", "--region", REGION, "--endpoint-url", server.url, "--timeout", GENEROUS, "--output", output], { env: env() });
      expect(run.code).toBe(0);
      const snapshot = JSON.parse(readFileSync(output, "utf8")) as Snapshot;
      expect(Object.values(snapshot.accounts)[0]!.regions[REGION]!.calls.DescribeNetworkAcls).toEqual({
        status: "failed",
        error: { code: "UnauthorizedOperation", message: "You are not authorized to perform this operation." },
      });
    } finally {
      server.setFaults({});
    }
  });
});
