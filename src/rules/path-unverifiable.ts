import { defineRule, type Violation } from "./types.js";
import { serviceSpec } from "../model/services.js";
import { evidenceText } from "./support/kms-evidence.js";
import { groupByFunction, pathsWithVerdict } from "./support/hops.js";
import { blockingDescriber, hopsBySubnet, subnetLabel } from "./support/path-text.js";
import { listing } from "./support/text.js";

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
      "and peering), so that the unknown is visible instead of silent. It also names the services a function calls in " +
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
        "The path of Lambda function {{function}} to {{service}} ({{hostname}}:443) from {{subnets}} is unverifiable from the snapshot, neither passed nor failed: {{hops}}. Check these hops by hand or with Reachability Analyzer.",
      otherRegion:
        "Lambda function {{function}} calls {{service}} in {{otherRegion}} ({{evidence}}): those calls go to {{hostname}}:443, another region's public endpoint, which endpoints in {{vpc}} don't serve (only a cross-Region interface endpoint would). kms-audit evaluates paths within {{region}} only and can't verify this one: check that every subnet of the function routes 0.0.0.0/0 to a working public NAT gateway.",
    },
  },
  *check({ model }, region): Generator<Violation<MessageId>> {
    const describe = blockingDescriber();
    const unverifiable = groupByFunction(pathsWithVerdict(model, region, "unverifiable"));
    for (const fn of region.functions) {
      const results = unverifiable.get(fn.FunctionArn);
      if (results === undefined) continue;
      const services = [...new Set(results.map((r) => r.service))].sort();
      for (const service of services) {
        const ofService = results.filter((r) => r.service === service);
        yield {
          messageId: "unverifiable",
          resource: ofService[0]!.function,
          key: service,
          data: {
            function: fn.FunctionName,
            service,
            hostname: serviceSpec(service).hostname(region.region),
            subnets: listing(ofService.map(subnetLabel)),
            hops: hopsBySubnet(ofService, describe),
          },
          evidence: ofService.flatMap((r) => r.blocking),
          fix: [],
        };
      }
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
