/**
 * A loopback AWS-compatible server for collector tests and the benchmark: EC2 Query (XML), STS Query, Lambda
 * REST-JSON, Service Quotas, Resource Groups Tagging API and CloudWatch JSON, serving a ServedAccount, with fault
 * injection. It records every request it receives. Start it on 127.0.0.1 with a random port; point SDK clients at `url`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { indexRegion, type RegionIndex, type ServedAccount } from "./account.js";
import { handleEc2 } from "./ec2.js";
import { faultFor, seededRandom, type Fault, type Faults } from "./faults.js";
import { getCallerIdentity, getFunctionConfiguration, getMetricData, getResources, listFunctions, serviceQuota } from "./json-services.js";
import { DENIED, errorResponse, SERVER_ERROR, THROTTLE, type Service, type WireResponse } from "./protocol.js";

export type { ServedAccount } from "./account.js";
export { KMS_CIPHERTEXT_SAMPLE, asListed } from "./account.js";
export type { Faults } from "./faults.js";

export interface RecordedRequest {
  readonly service: Service;
  readonly operation: string;
  readonly region: string;
  readonly status: number;
  readonly fault: Fault;
}

export interface AwsTestServer {
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  /** IAM actions of every request received ("ec2:DescribeVpcs", "tag:GetResources"...). */
  actions(): Set<string>;
  /** Requests being answered right now, and the most there ever were at once. */
  inFlight(): number;
  maxInFlight(): number;
  setFaults(faults: Faults): void;
  close(): Promise<void>;
}

const TARGETS: Readonly<Record<string, "servicequotas" | "cloudwatch" | "tag">> = {
  ServiceQuotasV20190624: "servicequotas",
  ResourceGroupsTaggingAPI_20170126: "tag",
  GraniteServiceVersion20100801: "cloudwatch",
};

export async function startAwsServer(account: ServedAccount, initialFaults: Faults = {}): Promise<AwsTestServer> {
  const regions = new Map<string, RegionIndex>(Object.entries(account.regions).map(([name, calls]) => [name, indexRegion(account, calls)]));
  const enabled = (name: string): RegionIndex | undefined => {
    const status = account.optIn?.[name];
    return status === "not-opted-in" ? undefined : regions.get(name);
  };
  let faults = initialFaults;
  let random = seededRandom(faults.seed ?? 1);
  let nextRequestId = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const requests: RecordedRequest[] = [];

  const answer = async (req: IncomingMessage, body: string): Promise<WireResponse> => {
    const requestId = `req-${String(++nextRequestId).padStart(8, "0")}`;
    const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? "");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = routeOf(req, url, body, scope?.[2]);
    if (!scope || !route) {
      return { status: 403, headers: { "content-type": "text/plain" }, body: "MissingAuthenticationToken" };
    }
    const regionName = scope[1] as string;
    if (faults.latencyMs) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    const fault = faultFor(faults, random, `${route.service}:${route.operation}`);
    const injected = fault === "deny" ? DENIED : fault === "throttle" ? THROTTLE : fault === "server-error" ? SERVER_ERROR : undefined;
    const response = injected
      ? errorResponse(route.service, ...(injected[route.service] as [number, string, string]), requestId)
      : dispatch(route, regionName, url, body, requestId);
    requests.push({ service: route.service, operation: route.operation, region: regionName, status: response.status, fault });
    return response;
  };

  const dispatch = (route: Route, regionName: string, url: URL, body: string, requestId: string): WireResponse => {
    const region = enabled(regionName);
    const pageCap = faults.pageSize;
    switch (route.service) {
      case "ec2":
        return handleEc2({ operation: route.operation, params: route.form, region, regionName, account, requestId, pageCap });
      case "sts":
        return getCallerIdentity(account, requestId);
      default:
        if (region === undefined) return errorResponse(route.service, 403, "UnrecognizedClientException", "The security token included in the request is invalid.", requestId);
    }
    switch (route.operation) {
      case "ListFunctions":
        return listFunctions(region, url.searchParams, pageCap, requestId);
      case "GetFunctionConfiguration":
        return getFunctionConfiguration(region, decodeURIComponent(url.pathname.split("/")[3] ?? ""), requestId);
      case "GetResources":
        return getResources(region, JSON.parse(body || "{}"), pageCap, requestId);
      case "GetServiceQuota":
      case "GetAWSDefaultServiceQuota":
        return serviceQuota(region, route.operation, JSON.parse(body || "{}"), requestId);
      case "GetMetricData":
        return getMetricData(region, JSON.parse(body || "{}"), pageCap, requestId);
      default:
        return errorResponse(route.service, 400, "UnknownOperationException", route.operation, requestId);
    }
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      answer(req, Buffer.concat(chunks).toString("utf8"))
        .then((response) => {
          res.writeHead(response.status, { ...response.headers, "content-length": Buffer.byteLength(response.body) });
          res.end(response.body);
        })
        .catch((error: unknown) => {
          res.writeHead(500, { "content-type": "text/plain" });
          res.end(`test server bug: ${String(error)}`);
        })
        .finally(() => {
          inFlight -= 1;
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    actions: () => new Set(requests.map((r) => `${r.service}:${r.operation}`)),
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    setFaults(next) {
      faults = next;
      random = seededRandom(next.seed ?? 1);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

type Route =
  | { readonly service: "ec2" | "sts"; readonly operation: string; readonly form: URLSearchParams }
  | { readonly service: "lambda" | "servicequotas" | "cloudwatch" | "tag"; readonly operation: string };

function routeOf(req: IncomingMessage, url: URL, body: string, signingName: string | undefined): Route | undefined {
  const target = req.headers["x-amz-target"];
  if (typeof target === "string") {
    const [prefix, operation] = target.split(".");
    const service = TARGETS[prefix ?? ""];
    return service && operation ? { service, operation } : undefined;
  }
  if (req.method === "GET" && /^\/2015-03-31\/functions\/[^/]+\/configuration$/.test(url.pathname)) return { service: "lambda", operation: "GetFunctionConfiguration" };
  if (req.method === "GET" && url.pathname.startsWith("/2015-03-31/functions")) return { service: "lambda", operation: "ListFunctions" };
  if (req.method === "POST") {
    const form = new URLSearchParams(body);
    const operation = form.get("Action");
    if (!operation) return undefined;
    return { service: signingName === "sts" ? "sts" : "ec2", operation, form };
  }
  return undefined;
}
