import type { Affected, Finding } from "../engine/types.js";
import type { ComponentRef, Hop, PathResult } from "../model/types.js";
import type { ResourceRef } from "../snapshot/types.js";

/*
 * Report objects are built field by field, in the documented order, with null for an absent optional value:
 * the JSON has one shape and one key order whatever the input objects carried.
 */

export function resourceJson(resource: ResourceRef) {
  return { type: resource.type, id: resource.id, arn: resource.arn ?? null, account: resource.account, region: resource.region };
}

export function componentJson(component: ComponentRef) {
  return { type: component.type, id: component.id, arn: component.arn ?? null, name: component.name ?? null };
}

export function hopJson(hop: Hop) {
  return {
    component: componentJson(hop.component),
    status: hop.status,
    code: hop.code,
    direction: hop.direction ?? null,
    detail: hop.detail,
    setting: hop.setting ?? null,
  };
}

export function affectedJson(affected: Affected) {
  return {
    functions: affected.functions.map((f) => ({ name: f.name, arn: f.arn ?? null })),
    subnets: [...affected.subnets],
    services: [...affected.services],
  };
}

export function findingJson(finding: Finding) {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    resource: resourceJson(finding.resource),
    key: finding.key ?? null,
    headline: finding.headline ?? null,
    message: finding.message,
    affected: finding.affected ? affectedJson(finding.affected) : null,
    evidence: finding.evidence.map(hopJson),
    remediation: { text: finding.remediation.text, commands: [...finding.remediation.commands] },
    fingerprint: finding.fingerprint,
    suppression: finding.suppression
      ? { reason: finding.suppression.reason, expires: finding.suppression.expires ?? null, source: finding.suppression.source }
      : null,
    baselineState: finding.baselineState ?? null,
    expiredSuppression: finding.expiredSuppression
      ? { reason: finding.expiredSuppression.reason, expires: finding.expiredSuppression.expires, source: finding.expiredSuppression.source }
      : null,
  };
}

export function pathJson(path: PathResult) {
  return {
    function: resourceJson(path.function),
    functionName: path.functionName,
    account: path.account,
    region: path.region,
    vpcId: path.vpcId,
    subnetId: path.subnetId,
    availabilityZone: path.availabilityZone ?? null,
    service: path.service,
    verdict: path.verdict,
    via: path.via ? componentJson(path.via) : null,
    uses: (path.evidence ?? []).map((e) => ({ kind: e.kind, text: e.text })),
    blocking: path.blocking.map(hopJson),
    notes: path.notes.map(hopJson),
  };
}
