import { UsageError } from "../../errors.js";
import { renderRuleDoc, renderRuleTable } from "../../report/index.js";
import { findRule, rules } from "../../rules/index.js";
import { closeNames } from "../close-names.js";
import { colorLevel } from "../color.js";
import type { CliIo } from "../io.js";

export interface RulesArgs {
  readonly id?: string;
}

/** rules: the table of every rule, or one rule's doc. */
export async function runRules(args: RulesArgs, io: CliIo): Promise<number> {
  const level = colorLevel(io.env, io.stdoutIsTTY);
  if (args.id === undefined) {
    io.stdout(renderRuleTable(rules.map((rule) => rule.meta), level));
    return 0;
  }
  const rule = findRule(args.id);
  if (rule === undefined) {
    const names = closeNames(args.id, rules.map((r) => r.meta.id));
    throw new UsageError(`unknown rule "${args.id}"${names.length > 0 ? `; close names: ${names.join(", ")}` : ""}; run "kms-audit rules" for the list`);
  }
  io.stdout(renderRuleDoc(rule.meta, level));
  return 0;
}
