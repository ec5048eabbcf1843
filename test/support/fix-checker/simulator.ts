/**
 * A small simulator of the AWS write calls kms-audit's fixes print, applied to a copy of a snapshot region. It checks
 * what AWS would refuse where a rule could get it wrong (an option a gateway endpoint doesn't take, a second subnet
 * in one AZ, a rule number already taken, a group that doesn't exist, a gateway attached elsewhere, a full Elastic
 * IP quota, private DNS without the VPC's DNS attributes...) and throws an AwsError with AWS's error code. Anything it
 * does not know is a SimulatorGap: the checker reports both as failures, never as skips.
 */
import type {
  Address,
  InternetGateway,
  IpPermission,
  NatGateway,
  NetworkAcl,
  NetworkAclEntry,
  Route,
  RouteTable,
  SecurityGroup,
  Subnet,
  Vpc,
  VpcEndpoint,
} from "@aws-sdk/client-ec2";
import type { LambdaFunction, RegionCalls, Snapshot, VpcAttributeRecord } from "../../../src/snapshot/types.js";
import { buildRegionIndex } from "../../../src/model/region-index.js";
import { parseIpv4Cidr } from "../../../src/model/cidr.js";
import { eipQuota, EIP_QUOTA_CODE } from "../../../src/rules/support/eip-quota.js";
import { CliUsageError, parseStructured, type CliCall } from "./cli-args.js";
import { ROUTE_TARGETS } from "./operations.js";
import { LandingAwsError, LandingSimulator } from "./landing-ops.js";

export { optionsOf } from "./operations.js";

/** AWS refused the call, as it would: the error code AWS returns. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** The simulator can't apply the call (unknown operation, missing data): a failure of the fix check, never a skip. */
export class SimulatorGap extends Error {}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function portsOf(entry: NetworkAclEntry): [number, number] | undefined {
  const protocol = String(entry.Protocol ?? "-1").toLowerCase();
  if (protocol === "-1" || protocol === "all") return [0, 65535];
  if (protocol !== "6" && protocol !== "tcp") return undefined;
  return [entry.PortRange?.From ?? 0, entry.PortRange?.To ?? 65535];
}

/** Two IPv4 entries that can match the same TCP packet. */
function entriesOverlap(a: NetworkAclEntry, b: NetworkAclEntry): boolean {
  const x = parseIpv4Cidr(a.CidrBlock ?? "");
  const y = parseIpv4Cidr(b.CidrBlock ?? "");
  const p = portsOf(a);
  const q = portsOf(b);
  if (x === undefined || y === undefined || p === undefined || q === undefined) return false;
  return x.start <= y.end && y.start <= x.end && p[0] <= q[1] && q[0] <= p[1];
}
type Data = Record<string, unknown>;

const WAITERS = new Set(["nat-gateway-available"]);

/** One account and region of a snapshot, changed in place by the calls applied to it. */
export class RegionSimulator {
  private readonly calls: Mutable<RegionCalls>;
  private counter = 0;
  private readonly landing: LandingSimulator;

  constructor(
    private readonly snapshot: Snapshot,
    readonly account: string,
    readonly region: string,
  ) {
    const calls = snapshot.accounts[account]?.regions[region]?.calls;
    if (calls === undefined) throw new SimulatorGap(`the snapshot has no region ${account}/${region}`);
    this.calls = calls as Mutable<RegionCalls>;
    this.landing = new LandingSimulator(snapshot, account, region);
  }

  /** Applies one call; returns what AWS would print as JSON. */
  apply(call: CliCall): unknown {
    if (call.region !== this.region) throw new AwsError("InvalidRegion", `the fix runs in ${call.region ?? "no region"}, the resource is in ${this.region}`);
    const key = `${call.service} ${call.operation}`;
    const landing = this.landing.handlers[key];
    if (landing !== undefined) {
      try {
        return landing(call);
      } catch (error) {
        if (error instanceof LandingAwsError) throw error.code === "SimulatorGap" ? new SimulatorGap(error.message) : new AwsError(error.code, error.message.slice(error.code.length + 2));
        throw error;
      }
    }
    const handler = this.handlers[key];
    if (handler === undefined) throw new SimulatorGap(`the simulator does not apply ${key}`);
    try {
      return handler(call);
    } catch (error) {
      if (error instanceof CliUsageError) throw new AwsError("InvalidParameterValue", error.message);
      throw error;
    }
  }

  // ----- data access -----

  private list<T>(call: keyof RegionCalls, field?: string): T[] {
    const record = this.calls[call] as { status: string; data: unknown } | undefined;
    if (record?.status !== "ok") throw new SimulatorGap(`${call} is not in the snapshot, so the simulator can't apply the call`);
    const data = field === undefined ? record.data : (record.data as Data)[field];
    if (!Array.isArray(data)) throw new SimulatorGap(`${call}.${field ?? "data"} is not a list`);
    return data as T[];
  }

  private vpcs = () => this.list<Vpc>("DescribeVpcs", "Vpcs");
  private subnets = () => this.list<Subnet>("DescribeSubnets", "Subnets");
  private tables = () => this.list<Mutable<RouteTable>>("DescribeRouteTables", "RouteTables");
  private gateways = () => this.list<Mutable<InternetGateway>>("DescribeInternetGateways", "InternetGateways");
  private nats = () => this.list<NatGateway>("DescribeNatGateways", "NatGateways");
  private endpoints = () => this.list<Mutable<VpcEndpoint>>("DescribeVpcEndpoints", "VpcEndpoints");
  private groups = () => this.list<Mutable<SecurityGroup>>("DescribeSecurityGroups", "SecurityGroups");
  private acls = () => this.list<Mutable<NetworkAcl>>("DescribeNetworkAcls", "NetworkAcls");
  private addresses = () => this.list<Mutable<Address>>("DescribeAddresses", "Addresses");
  private functions = () => this.list<Mutable<LambdaFunction>>("ListFunctions", "Functions");

  private newId(prefix: string): string {
    this.counter += 1;
    return `${prefix}-0f1x${String(this.counter).padStart(13, "0")}`;
  }

  private vpc(id: string | undefined): Vpc {
    const vpc = this.vpcs().find((v) => v.VpcId === id);
    if (vpc === undefined) throw new AwsError("InvalidVpcID.NotFound", `The vpc ID '${id}' does not exist`);
    return vpc;
  }

