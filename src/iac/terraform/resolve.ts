import { unknownValue } from "../../model/unknown.js";
import { syntheticId } from "../ids.js";
import { defaultsOf } from "../parts.js";
import { AfterApply, configAddress, type ConfigModule, type Instance, type Plan } from "./plan.js";

/** The id prefix of each resource type whose id the model reads. */
export const ID_PREFIX: Readonly<Record<string, string>> = {
  aws_vpc: "vpc",
  aws_subnet: "subnet",
  aws_route_table: "rtb",
  aws_default_route_table: "rtb",
  aws_internet_gateway: "igw",
  aws_nat_gateway: "nat",
  aws_eip: "eipalloc",
  aws_vpc_endpoint: "vpce",
  aws_security_group: "sg",
  aws_default_security_group: "sg",
  aws_network_acl: "acl",
  aws_default_network_acl: "acl",
  aws_vpc_dhcp_options: "dopt",
  aws_ec2_transit_gateway: "tgw",
  aws_ec2_transit_gateway_vpc_attachment: "tgw-attach",
  aws_ec2_transit_gateway_route_table: "tgw-rtb",
  aws_route53_zone: "hostedzone",
  aws_vpc_peering_connection: "pcx",
  aws_vpn_gateway: "vgw",
  aws_egress_only_internet_gateway: "eigw",
  aws_network_interface: "eni",
  aws_instance: "i",
  aws_ec2_managed_prefix_list: "pl",
};

/** The VPC defaults of a VPC this plan creates (`vpc-[address]`), as addNewVpc names them. */
export function defaultsOfVpcId(vpcId: string): ReturnType<typeof defaultsOf> | undefined {
  const match = /^vpc-\[(.*)\]$/.exec(vpcId);
  return match === null ? undefined : defaultsOf(match[1] as string);
}

/** The default route table AWS creates with a new transit gateway (`tgw-rtb-[address default]`), as addNewTransitGateway names it. */
export function defaultTableOf(gateway: Instance): string | undefined {
  return typeof gateway.values.id === "string" ? undefined : syntheticId("tgw-rtb", `${gateway.address} default`);
}

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof AfterApply);
}

function referencesOf(expression: Json): string[] | undefined {
  return isRecord(expression) && Array.isArray(expression.references) && expression.references.length > 0 ? expression.references.map(String) : undefined;
}

function valueAt(root: Json, path: readonly (string | number)[]): Json {
  let value = root;
  for (const key of path) {
    if (value instanceof AfterApply) return value;
    value = Array.isArray(value) ? value[Number(key)] : isRecord(value) ? value[String(key)] : undefined;
  }
  return value;
}

/** Resolves values Terraform knows only after apply through the configuration's references, never by guessing. */
export class Resolver {
  constructor(private readonly plan: Plan) {}

  /** The id an instance will have: its real id when known (it exists, or a data source read it), else a synthetic one. */
  idOf(instance: Instance): string {
    const known = instance.values.id;
    if (typeof known === "string") return known;
    const prefix = ID_PREFIX[instance.type] ?? "res";
    if (instance.type === "aws_default_route_table" || instance.type === "aws_default_security_group" || instance.type === "aws_default_network_acl") {
      const vpcId = this.text(instance, ["vpc_id"]) ?? this.text(instance, ["default_route_table_id"]) ?? this.text(instance, ["default_network_acl_id"]);
      const adopted = this.text(instance, [instance.type === "aws_default_route_table" ? "default_route_table_id" : instance.type === "aws_default_network_acl" ? "default_network_acl_id" : "id"]);
      if (adopted !== undefined && !adopted.startsWith("(unknown")) return adopted;
      const defaults = vpcId === undefined ? undefined : defaultsOfVpcId(vpcId);
      if (defaults !== undefined && instance.type === "aws_default_security_group") return defaults.defaultGroup;
    }
    return syntheticId(prefix, instance.address);
  }

  /** A string attribute at `path`, resolved when it is known after apply; an unresolvable unknown names itself. */
  text(instance: Instance, path: readonly (string | number)[], depth = 0): string | undefined {
    const value = valueAt(instance.values, path);
    if (value === undefined || value === null) return undefined;
    if (value instanceof AfterApply) return this.resolveUnknown(instance, path, value, depth);
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return undefined;
  }

  /** A list of strings at `path` (a set of ids); unknown elements resolved one by one. */
  list(instance: Instance, path: readonly (string | number)[]): string[] | undefined {
    const value = valueAt(instance.values, path);
    if (value === undefined || value === null) return undefined;
    if (value instanceof AfterApply) {
      const targets = this.targets(instance, path);
      if (targets !== undefined && targets.instances.length > 0) return targets.instances.map((t) => this.attributeOf(t, targets.attribute, 1) ?? unknownValue(`${t.address}.${targets.attribute} (known after apply)`));
      return [unknownValue(`${value.what} (known after apply)`)];
    }
    if (!Array.isArray(value)) return undefined;
    const unresolved = value.filter((v) => v instanceof AfterApply).length;
    const targets = unresolved > 0 ? this.targets(instance, path) : undefined;
    const fromTargets = targets !== undefined && targets.instances.length === value.length ? targets.instances.map((t) => this.attributeOf(t, targets.attribute, 1)) : undefined;
    return value.flatMap((item, i) => {
      if (item instanceof AfterApply) return [fromTargets?.[i] ?? (targets?.instances.length === 1 ? this.attributeOf(targets.instances[0] as Instance, targets.attribute, 1) : undefined) ?? unknownValue(`${item.what} (known after apply)`)];
      return typeof item === "string" ? [item] : [];
    });
  }

