/** What kms-audit reads of an earlier JSON report (docs/report-format.md); fields it does not read may be anything. */
const NULLABLE_STRING = { type: ["string", "null"] };

const COMPONENT = {
  type: "object",
  required: ["type", "id"],
  properties: { type: { type: "string" }, id: { type: "string" }, arn: NULLABLE_STRING, name: NULLABLE_STRING },
};

const HOP = {
  type: "object",
  required: ["component", "status", "code", "detail"],
  properties: {
    component: COMPONENT,
    status: { enum: ["pass", "fail", "unknown", "info"] },
    code: { type: "string" },
    direction: { enum: ["egress", "ingress", null] },
    detail: { type: "string" },
    setting: NULLABLE_STRING,
  },
};

const FINDING = {
  type: "object",
  required: ["ruleId", "severity", "resource", "message", "evidence", "remediation", "fingerprint"],
  properties: {
    ruleId: { type: "string", minLength: 1 },
    severity: { enum: ["error", "warning", "note"] },
    resource: {
      type: "object",
      required: ["type", "id", "account", "region"],
      properties: { type: { type: "string" }, id: { type: "string" }, arn: NULLABLE_STRING, account: { type: "string" }, region: { type: "string" } },
    },
    key: NULLABLE_STRING,
    message: { type: "string" },
    evidence: { type: "array", items: HOP },
    remediation: {
      type: "object",
      required: ["text", "commands"],
      properties: { text: { type: "string" }, commands: { type: "array", items: { type: "string" } } },
    },
    fingerprint: { type: "string", pattern: "^[0-9a-f]{64}$" },
    baselineState: { enum: ["new", "unchanged", "absent", null] },
  },
};

export const BASELINE_SCHEMA = {
  type: "object",
  required: ["format", "version", "findings"],
  properties: {
    format: { const: "kms-audit/report" },
    version: { const: 1 },
    findings: { type: "array", items: FINDING },
  },
} as const;
