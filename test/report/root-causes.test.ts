import type { Finding } from "../../src/engine/types.js";
import { rootCauses } from "../../src/report/root-causes.js";
import { endpointSgFinding, endpointSgHop, functionRef, noKmsPathFinding, noteFinding } from "./support/sample.js";

const names = ["fn-10", "fn-2", "fn-1"];

/** The endpoint's finding listing three functions, and each function's "no path to KMS" whose only blocking hop it is. */
function behindOneEndpoint(summaryCommands: readonly string[]): Finding[] {
  const component: Finding = { ...endpointSgFinding, affected: { functions: names.map((name) => ({ name, arn: `arn:${name}` })), subnets: ["subnet-a"], services: ["kms"] } };
  const summaries = names.map((name, i): Finding => ({
    ...noKmsPathFinding,
    resource: { ...functionRef, id: name, arn: `arn:${name}` },
    evidence: [endpointSgHop],
    remediation: { text: "t", commands: [...summaryCommands] },
    fingerprint: `summary-${i}`,
  }));
  return [...summaries, component];
}

describe("root causes", () => {
  it("N functions behind one component are one root cause listing the N, in natural order, their summaries listed under it", () => {
    const causes = rootCauses(behindOneEndpoint([]));
    expect(causes).toHaveLength(1);
    expect(causes[0]!.lead.ruleId).toBe("endpoint-sg-no-https");
    // the endpoint's finding is a warning; the functions it leaves without a path make it an error
    expect(causes[0]!.severity).toBe("error");
    expect(causes[0]!.functions.map((f) => f.name)).toEqual(["fn-1", "fn-2", "fn-10"]);
    expect(causes[0]!.absorbed.map((f) => f.resource.id)).toEqual(["fn-1", "fn-2", "fn-10"]);
  });

  it("a summary whose fix is only comments is absorbed too; one with a command of its own stays, grouped by that fix", () => {
    expect(rootCauses(behindOneEndpoint(["# AWS refuses an endpoint here; fix the hops"]))).toHaveLength(1);
    const own = rootCauses(behindOneEndpoint(["aws ec2 create-vpc-endpoint --vpc-id vpc-1"]));
    // the summaries are errors, the endpoint's own finding a warning: most severe first
    expect(own.map((c) => [c.lead.ruleId, c.severity, c.findings.length])).toEqual([
      ["lambda-no-kms-path", "error", 3],
      ["endpoint-sg-no-https", "warning", 1],
    ]);
  });

  it("leaves out what a baseline lists as fixed, and orders by severity, components first", () => {
    const causes = rootCauses([noteFinding, { ...endpointSgFinding, severity: "error" }, { ...noKmsPathFinding, baselineState: "absent" }]);
    expect(causes.map((c) => c.lead.ruleId)).toEqual(["endpoint-sg-no-https", "nat-where-privatelink"]);
  });
});
