
/** A value Terraform knows only after apply (`after_unknown`), with the address and attribute it belongs to. */
export class AfterApply {
  constructor(readonly what: string) {}
}

type Json = unknown;
type Record_ = Readonly<Record<string, Json>>;

export type Action = "create" | "update" | "no-op" | "delete" | "read" | "replace";

/** One resource instance of the plan, as it will be after apply. */
export interface Instance {
  readonly address: string;
  /** "module.a.module.b" or "" for the root module. */
  readonly module: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  /** Values after apply; unknown leaves are AfterApply. */
  readonly values: Record_;
  /** Values before the change (deleted resources, the ids of changed ones). */
  readonly before?: Record_;
  readonly action: Action;
}

/** A resource block of the configuration, with its expressions' references. */
export interface ConfigResource {
  readonly module: string;
  readonly address: string;
  readonly expressions: Record_;
  readonly countReferences: readonly string[];
  readonly forEachReferences: readonly string[];
}

export interface ConfigModule {
  readonly address: string;
  readonly source?: string;
  readonly outputs: Readonly<Record<string, readonly string[]>>;
  readonly calls: Readonly<Record<string, ConfigModule>>;
}

export interface Plan {
  readonly instances: readonly Instance[];
  readonly byAddress: ReadonlyMap<string, Instance>;
  readonly config: ReadonlyMap<string, ConfigResource>;
  readonly root: ConfigModule;
  readonly region?: string;
}

function isRecord(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `after` with every `after_unknown` leaf replaced by AfterApply. */
export function withUnknowns(after: Json, unknown: Json, what: string): Json {
  if (unknown === true) return new AfterApply(what);
  if (Array.isArray(unknown)) {
    const list = Array.isArray(after) ? after : [];
    const length = Math.max(list.length, unknown.length);
    return Array.from({ length }, (_, i) => withUnknowns(list[i], unknown[i], `${what}[${i}]`));
  }
  if (isRecord(unknown)) {
    const result: Record<string, Json> = isRecord(after) ? { ...after } : {};
    for (const [key, inner] of Object.entries(unknown)) result[key] = withUnknowns(result[key], inner, `${what}.${key}`);
    return result;
  }
  return after;
}

function moduleOf(address: string): string {
  const parts = address.match(/^((?:module\.[^.[]+(?:\[[^\]]*\])?\.)*)/);
  return (parts?.[1] ?? "").replace(/\.$/, "");
}

function actionOf(actions: Json): Action {
  const list = Array.isArray(actions) ? actions.map(String) : [];
  if (list.includes("delete") && list.includes("create")) return "replace";
  return (list[0] as Action | undefined) ?? "no-op";
}

function readModuleValues(module: Json, sink: Map<string, Record<string, Json>>): void {
  if (!isRecord(module)) return;
  for (const resource of Array.isArray(module.resources) ? module.resources : []) {
    if (isRecord(resource) && typeof resource.address === "string") sink.set(resource.address, resource);
  }
  for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) readModuleValues(child, sink);
}

function refsOf(expression: Json): string[] {
  return isRecord(expression) && Array.isArray(expression.references) ? expression.references.map(String) : [];
}

function readConfig(module: Json, address: string, sink: Map<string, ConfigResource>): ConfigModule {
  const body = isRecord(module) ? module : {};
  for (const resource of Array.isArray(body.resources) ? body.resources : []) {
    if (!isRecord(resource) || typeof resource.address !== "string") continue;
    const full = address === "" ? resource.address : `${address}.${resource.address}`;
    sink.set(full, {
      module: address,
      address: full,
      expressions: isRecord(resource.expressions) ? resource.expressions : {},
      countReferences: refsOf(resource.count_expression),
      forEachReferences: refsOf(resource.for_each_expression),
    });
  }
  const outputs: Record<string, string[]> = {};
  for (const [name, output] of Object.entries(isRecord(body.outputs) ? body.outputs : {})) outputs[name] = refsOf(isRecord(output) ? output.expression : undefined);
  const calls: Record<string, ConfigModule> = {};
  for (const [name, call] of Object.entries(isRecord(body.module_calls) ? body.module_calls : {})) {
    if (!isRecord(call)) continue;
    const child = readConfig(call.module, address === "" ? `module.${name}` : `${address}.module.${name}`, sink);
    calls[name] = { ...child, ...(typeof call.source === "string" ? { source: call.source } : {}) };
  }
  return { address, outputs, calls };
}

function providerRegion(configuration: Json): string | undefined {
  const providers = isRecord(configuration) && isRecord(configuration.provider_config) ? configuration.provider_config : {};
  for (const provider of Object.values(providers)) {
    if (!isRecord(provider) || provider.name !== "aws" || provider.alias !== undefined) continue;
    const region = isRecord(provider.expressions) && isRecord(provider.expressions.region) ? provider.expressions.region.constant_value : undefined;
    if (typeof region === "string") return region;
  }
  return undefined;
}

/** Reads `terraform show -json` of a saved plan: instances after apply (with their unknowns), deletions, data sources and configuration. */
export function readPlan(json: Record_): Plan {
  const planned = new Map<string, Record<string, Json>>();
  readModuleValues(isRecord(json.planned_values) ? json.planned_values.root_module : undefined, planned);
  const prior = new Map<string, Record<string, Json>>();
  readModuleValues(isRecord(json.prior_state) && isRecord(json.prior_state.values) ? json.prior_state.values.root_module : undefined, prior);
  const changes = new Map<string, Record<string, Json>>();
  for (const change of Array.isArray(json.resource_changes) ? json.resource_changes : []) {
    if (isRecord(change) && typeof change.address === "string") changes.set(change.address, change);
  }

  const instances: Instance[] = [];
  const addresses = new Set([...planned.keys(), ...changes.keys(), ...[...prior.entries()].filter(([, r]) => r.mode === "data").map(([a]) => a)]);
  for (const address of [...addresses].sort()) {
    const resource = planned.get(address) ?? prior.get(address) ?? changes.get(address) ?? {};
    const change = changes.get(address);
    const body = isRecord(change?.change) ? change.change : undefined;
    const action = change === undefined ? "no-op" : actionOf(body?.actions);
    const after = body === undefined ? (resource.values ?? {}) : action === "delete" ? {} : (body.after ?? resource.values ?? {});
    const values = withUnknowns(after, body?.after_unknown, address) as Record_;
    const before = isRecord(body?.before) ? body.before : undefined;
    instances.push({
      address,
      module: moduleOf(address),
      mode: (resource.mode ?? change?.mode) === "data" ? "data" : "managed",
      type: String(resource.type ?? change?.type ?? ""),
      name: String(resource.name ?? change?.name ?? ""),
      ...(resource.index === undefined && change?.index === undefined ? {} : { index: (resource.index ?? change?.index) as string | number }),
      values: isRecord(values) ? values : {},
      ...(before === undefined ? {} : { before }),
      action,
    });
  }
  const config = new Map<string, ConfigResource>();
  const root = readConfig(isRecord(json.configuration) ? json.configuration.root_module : undefined, "", config);
  const region = providerRegion(json.configuration);
  return { instances, byAddress: new Map(instances.map((i) => [i.address, i])), config, root, ...(region === undefined ? {} : { region }) };
}

/** The configuration address of an instance: its address without instance keys ("module.a[0].aws_x.y[\"k\"]" → "module.a.aws_x.y"). */
export function configAddress(address: string): string {
  return address.replace(/\[[^\]]*\]/g, "");
}
