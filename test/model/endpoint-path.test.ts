import type { NetworkAclEntry } from "@aws-sdk/client-ec2";
import { REGION, aclEntry, ids, interfaceEndpoint, managedPrefixList, networkAcl, route, scenario, tcp, withKmsEndpoint, withNat, localRoute } from "../support/build.js";
import { codes, pathOf, summary } from "./helpers.js";

describe("interface endpoint path", () => {
  it("an endpoint without an ENI in the function's AZ still works, with AZ notes", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, SubnetIds: [ids.privateA] };
    const path = pathOf(d, ids.privateC);
    expect(path.verdict).toBe("reachable-via-endpoint");
    expect(codes(path.notes)).toEqual(["VPCE_SERVICE_NOT_INSTALLED_IN_AZ", "AVAILABILITY_ZONE_CROSSED"]);
    expect(path.notes[0]!.detail).toBe(`${ids.kmsEndpoint} has no ENI in ${REGION}c (only ${REGION}a): calls from ${ids.privateC} cross AZs.`);
  });

  it("every endpoint subnet must pass: one NACL-blocked endpoint subnet means blocked for the calls sent there (partial), naming that subnet", () => {
    const d = withKmsEndpoint(scenario());
    d.networkAcls[0]!.Associations = d.networkAcls[0]!.Associations!.filter((a) => a.SubnetId !== ids.privateC);
    const denyAll: NetworkAclEntry[] = [aclEntry({ RuleNumber: 32767, Egress: false, RuleAction: "deny" }), aclEntry({ RuleNumber: 32767, Egress: true, RuleAction: "deny" })];
    d.networkAcls.push(networkAcl({ NetworkAclId: "acl-0closed", Entries: denyAll }, [ids.privateC]));
    const path = pathOf(d, ids.privateA);
    expect(path.verdict).toBe("blocked");
    expect(summary(path.blocking)).toEqual(["fail SUBNET_ACL_RESTRICTION acl-0closed", "fail SUBNET_ACL_RESTRICTION acl-0closed"]);
    expect(path.blocking.map((h) => h.detail)).toEqual([
      `acl-0closed denies inbound TCP 443 from ${ids.privateA} (10.0.10.0/24) on ${ids.privateC}: ports 443 by rule 32767. Only calls sent to ${ids.kmsEndpoint}'s network interface in ${ids.privateC} fail: its other interfaces are reachable.`,
      `acl-0closed denies outbound TCP 1024-65535 to ${ids.privateA} (10.0.10.0/24) on ${ids.privateC}: ports 1024-65535 by rule 32767. Only calls sent to ${ids.kmsEndpoint}'s network interface in ${ids.privateC} fail: its other interfaces are reachable.`,
    ]);
    expect(path.blocking.map((h) => h.partial)).toEqual([true, true]);
  });

  it("every endpoint subnet blocked: the failures are total, not partial", () => {
    const d = withKmsEndpoint(scenario());
    const denyAll: NetworkAclEntry[] = [aclEntry({ RuleNumber: 32767, Egress: false, RuleAction: "deny" }), aclEntry({ RuleNumber: 32767, Egress: true, RuleAction: "deny" })];
    d.networkAcls = [networkAcl({ NetworkAclId: "acl-0closed", IsDefault: true, Entries: denyAll }, [ids.publicA, ids.publicC, ids.privateA, ids.privateC])];
    d.functions[0] = { ...d.functions[0]!, VpcConfig: { ...d.functions[0]!.VpcConfig, SubnetIds: [ids.publicA] } };
    const path = pathOf(d, ids.publicA);
    expect(path.verdict).toBe("blocked");
    expect(path.blocking.filter((h) => h.code === "SUBNET_ACL_RESTRICTION").every((h) => h.partial === undefined)).toBe(true);
  });

  it("an endpoint with no subnets fails", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, SubnetIds: [] };
    const path = pathOf(d);
    expect(summary(path.blocking)).toEqual([`fail VPCE_SERVICE_NOT_INSTALLED_IN_AZ ${ids.kmsEndpoint}`]);
  });

  it("endpoint SG admitting the function subnet CIDR (instead of its SG) works", () => {
    const d = withKmsEndpoint(scenario());
    d.securityGroups.find((g) => g.GroupId === ids.sgEndpoint)!.IpPermissions = [tcp.fromCidr(443, "10.0.0.0/16")];
    expect(pathOf(d).verdict).toBe("reachable-via-endpoint");
  });

  it("a kms-fips-only endpoint is unverifiable (FIPS_ENDPOINT_ONLY) when the standard path fails", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, ServiceName: `com.amazonaws.${REGION}.kms-fips` };
    const path = pathOf(d);
    expect(path.verdict).toBe("unverifiable");
    expect(summary(path.blocking)).toEqual([`fail NO_ENDPOINT ${ids.vpc}`, `fail NO_ROUTE_TO_DESTINATION ${ids.rtbMain}`, `unknown FIPS_ENDPOINT_ONLY ${ids.kmsEndpoint}`]);
  });

  it("a kms-fips-only endpoint does not matter when the standard path works", () => {
    const d = withKmsEndpoint(withNat(scenario()));
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, ServiceName: `com.amazonaws.${REGION}.kms-fips` };
    const path = pathOf(d);
    expect(path.verdict).toBe("reachable-via-nat");
    expect(path.attempts.map((a) => a.kind)).toEqual(["nat-gateway"]);
  });

  it("a gateway endpoint for another service never counts for KMS", () => {
    const d = withKmsEndpoint(scenario());
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, VpcEndpointType: "Gateway", ServiceName: `com.amazonaws.${REGION}.kms` };
    expect(pathOf(d).verdict).toBe("blocked");
  });
});

