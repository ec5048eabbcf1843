import type { RegionIndex } from "../model/model.js";
import { serviceSpec } from "../model/services.js";
import type { Hop, PathResult } from "../model/types.js";
import type { ResourceRef, ResourceType } from "../snapshot/types.js";
import { defineRule, type Violation } from "./types.js";
import { ec2Ref, regionRef, zoneRef } from "./support/arn.js";
import { evidenceText } from "./support/kms-evidence.js";
import { affectedPaths, groupBy, matchedDestination, ownerOf, pathsWithVerdict } from "./support/hops.js";
import { listing, sortedUnique } from "./support/text.js";

type MessageId = "unverifiable" | "otherRegion";

export default defineRule<MessageId>({
  meta: {
    id: "path-unverifiable",
    title: "A function's path to an AWS service can't be verified from the snapshot",
    severity: "note",
    category: "reachability",
    securitySeverity: 2.0,
    rationale:
      "Some paths lead beyond what a snapshot shows: a virtual private gateway, an instance or a network interface (a " +
      "firewall appliance); a transit gateway or peering connection into an account the snapshot lacks (or whose route " +
      "tables, zone records or Route 53 Profile were not collected); a Resolver rule forwarding the service's name to " +
      "other resolvers; DNS servers other than AmazonProvidedDNS; a route to public address space more specific than " +
      "0.0.0.0/0; a call the collection was denied or did not make. kms-audit neither passes nor fails such a path: a false 'reachable' is the " +
      "worst answer a connectivity audit can give, and a guessed 'blocked' sends people chasing a problem that may not " +
      "exist. This note names the hop to check by hand (or with VPC Reachability Analyzer, which follows transit gateways " +
      "and peering), so that the unknown is visible instead of silent: one note per hop, listing every function, subnet " +
      "and service whose path leads through it. A hop another rule owns (a network ACL or security group rule that may " +
      "or may not match) is reported by that rule, as a note worded 'may'. It also names the services a function calls in " +
      "another region (an environment variable naming a queue, topic, table, secret, parameter or key there): those calls " +
      "go to the other region's public endpoint, which endpoints in the function's VPC don't serve, so they need a NAT " +
      "gateway (or a cross-Region interface endpoint), and kms-audit, which evaluates paths within one region, can't verify them.",
    remediation: {
      text:
        "Check the named hop: follow the transit gateway or peering route tables to a NAT gateway or an interface endpoint, " +
        "confirm that custom DNS servers forward amazonaws.com names to the VPC resolver, or re-collect the calls that " +
        "failed with a role that may read them. Where an interface endpoint for the service in the function's VPC is an " +
        "option, it makes the path local and verifiable.",
      cli: [
        "aws ec2 create-network-insights-path --source <function-eni-id> --destination-ip <service-ip> --destination-port 443 --protocol tcp --region <region>",
        "aws ec2 start-network-insights-analysis --network-insights-path-id <path-id> --region <region>",
      ],
    },
    references: [
      "https://docs.aws.amazon.com/vpc/latest/reachability/what-is-reachability-analyzer.html",
      "https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html",
    ],
    requires: ["ListFunctions"],
    messages: {
      unverifiable:
        "{{component}} is on the path of {{affected}} to {{services}}, and the snapshot can't tell whether their traffic gets through: {{detail}} Those paths are neither passed nor failed until it is checked: {{check}}.",
      otherRegion:
        "Lambda function {{function}} calls {{service}} in {{otherRegion}} ({{evidence}}): those calls go to {{hostname}}:443, another region's public endpoint, which endpoints in {{vpc}} don't serve (only a cross-Region interface endpoint would). kms-audit evaluates paths within {{region}} only and can't verify this one: check that every subnet of the function routes 0.0.0.0/0 to a working public NAT gateway.",
    },
    headlines: {
      unverifiable: "{{what}}",
      otherRegion: "calls {{service}} in {{otherRegion}}, beyond what kms-audit checks",
    },
  },
  *check({ model }, region): Generator<Violation<MessageId>> {
    // One note per hop to check, whatever functions, subnets and services lead through it.
    const toCheck: { result: PathResult; hop: Hop }[] = [];
    for (const result of pathsWithVerdict(model, region, "unverifiable")) {
      const seen = new Set<string>();
      for (const hop of result.blocking) {
        // A hop another rule owns is reported there as a "may" note, with what to check.
        if (hop.status !== "unknown" || ownerOf(hop) !== undefined) continue;
        const key = hopKey(hop);
        if (seen.has(key)) continue;
        seen.add(key);
        toCheck.push({ result, hop });
      }
    }
    for (const items of groupBy(toCheck, (o) => hopKey(o.hop)).values()) {
      const first = items[0]!;
      const results = items.map((o) => o.result);
      const details = [...new Set(items.map((o) => o.hop.detail))];
      const resource = resourceOf(region, first.hop);
      // Every spoke whose paths reach a hub's component yields its own note on it: the spoke keeps them apart.
      const from = resource.account === region.account ? "" : `:from:${region.account}/${region.region}`;
      yield {
        messageId: "unverifiable",
        resource,
        key: `${hopKey(first.hop).replaceAll("\n", ":")}${from}`,
        data: {
          component: componentText(first.hop),
          what: whatIsUnknown(first.hop, sortedUnique(items.flatMap((o) => routedTo(o.result, o.hop) ?? []))),
          affected: affectedPaths(results),
          services: listing(sortedUnique(results.map((r) => r.service))),
          detail: details.length <= 3 ? details.join(" ") : `${details.slice(0, 3).join(" ")} (and ${details.length - 3} more alike)`,
          check: listing(sortedUnique(items.flatMap((o) => o.hop.setting ?? []))) || "check it by hand or with Reachability Analyzer",
        },
        evidence: [...new Map(items.map((o) => [o.hop.detail, o.hop])).values()],
        affected: results,
        fix: [],
      };
    }
    for (const fn of region.functions) {
      for (const use of model.usesOf(fn.FunctionArn)) {
        if (use.region === region.region) continue;
        const spec = serviceSpec(use.service);
        yield {
          messageId: "otherRegion",
          resource: { type: "lambda-function", id: fn.FunctionName, arn: fn.FunctionArn, account: region.account, region: region.region },
          key: `${use.service}@${use.region}`,
          data: {
            function: fn.FunctionName,
            service: spec.title,
            otherRegion: use.region,
            evidence: evidenceText(use.evidence),
            hostname: spec.hostname(use.region),
            vpc: fn.VpcConfig?.VpcId || "the function's VPC",
            region: region.region,
          },
          fix: [],
        };
      }
    }
  },
});

