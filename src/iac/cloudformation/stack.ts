import { InputError } from "../../errors.js";
import { syntheticId } from "../ids.js";
import { defaultsOf } from "../parts.js";
import type { PlannedNetwork, SourceLocation } from "../planned.js";
import { evaluate, type IntrinsicContext, Unknown } from "./intrinsics.js";
import type { TemplateDocument } from "./read-template.js";
import { addResource } from "./resources.js";
import { withSamGlobals } from "./sam.js";

export interface StackOptions {
  readonly region: string;
  readonly account: string;
  /** --parameter Key=Value: beats the template's defaults. */
  readonly parameters: ReadonlyMap<string, string>;
  /** Prefixes synthetic names when several stacks are read together (CDK): "Stack/". */
  readonly scope?: string;
  readonly stackName?: string;
  /** Where a logical id is written, when that is not the template (CDK: the app's source line that created it). */
  readonly locationOf?: (logicalId: string) => SourceLocation | undefined;
}

/** The id prefix of each resource type whose Ref is an id the model reads. */
const ID_PREFIX: Readonly<Record<string, string>> = {
  "AWS::EC2::VPC": "vpc",
  "AWS::EC2::Subnet": "subnet",
  "AWS::EC2::RouteTable": "rtb",
  "AWS::EC2::InternetGateway": "igw",
  "AWS::EC2::NatGateway": "nat",
  "AWS::EC2::VPCEndpoint": "vpce",
  "AWS::EC2::SecurityGroup": "sg",
  "AWS::EC2::NetworkAcl": "acl",
  "AWS::EC2::DHCPOptions": "dopt",
  "AWS::EC2::TransitGateway": "tgw",
  "AWS::EC2::VPCPeeringConnection": "pcx",
  "AWS::EC2::VPNGateway": "vgw",
  "AWS::EC2::EgressOnlyInternetGateway": "eigw",
  "AWS::EC2::NetworkInterface": "eni",
  "AWS::EC2::Instance": "i",
  "AWS::EC2::PrefixList": "pl",
  "AWS::EC2::CarrierGateway": "cagw",
  "AWS::EC2::TransitGatewayAttachment": "tgw-attach",
  "AWS::EC2::TransitGatewayVpcAttachment": "tgw-attach",
  "AWS::EC2::TransitGatewayRouteTable": "tgw-rtb",
  "AWS::Route53::HostedZone": "hostedzone",
};

const FUNCTION_TYPES = new Set(["AWS::Lambda::Function", "AWS::Serverless::Function"]);

export interface LogicalResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly location?: SourceLocation;
}

