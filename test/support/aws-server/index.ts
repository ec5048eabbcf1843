/**
 * A loopback AWS-compatible server for collector tests and the benchmark: EC2 Query (XML), STS Query, Lambda
 * REST-JSON, Service Quotas, Resource Groups Tagging API and CloudWatch JSON, serving a ServedAccount, with fault
 * injection. It records every request it receives. Start it on 127.0.0.1 with a random port; point SDK clients at `url`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { indexRegion, type RegionIndex, type ServedAccount } from "./account.js";
import { profilesList, profilesOperation, resolverList } from "./dns-rules.js";
import { handleEc2 } from "./ec2.js";
import { faultFor, seededRandom, type Fault, type Faults } from "./faults.js";
import { getCallerIdentity, getFunctionConfiguration, getMetricData, getResources, listFunctions, serviceQuota } from "./json-services.js";
import { createSessions, isOrganization, listAccounts, type ServedOrganization } from "./organization.js";
import { DENIED, errorResponse, SERVER_ERROR, THROTTLE, type Service, type WireResponse } from "./protocol.js";
import { handleRoute53, route53Operation } from "./route53.js";

export type { ServedAccount } from "./account.js";
export type { ServedOrganization } from "./organization.js";
export { KMS_CIPHERTEXT_SAMPLE, asListed } from "./account.js";
export type { Faults } from "./faults.js";

export interface RecordedRequest {
  /** The account the request acted as (its credentials). */
  readonly account: string;
  readonly service: Service;
  readonly operation: string;
  readonly region: string;
  readonly status: number;
  readonly fault: Fault;
}

export interface AwsTestServer {
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  /** Successful STS AssumeRole calls per target account. */
  readonly assumed: ReadonlyMap<string, number>;
  /** IAM actions of every request received ("ec2:DescribeVpcs", "tag:GetResources"...). */
  actions(): Set<string>;
  /** Requests being answered right now, and the most there ever were at once. */
  inFlight(): number;
  maxInFlight(): number;
  setFaults(faults: Faults): void;
  close(): Promise<void>;
}

const TARGETS: Readonly<Record<string, "servicequotas" | "cloudwatch" | "tag" | "route53resolver" | "organizations">> = {
  ServiceQuotasV20190624: "servicequotas",
  ResourceGroupsTaggingAPI_20170126: "tag",
  GraniteServiceVersion20100801: "cloudwatch",
  Route53Resolver: "route53resolver",
  AWSOrganizationsV20161128: "organizations",
};

