import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import type { ComponentRef, Hop, PathAttempt, PathResult, Verdict } from "./types.js";
import { privateDnsCapture, type DnsCapture } from "./dns.js";
import { gapHop, hop, isProblem } from "./hops.js";
import { vpcEndpointsIn } from "./lookups.js";
import { memoised } from "./memo.js";
import { endpointServiceName } from "./services.js";
import type { PathContext } from "./paths/context.js";
import { evaluateEndpointPath } from "./paths/endpoint-path.js";
import { evaluateInternetPath, type InternetAttempt } from "./paths/internet-path.js";
import { nameResolutionHop } from "./name-resolution.js";
import { outcomeOf } from "./hops.js";
import { resolveServiceName, routesBeyondVpc, zoneComponent, type CentralZone, type NameAnswer } from "./service-name.js";
import { evaluateRemoteEndpointPath } from "./paths/remote-endpoint-path.js";

/** The part of a PathResult that depends only on (subnet, security groups, role, service). */
export type Evaluation = Pick<PathResult, "verdict" | "via" | "attempts" | "blocking" | "notes">;

interface Decided {
  readonly verdict: Verdict;
  readonly via?: ComponentRef;
  readonly attempts: readonly PathAttempt[];
  readonly notes: readonly Hop[];
}

function isInterface(endpoint: VpcEndpoint): boolean {
  return (endpoint.VpcEndpointType ?? "Interface").toLowerCase() === "interface";
}

/** Interface endpoints of the VPC for one endpoint service suffix, by id. */
function interfaceEndpoints(ctx: PathContext, suffix: string): readonly VpcEndpoint[] {
  return memoised(ctx.index, ["interface-endpoints", ctx.vpcId, suffix], () => {
    const name = endpointServiceName(ctx.index.region, suffix);
    return vpcEndpointsIn(ctx.index, ctx.vpcId)
      .filter((e) => isInterface(e) && e.ServiceName === name)
      .sort((a, b) => ((a.VpcEndpointId ?? "") < (b.VpcEndpointId ?? "") ? -1 : 1));
  });
}

function reachableVerdict(attempt: PathAttempt): Verdict {
  if (attempt.outcome === "blocked") return "blocked";
  if (attempt.outcome === "unverifiable") return "unverifiable";
  return attempt.kind === "interface-endpoint" || attempt.kind === "gateway-endpoint" ? "reachable-via-endpoint" : "reachable-via-nat";
}

function fromInternet(internet: InternetAttempt, before: readonly PathAttempt[], notes: readonly Hop[]): Decided {
  const verdict = reachableVerdict(internet.attempt);
  const via = verdict.startsWith("reachable") ? internet.attempt.via : undefined;
  return { verdict, ...(via === undefined ? {} : { via }), attempts: [...before, internet.attempt], notes: [...internet.notes, ...notes] };
}

const RANK = { yes: 0, maybe: 1, no: 2 } as const;

/** DNS decides which attempts traffic can take: the capturing endpoint only, the internet only, or either. */
function decideStandard(ctx: PathContext, central?: CentralZone): Decided {
  const { index, service } = ctx;
  const hostname = service.hostname(index.region);
  const gap = gapHop(index, "DescribeVpcEndpoints", `whether an interface endpoint captures ${hostname}`);
  if (gap !== undefined) {
    const endpointAttempt: PathAttempt = { kind: "interface-endpoint", outcome: "unverifiable", hops: [gap] };
    return eitherWay(endpointAttempt, [], evaluateInternetPath(ctx), hostname);
  }
  const candidates = interfaceEndpoints(ctx, service.endpointServiceSuffixes[0] ?? service.id)
    .map((endpoint) => ({ endpoint, dns: privateDnsCapture(index, endpoint, hostname) }))
    .sort((a, b) => RANK[a.dns.capture] - RANK[b.dns.capture]);
  const capturing = candidates[0];
  if (capturing !== undefined && capturing.dns.capture !== "no") {
    const path = evaluateEndpointPath(ctx, capturing.endpoint, capturing.dns.hops);
    if (capturing.dns.capture === "yes") {
      const verdict = reachableVerdict(path.attempt);
      const via = verdict.startsWith("reachable") ? path.attempt.via : undefined;
      return { verdict, ...(via === undefined ? {} : { via }), attempts: [path.attempt], notes: path.notes };
    }
    return eitherWay(path.attempt, path.notes, evaluateInternetPath(ctx), hostname);
  }
  const unused = candidates.map((c) => endpointNotCapturing(ctx, c.endpoint, c.dns));
  const internet = evaluateInternetPath(ctx);
  const reachable = internet.attempt.outcome === "reachable";
  const notes = reachable ? unused.map((u) => u.note) : [];
  const attempts = unused.map((u) => u.attempt);
  if (candidates.length === 0 && internet.attempt.outcome === "blocked" && internet.attempt.kind !== "gateway-endpoint") attempts.push(central === undefined ? noEndpointAttempt(ctx) : zoneNotAssociatedAttempt(ctx, central));
  return fromInternet(internet, attempts, notes);
}