  private subnet(id: string): Subnet {
    const subnet = this.subnets().find((s) => s.SubnetId === id);
    if (subnet === undefined) throw new AwsError("InvalidSubnetID.NotFound", `The subnet ID '${id}' does not exist`);
    return subnet;
  }

  private table(id: string | undefined): Mutable<RouteTable> {
    const table = this.tables().find((t) => t.RouteTableId === id);
    if (table === undefined) throw new AwsError("InvalidRouteTableID.NotFound", `The routeTable ID '${id}' does not exist`);
    return table;
  }

  private group(id: string | undefined): Mutable<SecurityGroup> {
    const group = this.groups().find((g) => g.GroupId === id);
    if (group === undefined) throw new AwsError("InvalidGroup.NotFound", `The security group '${id}' does not exist`);
    return group;
  }

  private endpoint(id: string | undefined): Mutable<VpcEndpoint> {
    const endpoint = this.endpoints().find((e) => e.VpcEndpointId === id);
    if (endpoint === undefined) throw new AwsError("InvalidVpcEndpointId.NotFound", `The Vpc Endpoint Id '${id}' does not exist`);
    return endpoint;
  }

  private vpcAttribute(vpcId: string, name: "EnableDnsSupport" | "EnableDnsHostnames"): boolean | undefined {
    return this.list<VpcAttributeRecord>("DescribeVpcAttribute").find((r) => r.VpcId === vpcId && r[name] !== undefined)?.[name]?.Value;
  }

  private static one(call: CliCall, name: string): string | undefined {
    return call.options.get(name)?.[0];
  }

  private static required(call: CliCall, name: string): string {
    const value = RegionSimulator.one(call, name);
    if (value === undefined) throw new AwsError("MissingParameter", `The request must contain the parameter ${name}`);
    return value;
  }

  // ----- operations -----

  private readonly handlers: Record<string, (call: CliCall) => unknown> = {
    "ec2 create-security-group": (call) => this.createSecurityGroup(call),
    "ec2 authorize-security-group-ingress": (call) => this.authorize(call, "IpPermissions"),
    "ec2 authorize-security-group-egress": (call) => this.authorize(call, "IpPermissionsEgress"),
    "ec2 create-route": (call) => this.route(call, "create"),
    "ec2 replace-route": (call) => this.route(call, "replace"),
    "ec2 delete-route": (call) => this.route(call, "delete"),
    "ec2 create-network-acl-entry": (call) => this.aclEntry(call, "create"),
    "ec2 replace-network-acl-entry": (call) => this.aclEntry(call, "replace"),
    "ec2 modify-vpc-attribute": (call) => this.modifyVpcAttribute(call),
    "ec2 create-route-table": (call) => this.createRouteTable(call),
    "ec2 associate-route-table": (call) => this.associateRouteTable(call),
    "ec2 replace-route-table-association": (call) => this.replaceAssociation(call),
    "ec2 enable-vgw-route-propagation": (call) => this.enablePropagation(call),
    "ec2 create-vpc-endpoint": (call) => this.createVpcEndpoint(call),
    "ec2 modify-vpc-endpoint": (call) => this.modifyVpcEndpoint(call),
    "ec2 delete-vpc-endpoints": (call) => this.deleteVpcEndpoints(call),
    "ec2 allocate-address": (call) => this.allocateAddress(call),
    "ec2 release-address": (call) => this.releaseAddress(call),
    "ec2 create-nat-gateway": (call) => this.createNatGateway(call),
    "ec2 wait": (call) => this.wait(call),
    "ec2 create-internet-gateway": () => this.createInternetGateway(),
    "ec2 attach-internet-gateway": (call) => this.attachInternetGateway(call),
    "ec2 describe-vpc-endpoints": () => ({}),
    "ec2 describe-route-tables": () => ({}),
    "ec2 describe-network-acls": () => ({}),
    "ec2 describe-security-groups": () => ({}),
    "lambda update-function-configuration": (call) => this.updateFunctionConfiguration(call),
    "service-quotas request-service-quota-increase": (call) => this.requestQuotaIncrease(call),
    "service-quotas get-service-quota": () => ({}),
  };

