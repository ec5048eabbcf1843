import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import type { NetworkModel, RegionIndex } from "../model/model.js";
import { functionSubnetCidr } from "./support/landing.js";
import { defineRule, type Violation } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { allowHttpsFromGroups, ec2, functionGroups } from "./support/commands.js";
import { setVariable, variable, type FixLine } from "./fix.js";
import { describeGroups, endpointGroups, endpointState, isInterfaceEndpoint, serviceSuffix } from "./support/endpoints.js";
import { affectedPaths, anyCertain, functionOf, groupBy, ownedHops, severityOf, type OwnedHop } from "./support/hops.js";
import { permissionAdmitsTcpPort, vpcEndpointsIn } from "../model/index.js";
import { hasSource } from "./support/permissions.js";
import { listing, sortedUnique } from "./support/text.js";
import { naturalSort } from "../text/natural.js";

type MessageId = "noInboundHttps" | "consumerNotAdmitted" | "consumerMayNotBeAdmitted" | "remoteConsumerNotAdmitted";

const GONE = ["deleted", "deleting", "rejected", "failed", "expired"];

/**
 * TCP 443 into the endpoint's group from the function's security groups (or, for a function without any, from its
 * subnets' CIDRs): the narrowest source that admits exactly the callers. Only for hops that definitely fail.
 */
function admitFunction(model: NetworkModel, region: RegionIndex, targetGroup: string, items: readonly (OwnedHop & { endpointId: string })[]): FixLine[] {
  if (targetGroup === "" || !items.some((f) => f.hop.status === "fail")) return [];
  const groups = remote(region, items) ? [] : sortedUnique(items.flatMap((f) => functionGroups(functionOf(region, f.result))));
  if (groups.length > 0) return allowHttpsFromGroups(region, targetGroup, groups);
  return allowHttpsFromCidrs(region, targetGroup, sortedUnique(items.flatMap((f) => functionSubnetCidr(model, f.result) ?? [])));
}

function allowHttpsFromCidrs(region: RegionIndex, targetGroup: string, cidrs: readonly string[]): FixLine[] {
  return cidrs.map((cidr) => ec2(region, "authorize-security-group-ingress", ["--group-id", targetGroup, "--protocol", "tcp", "--port", "443", "--cidr", cidr]));
}

/**
 * Consumers in another VPC (a central endpoint's spokes): their security groups count only where every crossing keeps
 * references, so the fix admits their subnets' CIDRs, which always work (no address translation on the way).
 */
function remote(region: RegionIndex, items: readonly OwnedHop[]): boolean {
  return items.some((f) => f.hop.component.account !== undefined || f.result.account !== region.account || !region.vpcs.has(f.result.vpcId));
}

/** The endpoint a failed ingress hop belongs to: the attempt's endpoint, else the endpoint wearing that group. */
function endpointOf(region: RegionIndex, owned: OwnedHop): VpcEndpoint | undefined {
  const viaId = owned.attempt?.via?.id;
  if (viaId !== undefined && region.vpcEndpoints.has(viaId)) return region.vpcEndpoints.get(viaId);
  return vpcEndpointsIn(region, owned.result.vpcId).find((ep) => isInterfaceEndpoint(ep) && endpointGroups(region, ep).ids.includes(owned.hop.component.id));
}

