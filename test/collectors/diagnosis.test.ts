import { collect } from "../../src/collectors/index.js";
import { diagnose, isFatal } from "../../src/collectors/diagnosis.js";
import { callError, createCallRunner } from "../../src/collectors/call-record.js";
import type { ProgressTracker } from "../../src/collectors/progress.js";
import { runCli } from "../../src/cli/run.js";
import { UsageError } from "../../src/errors.js";
import { startSilentServer, type BrokenEndpoint } from "../support/aws-server/broken.js";
import { TEST_CREDENTIALS } from "./accounts.js";

const AT = { region: "ap-northeast-1" };
const AT_EMULATOR = { region: "ap-northeast-1", endpoint: "http://localhost:4566" };

function nodeError(code: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${code} something internal`), { code, ...extra });
}

function awsError(name: string, status: number, message = "AWS says no"): Error {
  return Object.assign(new Error(message), { name, Code: name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status, attempts: 1 } });
}

describe("diagnose", () => {
  it.each([
    [nodeError("ENOTFOUND", { hostname: "sts.xx-fake-1.amazonaws.com" }), AT, "network", "DNS could not resolve sts.xx-fake-1.amazonaws.com", "check the region name (ap-northeast-1)"],
    [nodeError("EAI_AGAIN", { hostname: "emulator" }), AT_EMULATOR, "network", "DNS could not resolve emulator", "check the host name of the endpoint URL"],
    [nodeError("ECONNREFUSED", { address: "127.0.0.1", port: 9 }), AT_EMULATOR, "network", "connection refused by 127.0.0.1:9", "check the endpoint URL"],
    [nodeError("ECONNRESET"), AT, "network", "the connection to the AWS endpoint failed (ECONNRESET)", "check the network path to AWS"],
    [nodeError("UNABLE_TO_VERIFY_LEAF_SIGNATURE"), AT, "network", "the TLS handshake with the AWS endpoint failed (UNABLE_TO_VERIFY_LEAF_SIGNATURE)", "NODE_EXTRA_CA_CERTS"],
    [Object.assign(new Error("@smithy/node-http-handler - [ERROR] a request has exceeded the configured 60000 ms requestTimeout."), { name: "TimeoutError" }), AT, "timeout", "no answer from the AWS endpoint in time", "check the network path to AWS"],
    [Object.assign(new TypeError("Invalid URL"), { code: "ERR_INVALID_URL" }), AT, "endpoint", "the endpoint URL is not a valid URL", "http://localhost:4566"],
    [new Error('Region not accepted: region="no" is not a valid hostname component.'), { region: "no" }, "region", '"no" is not a valid region name', "--region"],
    [Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }), AT, "credentials", "no AWS credentials found", "--snapshot FILE"],
    [awsError("InvalidClientTokenId", 403), AT, "credentials", "AWS rejected the credentials (InvalidClientTokenId: AWS says no)", "configure credentials"],
    [awsError("ExpiredTokenException", 400), AT, "credentials", "AWS rejected the credentials (ExpiredTokenException: AWS says no)", "refresh them"],
    [awsError("UnauthorizedOperation", 403), AT, "permission", "permission denied (UnauthorizedOperation: AWS says no)", "docs/iam-policy.json"],
    [awsError("RequestLimitExceeded", 503), AT, "throttled", "throttled by AWS after retries (RequestLimitExceeded)", "--concurrency"],
    [awsError("InternalError", 500), AT, "server", "the AWS endpoint answered HTTP 500 (InternalError: AWS says no)", "run again later"],
    [awsError("Unknown", 502, "Unknown"), AT_EMULATOR, "server", "http://localhost:4566 answered HTTP 502 without an AWS error", "the service behind the endpoint URL is failing"],
  ])("%s", (error, place, kind, what, next) => {
    const failure = diagnose(error, place);
    expect(failure.kind).toBe(kind);
    expect(failure.what).toContain(what);
    expect(failure.next).toContain(next);
    expect(`${failure.what} ${failure.next}`).not.toMatch(/smithy|something internal|any providers/);
  });

  it("stops the collection for network, timeout, endpoint and region failures only", () => {
    const fatal = ["network", "timeout", "endpoint", "region"];
    for (const kind of ["network", "timeout", "endpoint", "region", "server", "credentials", "permission", "throttled", "other"] as const) {
      expect(isFatal({ kind, code: "X", what: "", next: "" })).toBe(fatal.includes(kind));
    }
  });

  it("a gap keeps AWS's code and message, and names other failures without the SDK's words", () => {
    expect(callError(awsError("AccessDeniedException", 403, "not authorized"))).toEqual({ code: "AccessDeniedException", message: "not authorized" });
    expect(callError(awsError("Unknown", 502, "Unknown"), AT)).toEqual({ code: "HTTP502", message: "the AWS endpoint answered HTTP 502 without an AWS error (a proxy or a load balancer in between?)" });
  });
});

describe("timeouts", () => {
  let silent: BrokenEndpoint;
  beforeAll(async () => {
    silent = await startSilentServer();
  });
  afterAll(async () => {
    await silent.close();
  });

  it("every request has a timeout: a server that never answers fails the call instead of hanging", async () => {
    const failure = await collect({
      regions: ["ap-northeast-1"],
      endpointUrl: silent.url,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
      httpTimeouts: { requestTimeout: 300, connectionTimeout: 300 },
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(UsageError);
    expect((failure as Error).message).toBe(
      `STS GetCallerIdentity in ap-northeast-1: no answer from ${silent.url} in time: check the endpoint URL (--endpoint-url, AWS_ENDPOINT_URL) and that the service behind it is running`,
    );
  });

  it("on a terminal, the progress line appears at once and names the call that is slow", async () => {
    const writes: string[] = [];
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, AWS_EC2_METADATA_DISABLED: "true" });
    try {
      const code = await runCli(["collect", "--region", "ap-northeast-1", "--endpoint-url", silent.url, "--timeout", "4.5", "--output", "/nonexistent-dir/never.json"], {
        stdout: () => undefined,
        stderr: (text) => writes.push(text),
        stdoutIsTTY: false,
        stderrIsTTY: true,
        env: {},
        cwd: process.cwd(),
      });
      expect(code).toBe(2);
    } finally {
      process.env = saved;
    }
    expect(writes[0]).toMatch(/^\r\u001b\[2Kcollecting: 0\/0 regions, 0\/\d calls$/);
    expect(writes.some((w) => /^\r\u001b\[2Kcollecting: .* · slow: ap-northeast-1 GetCallerIdentity \d+s$/.test(w))).toBe(true);
    expect(writes.at(-2)).toBe("\r\u001b[2K");
    expect(writes.at(-1)).toMatch(/^kms-audit: collection did not finish within 4.5 s \(--timeout\): still waiting for GetCallerIdentity in ap-northeast-1/);
  });
});

describe("a service not offered in every region", () => {
  const progress = { callStarted: () => () => undefined } as unknown as ProgressTracker;
  const unresolvable = () => Promise.reject(nodeError("ENOTFOUND", { hostname: "route53profiles.xx-new-1.amazonaws.com" }));

  it("makes an unresolvable Route 53 Profiles endpoint a gap of that call, and the collection goes on", async () => {
    const stops: UsageError[] = [];
    const run = createCallRunner({ region: "xx-new-1" }, new AbortController().signal, progress, (e) => stops.push(e));
    const record = await run("ListProfiles", unresolvable);
    expect(record).toEqual({ status: "failed", error: { code: "ServiceNotInRegion", message: "DNS could not resolve route53profiles.xx-new-1.amazonaws.com: the service is probably not offered in xx-new-1" } });
    expect(stops).toEqual([]);
  });

  it("still stops on the same failure of any other call, or behind an endpoint URL", async () => {
    const stops: UsageError[] = [];
    const run = createCallRunner({ region: "xx-new-1" }, new AbortController().signal, progress, (e) => stops.push(e));
    await expect(run("DescribeVpcs", unresolvable)).rejects.toThrow("collection interrupted");
    const behindEmulator = createCallRunner({ region: "xx-new-1", endpoint: "http://emulator:4566" }, new AbortController().signal, progress, (e) => stops.push(e));
    await expect(behindEmulator("ListProfiles", unresolvable)).rejects.toThrow("collection interrupted");
    expect(stops.map((e) => e.message)).toEqual([
      "DescribeVpcs in xx-new-1: DNS could not resolve route53profiles.xx-new-1.amazonaws.com: check the region name (xx-new-1) and the machine's DNS settings",
      "ListProfiles in xx-new-1: DNS could not resolve route53profiles.xx-new-1.amazonaws.com: check the host name of the endpoint URL (--endpoint-url, AWS_ENDPOINT_URL) and the machine's DNS settings",
    ]);
  });
});