  private createSecurityGroup(call: CliCall): unknown {
    const vpcId = RegionSimulator.required(call, "--vpc-id");
    this.vpc(vpcId);
    const name = RegionSimulator.required(call, "--group-name");
    const description = RegionSimulator.required(call, "--description");
    if (name.toLowerCase().startsWith("sg-") || name === "default") throw new AwsError("InvalidParameterValue", `Invalid group name ${name}`);
    if (this.groups().some((g) => g.VpcId === vpcId && g.GroupName === name)) throw new AwsError("InvalidGroup.Duplicate", `The security group '${name}' already exists for VPC '${vpcId}'`);
    const id = this.newId("sg");
    this.groups().push({
      GroupId: id,
      GroupName: name,
      Description: description,
      VpcId: vpcId,
      OwnerId: this.account,
      IpPermissions: [],
      IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }],
    });
    return { GroupId: id };
  }

  private permissionsFrom(call: CliCall, ingress: boolean): IpPermission[] {
    const raw = RegionSimulator.one(call, "--ip-permissions");
    const simple = ["--protocol", "--port", "--cidr", "--source-group"].filter((o) => call.options.has(o));
    if (raw !== undefined && simple.length > 0) throw new AwsError("InvalidParameterCombination", "--ip-permissions can't be combined with --protocol/--port/--cidr/--source-group");
    if (raw === undefined) {
      if (!ingress) throw new AwsError("MissingParameter", "authorize-security-group-egress needs --ip-permissions");
      const protocol = RegionSimulator.required(call, "--protocol");
      const port = RegionSimulator.one(call, "--port");
      const [from, to] = port === undefined ? [undefined, undefined] : port.split("-").map(Number);
      const cidr = RegionSimulator.one(call, "--cidr");
      const source = RegionSimulator.one(call, "--source-group");
      if ((cidr === undefined) === (source === undefined)) throw new AwsError("InvalidParameterCombination", "give exactly one of --cidr and --source-group");
      if (source !== undefined) this.group(source);
      return [
        {
          IpProtocol: protocol,
          ...(from === undefined ? {} : { FromPort: from, ToPort: to ?? from }),
          IpRanges: cidr === undefined ? [] : [{ CidrIp: cidr }],
          Ipv6Ranges: [],
          PrefixListIds: [],
          UserIdGroupPairs: source === undefined ? [] : [{ GroupId: source, UserId: this.account }],
        },
      ];
    }
    const parsed = parseStructured(raw);
    const items = (Array.isArray(parsed) ? parsed : [parsed]) as Data[];
    return items.map((item) => {
      const known = new Set(["IpProtocol", "FromPort", "ToPort", "IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs"]);
      for (const key of Object.keys(item)) if (!known.has(key)) throw new AwsError("InvalidParameterValue", `unknown IpPermission field ${key}`);
      const list = (value: unknown): Data[] => (value === undefined ? [] : Array.isArray(value) ? (value as Data[]) : [value as Data]);
      const pairs = list(item["UserIdGroupPairs"]).map((p) => {
        this.group(String(p["GroupId"]));
        return { GroupId: String(p["GroupId"]), UserId: this.account };
      });
      const prefixLists = list(item["PrefixListIds"]).map((p) => {
        const id = String(p["PrefixListId"]);
        if (!this.list<Data>("DescribeManagedPrefixLists", "PrefixLists").some((l) => l["PrefixListId"] === id)) throw new AwsError("InvalidPrefixListID.NotFound", `The prefix list ID '${id}' does not exist`);
        return { PrefixListId: id };
      });
      return {
        IpProtocol: String(item["IpProtocol"]),
        ...(item["FromPort"] === undefined ? {} : { FromPort: Number(item["FromPort"]), ToPort: Number(item["ToPort"]) }),
        IpRanges: list(item["IpRanges"]).map((r) => ({ CidrIp: String(r["CidrIp"]) })),
        Ipv6Ranges: [],
        PrefixListIds: prefixLists,
        UserIdGroupPairs: pairs,
      };
    });
  }

  private authorize(call: CliCall, field: "IpPermissions" | "IpPermissionsEgress"): unknown {
    const group = this.group(RegionSimulator.required(call, "--group-id"));
    const added = this.permissionsFrom(call, field === "IpPermissions");
    const peers = (p: IpPermission) => [
      ...(p.IpRanges ?? []).map((r) => `cidr ${r.CidrIp}`),
      ...(p.PrefixListIds ?? []).map((r) => `pl ${r.PrefixListId}`),
      ...(p.UserIdGroupPairs ?? []).map((r) => `sg ${r.GroupId}`),
    ];
    const existing = group[field] ?? [];
    for (const permission of added) {
      for (const peer of peers(permission)) {
        const duplicate = existing.some((e) => e.IpProtocol === permission.IpProtocol && e.FromPort === permission.FromPort && e.ToPort === permission.ToPort && peers(e).includes(peer));
        if (duplicate) throw new AwsError("InvalidPermission.Duplicate", `the specified rule "${peer} ${permission.IpProtocol} ${permission.FromPort}" already exists`);
      }
    }
    group[field] = [...existing, ...added];
    return { Return: true };
  }

  private routeDestination(call: CliCall): { key: "DestinationCidrBlock" | "DestinationIpv6CidrBlock" | "DestinationPrefixListId"; value: string } {
    const given = (
      [
        ["--destination-cidr-block", "DestinationCidrBlock"],
        ["--destination-ipv6-cidr-block", "DestinationIpv6CidrBlock"],
        ["--destination-prefix-list-id", "DestinationPrefixListId"],
      ] as const
    ).filter(([option]) => call.options.has(option));
    if (given.length !== 1) throw new AwsError("InvalidParameterCombination", "give exactly one route destination");
    return { key: given[0]![1], value: RegionSimulator.one(call, given[0]![0])! };
  }

  private routeTarget(call: CliCall, table: RouteTable): Partial<Route> {
    const given = Object.keys(ROUTE_TARGETS).filter((option) => call.options.has(option));
    if (given.length !== 1) throw new AwsError("InvalidParameterCombination", "give exactly one route target");
    const option = given[0]!;
    const value = RegionSimulator.one(call, option)!;
    switch (option) {
      case "--nat-gateway-id": {
        const nat = this.nats().find((n) => n.NatGatewayId === value);
        if (nat === undefined || ["deleted", "deleting", "failed"].includes(String(nat.State).toLowerCase())) throw new AwsError("InvalidNatGatewayID.NotFound", `The natGateway ID '${value}' does not exist`);
        if (nat.VpcId !== table.VpcId) throw new AwsError("InvalidParameterValue", `route table ${table.RouteTableId} and NAT gateway ${value} belong to different networks`);
        return { NatGatewayId: value };
      }
      case "--gateway-id": {
        if (value.startsWith("igw-")) {
          const igw = this.gateways().find((g) => g.InternetGatewayId === value);
          if (igw === undefined) throw new AwsError("InvalidInternetGatewayID.NotFound", `The internetGateway ID '${value}' does not exist`);
          if (!(igw.Attachments ?? []).some((a) => a.VpcId === table.VpcId && String(a.State).toLowerCase() === "available")) {
            throw new AwsError("InvalidParameterValue", `route table ${table.RouteTableId} and network gateway ${value} belong to different networks`);
          }
        } else if (!value.startsWith("vgw-")) {
          throw new AwsError("InvalidParameterValue", `--gateway-id takes an internet or virtual private gateway, not ${value}`);
        }
        return { GatewayId: value };
      }
      case "--vpc-endpoint-id": {
        const endpoint = this.endpoint(value);
        if ((endpoint.VpcEndpointType ?? "").toLowerCase() !== "gatewayloadbalancer") throw new AwsError("InvalidParameterValue", `${value} is not a Gateway Load Balancer endpoint: gateway endpoint routes are managed with modify-vpc-endpoint --add-route-table-ids`);
        return { GatewayId: value };
      }
      case "--transit-gateway-id": {
        // Checked where the snapshot holds attachments (snapshots before landing zones don't).
        const known = Object.values(this.snapshot.accounts).flatMap((account) => {
          const data = account.regions[this.region]?.calls.DescribeTransitGatewayVpcAttachments;
          return data?.status === "ok" ? data.data.TransitGatewayVpcAttachments : [];
        });
        const collected = this.calls.DescribeTransitGatewayVpcAttachments?.status === "ok";
        if (collected && !known.some((a) => a.TransitGatewayId === value && a.VpcId === table.VpcId && String(a.State ?? "available") === "available")) throw new AwsError("InvalidTransitGatewayID.NotFound", `route table ${table.RouteTableId}'s VPC is not attached to transit gateway ${value}`);
        return { TransitGatewayId: value };
      }
      case "--vpc-peering-connection-id": {
        if (this.calls.DescribeVpcPeeringConnections?.status !== "ok") return { VpcPeeringConnectionId: value };
        const peering = this.list<Data>("DescribeVpcPeeringConnections", "VpcPeeringConnections").find((p) => p["VpcPeeringConnectionId"] === value);
        const sides = [(peering?.["RequesterVpcInfo"] as Data | undefined)?.["VpcId"], (peering?.["AccepterVpcInfo"] as Data | undefined)?.["VpcId"]];
        if (peering === undefined || !sides.includes(table.VpcId)) throw new AwsError("InvalidVpcPeeringConnectionID.NotFound", `${value} does not join ${table.VpcId}`);
        return { VpcPeeringConnectionId: value };
      }
      case "--network-interface-id":
        return { NetworkInterfaceId: value };
      case "--instance-id":
        return { InstanceId: value };
      case "--egress-only-internet-gateway-id":
        return { EgressOnlyInternetGatewayId: value };
      case "--local-gateway-id":
        return { LocalGatewayId: value };
      case "--carrier-gateway-id":
        return { CarrierGatewayId: value };
      default:
        return { CoreNetworkArn: value };
    }
  }

  private route(call: CliCall, action: "create" | "replace" | "delete"): unknown {
    const table = this.table(RegionSimulator.required(call, "--route-table-id"));
    const destination = this.routeDestination(call);
    const routes = table.Routes ?? [];
    const index = routes.findIndex((r) => r[destination.key] === destination.value);
    if (action === "create" && index >= 0) throw new AwsError("RouteAlreadyExists", `The route identified by ${destination.value} already exists`);
    if (action !== "create" && index < 0) throw new AwsError("InvalidRoute.NotFound", `no route with destination ${destination.value} in ${table.RouteTableId}`);
    if (action !== "create" && routes[index]!.GatewayId === "local") throw new AwsError("InvalidParameterValue", `cannot ${action} the local route ${destination.value}`);
    if (action === "delete") {
      table.Routes = routes.filter((_, i) => i !== index);
      return {};
    }
    const route: Route = { [destination.key]: destination.value, ...this.routeTarget(call, table), State: "active", Origin: "CreateRoute" };
    table.Routes = action === "create" ? [...routes, route] : routes.map((r, i) => (i === index ? route : r));
    return { Return: true };
  }

  private aclEntry(call: CliCall, action: "create" | "replace"): unknown {
    const id = RegionSimulator.required(call, "--network-acl-id");
    const acl = this.acls().find((a) => a.NetworkAclId === id);
    if (acl === undefined) throw new AwsError("InvalidNetworkAclID.NotFound", `The networkAcl ID '${id}' does not exist`);
    if (call.options.has("--ingress") === call.options.has("--egress")) throw new AwsError("InvalidParameterCombination", "give exactly one of --ingress and --egress");
    const egress = call.options.has("--egress");
    const number = Number(RegionSimulator.required(call, "--rule-number"));
    if (!Number.isInteger(number) || number < 1 || number > 32766) throw new AwsError("InvalidParameterValue", `rule number ${number} is outside 1-32766`);
    const protocol = RegionSimulator.required(call, "--protocol");
    const rangeText = RegionSimulator.one(call, "--port-range");
    if ((protocol === "6" || protocol === "17" || protocol === "tcp") && rangeText === undefined) throw new AwsError("MissingParameter", "TCP and UDP entries need --port-range");
    const range = rangeText === undefined ? undefined : (parseStructured(rangeText) as Data);
    const action_ = RegionSimulator.required(call, "--rule-action");
    if (action_ !== "allow" && action_ !== "deny") throw new AwsError("InvalidParameterValue", `rule action ${action_}`);
    const entry: NetworkAclEntry = {
      RuleNumber: number,
      Egress: egress,
      Protocol: protocol,
      RuleAction: action_,
      CidrBlock: RegionSimulator.required(call, "--cidr-block"),
      ...(range === undefined ? {} : { PortRange: { From: Number(range["From"]), To: Number(range["To"]) } }),
    };
    const entries = acl.Entries ?? [];
    if (action_ === "allow") {
      // kms-audit's own rule, not AWS's: a fix never puts an allow in front of a deny the team set (it would loosen it).
      const overtaken = entries.find((e) => e.RuleAction === "deny" && (e.Egress === true) === egress && (e.RuleNumber ?? 0) > number && (e.RuleNumber ?? 0) < 32767 && entriesOverlap(e, entry));
      if (overtaken !== undefined) throw new AwsError("KmsAuditPolicy.AllowBeforeDeny", `allow rule ${number} would overtake deny rule ${overtaken.RuleNumber} (${overtaken.CidrBlock})`);
    }
    const index = entries.findIndex((e) => e.RuleNumber === number && (e.Egress === true) === egress);
    if (action === "create" && index >= 0) throw new AwsError("NetworkAclEntryAlreadyExists", `The network acl entry identified by ${number} already exists`);
    if (action === "replace" && index < 0) throw new AwsError("InvalidNetworkAclEntry.NotFound", `no entry ${number} in ${id}`);
    acl.Entries = action === "create" ? [...entries, entry] : entries.map((e, i) => (i === index ? entry : e));
    return {};
  }

  private modifyVpcAttribute(call: CliCall): unknown {
    const vpcId = RegionSimulator.required(call, "--vpc-id");
    this.vpc(vpcId);
    const given = (["--enable-dns-support", "--enable-dns-hostnames"] as const).filter((o) => call.options.has(o));
    if (given.length !== 1) throw new AwsError("InvalidParameterCombination", "Fields for multiple attribute types specified: modify one attribute per call");
    const option = given[0]!;
    const parsed = parseStructured(RegionSimulator.one(call, option)!) as Data;
    const value = parsed["Value"] === true || parsed["Value"] === "true";
    if (parsed["Value"] === undefined) throw new AwsError("InvalidParameterValue", `${option} needs {"Value":true|false}`);
    const name = option === "--enable-dns-support" ? "EnableDnsSupport" : "EnableDnsHostnames";
    if (name === "EnableDnsHostnames" && value && this.vpcAttribute(vpcId, "EnableDnsSupport") !== true) {
      throw new AwsError("InvalidParameterValue", "enableDnsHostnames can be true only while enableDnsSupport is true");
    }
    const records = this.list<Mutable<VpcAttributeRecord>>("DescribeVpcAttribute");
    const record = records.find((r) => r.VpcId === vpcId && r[name] !== undefined);
    if (record !== undefined) record[name] = { Value: value };
    else records.push({ VpcId: vpcId, [name]: { Value: value } });
    return {};
  }

  private createRouteTable(call: CliCall): unknown {
    const vpc = this.vpc(RegionSimulator.required(call, "--vpc-id"));
    const cidrs = new Set([vpc.CidrBlock, ...(vpc.CidrBlockAssociationSet ?? []).map((a) => a.CidrBlock)].filter((c): c is string => c !== undefined));
    const id = this.newId("rtb");
    this.tables().push({
      RouteTableId: id,
      VpcId: vpc.VpcId,
      OwnerId: this.account,
      Routes: [...cidrs].map((cidr) => ({ DestinationCidrBlock: cidr, GatewayId: "local", State: "active", Origin: "CreateRouteTable" })),
      Associations: [],
      PropagatingVgws: [],
      Tags: [],
    });
    return { RouteTable: { RouteTableId: id, VpcId: vpc.VpcId } };
  }

  private associateRouteTable(call: CliCall): unknown {
    const table = this.table(RegionSimulator.required(call, "--route-table-id"));
    const subnetId = RegionSimulator.required(call, "--subnet-id");
    const subnet = this.subnet(subnetId);
    if (subnet.VpcId !== table.VpcId) throw new AwsError("InvalidParameterValue", `route table ${table.RouteTableId} and subnet ${subnetId} belong to different networks`);
    const taken = this.tables().some((t) => (t.Associations ?? []).some((a) => a.SubnetId === subnetId && !["disassociated", "failed"].includes(String(a.AssociationState?.State ?? ""))));
    if (taken) throw new AwsError("Resource.AlreadyAssociated", `the specified association for route table ${table.RouteTableId} conflicts with an existing association (${subnetId})`);
    const id = this.newId("rtbassoc");
    table.Associations = [...(table.Associations ?? []), { Main: false, RouteTableAssociationId: id, RouteTableId: table.RouteTableId, SubnetId: subnetId, AssociationState: { State: "associated" } }];
    return { AssociationId: id };
  }

  private replaceAssociation(call: CliCall): unknown {
    const associationId = RegionSimulator.required(call, "--association-id");
    const table = this.table(RegionSimulator.required(call, "--route-table-id"));
    const owner = this.tables().find((t) => (t.Associations ?? []).some((a) => a.RouteTableAssociationId === associationId));
    if (owner === undefined) throw new AwsError("InvalidAssociationID.NotFound", `The association ID '${associationId}' does not exist`);
    if (owner.VpcId !== table.VpcId) throw new AwsError("InvalidParameterValue", "the route tables belong to different networks");
    const association = owner.Associations!.find((a) => a.RouteTableAssociationId === associationId)!;
    owner.Associations = owner.Associations!.filter((a) => a !== association);
    const id = this.newId("rtbassoc");
    table.Associations = [...(table.Associations ?? []), { ...association, RouteTableAssociationId: id, RouteTableId: table.RouteTableId }];
    return { NewAssociationId: id };
  }

  private enablePropagation(call: CliCall): unknown {
    const table = this.table(RegionSimulator.required(call, "--route-table-id"));
    const gateway = RegionSimulator.required(call, "--gateway-id");
    if (!gateway.startsWith("vgw-")) throw new AwsError("InvalidParameterValue", `${gateway} is not a virtual private gateway`);
    table.PropagatingVgws = [...(table.PropagatingVgws ?? []).filter((g) => g.GatewayId !== gateway), { GatewayId: gateway }];
    return {};
  }

  /** The AWS-managed prefix list of a gateway service, added when the snapshot didn't list it (AWS always has it). */
  private servicePrefixList(serviceName: string): string {
    const lists = this.list<Data>("DescribeManagedPrefixLists", "PrefixLists");
    const known = lists.find((l) => l["PrefixListName"] === serviceName);
    if (known !== undefined) return String(known["PrefixListId"]);
    const id = this.newId("pl");
    lists.push({ PrefixListId: id, PrefixListName: serviceName, AddressFamily: "IPv4", State: "create-complete", OwnerId: "AWS", MaxEntries: 0, Version: 1, Tags: [] });
    return id;
  }

  private checkSubnetsOnePerAz(endpoint: VpcEndpoint, subnetIds: readonly string[]): void {
    const azs = new Map<string, string>();
    for (const id of subnetIds) {
      const subnet = this.subnet(id);
      if (subnet.VpcId !== endpoint.VpcId) throw new AwsError("InvalidParameter", `subnet ${id} is not in ${endpoint.VpcId}`);
      const az = subnet.AvailabilityZone ?? "";
      const other = azs.get(az);
      if (other !== undefined) throw new AwsError("DuplicateSubnetsInSameZone", `Found another VPC endpoint subnet in the availability zone of ${id} (${other})`);
      azs.set(az, id);
    }
  }

  private checkPrivateDns(endpoint: VpcEndpoint): void {
    const vpcId = endpoint.VpcId ?? "";
    if (this.vpcAttribute(vpcId, "EnableDnsSupport") !== true || this.vpcAttribute(vpcId, "EnableDnsHostnames") !== true) {
      throw new AwsError("InvalidParameter", `Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${vpcId}`);
    }
    const conflict = this.endpoints().find(
      (e) => e !== endpoint && e.VpcId === vpcId && e.ServiceName === endpoint.ServiceName && e.PrivateDnsEnabled === true && !["deleted", "deleting", "failed", "rejected", "expired"].includes(String(e.State).toLowerCase()),
    );
    if (conflict !== undefined) throw new AwsError("InvalidParameter", `private-dns-enabled cannot be set because there is already a conflicting DNS domain for ${endpoint.ServiceName} in ${vpcId} (${conflict.VpcEndpointId})`);
  }

  private policyDocument(text: string): string {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
    } catch {
      throw new AwsError("MalformedPolicy", "the policy document is not a JSON object");
    }
    if (text.length > 20480) throw new AwsError("InvalidParameter", "the policy document is longer than 20,480 characters");
    return text;
  }

  private createVpcEndpoint(call: CliCall): unknown {
    const vpcId = RegionSimulator.required(call, "--vpc-id");
    this.vpc(vpcId);
    const type = RegionSimulator.one(call, "--vpc-endpoint-type") ?? "Gateway";
    const serviceName = RegionSimulator.required(call, "--service-name");
    const offered = this.calls.DescribeVpcEndpointServices;
    if (offered?.status === "ok" && !offered.data.ServiceNames.includes(serviceName)) throw new AwsError("InvalidServiceName", `The Vpc Endpoint Service '${serviceName}' does not exist`);
    const id = this.newId("vpce");
    const policy = RegionSimulator.one(call, "--policy-document");
    if (type === "Gateway") {
      for (const option of ["--subnet-ids", "--security-group-ids", "--private-dns-enabled"]) {
        if (call.options.has(option)) throw new AwsError("InvalidParameter", `${option} is not valid for a Gateway endpoint`);
      }
      const tables = (call.options.get("--route-table-ids") ?? []).map((t) => this.table(t));
      if (tables.some((t) => t.VpcId !== vpcId)) throw new AwsError("InvalidParameter", "route tables must belong to the endpoint's VPC");
      const endpoint: Mutable<VpcEndpoint> = {
        VpcEndpointId: id,
        VpcEndpointType: "Gateway",
        VpcId: vpcId,
        ServiceName: serviceName,
        State: "available" as VpcEndpoint["State"],
        PolicyDocument: policy === undefined ? JSON.stringify({ Version: "2008-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] }) : this.policyDocument(policy),
        RouteTableIds: tables.map((t) => t.RouteTableId!),
        SubnetIds: [],
        Groups: [],
        PrivateDnsEnabled: false,
        NetworkInterfaceIds: [],
        DnsEntries: [],
        OwnerId: this.account,
        Tags: [],
      };
      this.endpoints().push(endpoint);
      const list = this.servicePrefixList(serviceName);
      for (const table of tables) this.addGatewayRoute(table, list, id);
      return { VpcEndpoint: { VpcEndpointId: id } };
    }
    if (type !== "Interface") throw new SimulatorGap(`the simulator creates only Interface and Gateway endpoints, not ${type}`);
    if (call.options.has("--route-table-ids")) throw new AwsError("InvalidParameter", "--route-table-ids is not valid for an Interface endpoint");
    const subnetIds = call.options.get("--subnet-ids") ?? [];
    const groupIds = call.options.get("--security-group-ids") ?? [];
    for (const g of groupIds) if (this.group(g).VpcId !== vpcId) throw new AwsError("InvalidParameter", `security group ${g} is not in ${vpcId}`);
    const defaultGroup = this.groups().find((g) => g.VpcId === vpcId && g.GroupName === "default");
    const groups = groupIds.length > 0 ? groupIds : defaultGroup?.GroupId === undefined ? [] : [defaultGroup.GroupId];
    const endpoint: Mutable<VpcEndpoint> = {
      VpcEndpointId: id,
      VpcEndpointType: "Interface",
      VpcId: vpcId,
      ServiceName: serviceName,
      State: "available" as VpcEndpoint["State"],
      PolicyDocument: policy === undefined ? JSON.stringify({ Statement: [{ Action: "*", Effect: "Allow", Principal: "*", Resource: "*" }] }) : this.policyDocument(policy),
      RouteTableIds: [],
      SubnetIds: [...subnetIds],
      Groups: groups.map((g) => ({ GroupId: g, GroupName: this.group(g).GroupName })),
      // AWS turns private DNS on by default for AWS services' interface endpoints.
      PrivateDnsEnabled: !call.options.has("--no-private-dns-enabled"),
      RequesterManaged: false,
      NetworkInterfaceIds: subnetIds.map(() => this.newId("eni")),
      DnsEntries: [],
      IpAddressType: "ipv4",
      DnsOptions: { DnsRecordIpType: "ipv4" },
      OwnerId: this.account,
      Tags: [],
    };
    this.checkSubnetsOnePerAz(endpoint, subnetIds);
    if (endpoint.PrivateDnsEnabled) this.checkPrivateDns(endpoint);
    this.endpoints().push(endpoint);
    return { VpcEndpoint: { VpcEndpointId: id } };
  }

  private addGatewayRoute(table: Mutable<RouteTable>, prefixList: string, endpointId: string): void {
    if ((table.Routes ?? []).some((r) => r.DestinationPrefixListId === prefixList)) throw new AwsError("RouteAlreadyExists", `${table.RouteTableId} already has a route to ${prefixList}`);
    table.Routes = [...(table.Routes ?? []), { DestinationPrefixListId: prefixList, GatewayId: endpointId, State: "active", Origin: "CreateRoute" }];
  }

  private modifyVpcEndpoint(call: CliCall): unknown {
    const endpoint = this.endpoint(RegionSimulator.required(call, "--vpc-endpoint-id"));
    const type = (endpoint.VpcEndpointType ?? "Interface").toLowerCase();
    const interfaceOnly = ["--add-subnet-ids", "--remove-subnet-ids", "--add-security-group-ids", "--remove-security-group-ids", "--private-dns-enabled", "--no-private-dns-enabled"];
    const gatewayOnly = ["--add-route-table-ids", "--remove-route-table-ids", "--reset-policy"];
    for (const option of type === "gateway" ? interfaceOnly : gatewayOnly) {
      if (call.options.has(option)) throw new AwsError("InvalidParameter", `${option} is not valid for a${type === "gateway" ? " Gateway" : "n Interface"} endpoint (${endpoint.VpcEndpointId})`);
    }
    const added = call.options.get("--add-subnet-ids") ?? [];
    if (added.length > 0) {
      const subnets = [...(endpoint.SubnetIds ?? []).filter((s) => !(call.options.get("--remove-subnet-ids") ?? []).includes(s)), ...added];
      this.checkSubnetsOnePerAz(endpoint, subnets);
      endpoint.SubnetIds = subnets;
      endpoint.NetworkInterfaceIds = [...(endpoint.NetworkInterfaceIds ?? []), ...added.map(() => this.newId("eni"))];
    }
    for (const g of call.options.get("--add-security-group-ids") ?? []) {
      this.group(g);
      endpoint.Groups = [...(endpoint.Groups ?? []), { GroupId: g }];
    }
    const policy = RegionSimulator.one(call, "--policy-document");
    if (policy !== undefined && call.options.has("--reset-policy")) throw new AwsError("InvalidParameterCombination", "--policy-document and --reset-policy can't be combined");
    if (policy !== undefined) endpoint.PolicyDocument = this.policyDocument(policy);
    if (call.options.has("--reset-policy")) endpoint.PolicyDocument = JSON.stringify({ Version: "2008-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] });
    if (call.options.has("--private-dns-enabled")) {
      this.checkPrivateDns(endpoint);
      endpoint.PrivateDnsEnabled = true;
    }
    if (call.options.has("--no-private-dns-enabled")) endpoint.PrivateDnsEnabled = false;
    const tablesAdded = call.options.get("--add-route-table-ids") ?? [];
    if (tablesAdded.length > 0) {
      const list = this.servicePrefixList(endpoint.ServiceName ?? "");
      for (const id of tablesAdded) {
        const table = this.table(id);
        if (table.VpcId !== endpoint.VpcId) throw new AwsError("InvalidParameter", `${id} is not in ${endpoint.VpcId}`);
        this.addGatewayRoute(table, list, endpoint.VpcEndpointId!);
      }
      endpoint.RouteTableIds = [...(endpoint.RouteTableIds ?? []), ...tablesAdded];
    }
    return { Return: true };
  }

  private deleteVpcEndpoints(call: CliCall): unknown {
    for (const id of call.options.get("--vpc-endpoint-ids") ?? []) {
      const endpoint = this.endpoint(id);
      const index = this.endpoints().indexOf(endpoint);
      this.endpoints().splice(index, 1);
      for (const table of this.tables()) table.Routes = (table.Routes ?? []).filter((r) => r.GatewayId !== id);
    }
    return { Unsuccessful: [] };
  }

  private allocateAddress(call: CliCall): unknown {
    if (RegionSimulator.one(call, "--domain") !== "vpc") throw new AwsError("InvalidParameterValue", "allocate --domain vpc");
    const index = buildRegionIndex(this.account, this.region, this.calls);
    const quota = eipQuota(this.snapshot, index);
    if (this.addresses().length >= quota.value) throw new AwsError("AddressLimitExceeded", `The maximum number of addresses (${quota.value}) has been reached.`);
    const id = this.newId("eipalloc");
    const publicIp = `198.51.100.${this.counter % 250}`;
    this.addresses().push({ AllocationId: id, PublicIp: publicIp, Domain: "vpc" });
    return { AllocationId: id, PublicIp: publicIp, Domain: "vpc" };
  }

  private releaseAddress(call: CliCall): unknown {
    const id = RegionSimulator.required(call, "--allocation-id");
    const addresses = this.addresses();
    const address = addresses.find((a) => a.AllocationId === id);
    if (address === undefined) throw new AwsError("InvalidAllocationID.NotFound", `The allocation ID '${id}' does not exist`);
    if (address.AssociationId || address.NetworkInterfaceId || address.InstanceId) throw new AwsError("InvalidIPAddress.InUse", `Address ${address.PublicIp} is in use`);
    addresses.splice(addresses.indexOf(address), 1);
    return {};
  }

  private createNatGateway(call: CliCall): unknown {
    const subnet = this.subnet(RegionSimulator.required(call, "--subnet-id"));
    const type = RegionSimulator.one(call, "--connectivity-type") ?? "public";
    const allocationId = RegionSimulator.one(call, "--allocation-id");
    if (type === "public" && allocationId === undefined) throw new AwsError("MissingParameter", "a public NAT gateway needs --allocation-id");
    if (type === "private" && allocationId !== undefined) throw new AwsError("InvalidParameterCombination", "a private NAT gateway takes no Elastic IP");
    const id = this.newId("nat");
    const eni = this.newId("eni");
    const addresses: Mutable<NonNullable<NatGateway["NatGatewayAddresses"]>[number]>[] = [];
    if (allocationId !== undefined) {
      const address = this.addresses().find((a) => a.AllocationId === allocationId);
      if (address === undefined) throw new AwsError("InvalidAllocationID.NotFound", `The allocation ID '${allocationId}' does not exist`);
      if (address.AssociationId || address.NetworkInterfaceId || address.InstanceId) throw new AwsError("Resource.AlreadyAssociated", `Elastic IP address [${allocationId}] is already associated`);
      address.AssociationId = this.newId("eipassoc");
      address.NetworkInterfaceId = eni;
      address.PrivateIpAddress = "10.255.0.1";
      addresses.push({ AllocationId: allocationId, NetworkInterfaceId: eni, PrivateIp: "10.255.0.1", PublicIp: address.PublicIp, IsPrimary: true, Status: "succeeded" });
    }
    this.nats().push({ NatGatewayId: id, SubnetId: subnet.SubnetId, VpcId: subnet.VpcId, State: "available", ConnectivityType: type as NatGateway["ConnectivityType"], NatGatewayAddresses: addresses, Tags: [] });
    return { NatGateway: { NatGatewayId: id, State: "pending" } };
  }

  private wait(call: CliCall): unknown {
    if (!WAITERS.has(call.positional ?? "")) throw new SimulatorGap(`the simulator knows no waiter ${call.positional}`);
    for (const id of call.options.get("--nat-gateway-ids") ?? []) {
      if (!this.nats().some((n) => n.NatGatewayId === id && String(n.State).toLowerCase() === "available")) throw new AwsError("WaiterError", `Waiter NatGatewayAvailable failed: ${id} does not become available`);
    }
    return undefined;
  }

  private createInternetGateway(): unknown {
    const id = this.newId("igw");
    this.gateways().push({ InternetGatewayId: id, OwnerId: this.account, Attachments: [], Tags: [] });
    return { InternetGateway: { InternetGatewayId: id } };
  }

  private attachInternetGateway(call: CliCall): unknown {
    const id = RegionSimulator.required(call, "--internet-gateway-id");
    const vpcId = RegionSimulator.required(call, "--vpc-id");
    this.vpc(vpcId);
    const igw = this.gateways().find((g) => g.InternetGatewayId === id);
    if (igw === undefined) throw new AwsError("InvalidInternetGatewayID.NotFound", `The internetGateway ID '${id}' does not exist`);
    const attached = (g: InternetGateway) => (g.Attachments ?? []).filter((a) => !["detached", "detaching"].includes(String(a.State).toLowerCase()));
    if (attached(igw).length > 0) throw new AwsError("Resource.AlreadyAssociated", `resource ${id} is already attached to network ${attached(igw)[0]!.VpcId}`);
    const other = this.gateways().find((g) => attached(g).some((a) => a.VpcId === vpcId));
    if (other !== undefined) throw new AwsError("InvalidParameterValue", `Network ${vpcId} already has an internet gateway attached (${other.InternetGatewayId})`);
    igw.Attachments = [{ VpcId: vpcId, State: "available" as NonNullable<InternetGateway["Attachments"]>[number]["State"] }];
    // Routes of the VPC to this gateway that were blackholes while it was detached come back.
    for (const table of this.tables().filter((t) => t.VpcId === vpcId)) {
      table.Routes = (table.Routes ?? []).map((r) => (r.GatewayId === id && String(r.State).toLowerCase() === "blackhole" ? { ...r, State: "active" } : r));
    }
    return {};
  }

  private updateFunctionConfiguration(call: CliCall): unknown {
    const name = RegionSimulator.required(call, "--function-name");
    const fn = this.functions().find((f) => f.FunctionName === name || f.FunctionArn === name);
    if (fn === undefined) throw new AwsError("ResourceNotFoundException", `Function not found: ${name}`);
    const raw = RegionSimulator.one(call, "--vpc-config");
    if (raw === undefined) throw new SimulatorGap("update-function-configuration without --vpc-config changes nothing the simulator models");
    const config = parseStructured(raw) as Data;
    const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);
    const subnetIds = asList(config["SubnetIds"]);
    const groupIds = asList(config["SecurityGroupIds"]);
    for (const key of Object.keys(config)) if (!["SubnetIds", "SecurityGroupIds", "Ipv6AllowedForDualStack"].includes(key)) throw new AwsError("InvalidParameterValueException", `unknown VpcConfig field ${key}`);
    if (subnetIds.length === 0 || subnetIds.some((s) => s === "")) throw new AwsError("InvalidParameterValueException", "VpcConfig.SubnetIds must list subnets");
    if (groupIds.length === 0) throw new AwsError("InvalidParameterValueException", "VpcConfig needs SecurityGroupIds with SubnetIds");
    const subnets = subnetIds.map((s) => {
      const found = this.subnets().find((x) => x.SubnetId === s);
      if (found === undefined) throw new AwsError("InvalidParameterValueException", `Error occurred while DescribeSubnets. EC2 Error Code: InvalidSubnetID.NotFound (${s})`);
      return found;
    });
    const vpcs = new Set(subnets.map((s) => s.VpcId));
    if (vpcs.size !== 1) throw new AwsError("InvalidParameterValueException", "the subnets belong to more than one VPC");
    for (const g of groupIds) if (this.group(g).VpcId !== subnets[0]!.VpcId) throw new AwsError("InvalidParameterValueException", `security group ${g} is not in the subnets' VPC`);
    const dualStack = config["Ipv6AllowedForDualStack"];
    fn.VpcConfig = { ...fn.VpcConfig, SubnetIds: subnetIds, SecurityGroupIds: groupIds, VpcId: subnets[0]!.VpcId, ...(dualStack === undefined ? {} : { Ipv6AllowedForDualStack: dualStack === true || dualStack === "true" }) };
    // The update makes Lambda create the function's network interfaces again: it ends Active, the update Successful.
    const settled = { State: "Active", LastUpdateStatus: "Successful" };
    const clear = ["StateReason", "StateReasonCode", "LastUpdateStatusReason", "LastUpdateStatusReasonCode"];
    const record = fn as Data;
    if (record["State"] !== undefined || record["LastUpdateStatus"] !== undefined) {
      Object.assign(record, settled);
      for (const key of clear) delete record[key];
    }
    const states = this.calls.GetFunctionConfiguration;
    if (states?.status === "ok") {
      (this.calls as Data)["GetFunctionConfiguration"] = {
        status: "ok",
        data: states.data.map((s) => (s.FunctionArn === fn.FunctionArn ? Object.fromEntries(Object.entries({ ...s, ...settled }).filter(([k]) => !clear.includes(k))) : s)),
      };
    }
    return { FunctionName: fn.FunctionName };
  }

  /**
   * A quota request, taken as granted: the only way a quota fix can be proven (the real request may take a while). The
   * Elastic IP quota is recorded; the network-interface quota (vpc/L-DF5E4CA3) is in no data the model reads.
   */
  private requestQuotaIncrease(call: CliCall): unknown {
    const service = RegionSimulator.required(call, "--service-code");
    const code = RegionSimulator.required(call, "--quota-code");
    if (service === "vpc" && code === "L-DF5E4CA3") {
      if (!(Number(RegionSimulator.required(call, "--desired-value")) > 0)) throw new AwsError("IllegalArgumentException", "the desired value must be a positive number");
      return { RequestedQuota: { Status: "PENDING" } };
    }
    if (service !== "ec2" || code !== EIP_QUOTA_CODE) throw new SimulatorGap(`the simulator knows no quota ${service}/${code}`);
    const desired = Number(RegionSimulator.required(call, "--desired-value"));
    const current = eipQuota(this.snapshot, buildRegionIndex(this.account, this.region, this.calls)).value;
    if (!Number.isFinite(desired) || desired <= current) throw new AwsError("IllegalArgumentException", `the desired value ${desired} must be above the current quota ${current}`);
    (this.calls as Data)["GetServiceQuota"] = { status: "ok", data: { Quota: { ServiceCode: "ec2", QuotaCode: EIP_QUOTA_CODE, QuotaName: "EC2-VPC Elastic IPs", Value: desired } } };
    return { RequestedQuota: { Status: "PENDING", DesiredValue: desired } };
  }
}