export default defineRule<MessageId>({
  meta: {
    id: "endpoint-sg-no-https",
    title: "Interface endpoint security groups don't admit HTTPS from their consumers",
    severity: "error",
    category: "filtering",
    securitySeverity: 7.0,
    rationale:
      "An interface endpoint accepts only what its security groups admit, and AWS service APIs are HTTPS: the groups must " +
      "admit inbound TCP 443 from the resources that call the service (by security group reference, CIDR or prefix list). " +
      "An endpoint created without security groups uses the VPC default group, which admits only traffic from itself. " +
      "When the rule is missing, the endpoint's private DNS still sends the calls to it, and they time out instead of " +
      "falling back to another path. Egress rules of the endpoint's groups don't matter: security groups are stateful.",
    remediation: {
      text:
        "Add an inbound rule for TCP 443 to the endpoint's security group, from the calling function's security group " +
        "(or its subnet CIDR).",
      cli: ["aws ec2 authorize-security-group-ingress --group-id <endpoint-sg-id> --protocol tcp --port 443 --source-group <function-sg-id> --region <region>"],
    },
    references: [
      "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html",
      "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html",
      "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html",
    ],
    requires: ["DescribeVpcEndpoints", "DescribeSecurityGroups", "ListFunctions"],
    messages: {
      noInboundHttps:
        "Interface endpoint {{endpoint}} ({{service}}) in {{vpc}} admits no inbound TCP 443 from anywhere: its security groups ({{groups}}) have no rule for HTTPS, so every call to {{service}} through it times out. Affected: {{consumers}}.",
      consumerNotAdmitted:
        "Interface endpoint {{endpoint}} ({{service}}) admits TCP 443 through its security groups ({{groups}}), but not from {{affected}} (security groups {{functionGroups}}): their calls to {{service}} time out. {{action}}",
      remoteConsumerNotAdmitted:
        "Interface endpoint {{endpoint}} ({{service}}) in {{vpc}} is the central endpoint of {{affected}} in {{consumerVpcs}}, but its security groups ({{groups}}) don't admit TCP 443 from their subnets ({{cidrs}}): a transit gateway or peering connection keeps a function's own address, so their calls time out. Add TCP 443 from {{cidrs}} to {{targetGroup}}.",
      consumerMayNotBeAdmitted:
        "Interface endpoint {{endpoint}} ({{service}}) may not admit TCP 443 from {{affected}} (security groups {{functionGroups}}): {{detail}} Calls from a network interface outside the admitted addresses time out. {{action}}",
    },
    headlines: {
      noInboundHttps: "admits no inbound TCP 443 ({{service}})",
      consumerNotAdmitted: "{{targetGroup}} doesn't admit TCP 443 from {{functionGroups}} ({{service}})",
      consumerMayNotBeAdmitted: "may not admit TCP 443 from {{functionGroups}} ({{service}})",
      remoteConsumerNotAdmitted: "{{targetGroup}} doesn't admit TCP 443 from {{cidrs}} ({{service}}, central endpoint)",
    },
  },
  *check({ model, settings }, region) {
    const failures = ownedHops(model, region, "endpoint-sg-no-https");
    const byEndpoint = groupBy(
      failures.flatMap((f) => {
        const ep = endpointOf(region, f);
        return ep?.VpcEndpointId ? [{ ...f, endpointId: ep.VpcEndpointId }] : [];
      }),
      (f) => f.endpointId,
    );
    const endpoints = [...region.vpcEndpoints.values()].filter((ep) => isInterfaceEndpoint(ep) && !GONE.includes(endpointState(ep)));
    for (const endpoint of endpoints) {
      const id = endpoint.VpcEndpointId ?? "";
      const groups = endpointGroups(region, endpoint);
      if (groups.groups === undefined) continue;
      const service = serviceSuffix(endpoint.ServiceName ?? "", region.region);
      const affected = byEndpoint.get(id) ?? [];
      const base = { endpoint: id, service, vpc: endpoint.VpcId ?? "", groups: describeGroups(groups) };
      const admitsSomeHttps = groups.groups.some((g) => (g.IpPermissions ?? []).some((p) => permissionAdmitsTcpPort(p, 443) && hasSource(p)));
      const targetGroup = groups.ids[0] ?? "";
      if (!admitsSomeHttps) {
        const consumers = naturalSort(new Set(affected.map((f) => f.result.functionName)));
        const sources = remote(region, affected) ? [] : sortedUnique(affected.flatMap((f) => functionGroups(functionOf(region, f.result))));
        const cidrs = remote(region, affected) ? sortedUnique(affected.flatMap((f) => functionSubnetCidr(model, f.result) ?? [])) : [];
        yield {
          messageId: "noInboundHttps",
          resource: ec2Ref(region, "vpc-endpoint", id),
          key: "no-inbound-443",
          severity: affected.length === 0 ? "warning" : severityOf("error", region, affected, settings),
          data: { ...base, consumers: consumers.length > 0 ? listing(consumers) : "no function in the snapshot calls it yet" },
          evidence: affected.map((f) => f.hop),
          affected: affected.map((f) => f.result),
          fix:
            cidrs.length > 0
              ? allowHttpsFromCidrs(region, targetGroup, cidrs)
              : sources.length > 0
              ? allowHttpsFromGroups(region, targetGroup, sources)
              : [setVariable("CALLER_SG", "", `the security group of the resources that will call ${id}`), ...allowHttpsFromGroups(region, targetGroup, [variable("CALLER_SG")])],
        } satisfies Violation<MessageId>;
        continue;
      }
      // The functions it doesn't admit, in one finding per kind (those of its own VPC, those of other VPCs through a
      // transit gateway or peering, and those it may not admit): the endpoint's group is what changes.
      const byFunction = [...groupBy(affected, (f) => f.result.function.arn ?? f.result.functionName).values()];
      const kinds: readonly { readonly messageId: MessageId; readonly key: string; readonly of: (items: readonly OwnedHop[]) => boolean }[] = [
        { messageId: "consumerNotAdmitted", key: "consumers-not-admitted", of: (items) => anyCertain(items) && !remote(region, items) },
        { messageId: "remoteConsumerNotAdmitted", key: "remote-consumers-not-admitted", of: (items) => anyCertain(items) && remote(region, items) },
        { messageId: "consumerMayNotBeAdmitted", key: "consumers-may-not-be-admitted", of: (items) => !anyCertain(items) },
      ];
      for (const kind of kinds) {
        const functions = byFunction.filter(kind.of);
        if (functions.length === 0) continue;
        const items = functions.flat();
        const results = items.map((f) => f.result);
        const certain = kind.messageId !== "consumerMayNotBeAdmitted";
        const far = kind.messageId === "remoteConsumerNotAdmitted";
        const fnGroups = sortedUnique(items.flatMap((f) => functionGroups(functionOf(region, f.result))));
        const fix = certain ? admitFunction(model, region, targetGroup, items) : [];
        yield {
          messageId: kind.messageId,
          resource: ec2Ref(region, "vpc-endpoint", id),
          key: kind.key,
          severity: severityOf("error", region, items, settings),
          data: {
            ...base,
            affected: affectedPaths(results),
            functionGroups: fnGroups.length > 0 ? listing(fnGroups) : "none",
            consumerVpcs: listing(sortedUnique(results.map((r) => (r.account === region.account ? r.vpcId : `${r.vpcId} (account ${r.account})`)))),
            cidrs: listing(sortedUnique(items.flatMap((f) => functionSubnetCidr(model, f.result) ?? []))),
            targetGroup,
            detail: [...new Set(items.map((f) => f.hop.detail))].slice(0, 3).join(" "),
            action:
              fix.length > 0
                ? `The fix admits ${fnGroups.length > 0 && !far ? listing(fnGroups) : "their subnets"} in ${targetGroup}.`
                : `Check the addresses of the functions' network interfaces, or admit their security groups in ${targetGroup}; kms-audit prints no command for a maybe.`,
          },
          evidence: items.map((f) => f.hop),
          affected: results,
          fix,
        };
      }
    }
  },
});
