import { isKnownService, serviceSpec } from "../model/services.js";
import type { ComponentRef, Hop, PathAttempt, PathKind, PathResult } from "../model/types.js";
import { visible } from "../text/visible.js";

/** Components that traffic passes through; filters (SGs, ACLs, DNS, policies) appear only when they fail. */
const PATH_COMPONENTS: ReadonlySet<ComponentRef["type"]> = new Set([
  "route",
  "route-table",
  "nat-gateway",
  "internet-gateway",
  "vpc-endpoint",
  "transit-gateway",
  "vpc-peering-connection",
  "virtual-private-gateway",
  "network-interface",
  "instance",
  "other-target",
]);

const KIND_LABEL: Readonly<Record<PathKind, string>> = {
  "interface-endpoint": "interface endpoint",
  "gateway-endpoint": "gateway endpoint",
  "nat-gateway": "NAT gateway",
  "internet-gateway": "internet gateway",
  other: "route",
};

const MAX_REASON = 90;

/**
 * Text for a quoted Mermaid label: every character Mermaid or HTML could read as syntax becomes a numeric entity
 * (#35; for #), in one pass so no entity is escaped twice. Line breaks become spaces; other controls and bidirectional
 * characters are made visible first (visible()).
 */
export function mermaidText(text: string): string {
  return visible(text.replace(/\s+/g, " ")).replace(/[#&"'<>|[\]{}()`\\%;:=]/g, (c) => `#${c.charCodeAt(0)};`);
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

type Mark = "pass" | "fail" | "unknown";

interface Step {
  readonly component: ComponentRef;
  readonly mark: Mark;
  /** The hop that failed (or was unknown) at this component. */
  readonly reason?: Hop;
}

function markOf(hop: Hop): Mark {
  return hop.status === "fail" ? "fail" : hop.status === "unknown" ? "unknown" : "pass";
}

function sameComponent(a: ComponentRef, b: ComponentRef): boolean {
  return a.type === b.type && a.id === b.id;
}

/** The attempt's hops as diagram steps: path components in order, failing filters where they fail, repeats merged. */
export function stepsOf(attempt: PathAttempt): Step[] {
  const steps: Step[] = [];
  for (const hop of attempt.hops) {
    const mark = markOf(hop);
    if (mark === "pass" && !PATH_COMPONENTS.has(hop.component.type)) continue;
    const last = steps.at(-1);
    if (last && sameComponent(last.component, hop.component)) {
      if (last.mark === "pass" && mark !== "pass") steps[steps.length - 1] = { component: last.component, mark, reason: hop };
      else if (last.mark === "unknown" && mark === "fail") steps[steps.length - 1] = { component: last.component, mark, reason: hop };
      continue;
    }
    steps.push(mark === "pass" ? { component: hop.component, mark } : { component: hop.component, mark, reason: hop });
  }
  return steps;
}

function serviceLabel(path: PathResult): string {
  const host = isKnownService(path.service) ? serviceSpec(path.service).hostname(path.region) : path.service;
  return `${mermaidText(path.service.toUpperCase())}<br/>${mermaidText(`${host}:443`)}`;
}

function componentLabel(step: Step): string {
  const name = step.component.name && step.component.name !== step.component.id ? ` (${step.component.name})` : "";
  const main = mermaidText(`${step.component.type} ${step.component.id}${name}`);
  if (!step.reason) return main;
  const symbol = step.mark === "fail" ? "✗" : "?";
  return `${main}<br/>${symbol} ${mermaidText(step.reason.code)}`;
}

function reasonLabel(step: Step): string {
  const symbol = step.mark === "fail" ? "✗" : "?";
  return `${symbol} ${mermaidText(shorten(step.reason?.detail ?? "", MAX_REASON))}`;
}

const STYLE = {
  fail: "stroke:#c62828,stroke-width:3px,color:#c62828",
  unknown: "stroke:#b8860b,stroke-width:3px,stroke-dasharray:4 3,color:#b8860b",
  pass: "stroke:#2e7d32,stroke-width:2px",
} as const;

/**
 * A Mermaid flowchart of one (function, subnet, service) path: the subnet, then each attempt's components in order
 * (route table, NAT gateway, internet gateway; or endpoint), then the service. The hop that breaks an attempt is a
 * marked node, reached by a marked edge labelled with its reason. Node ids are generated, never AWS ids.
 */
export function pathDiagram(path: PathResult): string {
  const lines = ["flowchart LR"];
  const linkStyles: string[] = [];
  const classes = new Map<string, string[]>();
  let edges = 0;
  let nodes = 0;
  const addClass = (node: string, name: string) => classes.set(name, [...(classes.get(name) ?? []), node]);
  const edge = (from: string, to: string, label: string, style: keyof typeof STYLE | undefined, dashed = false) => {
    lines.push(`  ${from} ${dashed ? "-.->" : "-->"}${label ? `|"${label}"|` : ""} ${to}`);
    if (style) linkStyles.push(`  linkStyle ${edges} ${STYLE[style]}`);
    edges += 1;
  };

  const zone = path.availabilityZone ? ` (${path.availabilityZone})` : "";
  lines.push(`  start["${mermaidText(`λ ${path.functionName}`)}<br/>${mermaidText(`${path.subnetId}${zone}`)}"]`);
  lines.push(`  service(["${serviceLabel(path)}"])`);
  addClass("start", "origin");
  addClass("service", path.verdict.startsWith("reachable") ? "pass" : path.verdict === "blocked" ? "fail" : "unknown");

  if (path.attempts.length === 0) edge("start", "service", mermaidText("no way to the service to evaluate"), "unknown", true);
  for (const attempt of path.attempts) {
    let previous = "start";
    let first = true;
    for (const step of stepsOf(attempt)) {
      const node = `n${nodes++}`;
      lines.push(`  ${node}["${componentLabel(step)}"]`);
      addClass(node, step.mark);
      const kind = first ? mermaidText(KIND_LABEL[attempt.kind]) : "";
      const label = step.reason ? (kind ? `${kind}: ${reasonLabel(step)}` : reasonLabel(step)) : kind;
      edge(previous, node, label, step.mark === "pass" ? undefined : step.mark);
      previous = node;
      first = false;
    }
    const tail = first ? `${mermaidText(KIND_LABEL[attempt.kind])}: ` : "";
    if (attempt.outcome === "reachable") edge(previous, "service", `${tail}HTTPS 443`, "pass");
    else edge(previous, "service", `${tail}${attempt.outcome}`, attempt.outcome === "blocked" ? "fail" : "unknown", true);
  }

  lines.push("  classDef origin fill:#e8f0fe,stroke:#1a73e8,color:#000");
  lines.push("  classDef pass fill:#e6f4ea,stroke:#2e7d32,color:#000");
  lines.push("  classDef fail fill:#fde2e2,stroke:#c62828,stroke-width:3px,color:#000");
  lines.push("  classDef unknown fill:#fff4ce,stroke:#b8860b,stroke-width:3px,stroke-dasharray:4 3,color:#000");
  for (const [name, members] of classes) lines.push(`  class ${members.join(",")} ${name}`);
  lines.push(...linkStyles);
  return `${lines.join("\n")}\n`;
}
