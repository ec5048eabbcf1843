/**
 * The structure of the configuration file. Names that depend on the registries (rule ids, service ids) and rules
 * across keys (exactly one selector) are checked after this, in check-config.ts, to give "did you mean" hints.
 * A `description` is the "expected ..." text of an error at that place.
 */
const REGION = { type: "string", pattern: "^[a-z]{2}(-[a-z]+)+-[0-9]+$", description: "expected an AWS region name such as ap-northeast-1" };
const PATTERN = { type: "string", minLength: 1, description: "expected a non-empty string (* matches any run of characters)" };
const PRICE = { type: "number", minimum: 0, description: "expected a price in USD, a number of 0 or more" };

export const CONFIG_SCHEMA = {
  type: "object",
  description: "expected a mapping of configuration keys (version, regions, rules, functions, prices, thresholds, suppressions)",
  additionalProperties: false,
  properties: {
    version: { const: 1, description: "expected 1 (the only configuration version)" },
    regions: { type: "array", items: REGION, uniqueItems: true },
    rules: {
      type: "object",
      additionalProperties: { enum: ["error", "warning", "note", "off"], description: "expected error, warning, note or off" },
    },
    functions: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["uses"],
        properties: {
          name: PATTERN,
          arn: PATTERN,
          tag: {
            type: "object",
            additionalProperties: false,
            required: ["key", "value"],
            properties: { key: { type: "string", minLength: 1, description: "expected a tag key" }, value: PATTERN },
          },
          uses: { type: "array", minItems: 1, uniqueItems: true, items: { type: "string", description: "expected a service id such as kms" } },
        },
      },
    },
    prices: {
      type: "object",
      propertyNames: REGION,
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        minProperties: 1,
        properties: {
          natGatewayHour: PRICE,
          natGatewayPerGb: PRICE,
          interfaceEndpointHourPerAz: PRICE,
          interfaceEndpointPerGb: PRICE,
          transitGatewayPerGb: PRICE,
          source: { type: "string", minLength: 1, description: "expected a note saying where the prices come from" },
        },
      },
    },
    thresholds: {
      type: "object",
      additionalProperties: false,
      properties: {
        subnetFreeAddresses: { type: "integer", minimum: 0, description: "expected a whole number of free IPv4 addresses, 0 or more" },
      },
    },
    suppressions: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["rule", "resource", "reason"],
        properties: {
          rule: { type: "string", minLength: 1, description: "expected a rule id or *" },
          resource: PATTERN,
          reason: { type: "string", pattern: "\\S", description: "expected the reason for the suppression (required, not blank)" },
          expires: { type: "string", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description: "expected a date YYYY-MM-DD" },
        },
      },
    },
  },
} as const;
