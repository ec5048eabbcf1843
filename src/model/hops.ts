import type { CallName } from "../snapshot/types.js";
import type { RegionIndex } from "./model.js";
import type { ComponentRef, ExplanationCode, Hop, HopRoute, HopStatus, HopTraffic, PathAttempt } from "./types.js";
import { unknownName } from "./unknown.js";

export function hop(
  component: ComponentRef,
  status: HopStatus,
  code: ExplanationCode,
  detail: string,
  extra: { readonly direction?: "egress" | "ingress"; readonly setting?: string; readonly traffic?: HopTraffic; readonly route?: HopRoute; readonly partial?: boolean; readonly subnetId?: string } = {},
): Hop {
  // Built field by field, in this order (reports print fields in insertion order), without a temporary object per optional field.
  const built: { -readonly [K in keyof Hop]: Hop[K] } = { component, status, code } as Hop;
  if (extra.direction !== undefined) built.direction = extra.direction;
  built.detail = detail;
  if (extra.setting !== undefined && status !== "pass" && status !== "info") built.setting = extra.setting;
  if (extra.traffic !== undefined) built.traffic = extra.traffic;
  if (extra.route !== undefined) built.route = extra.route;
  if (extra.subnetId !== undefined) built.subnetId = extra.subnetId;
  if (extra.partial === true && status === "fail") built.partial = true;
  return built;
}

/** Any fail blocks the path; otherwise any unknown leaves it unverifiable. */
export function outcomeOf(hops: readonly Hop[]): PathAttempt["outcome"] {
  if (hops.some((h) => h.status === "fail")) return "blocked";
  if (hops.some((h) => h.status === "unknown")) return "unverifiable";
  return "reachable";
}

export function isProblem(h: Hop): boolean {
  return h.status === "fail" || h.status === "unknown";
}

/** The DATA_GAP hop for a call the decision needs, or undefined when the call's data is there. */
export function gapHop(index: RegionIndex, call: CallName, needed: string): Hop | undefined {
  const gap = index.gaps.get(call);
  if (gap === undefined) return undefined;
  const why = gap.reason === "failed" ? `failed (${gap.error?.code ?? "error"}: ${gap.error?.message ?? "no message"})` : "was not collected";
  return hop(
    { type: "region", id: `${index.account}/${index.region}`, name: call },
    "unknown",
    "DATA_GAP",
    `${call} ${why} in ${index.account}/${index.region}, so ${needed} can't be checked.`,
    { setting: `collect ${call} for ${index.region} (grant ec2/lambda read access and re-run the collection)` },
  );
}

/** A resource the decision needs that the data doesn't hold: a gap if its call is missing, else an unknown resource. */
export function missingHop(index: RegionIndex, call: CallName, component: ComponentRef, what: string): Hop {
  const unknown = unknownName(component.id) ?? (component.type === "subnet" ? unknownName(index.subnets.get(component.id)?.CidrBlock) : undefined);
  if (unknown !== undefined) return unknownValueHop(component, what, unknown);
  return (
    gapHop(index, call, what) ??
    hop(component, "unknown", "UNKNOWN_RESOURCE", `${component.id} is referenced but not in the ${call} data, so ${what} can't be checked.`, {
      setting: `check that ${component.id} exists and re-collect ${call}`,
    })
  );
}

/** A decision that rests on a value the input leaves open until deploy (src/model/unknown.ts): unknown, naming the value. */
export function unknownValueHop(component: ComponentRef, what: string, unknown: string): Hop {
  return hop(component, "unknown", "UNKNOWN_RESOURCE", `${what} depends on ${unknown}, which is not known before deployment.`, {
    setting: `give kms-audit ${unknown} (--parameter Name=Value for a template parameter), or scan over the deployed account (--snapshot)`,
  });
}