/** What resource handlers use: evaluated properties, the ids of other resources, and where things are written. */
export interface StackContext {
  readonly network: PlannedNetwork;
  readonly region: string;
  readonly account: string;
  /** The synthetic name of a logical id (scoped for CDK). */
  name(logicalId: string): string;
  id(logicalId: string): string;
  props(resource: LogicalResource): Record<string, unknown>;
  /** The type of a logical id, when it is a resource of the template. */
  typeOf(logicalId: string): string | undefined;
  functionName(resource: LogicalResource): string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function parameterValue(name: string, declaration: Record<string, unknown>, given: ReadonlyMap<string, string>): unknown {
  const type = String(declaration.Type ?? "String");
  const raw = given.get(name) ?? (type.startsWith("AWS::SSM::Parameter::Value<") ? undefined : declaration.Default);
  if (raw === undefined) {
    const from = type.startsWith("AWS::SSM::Parameter::Value<") ? ` (the SSM parameter ${String(declaration.Default ?? "it names")})` : "";
    return new Unknown(`parameter ${name}${from}`);
  }
  const isList = type.startsWith("List<") || type === "CommaDelimitedList" || type.includes("::List<");
  return isList ? String(raw).split(",").map((s) => s.trim()) : String(raw);
}

/** Reads one template's resources into the planned network. */
export function readStack(document: TemplateDocument, network: PlannedNetwork, options: StackOptions): void {
  const template = withSamGlobals(document.value);
  const resources = template.Resources;
  if (!isRecord(resources)) throw new InputError(document.file, "Resources", "expected a template: a mapping with a Resources section");
  const parameters = isRecord(template.Parameters) ? template.Parameters : {};
  const conditions = isRecord(template.Conditions) ? template.Conditions : {};
  const mappings = isRecord(template.Mappings) ? template.Mappings : {};
  const scope = options.scope ?? "";
  const logical = new Map<string, LogicalResource>();
  for (const [logicalId, body] of Object.entries(resources)) {
    if (!isRecord(body) || typeof body.Type !== "string") throw new InputError(document.file, `Resources.${logicalId}`, "expected a resource with a Type");
    const location = options.locationOf?.(logicalId) ?? document.locate(["Resources", logicalId]);
    logical.set(logicalId, { logicalId, type: body.Type, properties: isRecord(body.Properties) ? body.Properties : {}, ...(location === undefined ? {} : { location }) });
  }

  const parameterValues = new Map<string, unknown>();
  for (const [name, declaration] of Object.entries(parameters)) parameterValues.set(name, parameterValue(name, isRecord(declaration) ? declaration : {}, options.parameters));
  const conditionValues = new Map<string, boolean | Unknown>();
  const evaluated = new Map<string, Record<string, unknown>>();

  const name = (logicalId: string) => `${scope}${logicalId}`;
  const id = (logicalId: string): string => {
    const resource = logical.get(logicalId);
    const prefix = resource === undefined ? undefined : ID_PREFIX[resource.type];
    return prefix === undefined ? syntheticId("res", name(logicalId)) : syntheticId(prefix, name(logicalId));
  };
  const explicitName = (resource: LogicalResource, key: string): string | undefined => {
    const value = ctx.props(resource)[key];
    return typeof value === "string" ? value : undefined;
  };

  const intrinsics: IntrinsicContext = {
    region: options.region,
    ref(refName) {
      switch (refName) {
        case "AWS::Region":
          return options.region;
        case "AWS::AccountId":
          return options.account;
        case "AWS::Partition":
          return "aws";
        case "AWS::URLSuffix":
          return "amazonaws.com";
        case "AWS::StackName":
          return options.stackName ?? new Unknown("the stack name (AWS::StackName)");
        case "AWS::StackId":
        case "AWS::NotificationARNs":
          return new Unknown(refName);
      }
      if (parameterValues.has(refName)) return parameterValues.get(refName);
      const resource = logical.get(refName);
      if (resource === undefined) return undefined;
      if (FUNCTION_TYPES.has(resource.type)) return ctx.functionName(resource);
      if (resource.type === "AWS::EC2::EIP") return new Unknown(`the public IP of ${name(refName)}, allocated at deploy`);
      if (resource.type === "AWS::KMS::Alias") return explicitName(resource, "AliasName") ?? new Unknown(`alias ${name(refName)}`);
      if (resource.type === "AWS::IAM::Role") return explicitName(resource, "RoleName") ?? `[${name(refName)}]`;
      if (ID_PREFIX[resource.type] !== undefined) return id(refName);
      return new Unknown(`the physical id of ${name(refName)} (${resource.type}), known after deploy`);
    },
    getAtt(logicalId, attribute) {
      const resource = logical.get(logicalId);
      if (resource === undefined) return new Unknown(`${logicalId}.${attribute}`);
      const props = () => ctx.props(resource);
      const defaults = defaultsOf(name(logicalId));
      switch (`${resource.type} ${attribute}`) {
        case "AWS::EC2::VPC CidrBlock":
          return props().CidrBlock ?? new Unknown(`${name(logicalId)}.CidrBlock`);
        case "AWS::EC2::VPC DefaultSecurityGroup":
          return defaults.defaultGroup;
        case "AWS::EC2::VPC DefaultNetworkAcl":
          return defaults.defaultAcl;
        case "AWS::EC2::Subnet VpcId":
        case "AWS::EC2::SecurityGroup VpcId":
          return props().VpcId ?? new Unknown(`${name(logicalId)}.VpcId`);
        case "AWS::EC2::Subnet AvailabilityZone":
          return props().AvailabilityZone ?? new Unknown(`${name(logicalId)}.AvailabilityZone`);
        case "AWS::EC2::Subnet CidrBlock":
          return props().CidrBlock ?? new Unknown(`${name(logicalId)}.CidrBlock`);
        case "AWS::EC2::EIP AllocationId":
          return syntheticId("eipalloc", name(logicalId));
        case "AWS::EC2::EIP PublicIp":
          return new Unknown(`the public IP of ${name(logicalId)}, allocated at deploy`);
        case "AWS::Lambda::Function Arn":
        case "AWS::Serverless::Function Arn":
          return `arn:aws:lambda:${options.region}:${options.account}:function:${ctx.functionName(resource)}`;
        case "AWS::IAM::Role Arn":
          return `arn:aws:iam::${options.account}:role/${explicitName(resource, "RoleName") ?? `[${name(logicalId)}]`}`;
      }
      const prefix = ID_PREFIX[resource.type];
      if (prefix !== undefined && /^(Id|[A-Za-z]*Id)$/.test(attribute) && !["VpcId", "OwnerId"].includes(attribute)) return id(logicalId);
      return new Unknown(`${name(logicalId)}.${attribute}, known after deploy`);
    },
    condition(conditionName) {
      const known = conditionValues.get(conditionName);
      if (known !== undefined) return known;
      conditionValues.set(conditionName, new Unknown(`condition ${conditionName} (circular)`));
      const value = evaluate(conditions[conditionName], intrinsics);
      const decided = typeof value === "boolean" || value instanceof Unknown ? value : new Unknown(`condition ${conditionName}`);
      conditionValues.set(conditionName, decided);
      return decided;
    },
    mapping: (mappingName) => (isRecord(mappings[mappingName]) ? (mappings[mappingName] as Record<string, unknown>) : undefined),
  };

  const ctx: StackContext = {
    network,
    region: options.region,
    account: options.account,
    name,
    id,
    typeOf: (logicalId) => logical.get(logicalId)?.type,
    props(resource) {
      let value = evaluated.get(resource.logicalId);
      if (value === undefined) {
        evaluated.set(resource.logicalId, {});
        const result = evaluate(resource.properties, intrinsics);
        value = isRecord(result) ? result : {};
        evaluated.set(resource.logicalId, value);
      }
      return value;
    },
    functionName(resource) {
      const given = resource.properties.FunctionName;
      if (given === undefined) return `[${name(resource.logicalId)}]`;
      const value = evaluate(given, intrinsics);
      return typeof value === "string" ? value : `[${name(resource.logicalId)}]`;
    },
  };

  for (const [logicalId, body] of Object.entries(resources as Record<string, Record<string, unknown>>)) {
    const resource = logical.get(logicalId) as LogicalResource;
    if (typeof body.Condition === "string") {
      const decided = intrinsics.condition(body.Condition);
      if (decided === false) continue;
      if (decided instanceof Unknown) network.notes.push(`${name(logicalId)} exists only if condition ${body.Condition} holds, which depends on ${decided.what}: it is analysed as if it does.`);
    }
    addResource(ctx, resource);
  }
}