/** A landing zone's zone for the name leads to a central endpoint, but this VPC is not associated with it. */
function zoneNotAssociatedAttempt(ctx: PathContext, central: CentralZone): PathAttempt {
  const host = ctx.service.hostname(ctx.index.region);
  const component = zoneComponent(central.zoneId, central.name, central.owner, ctx.account);
  const detail = `${ctx.vpcId} is not associated with private hosted zone ${central.zoneId} (${central.name}${central.owner === ctx.account ? "" : `, account ${central.owner}`}), which sends ${host} to the central endpoint ${central.endpointId}: here the name resolves to public IPs.`;
  return { kind: "interface-endpoint", outcome: "blocked", hops: [hop(component, "fail", "DNS_ZONE_NOT_ASSOCIATED", detail, { setting: `associate ${central.zoneId} with ${ctx.vpcId}` })] };
}

function verdictOfAll(attempts: readonly PathAttempt[]): Verdict {
  if (attempts.some((a) => a.outcome === "blocked")) return "blocked";
  if (attempts.some((a) => a.outcome === "unverifiable")) return "unverifiable";
  return "reachable-via-endpoint";
}

/** A private hosted zone answers: each record's target is a way the calls go, and every one of them must work. */
function decideByZone(ctx: PathContext, name: Extract<NameAnswer, { kind: "zone" }>): Decided {
  const attempts = name.targets.map((target): PathAttempt => {
    if ("hop" in target) {
      const hops = [...name.hops, target.hop];
      return { kind: "interface-endpoint", outcome: outcomeOf(hops), hops };
    }
    if (target.home === ctx.index && target.endpoint.VpcId === ctx.vpcId) return evaluateEndpointPath(ctx, target.endpoint, name.hops).attempt;
    return evaluateRemoteEndpointPath(ctx, target, name.hops);
  });
  const verdict = verdictOfAll(attempts);
  const via = verdict === "reachable-via-endpoint" ? attempts[0]?.via : undefined;
  return { verdict, ...(via === undefined ? {} : { via }), attempts, notes: [] };
}

/** The decision with one more hop the snapshot can't decide: it can't be reachable or blocked any more. */
function withUnknown(decided: Decided, hops: readonly Hop[]): Decided {
  const attempt: PathAttempt = { kind: "other", outcome: "unverifiable", hops };
  return { verdict: "unverifiable", attempts: [...decided.attempts, attempt], notes: decided.notes };
}

/**
 * DNS first: a private hosted zone or Resolver rule of the VPC (service-name.ts) decides where the name goes; without
 * one, AWS's own answer (a local endpoint's private DNS, else public IPs). Where Route 53 was not collected, that gap
 * matters only for a path that is blocked while its subnet routes beyond the VPC (where a private answer could lead):
 * snapshots made before kms-audit read Route 53 keep their verdicts.
 */