  private resolveUnknown(instance: Instance, path: readonly (string | number)[], value: AfterApply, depth: number): string {
    const fallback = unknownValue(`${value.what} (known after apply)`);
    if (depth > 8) return fallback;
    const targets = this.targets(instance, path);
    if (targets === undefined || targets.instances.length !== 1) return fallback;
    return this.attributeOf(targets.instances[0] as Instance, targets.attribute, depth + 1) ?? fallback;
  }

  /** What an attribute of another instance will be: ids by the rules of idOf, other attributes by their own values. */
  attributeOf(target: Instance, attribute: string, depth: number): string | undefined {
    if (attribute === "" || attribute === "id" || (attribute === "allocation_id" && target.type === "aws_eip") || (attribute === "zone_id" && target.type === "aws_route53_zone")) return this.idOf(target);
    if (target.type === "aws_ec2_transit_gateway" && (attribute === "association_default_route_table_id" || attribute === "propagation_default_route_table_id") && !(typeof target.values[attribute] === "string")) return defaultTableOf(target);
    if (target.type === "aws_vpc" && ["default_route_table_id", "main_route_table_id", "default_security_group_id", "default_network_acl_id"].includes(attribute)) {
      const known = target.values[attribute];
      if (typeof known === "string") return known;
      const defaults = defaultsOfVpcId(this.idOf(target));
      if (defaults === undefined) return undefined;
      return attribute === "default_security_group_id" ? defaults.defaultGroup : attribute === "default_network_acl_id" ? defaults.defaultAcl : defaults.mainRouteTable;
    }
    return this.text(target, attribute.split("."), depth);
  }

  /** The instances an expression refers to, and the attribute it reads of them. */
  targets(instance: Instance, path: readonly (string | number)[]): { instances: Instance[]; attribute: string } | undefined {
    const config = this.plan.config.get(configAddress(instance.address));
    if (config === undefined) return undefined;
    // Nested blocks have an expression per attribute; attributes written as blocks (a route table's `route`) only one for the whole.
    let at = [...path];
    let refs = referencesOf(valueAt(config.expressions, at));
    while (refs === undefined && at.length > 1) {
      at = at.slice(0, -1);
      refs = referencesOf(valueAt(config.expressions, at));
    }
    if (refs === undefined) return undefined;
    const roots = new Set(refs.filter((r) => !refs.some((other) => other !== r && other.startsWith(`${r}.`))).map((r) => r.replace(/\.[^.[]*$/, "")));
    // An enclosing expression that names several resources can't say which one this attribute took: unknown, not a guess.
    if (at.length < path.length && roots.size > 1) return undefined;
    return this.follow(refs, config.module, instance, config.forEachReferences);
  }

  /** Whether the configuration sets an attribute (an unset Optional+Computed one is AWS's default after apply). */
  isConfigured(instance: Instance, attribute: string): boolean {
    const expressions = this.plan.config.get(configAddress(instance.address))?.expressions ?? {};
    return attribute in expressions;
  }

  private follow(refs: readonly string[], module: string, from: Instance | undefined, forEach: readonly string[]): { instances: Instance[]; attribute: string } | undefined {
    const first = refs.find((r) => !r.startsWith("count.") && !r.startsWith("var.") && !r.startsWith("local.") && !r.startsWith("each.key") && r !== "each.value");
    if (first === undefined) return undefined;
    if (first.startsWith("each.value")) {
      const target = forEach[0];
      if (target === undefined || from?.index === undefined) return undefined;
      return this.follow([`${target}[${JSON.stringify(from.index)}]${first.slice("each.value".length)}`], module, undefined, []);
    }
    if (first.startsWith("module.")) {
      const [, name, output] = first.split(".");
      const child = this.module(module)?.calls[name ?? ""];
      if (child === undefined || output === undefined) return undefined;
      return this.follow(child.outputs[output] ?? [], child.address, undefined, []);
    }
    const match = /^((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)(\[[^\]]*\])?(?:\.(.*))?$/.exec(first);
    if (match === null) return undefined;
    const resource = module === "" ? (match[1] as string) : `${module}.${match[1]}`;
    const attribute = match[3] ?? "";
    let key = match[2];
    if (key === undefined && from?.index !== undefined && (refs.includes("count.index") || refs.some((r) => r.startsWith("each.key")))) key = `[${JSON.stringify(from.index)}]`;
    if (key !== undefined) {
      const instance = this.plan.byAddress.get(`${resource}${key}`);
      return instance === undefined ? undefined : { instances: [instance], attribute };
    }
    const instances = this.plan.instances.filter((i) => configAddress(i.address) === resource && i.action !== "delete");
    return { instances, attribute };
  }

  private module(address: string): ConfigModule | undefined {
    let module: ConfigModule | undefined = this.plan.root;
    if (address === "") return module;
    for (const part of address.split(".").filter((p, i) => i % 2 === 1)) module = module?.calls[part.replace(/\[.*\]$/, "")];
    return module;
  }
}
