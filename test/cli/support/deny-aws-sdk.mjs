// Loaded with `node --import`: fails the process if anything resolves an @aws-sdk package.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier.startsWith("@aws-sdk/") || specifier.includes("/node_modules/@aws-sdk/")) {
    throw new Error("AWS SDK imported on the --snapshot path: " + specifier);
  }
  return next(specifier, context);
}`),
);