function decide(ctx: PathContext): Decided {
  const name = resolveServiceName(ctx);
  if (name.kind === "default") {
    const beyond = routesBeyondVpc(ctx);
    const decided = decideStandard(ctx, beyond ? name.central : undefined);
    if (name.gap !== undefined && decided.verdict === "blocked" && beyond) return withUnknown(decided, [name.gap]);
    return decided;
  }
  if (name.kind === "unknown") {
    // A zone answers for sure: the public answer is no longer one of the ways the calls go.
    if (name.settled === true) return withUnknown({ verdict: "unverifiable", attempts: [], notes: [] }, name.hops);
    const decided = decideStandard(ctx);
    if (decided.verdict === "blocked" && !routesBeyondVpc(ctx) && interfaceEndpoints(ctx, ctx.service.endpointServiceSuffixes[0] ?? ctx.service.id).length === 0) return decided;
    return withUnknown(decided, name.hops);
  }
  const byZone = decideByZone(ctx, name);
  // AWS refuses a zone of the same name next to a local private-DNS endpoint whichever came first (ConflictingDomainExists): both in the data can't both hold, so only agreement decides.
  const local = interfaceEndpoints(ctx, ctx.service.endpointServiceSuffixes[0] ?? ctx.service.id).filter((e) => privateDnsCapture(ctx.index, e, ctx.service.hostname(ctx.index.region)).capture !== "no");
  if (local.length === 0) return byZone;
  const standard = decideStandard(ctx);
  const conflict = hop({ type: "dns", id: ctx.service.hostname(ctx.index.region) }, "unknown", "DNS_ZONE_CONFLICT", `${ctx.vpcId} has ${local.map((e) => e.VpcEndpointId).join(", ")} with private DNS for ${ctx.service.hostname(ctx.index.region)} and is associated with zone ${name.zoneId} for the same name: AWS refuses whichever of the two comes second (ConflictingDomainExists), so the snapshot can't be current for both.`, {
    setting: `re-collect Route 53 and the endpoints of ${ctx.vpcId}; keep either the zone or the endpoint's private DNS`,
  });
  const attempts = [...standard.attempts, ...byZone.attempts];
  if (standard.verdict.startsWith("reachable") && byZone.verdict.startsWith("reachable")) return { ...byZone, attempts, notes: [...standard.notes, hop(conflict.component, "info", "DNS_ZONE_CONFLICT", conflict.detail)] };
  if (standard.verdict === "blocked" && byZone.verdict === "blocked") return { verdict: "blocked", attempts, notes: standard.notes };
  return withUnknown({ verdict: "unverifiable", attempts, notes: standard.notes }, [conflict]);
}

/** No endpoint of the service in the VPC: S3 and DynamoDB could have a (free) gateway endpoint, the others an interface endpoint. */
function noEndpointAttempt(ctx: PathContext): PathAttempt {
  const name = endpointServiceName(ctx.index.region, ctx.service.endpointServiceSuffixes[0] ?? ctx.service.id);
  const tableId = ctx.index.routeTableFor(ctx.subnetId)?.RouteTableId ?? `the route table of ${ctx.subnetId}`;
  const detail = ctx.service.hasGatewayEndpoint
    ? `${ctx.vpcId} has no interface endpoint ${name}, and ${tableId} routes no traffic to a gateway endpoint for it.`
    : `${ctx.vpcId} has no interface endpoint ${name}.`;
  const setting = ctx.service.hasGatewayEndpoint
    ? `create a gateway endpoint ${name} on ${tableId}`
    : `create an interface endpoint ${name} with private DNS in one subnet per AZ, its security group admitting TCP 443 from the function`;
  return { kind: "interface-endpoint", outcome: "blocked", hops: [hop({ type: "vpc", id: ctx.vpcId }, "fail", "NO_ENDPOINT", detail, { setting })] };
}

/** An endpoint whose private DNS does not capture the hostname: recorded (rules name its DNS hops), not taken. */
function endpointNotCapturing(ctx: PathContext, endpoint: VpcEndpoint, dns: DnsCapture): { attempt: PathAttempt; note: Hop } {
  const path = evaluateEndpointPath(ctx, endpoint, dns.hops);
  const id = endpoint.VpcEndpointId ?? "(endpoint)";
  const reasons = dns.hops.filter((h) => h.status === "fail" || h.code === "PRIVATE_DNS_DISABLED").map((h) => h.code).join(", ");
  const attempt: PathAttempt = { ...path.attempt, outcome: "blocked" };
  const note = hop({ type: "vpc-endpoint", id }, "info", "PRIVATE_DNS_DISABLED", `${id} exists but ${ctx.service.hostname(ctx.index.region)} does not resolve to it (${reasons}), so traffic goes the public way.`);
  return { attempt, note };
}

/** DNS capture uncertain: the function may take either attempt; only both working (or both failing) decides. */
function eitherWay(endpointAttempt: PathAttempt, endpointNotes: readonly Hop[], internet: InternetAttempt, hostname: string): Decided {
  const attempts = [endpointAttempt, internet.attempt];
  const notes = [...endpointNotes, ...internet.notes];
  if (endpointAttempt.outcome === "reachable" && internet.attempt.outcome === "reachable") {
    const verdict = reachableVerdict(internet.attempt);
    const both = hop({ type: "dns", id: hostname }, "info", "DNS_RESOLVES_TO_ENDPOINT", `whether ${hostname} resolves to ${endpointAttempt.via?.id ?? "the endpoint"} is uncertain, but both the endpoint and the ${internet.attempt.kind} path work.`);
    return { verdict, ...(internet.attempt.via === undefined ? {} : { via: internet.attempt.via }), attempts, notes: [...notes, both] };
  }
  if (endpointAttempt.outcome === "blocked" && internet.attempt.outcome === "blocked") return { verdict: "blocked", attempts, notes };
  return { verdict: "unverifiable", attempts, notes };
}