/** Serves one account, or an organization of several (each request answered as the account its credentials act as). */
export async function startAwsServer(served: ServedAccount | ServedOrganization, initialFaults: Faults = {}): Promise<AwsTestServer> {
  const organization = isOrganization(served) ? served : undefined;
  const accounts = new Map((organization?.accounts ?? [served as ServedAccount]).map((a) => [a.accountId, a]));
  const callerAccount = organization?.callerAccountId ?? (served as ServedAccount).accountId;
  if (!accounts.has(callerAccount)) accounts.set(callerAccount, { accountId: callerAccount, regions: {} });
  const sessions = organization ? createSessions(organization) : undefined;
  const indexes = new Map<string, Map<string, RegionIndex>>();
  const regionsOf = (account: ServedAccount): Map<string, RegionIndex> => {
    let regions = indexes.get(account.accountId);
    if (!regions) {
      regions = new Map(Object.entries(account.regions).map(([name, calls]) => [name, indexRegion(account, calls)]));
      indexes.set(account.accountId, regions);
    }
    return regions;
  };
  const enabled = (account: ServedAccount, name: string): RegionIndex | undefined => {
    const status = account.optIn?.[name];
    return status === "not-opted-in" ? undefined : regionsOf(account).get(name);
  };
  let faults = initialFaults;
  let random = seededRandom(faults.seed ?? 1);
  let nextRequestId = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const requests: RecordedRequest[] = [];

  const answer = async (req: IncomingMessage, body: string): Promise<WireResponse> => {
    const requestId = `req-${String(++nextRequestId).padStart(8, "0")}`;
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? "");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = routeOf(req, url, body, scope?.[3]);
    if (!scope || !route) {
      return { status: 403, headers: { "content-type": "text/plain" }, body: "MissingAuthenticationToken" };
    }
    const regionName = scope[2] as string;
    const actingAs = sessions ? sessions.accountOf(scope[1] as string, Date.now()) : callerAccount;
    const account = actingAs === undefined ? undefined : accounts.get(actingAs);
    if (faults.latencyMs) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    const fault = faultFor(faults, random, `${route.service}:${route.operation}`);
    const injected = fault === "deny" ? DENIED : fault === "throttle" ? THROTTLE : fault === "server-error" ? SERVER_ERROR : undefined;
    const response = injected
      ? errorResponse(route.service, ...(injected[route.service] as [number, string, string]), requestId)
      : account === undefined
        ? errorResponse(route.service, 403, "ExpiredToken", "The security token included in the request is expired", requestId)
        : dispatch(account, route, regionName, url, body, requestId);
    requests.push({ account: actingAs ?? "", service: route.service, operation: route.operation, region: regionName, status: response.status, fault });
    return response;
  };

  const dispatch = (account: ServedAccount, route: Route, regionName: string, url: URL, body: string, requestId: string): WireResponse => {
    const region = enabled(account, regionName);
    const pageCap = faults.pageSize;
    switch (route.service) {
      case "ec2":
        return handleEc2({ operation: route.operation, params: route.form, region, regionName, account, requestId, pageCap });
      case "sts":
        if (route.operation === "AssumeRole" && sessions) return sessions.assumeRole(route.form, account.accountId, requestId, Date.now());
        return getCallerIdentity(account, requestId);
      case "route53":
        return handleRoute53(account, route.operation, url, pageCap, requestId);
      case "organizations":
        if (!organization || account.accountId !== organization.callerAccountId) {
          return errorResponse("organizations", 400, "AWSOrganizationsNotInUseException", "Your account is not a member of an organization.", requestId);
        }
        return listAccounts(organization, JSON.parse(body || "{}"), pageCap, requestId);
      default:
        if (region === undefined) return errorResponse(route.service, 403, "UnrecognizedClientException", "The security token included in the request is invalid.", requestId);
    }
    switch (route.service) {
      case "route53resolver":
        return resolverList(region, route.operation, JSON.parse(body || "{}"), pageCap, requestId);
      case "route53profiles":
        return profilesList(region, route.operation, url, pageCap, requestId);
      default:
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
    assumed: sessions?.assumed ?? new Map(),
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
  | { readonly service: Exclude<Service, "ec2" | "sts">; readonly operation: string };

function routeOf(req: IncomingMessage, url: URL, body: string, signingName: string | undefined): Route | undefined {
  const target = req.headers["x-amz-target"];
  if (typeof target === "string") {
    const [prefix, operation] = target.split(".");
    const service = TARGETS[prefix ?? ""];
    return service && operation ? { service, operation } : undefined;
  }
  if (req.method === "GET" && /^\/2015-03-31\/functions\/[^/]+\/configuration$/.test(url.pathname)) return { service: "lambda", operation: "GetFunctionConfiguration" };
  if (req.method === "GET" && url.pathname.startsWith("/2015-03-31/functions")) return { service: "lambda", operation: "ListFunctions" };
  const route53 = route53Operation(req.method ?? "", url.pathname);
  if (route53) return { service: "route53", operation: route53 };
  const profiles = profilesOperation(req.method ?? "", url.pathname);
  if (profiles) return { service: "route53profiles", operation: profiles };
  if (req.method === "POST") {
    const form = new URLSearchParams(body);
    const operation = form.get("Action");
    if (!operation) return undefined;
    return { service: signingName === "sts" ? "sts" : "ec2", operation, form };
  }
  return undefined;
}
