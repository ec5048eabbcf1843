/**
 * SAM's Globals.Function merged into each AWS::Serverless::Function, as the SAM translator does: maps merge key by key,
 * lists concatenate (Globals first), and the resource's own scalars win
 * (aws/serverless-application-model, samtranslator/plugins/globals). Templates without a Globals section pass unchanged.
 */
function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** An intrinsic function call ({"Ref": ...}, {"Fn::If": ...}) is a value, not a map to merge into. */
function isIntrinsic(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === "Ref" || keys[0] === "Condition" || (keys[0] ?? "").startsWith("Fn::"));
}

function merge(global: unknown, local: unknown): unknown {
  if (local === undefined) return global;
  if (isRecord(global) && isRecord(local) && !isIntrinsic(global) && !isIntrinsic(local)) {
    const result: Record<string, unknown> = { ...global };
    for (const [key, value] of Object.entries(local)) result[key] = merge(global[key], value);
    return result;
  }
  if (Array.isArray(global) && Array.isArray(local)) return [...global, ...local];
  return local;
}

export function withSamGlobals(template: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const globals = isRecord(template.Globals) && isRecord(template.Globals.Function) ? template.Globals.Function : undefined;
  if (globals === undefined || !isRecord(template.Resources)) return template;
  const resources: Record<string, unknown> = {};
  for (const [logicalId, body] of Object.entries(template.Resources)) {
    if (isRecord(body) && body.Type === "AWS::Serverless::Function") {
      resources[logicalId] = { ...body, Properties: merge(globals, isRecord(body.Properties) ? body.Properties : {}) };
    } else {
      resources[logicalId] = body;
    }
  }
  return { ...template, Resources: resources };
}

/** True when the template asks for the SAM transform. */
export function isSamTemplate(template: Readonly<Record<string, unknown>>): boolean {
  const transform = template.Transform;
  const names = Array.isArray(transform) ? transform : [transform];
  return names.some((name) => typeof name === "string" && name.startsWith("AWS::Serverless"));
}