/** What makes hops the same hop to check: the component (a data gap's names its call) and the explanation code. */
function hopKey(hop: Hop): string {
  return [hop.component.type, hop.component.id, ...(hop.code === "DATA_GAP" && hop.component.name !== undefined ? [hop.component.name] : []), hop.code].join("\n");
}

/** The destination of the route that sent the path's traffic to this hop (0.0.0.0/0), when the attempt recorded it. */
function routedTo(result: PathResult, hop: Hop): string | undefined {
  if (hop.code !== "ROUTE_LEAVES_SNAPSHOT") return undefined;
  const attempt = result.attempts.find((a) => a.hops.includes(hop));
  return attempt === undefined ? undefined : matchedDestination(result, attempt);
}

const COMPONENT_TEXT: Readonly<Partial<Record<Hop["component"]["type"], string>>> = {
  "transit-gateway": "Transit gateway",
  "vpc-peering-connection": "Peering connection",
  "virtual-private-gateway": "Virtual private gateway",
  "network-interface": "Network interface",
  instance: "Instance",
  "dhcp-options": "DHCP options",
  "vpc-endpoint": "Endpoint",
  "endpoint-policy": "The policy of endpoint",
  route: "Route",
  region: "Data of",
};

function componentText(hop: Hop): string {
  if (hop.code === "DATA_GAP" && hop.component.type === "region") return `The ${hop.component.name ?? "collected"} data of ${hop.component.id}`;
  const label = COMPONENT_TEXT[hop.component.type] ?? hop.component.type;
  return `${label} ${hop.component.id}`;
}

/** The headline: what the snapshot doesn't show about this hop. */
function whatIsUnknown(hop: Hop, destinations: readonly string[]): string {
  switch (hop.code) {
    case "ROUTE_LEAVES_SNAPSHOT":
      return `${destinations.length === 0 ? "traffic is" : `${listing(destinations)} ${destinations.length === 1 ? "is" : "are"}`} routed here, beyond what the snapshot shows`;
    case "MORE_SPECIFIC_ROUTE":
      return "may take part of the service's traffic elsewhere";
    case "DATA_GAP":
      return hop.component.type === "region" ? `${hop.component.name ?? "a call"} is missing: paths can't be checked` : "data missing: paths can't be checked";
    case "DNS_CUSTOM_RESOLVER":
      return "custom DNS servers: whether the service name resolves to the endpoint is unknown";
    case "FIPS_ENDPOINT_ONLY":
      return "serves only clients configured for FIPS endpoints";
    case "UNKNOWN_RESOURCE":
      return "not in the data: paths through it can't be checked";
    default:
      return "the snapshot can't tell whether traffic passes";
  }
}

const RESOURCE_TYPES: ReadonlySet<string> = new Set<ResourceType>([
  "vpc",
  "subnet",
  "route-table",
  "internet-gateway",
  "nat-gateway",
  "vpc-endpoint",
  "security-group",
  "network-acl",
  "prefix-list",
  "dhcp-options",
  "elastic-ip",
  "transit-gateway",
  "transit-gateway-attachment",
  "transit-gateway-route-table",
  "vpc-peering-connection",
  "virtual-private-gateway",
  "network-interface",
  "instance",
]);

/** A component another account owns (a hub's transit gateway route table, a shared zone) is named in that account. */
function inOwnerAccount(ref: ResourceRef, owner: string | undefined): ResourceRef {
  if (owner === undefined || owner === ref.account) return ref;
  return { ...ref, account: owner, ...(ref.arn === undefined ? {} : { arn: ref.arn.replace(`:${ref.account}:`, `:${owner}:`) }) };
}

/** The resource a hop to check is about: its component, the route table of a route, the endpoint of a policy, else the region. */
function resourceOf(region: RegionIndex, hop: Hop): ResourceRef {
  const { type, id } = hop.component;
  if (RESOURCE_TYPES.has(type)) return inOwnerAccount(ec2Ref(region, type as ResourceType, id), hop.component.account);
  if (type === "hosted-zone") return inOwnerAccount(zoneRef(region, id), hop.component.account);
  if (type === "route") return ec2Ref(region, "route-table", id.split(":")[0] ?? id);
  if (type === "endpoint-policy") return ec2Ref(region, "vpc-endpoint", id);
  return regionRef(region);
}
