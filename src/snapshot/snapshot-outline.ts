import { readString, stringEnd } from "./json-scan.js";

/**
 * Where each region key and each call's value sit in a snapshot's text, found in one pass that reads only the keys of
 * the six outer levels: accounts → <account> → regions → <region> → calls → <call>.
 */

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export interface RegionOutline {
  readonly keyOffset: number;
  readonly calls: Map<string, TextRange>;
}

interface Frame {
  readonly isObject: boolean;
  readonly start: number;
  expectKey: boolean;
  key?: string;
  /** Set on the frame of a call's value: where to record its range when it closes. */
  readonly call?: { readonly outline: RegionOutline; readonly name: string };
}

const CALL_DEPTH = 6;

export function regionKey(account: string, region: string): string {
  return `${account}\u0000${region}`;
}

function isUnder(stack: readonly Frame[], depth: number): boolean {
  return stack.length === depth && stack[0]?.key === "accounts" && (depth < 3 || stack[2]?.key === "regions") && (depth < 5 || stack[4]?.key === "calls");
}

export function outlineSnapshot(text: string): Map<string, RegionOutline> {
  const regions = new Map<string, RegionOutline>();
  const stack: Frame[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 34) {
      const end = stringEnd(text, i);
      const top = stack.at(-1);
      if (top?.isObject && top.expectKey) {
        top.expectKey = false;
        if (stack.length <= CALL_DEPTH) top.key = readString(text, i, end);
        if (top.key !== undefined && isUnder(stack, 4)) {
          regions.set(regionKey(stack[1]?.key ?? "", top.key), { keyOffset: i, calls: new Map() });
        }
      }
      i = end;
      continue;
    }
    if (code === 123 || code === 91) {
      const call = isUnder(stack, CALL_DEPTH) ? callTarget(regions, stack) : undefined;
      stack.push({ isObject: code === 123, start: i, expectKey: code === 123, ...(call ? { call } : {}) });
    } else if (code === 125 || code === 93) {
      const frame = stack.pop();
      if (frame?.call) frame.call.outline.calls.set(frame.call.name, { start: frame.start, end: i + 1 });
    } else if (code === 44) {
      const top = stack.at(-1);
      if (top?.isObject) top.expectKey = true;
    }
    i += 1;
  }
  return regions;
}

function callTarget(regions: Map<string, RegionOutline>, stack: readonly Frame[]): Frame["call"] {
  const outline = regions.get(regionKey(stack[1]?.key ?? "", stack[3]?.key ?? ""));
  const name = stack[5]?.key;
  return outline && name !== undefined ? { outline, name } : undefined;
}