/** An endpoint for another suffix (kms-fips) only serves clients that call that hostname. */
function withFipsEndpoints(ctx: PathContext, decided: Decided): Decided {
  if (decided.verdict === "reachable-via-endpoint" || decided.verdict === "reachable-via-nat") return decided;
  let result = decided;
  for (const suffix of ctx.service.endpointServiceSuffixes.slice(1)) {
    for (const endpoint of interfaceEndpoints(ctx, suffix)) {
      const hostname = `${suffix}.${ctx.index.region}.amazonaws.com`;
      const dns = privateDnsCapture(ctx.index, endpoint, hostname);
      const path = evaluateEndpointPath(ctx, endpoint, dns.hops);
      const id = endpoint.VpcEndpointId ?? "(endpoint)";
      if (path.attempt.outcome === "blocked" || dns.capture === "no") {
        result = { ...result, attempts: [...result.attempts, { ...path.attempt, outcome: "blocked" }] };
        continue;
      }
      const fips = hop({ type: "vpc-endpoint", id }, "unknown", "FIPS_ENDPOINT_ONLY", `${id} serves only ${hostname}: it works for clients configured for the FIPS endpoint, not for the default ${ctx.service.hostname(ctx.index.region)}.`, {
        setting: `create an interface endpoint ${endpointServiceName(ctx.index.region, ctx.service.endpointServiceSuffixes[0] ?? ctx.service.id)}, or confirm the function uses the FIPS endpoint (AWS_USE_FIPS_ENDPOINT=true)`,
      });
      const attempt: PathAttempt = { ...path.attempt, outcome: "unverifiable", hops: [...path.attempt.hops, fips] };
      result = { verdict: "unverifiable", attempts: [...result.attempts, attempt], notes: [...result.notes, ...path.notes] };
    }
  }
  return result;
}

function sameHop(a: Hop, b: Hop): boolean {
  return a.code === b.code && a.component.id === b.component.id && a.detail === b.detail && a.status === b.status;
}

function unique(hops: readonly Hop[]): Hop[] {
  const result: Hop[] = [];
  for (const h of hops) if (!result.some((r) => sameHop(r, h))) result.push(h);
  return result;
}

/** Every attempt starts by resolving the hostname: a resolver that can't answer blocks them all, an unknown one leaves them unverifiable. */
function afterNameResolution(ctx: PathContext, decided: Decided): Decided {
  const resolution = nameResolutionHop(ctx.index, ctx.vpcId, ctx.service.hostname(ctx.index.region));
  const attempts = decided.attempts.map((a): PathAttempt => {
    const hops = [resolution, ...a.hops.filter((h) => !sameHop(h, resolution))];
    const outcome: PathAttempt["outcome"] = a.outcome === "blocked" || resolution.status === "fail" ? "blocked" : resolution.status === "unknown" ? "unverifiable" : a.outcome;
    return { ...a, hops, outcome };
  });
  if (resolution.status === "fail") return { verdict: "blocked", attempts, notes: decided.notes };
  const reachable = decided.verdict === "reachable-via-endpoint" || decided.verdict === "reachable-via-nat";
  if (resolution.status === "unknown" && reachable) return { verdict: "unverifiable", attempts, notes: decided.notes };
  return { ...decided, attempts };
}

/** The verdict for one function subnet and one service, with every blocking hop of the deciding attempts. */
export function evaluateService(ctx: PathContext): Evaluation {
  const decided = afterNameResolution(ctx, withFipsEndpoints(ctx, decide(ctx)));
  const reachable = decided.verdict === "reachable-via-endpoint" || decided.verdict === "reachable-via-nat";
  const blocking = reachable ? [] : unique(decided.attempts.flatMap((a) => a.hops.filter(isProblem)));
  const attemptNotes = decided.attempts.flatMap((a) => a.hops.filter((h) => h.status === "info" && (h.code === "AVAILABILITY_ZONE_CROSSED" || h.code === "VPCE_SERVICE_NOT_INSTALLED_IN_AZ")));
  return {
    verdict: decided.verdict,
    ...(reachable && decided.via !== undefined ? { via: decided.via } : {}),
    attempts: decided.attempts,
    blocking,
    notes: unique([...decided.notes, ...attemptNotes]),
  };
}
