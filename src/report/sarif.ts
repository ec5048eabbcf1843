import type { Finding } from "../engine/types.js";
import { locateResource } from "../snapshot/locate.js";
import type { Formatter, ReportContext } from "./context.js";
import { reportJson } from "./json-text.js";
import { sortFindings, sortNotEvaluated, sortToolErrors } from "./order.js";
import { findingPlace } from "./place.js";
import { lineRegion } from "./sarif-region.js";
import { sarifRule, sortedRules } from "./sarif-rules.js";
import { snapshotArtifactUri } from "./snapshot-path.js";
import { STATUS_MARK } from "./text.js";
import { REPOSITORY_URL, TOOL_NAME } from "./tool.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** GitHub rejects a run with more results than this (aws-semantics.md §8.4). */
export const MAX_RESULTS_PER_RUN = 25_000;

function scopeIds(context: ReportContext): string {
  const accounts = Object.keys(context.snapshot.accounts).sort();
  const regions = [...new Set(accounts.flatMap((a) => Object.keys(context.snapshot.accounts[a]?.regions ?? {})))].sort();
  return `${TOOL_NAME}/${accounts.join(",") || "none"}/${regions.join(",") || "none"}/`;
}

/** The file and region a result points at: where a template or plan defines the resource, else its line in the snapshot. */
function physicalLocation(finding: Finding, context: ReportContext, snapshotUri: string) {
  const place = findingPlace(finding, context) ?? context.fallbackPlace;
  if (place !== undefined) {
    return { artifactLocation: { uri: snapshotArtifactUri(place.path, context.workingDirectory) }, region: lineRegion(place.text, place.line, place.column) };
  }
  const position = locateResource(context.snapshotText, finding.resource);
  return { artifactLocation: { uri: snapshotUri }, region: lineRegion(context.snapshotText, position.line, position.column) };
}

function sarifResult(finding: Finding, ruleIndex: ReadonlyMap<string, number>, context: ReportContext, uri: string) {
  const index = ruleIndex.get(finding.ruleId);
  return {
    ruleId: finding.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: finding.severity,
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: physicalLocation(finding, context, uri),
        logicalLocations: [{ fullyQualifiedName: finding.resource.arn ?? finding.resource.id, kind: "resource" }],
      },
    ],
    partialFingerprints: { primaryLocationLineHash: finding.fingerprint, "kmsAudit/v1": finding.fingerprint },
    ...(finding.suppression ? { suppressions: [{ kind: "external", status: "accepted", justification: finding.suppression.reason }] } : {}),
    ...(finding.baselineState ? { baselineState: finding.baselineState } : {}),
    properties: {
      resource: {
        type: finding.resource.type,
        id: finding.resource.id,
        arn: finding.resource.arn ?? null,
        account: finding.resource.account,
        region: finding.resource.region,
      },
      key: finding.key ?? null,
      evidence: finding.evidence.map((hop) => `${STATUS_MARK[hop.status]} ${hop.component.type} ${hop.component.id}: ${hop.code}`),
      fixCommands: [...finding.remediation.commands],
      ...(finding.expiredSuppression ? { expiredSuppression: { ...finding.expiredSuppression } } : {}),
    },
  };
}

/** SARIF 2.1.0 for GitHub code scanning: every result located in the snapshot file at its resource's line. */
export const formatSarif: Formatter = (result, context) => {
  const rules = sortedRules(context.rules);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const uri = snapshotArtifactUri(context.snapshotPath, context.workingDirectory);
  const findings = sortFindings(result.findings);
  const kept = findings.slice(0, MAX_RESULTS_PER_RUN);
  const ruleDescriptor = (ruleId: string) => {
    const index = ruleIndex.get(ruleId);
    return index === undefined ? { id: ruleId } : { id: ruleId, index };
  };
  const notifications = [
    ...sortToolErrors(result.toolErrors).map((e) => ({
      level: "error",
      message: { text: `Rule ${e.ruleId} failed: ${e.message}` },
      associatedRule: ruleDescriptor(e.ruleId),
    })),
    ...sortNotEvaluated(result.notEvaluated).map((n) => ({
      level: "warning",
      message: { text: `Rule ${n.ruleId} was not evaluated in ${n.account}/${n.region}: ${n.reason}` },
      associatedRule: ruleDescriptor(n.ruleId),
    })),
    ...(findings.length > kept.length
      ? [{ level: "warning", message: { text: `Only the ${kept.length} most severe of ${findings.length} results are included (GitHub's limit per run).` } }]
      : []),
  ];
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            semanticVersion: context.toolVersion,
            informationUri: REPOSITORY_URL,
            rules: rules.map(sarifRule),
          },
        },
        automationDetails: { id: scopeIds(context) },
        invocations: [{ executionSuccessful: result.toolErrors.length === 0, toolExecutionNotifications: notifications }],
        results: kept.map((finding) => sarifResult(finding, ruleIndex, context, uri)),
      },
    ],
  };
  return reportJson(sarif);
};