describe("gateway endpoints (S3, DynamoDB)", () => {
  function s3Gateway() {
    const d = withNat(scenario());
    d.prefixLists.push(managedPrefixList("pl-61a54008", `com.amazonaws.${REGION}.s3`));
    d.vpcEndpoints.push(interfaceEndpoint({ VpcEndpointId: "vpce-0s3gw", ServiceName: `com.amazonaws.${REGION}.s3`, VpcEndpointType: "Gateway", PrivateDnsEnabled: false, RouteTableIds: [ids.rtbPrivate] }));
    d.routeTables.find((t) => t.RouteTableId === ids.rtbPrivate)!.Routes = [
      localRoute(),
      route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: ids.nat }),
      route({ DestinationPrefixListId: "pl-61a54008", GatewayId: "vpce-0s3gw" }),
    ];
    return d;
  }

  it("the prefix-list route wins over 0.0.0.0/0 for S3: reachable via the gateway endpoint", () => {
    const path = pathOf(s3Gateway(), ids.privateA, "s3");
    expect(path.verdict).toBe("reachable-via-endpoint");
    expect(path.via).toEqual({ type: "vpc-endpoint", id: "vpce-0s3gw" });
    expect(path.attempts.map((a) => a.kind)).toEqual(["gateway-endpoint"]);
  });

  it("the same table sends KMS to the NAT", () => {
    expect(pathOf(s3Gateway(), ids.privateA, "kms").verdict).toBe("reachable-via-nat");
  });

  it("function SG egress limited to the S3 prefix list admits the gateway path", () => {
    const d = s3Gateway();
    d.securityGroups.find((g) => g.GroupId === ids.sgFunction)!.IpPermissionsEgress = [tcp.fromPrefixList(443, "pl-61a54008")];
    expect(pathOf(d, ids.privateA, "s3").verdict).toBe("reachable-via-endpoint");
    expect(pathOf(d, ids.privateA, "kms").verdict).toBe("blocked");
  });

  it("a gateway endpoint policy denying s3:GetObject blocks", () => {
    const d = s3Gateway();
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, PolicyDocument: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:PutObject", Resource: "*" }] }) };
    const path = pathOf(d, ids.privateA, "s3");
    expect(path.verdict).toBe("blocked");
    expect(summary(path.blocking)).toEqual(["fail ENDPOINT_POLICY_DENIES vpce-0s3gw"]);
  });
});
