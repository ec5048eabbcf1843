/**
 * The write calls of landing-zone fixes, applied to a whole snapshot (a zone's association crosses accounts): transit
 * gateway routes (only the gateway's owner has its route tables), attachment subnets (one per AZ, the attachment's own
 * VPC), Route 53 VPC associations (another account's VPC needs the zone owner's authorization first; a VPC already
 * resolving the name through another zone or a private-DNS endpoint is refused with ConflictingDomainExists).
 */
import type { RegionCalls, Snapshot } from "../../../src/snapshot/types.js";
import type { CliCall } from "./cli-args.js";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export class LandingAwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

function one(call: CliCall, name: string): string {
  const value = call.options.get(name)?.[0];
  if (value === undefined) throw new LandingAwsError("MissingParameter", `The request must contain the parameter ${name}`);
  return value;
}

function okData(calls: RegionCalls | undefined, call: keyof RegionCalls): Json {
  const record = (calls as Json)?.[call];
  return record?.status === "ok" ? record.data : undefined;
}

/** `VPCRegion=eu-west-1,VPCId=vpc-0abc` (the CLI's shorthand for --vpc). */
function vpcArgument(text: string): { region: string; vpcId: string } {
  const fields = Object.fromEntries(text.split(",").map((part) => part.split("=", 2) as [string, string]));
  if (fields["VPCId"] === undefined || fields["VPCRegion"] === undefined) throw new LandingAwsError("InvalidInput", `--vpc needs VPCRegion and VPCId, got ${text}`);
  return { region: fields["VPCRegion"], vpcId: fields["VPCId"] };
}

function dnsName(name: string | undefined): string {
  return (name ?? "").toLowerCase().replace(/\.$/, "");
}

export class LandingSimulator {
  private readonly authorizations = new Set<string>();

  constructor(
    private readonly snapshot: Snapshot,
    private readonly account: string,
    private readonly region: string,
  ) {}

  private calls(account = this.account): RegionCalls | undefined {
    return this.snapshot.accounts[account]?.regions[this.region]?.calls;
  }

  readonly handlers: Record<string, (call: CliCall) => unknown> = {
    "ec2 create-transit-gateway-route": (call) => this.tgwRoute(call, "create"),
    "ec2 replace-transit-gateway-route": (call) => this.tgwRoute(call, "replace"),
    "ec2 modify-transit-gateway-vpc-attachment": (call) => this.modifyAttachment(call),
    "route53 create-vpc-association-authorization": (call) => this.authorize(call),
    "route53 associate-vpc-with-hosted-zone": (call) => this.associate(call),
  };

  private tgwRoute(call: CliCall, action: "create" | "replace"): unknown {
    const tableId = one(call, "--transit-gateway-route-table-id");
    const cidr = one(call, "--destination-cidr-block");
    const calls = this.calls();
    const table = (okData(calls, "DescribeTransitGatewayRouteTables")?.TransitGatewayRouteTables ?? []).find((t: Json) => t.TransitGatewayRouteTableId === tableId);
    if (table === undefined) throw new LandingAwsError("InvalidRouteTableID.NotFound", `The transit gateway route table '${tableId}' does not exist in account ${this.account}`);
    const blackhole = call.options.has("--blackhole");
    const attachmentId = call.options.get("--transit-gateway-attachment-id")?.[0];
    if (blackhole === (attachmentId !== undefined)) throw new LandingAwsError("InvalidParameterCombination", "give exactly one of --transit-gateway-attachment-id and --blackhole");
    let target: Json;
    if (attachmentId !== undefined) {
      const attachment = (okData(calls, "DescribeTransitGatewayAttachments")?.TransitGatewayAttachments ?? []).find((a: Json) => a.TransitGatewayAttachmentId === attachmentId);
      if (attachment === undefined || attachment.TransitGatewayId !== table.TransitGatewayId) throw new LandingAwsError("InvalidTransitGatewayAttachmentID.NotFound", `${attachmentId} is not an attachment of ${table.TransitGatewayId}`);
      target = [{ TransitGatewayAttachmentId: attachmentId, ResourceId: attachment.ResourceId, ResourceType: attachment.ResourceType }];
    }
    const record = (okData(calls, "SearchTransitGatewayRoutes") ?? []).find((r: Json) => r.TransitGatewayRouteTableId === tableId);
    if (record === undefined) throw new LandingAwsError("SimulatorGap", `SearchTransitGatewayRoutes holds no record for ${tableId}`);
    const index = record.Routes.findIndex((r: Json) => r.DestinationCidrBlock === cidr && r.Type === "static");
    if (action === "create" && index >= 0) throw new LandingAwsError("RouteAlreadyExists", `a static route for ${cidr} already exists in ${tableId}`);
    if (action === "replace" && index < 0) throw new LandingAwsError("InvalidRoute.NotFound", `no static route for ${cidr} in ${tableId}`);
    const route = { DestinationCidrBlock: cidr, ...(target === undefined ? {} : { TransitGatewayAttachments: target }), Type: "static", State: blackhole ? "blackhole" : "active" };
    if (action === "create") record.Routes.push(route);
    else record.Routes[index] = route;
    return { Route: route };
  }

