import type { Tri } from "./tri.js";

/**
 * A value an infrastructure-as-code input leaves open until deploy (a parameter without a default, `Fn::ImportValue`,
 * Terraform's "known after apply"). It stands in an AWS-shaped field as the text `(unknown: <what to provide>)`, which
 * no AWS id, CIDR or port can be; the model reads it as "maybe" wherever it decides on that field, so a path through it
 * is unverifiable and the hop names the value to provide.
 */
const PREFIX = "(unknown: ";

/** The field value for an unknown `what`, e.g. "parameter PrivateSubnetCidr". */
export function unknownValue(what: string): string {
  return `${PREFIX}${what})`;
}

/** What must be provided, when `value` is an unknown value; undefined for any other value. */
export function unknownName(value: unknown): string | undefined {
  return typeof value === "string" && value.startsWith(PREFIX) && value.endsWith(")") ? value.slice(PREFIX.length, -1) : undefined;
}

export function isUnknown(value: unknown): boolean {
  return unknownName(value) !== undefined;
}

/** "maybe" when any of the values is unknown, else the decision made on them. */
export function unlessUnknown(values: readonly unknown[], decide: () => Tri): Tri {
  return values.some(isUnknown) ? "maybe" : decide();
}
