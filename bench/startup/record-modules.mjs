// Loaded with `node --import`: appends the URL of every module the process resolves to $KMS_AUDIT_MODULE_LOG.
// Loader hooks see ESM imports and the require() calls that go through them, in every package: a reliable census.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
import { appendFileSync } from "node:fs";
let log;
export function initialize(data) { log = data.file; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(log, resolved.url + "\\n");
  return resolved;
}`),
  { data: { file: process.env.KMS_AUDIT_MODULE_LOG } },
);
