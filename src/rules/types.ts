import type { Hop, PathResult } from "../model/types.js";
import type { Fix } from "./fix.js";
import type { NetworkModel, RegionIndex } from "../model/model.js";
import type { CallName, LambdaFunction, ResourceRef, Snapshot } from "../snapshot/types.js";

export type Severity = "error" | "warning" | "note";
export type Category = "reachability" | "routing" | "filtering" | "dns" | "cost" | "quota" | "resilience" | "input";

export interface RuleMeta<M extends string = string> {
  /** kebab-case, stable, equal to the file name. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly category: Category;
  /** GitHub code scanning security-severity, 0.1-10.0. */
  readonly securitySeverity: number;
  /** Why it matters; SARIF fullDescription and the docs' "Why". */
  readonly rationale: string;
  readonly remediation: {
    readonly text: string;
    /** The fix's AWS CLI commands in general form, with <placeholders> for ids: documentation only, never printed as a finding's fix. */
    readonly cli: readonly string[];
  };
  readonly references: readonly string[];
  /** Calls whose data the rule reads: a region missing any of them is reported "not evaluated" for this rule. */
  readonly requires: readonly CallName[];
  /** Message templates with {{placeholders}}. */
  readonly messages: Readonly<Record<M, string>>;
  /**
   * Per message, what is wrong in a few words with the same {{placeholders}} ("drops inbound TCP {{ports}}"): the
   * terminal's headline, after the rule and the resource. Absent: the rule's title.
   */
  readonly headlines?: Readonly<Partial<Record<M, string>>>;
}

export interface Violation<M extends string = string> {
  readonly messageId: M;
  readonly resource: ResourceRef;
  /** Stable discriminator inside the resource (a subnet id, a service, a CIDR): part of the fingerprint. */
  readonly key?: string;
  readonly data: Readonly<Record<string, string | number>>;
  /** Per-finding severity when the rule decides it from evidence (otherwise meta.severity). */
  readonly severity?: Severity;
  /** The hops behind the finding. */
  readonly evidence?: readonly Hop[];
  /** The paths the finding is about: the engine lists their functions, subnets and services (Finding.affected). */
  readonly affected?: readonly PathResult[];
  /** The commands that fix this very finding, ids filled in (rendered with POSIX quoting by the engine). */
  readonly fix?: Fix;
}

/** User declarations and settings that rules read (from tags and the config file). */
export interface RuleSettings {
  /** True when the user declared that the function calls KMS at run time (config). */
  declaresKms(fn: LambdaFunction): boolean;
  /** Price overrides by region, merged over the built-in table. */
  readonly prices?: Readonly<Record<string, Partial<RegionPrices>>>;
  /** subnet-addresses-low warns below this many free IPv4 addresses in a function subnet (config thresholds). */
  readonly subnetFreeAddresses?: number;
}

export interface RegionPrices {
  readonly natGatewayHour: number;
  readonly natGatewayPerGb: number;
  readonly interfaceEndpointHourPerAz: number;
  readonly interfaceEndpointPerGb: number;
  /** Transit gateway data processing per GB (central egress and central endpoints cross it); absent: unknown. */
  readonly transitGatewayPerGb?: number;
  readonly source: string;
}

export interface RuleContext {
  readonly snapshot: Snapshot;
  readonly model: NetworkModel;
  readonly settings: RuleSettings;
}

export interface Rule<M extends string = string> {
  readonly meta: RuleMeta<M>;
  /** Pure: no I/O, no clock, no mutation. Regions missing `requires` are skipped by the engine before this runs. */
  check(context: RuleContext, region: RegionIndex): Iterable<Violation<M>>;
}

export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}
