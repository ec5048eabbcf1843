import { Chalk, type ChalkInstance } from "chalk";
import type { Hop, PathAttempt, PathResult } from "../model/types.js";
import type { ColorLevel } from "./context.js";
import { sortPaths } from "./order.js";
import { visible } from "../text/visible.js";
import { componentLabel, STATUS_MARK, subnetLabel, verdictLabel } from "./text.js";

function statusStyle(chalk: ChalkInstance, status: Hop["status"] | PathAttempt["outcome"] | PathResult["verdict"]) {
  if (status === "pass" || status === "reachable" || status.startsWith("reachable-")) return chalk.green;
  if (status === "fail" || status === "blocked") return chalk.red;
  if (status === "unknown" || status === "unverifiable") return chalk.yellow;
  return chalk.dim;
}

function hopLines(chalk: ChalkInstance, hop: Hop, indent: string): string[] {
  const direction = hop.direction ? ` ${hop.direction}` : "";
  const lines = [
    `${indent}${statusStyle(chalk, hop.status)(STATUS_MARK[hop.status])} ${componentLabel(hop.component)}${direction} ${chalk.dim(`[${visible(hop.code)}]`)} ${visible(hop.detail)}`,
  ];
  if (hop.setting) lines.push(`${indent}    ${chalk.dim("change:")} ${visible(hop.setting)}`);
  return lines;
}

const ATTEMPT_KIND: Readonly<Record<PathAttempt["kind"], string>> = {
  "interface-endpoint": "interface endpoint",
  "gateway-endpoint": "gateway endpoint",
  "nat-gateway": "NAT gateway",
  "internet-gateway": "internet gateway",
  other: "public endpoint (route table)",
};

/** "NAT gateway nat-0abc", "interface endpoint", "route to transit-gateway tgw-0abc". */
function attemptLabel(attempt: PathAttempt): string {
  if (attempt.via === undefined) return ATTEMPT_KIND[attempt.kind];
  return attempt.kind === "other" ? `route to ${componentLabel(attempt.via)}` : `${ATTEMPT_KIND[attempt.kind]} ${visible(attempt.via.id)}`;
}

function attemptLines(chalk: ChalkInstance, attempt: PathAttempt, index: number): string[] {
  const lines = [`  attempt ${index + 1}: ${attemptLabel(attempt)}: ${statusStyle(chalk, attempt.outcome)(attempt.outcome)}`];
  for (const hop of attempt.hops) lines.push(...hopLines(chalk, hop, "    "));
  return lines;
}

function pathLines(chalk: ChalkInstance, path: PathResult): string[] {
  const lines = [`${chalk.bold(`${subnetLabel(path)} → ${visible(path.service)}`)}: ${statusStyle(chalk, path.verdict)(verdictLabel(path))}`];
  if (path.attempts.length === 0) lines.push(`  ${chalk.dim("no way to the service was found to evaluate")}`);
  path.attempts.forEach((attempt, index) => lines.push(...attemptLines(chalk, attempt, index)));
  if (path.notes.length > 0) {
    lines.push("  notes:");
    for (const hop of path.notes) lines.push(...hopLines(chalk, hop, "    "));
  }
  return lines;
}

/**
 * The hop-by-hop trace of each of a function's subnets to a service: every attempt (endpoint, NAT...) with every hop's
 * status mark, explanation code, detail and the setting to change.
 */
export function renderExplain(paths: readonly PathResult[], colorLevel: ColorLevel): string {
  const chalk = new Chalk({ level: colorLevel });
  const sorted = sortPaths(paths);
  const first = sorted[0];
  if (!first) return "";
  const sections: string[][] = [];
  let currentFunction = "";
  for (const path of sorted) {
    const functionId = path.function.arn ?? path.function.id;
    if (functionId !== currentFunction) {
      currentFunction = functionId;
      sections.push([
        `${chalk.bold(visible(`function ${path.functionName}`))} ${chalk.dim(visible(functionId))}`,
        chalk.dim(visible(`${path.account}/${path.region} · ${path.vpcId}`)),
      ]);
    }
    sections.push(pathLines(chalk, path));
  }
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}

/** explain for a function that Lambda runs outside any VPC: there is no VPC path to trace. */
export function renderNotInVpc(functionName: string, functionArn: string, service: string): string {
  return `${visible(`function ${functionName} ${functionArn}`)}\nnot attached to a VPC: Lambda runs it outside your VPCs, so there is no VPC path to ${visible(service)} to trace.\n`;
}
