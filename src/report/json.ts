import { REPORT_FORMAT, REPORT_VERSION } from "../engine/types.js";
import type { Formatter } from "./context.js";
import { findingJson, pathJson } from "./json-shapes.js";
import { reportJson } from "./json-text.js";
import { sortFindings, sortNotEvaluated, sortPaths, sortToolErrors } from "./order.js";
import { inputJson, snapshotFile } from "./input.js";
import { summarize } from "./summary.js";
import { TOOL_NAME } from "./tool.js";

/** The documented, versioned JSON report (docs/report-format.md). Same input, same bytes. */
export const formatJson: Formatter = (result, context) => {
  const summary = summarize(result);
  const report = {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    tool: { name: TOOL_NAME, version: context.toolVersion },
    snapshot: { file: snapshotFile(context) ?? null },
    input: inputJson(context),
    config: context.configFile ?? null,
    summary: {
      findings: { ...summary.findings, suppressed: summary.suppressed },
      functions: summary.functions,
      paths: summary.paths,
      notEvaluated: summary.notEvaluated,
      toolErrors: summary.toolErrors,
    },
    findings: sortFindings(result.findings).map(findingJson),
    notEvaluated: sortNotEvaluated(result.notEvaluated).map((n) => ({
      ruleId: n.ruleId,
      account: n.account,
      region: n.region,
      reason: n.reason,
    })),
    paths: sortPaths(result.paths).map(pathJson),
    toolErrors: sortToolErrors(result.toolErrors).map((e) => ({ ruleId: e.ruleId, message: e.message })),
  };
  return reportJson(report);
};