  private modifyAttachment(call: CliCall): unknown {
    const id = one(call, "--transit-gateway-attachment-id");
    const calls = this.calls();
    const own = (okData(calls, "DescribeTransitGatewayVpcAttachments")?.TransitGatewayVpcAttachments ?? []).find((a: Json) => a.TransitGatewayAttachmentId === id);
    if (own === undefined || own.VpcOwnerId !== this.account) throw new LandingAwsError("InvalidTransitGatewayAttachmentID.NotFound", `${id} is not an attachment account ${this.account} owns`);
    const subnets = okData(calls, "DescribeSubnets")?.Subnets ?? [];
    const removed = new Set(call.options.get("--remove-subnet-ids") ?? []);
    const next = [...(own.SubnetIds as string[]).filter((s) => !removed.has(s)), ...(call.options.get("--add-subnet-ids") ?? [])];
    const zones = new Set<string>();
    for (const subnetId of next) {
      const subnet = subnets.find((s: Json) => s.SubnetId === subnetId);
      if (subnet === undefined || subnet.VpcId !== own.VpcId) throw new LandingAwsError("InvalidSubnetID.NotFound", `${subnetId} is not a subnet of ${own.VpcId}`);
      const zone = subnet.AvailabilityZoneId ?? subnet.AvailabilityZone;
      if (zones.has(zone)) throw new LandingAwsError("DuplicateSubnetsInSameZone", `${id} would have two subnets in ${subnet.AvailabilityZone}`);
      zones.add(zone);
    }
    // Every account that lists the attachment sees the change (the gateway's owner and the VPC's).
    for (const account of Object.keys(this.snapshot.accounts)) {
      for (const attachment of okData(this.calls(account), "DescribeTransitGatewayVpcAttachments")?.TransitGatewayVpcAttachments ?? []) {
        if (attachment.TransitGatewayAttachmentId === id) attachment.SubnetIds = [...next];
      }
    }
    return { TransitGatewayVpcAttachment: { TransitGatewayAttachmentId: id, SubnetIds: next } };
  }

  private zoneOf(account: string, zoneId: string): Json {
    return (okData(this.calls(account), "ListHostedZones")?.HostedZones ?? []).find((z: Json) => String(z.Id).replace(/^\/hostedzone\//, "") === zoneId);
  }

  private authorize(call: CliCall): unknown {
    const zoneId = one(call, "--hosted-zone-id");
    const vpc = vpcArgument(one(call, "--vpc"));
    if (this.zoneOf(this.account, zoneId) === undefined) throw new LandingAwsError("NoSuchHostedZone", `No hosted zone found with ID: ${zoneId} in account ${this.account}`);
    this.authorizations.add(`${zoneId} ${vpc.region} ${vpc.vpcId}`);
    return { HostedZoneId: zoneId, VPC: { VPCRegion: vpc.region, VPCId: vpc.vpcId } };
  }

  private associate(call: CliCall): unknown {
    const zoneId = one(call, "--hosted-zone-id");
    const vpc = vpcArgument(one(call, "--vpc"));
    const owners = Object.keys(this.snapshot.accounts).filter((account) => this.zoneOf(account, zoneId) !== undefined);
    if (owners.length !== 1) throw new LandingAwsError("NoSuchHostedZone", `No hosted zone found with ID: ${zoneId}`);
    const zoneOwner = owners[0]!;
    const zone = this.zoneOf(zoneOwner, zoneId);
    const vpcOwner = Object.keys(this.snapshot.accounts).find((account) =>
      (okData(this.snapshot.accounts[account]?.regions[vpc.region]?.calls, "DescribeVpcs")?.Vpcs ?? []).some((v: Json) => v.VpcId === vpc.vpcId && (v.OwnerId ?? account) === account),
    );
    if (vpcOwner === undefined) throw new LandingAwsError("InvalidVPCId", `The VPC ID ${vpc.vpcId} is not in the snapshot`);
    if (vpcOwner !== zoneOwner && !this.authorizations.has(`${zoneId} ${vpc.region} ${vpc.vpcId}`)) {
      throw new LandingAwsError("NotAuthorizedException", `account ${zoneOwner} has not authorized the association of ${zoneId} with ${vpc.vpcId}`);
    }
    const vpcCalls = this.snapshot.accounts[vpcOwner]!.regions[vpc.region]!.calls;
    const byVpc = okData(vpcCalls, "ListHostedZonesByVPC");
    if (byVpc === undefined) throw new LandingAwsError("SimulatorGap", `ListHostedZonesByVPC of account ${vpcOwner} is not in the snapshot`);
    let record = byVpc.find((r: Json) => r.VPCId === vpc.vpcId);
    if (record === undefined) byVpc.push((record = { VPCId: vpc.vpcId, VPCRegion: vpc.region, HostedZoneSummaries: [] }));
    const name = dnsName(zone.Name);
    if (record.HostedZoneSummaries.some((z: Json) => dnsName(z.Name) === name)) throw new LandingAwsError("ConflictingDomainExists", `${vpc.vpcId} is already associated with a hosted zone named ${name}`);
    const privateDns = (okData(vpcCalls, "DescribeVpcEndpoints")?.VpcEndpoints ?? []).find((e: Json) => e.VpcId === vpc.vpcId && e.PrivateDnsEnabled === true && `${String(e.ServiceName).split(".").pop()}.${vpc.region}.amazonaws.com` === name);
    if (privateDns !== undefined) throw new LandingAwsError("ConflictingDomainExists", `${vpc.vpcId} resolves ${name} through the private DNS of ${privateDns.VpcEndpointId}`);
    record.HostedZoneSummaries.push({ HostedZoneId: zoneId, Name: zone.Name, Owner: { OwningAccount: zoneOwner } });
    return { ChangeInfo: { Status: "PENDING" } };
  }
}
