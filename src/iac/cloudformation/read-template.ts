import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { InputError } from "../../errors.js";
import type { SourceLocation } from "../planned.js";

/** A CloudFormation (or SAM) template as plain JSON values, short-form intrinsics in their long form, with positions. */
export interface TemplateDocument {
  readonly file: string;
  readonly value: Readonly<Record<string, unknown>>;
  /** Where the key at a path (["Resources", "PrivateSubnet"]) is written. */
  locate(path: readonly string[]): SourceLocation | undefined;
}

/** YAML short forms: `!Ref X` is `{"Ref": "X"}`, `!Condition C` is `{"Condition": "C"}`, every other `!Name` is `{"Fn::Name": ...}`. */
const SHORT_FORMS = new Set(["Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "Length", "ToJsonString", "GetAtt"]);

function intrinsic(tag: string, value: unknown): unknown {
  const name = tag.slice(1);
  if (name === "Ref") return { Ref: value };
  if (name === "Condition") return { Condition: value };
  if (name === "GetAtt" && typeof value === "string") {
    const dot = value.indexOf(".");
    return { "Fn::GetAtt": dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return SHORT_FORMS.has(name) ? { [`Fn::${name}`]: value } : value;
}

function toValue(node: Node | null | undefined, path: readonly string[], keys: Map<string, number>): unknown {
  if (node === null || node === undefined) return null;
  let value: unknown;
  if (isMap(node)) {
    const object: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const keyPath = [...path, key];
      if (isScalar(pair.key) && pair.key.range) keys.set(keyPath.join("\u0000"), pair.key.range[0]);
      object[key] = toValue(pair.value as Node | null, keyPath, keys);
    }
    value = object;
  } else if (isSeq(node)) {
    value = node.items.map((item, i) => toValue(item as Node | null, [...path, String(i)], keys));
  } else if (isScalar(node)) {
    value = node.value;
  } else {
    value = null;
  }
  return typeof node.tag === "string" && node.tag.startsWith("!") && !node.tag.startsWith("!!") ? intrinsic(node.tag, value) : value;
}

/** Parses a template's text (YAML or JSON, which YAML reads too); syntax errors are InputErrors with line and column. */
export function readTemplate(text: string, file: string): TemplateDocument {
  const lines = new LineCounter();
  const document = parseDocument(text.startsWith("\uFEFF") ? text.slice(1) : text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const error = document.errors[0];
  if (error !== undefined) {
    const at = lines.linePos(error.pos[0]);
    throw new InputError(file, `line ${at.line} column ${at.col}`, `expected a YAML or JSON template (${error.message.split("\n")[0]})`);
  }
  const keys = new Map<string, number>();
  const value = toValue(document.contents as Node | null, [], keys);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InputError(file, "line 1 column 1", "expected a template: a mapping with a Resources section");
  }
  return {
    file,
    value: value as Record<string, unknown>,
    locate(path) {
      const offset = keys.get(path.join("\u0000"));
      if (offset === undefined) return undefined;
      const at = lines.linePos(offset);
      return { file, line: at.line, column: at.col };
    },
  };
}
