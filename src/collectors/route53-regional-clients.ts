/**
 * Route 53 Resolver (AWS JSON 1.1) and Route 53 Profiles (REST-JSON) clients for the few read-only calls kms-audit
 * makes. The npm registry this project installs from has no @aws-sdk/client-route53profiles, and
 * @aws-sdk/client-route53resolver only at 3.654, which pins a second, older copy of the whole SDK. So these clients are
 * the installed SDK's own machinery (the Organizations and Lambda clients: credentials chain, SigV4, adaptive retries,
 * HTTP handler with its timeouts, middleware such as the concurrency limit) given the other service's name, endpoint
 * and operation schemas. Outputs are read as documents: exactly the JSON AWS sends, which is AWS's shape.
 * Replace them with the official clients once the registry carries versions matching the others.
 */
import { LambdaClient, type LambdaClientConfig } from "@aws-sdk/client-lambda";
import { OrganizationsClient, type OrganizationsClientConfig } from "@aws-sdk/client-organizations";
import { makeBuilder } from "@smithy/core/client";
import { getEndpointPlugin } from "@smithy/core/endpoints";

type Config = OrganizationsClientConfig & LambdaClientConfig;

const DOCUMENT = 15;
const STRING = 0;
const NUMBER = 1;

const commonParams = {
  UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
  Endpoint: { type: "builtInParams", name: "endpoint" },
  Region: { type: "builtInParams", name: "region" },
  UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
} as const;

interface EndpointParameters {
  readonly Region?: string;
  readonly Endpoint?: string;
}

/** Regional endpoints as AWS names them: <service>.<region>.amazonaws.com (.com.cn in China); an override wins. */
function regionalEndpoint(service: string) {
  return (params: EndpointParameters) => {
    if (params.Endpoint) return { url: new URL(params.Endpoint) };
    const region = params.Region ?? "";
    const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    return { url: new URL(`https://${service}.${region}.${suffix}`) };
  };
}

function sigv4(signingName: string) {
  return (parameters: { region: string }) => [
    {
      schemeId: "aws.auth#sigv4",
      signingProperties: { name: signingName, region: parameters.region },
      propertiesExtractor: (config: unknown, context: unknown) => ({ signingProperties: { config, context } }),
    },
  ];
}

function serviceConfig(config: Config, service: { signingName: string; serviceId: string; protocolSettings: Record<string, unknown> }): Config {
  return {
    ...config,
    serviceId: service.serviceId,
    signingName: service.signingName,
    endpointProvider: regionalEndpoint(service.signingName),
    httpAuthSchemeProvider: sigv4(service.signingName),
    protocolSettings: { errorTypeRegistries: [], ...service.protocolSettings },
  } as Config;
}

// ---- Route 53 Resolver: AWS JSON 1.1, X-Amz-Target Route53Resolver.<Operation> ----

const RESOLVER = "com.amazonaws.route53resolver";

export class ResolverClient extends OrganizationsClient {
  constructor(config: Config) {
    super(
      serviceConfig(config, {
        signingName: "route53resolver",
        serviceId: "Route53Resolver",
        protocolSettings: { defaultNamespace: RESOLVER, version: "2018-04-01", serviceTarget: "Route53Resolver" },
      }),
    );
  }
}

const resolverCommand = makeBuilder(commonParams, "Route53Resolver", "ResolverClient", getEndpointPlugin);
const noEndpointParams = {};
const noMiddleware = () => [];

function resolverListOperation(name: string, listKey: string) {
  return [
    9,
    RESOLVER,
    name,
    0,
    [3, RESOLVER, `${name}Request`, 0, ["MaxResults", "NextToken"], [NUMBER, STRING]],
    [3, RESOLVER, `${name}Response`, 0, ["NextToken", "MaxResults", listKey], [STRING, NUMBER, DOCUMENT]],
  ];
}

export interface ListPageInput {
  readonly MaxResults?: number;
  readonly NextToken?: string;
}

type Page<K extends string> = { readonly NextToken?: string } & { readonly [P in K]?: readonly Record<string, unknown>[] };

/* eslint-disable @typescript-eslint/no-explicit-any */
const Builder = resolverCommand as any;

export class ListResolverRulesCommand extends (Builder(noEndpointParams, noMiddleware, "ListResolverRules", resolverListOperation("ListResolverRules", "ResolverRules")) as new (
  input: ListPageInput,
) => { readonly input: ListPageInput; readonly __output?: Page<"ResolverRules"> }) {}

export class ListResolverRuleAssociationsCommand extends (Builder(
  noEndpointParams,
  noMiddleware,
  "ListResolverRuleAssociations",
  resolverListOperation("ListResolverRuleAssociations", "ResolverRuleAssociations"),
) as new (input: ListPageInput) => { readonly input: ListPageInput; readonly __output?: Page<"ResolverRuleAssociations"> }) {}

// ---- Route 53 Profiles: REST-JSON ----

const PROFILES = "com.amazonaws.route53profiles";

export class ProfilesClient extends LambdaClient {
  constructor(config: Config) {
    super(
      serviceConfig(config, {
        signingName: "route53profiles",
        serviceId: "Route53Profiles",
        protocolSettings: { defaultNamespace: PROFILES, version: "2018-05-10" },
      }),
    );
  }
}

const profilesCommand = makeBuilder(commonParams, "Route53Profiles", "ProfilesClient", getEndpointPlugin) as any;

const query = (name: string) => ({ httpQuery: name });

function profilesListOperation(name: string, path: string, listKey: string, label?: string) {
  const members = ["MaxResults", "NextToken", ...(label ? [label] : [])];
  const schemas = [
    [NUMBER, query("maxResults")],
    [STRING, query("nextToken")],
    ...(label ? [[STRING, { httpLabel: 1 }]] : []),
  ];
  return [
    9,
    PROFILES,
    name,
    { http: ["GET", path, 200] },
    [3, PROFILES, `${name}Request`, 0, members, schemas],
    [3, PROFILES, `${name}Response`, 0, ["NextToken", listKey], [STRING, DOCUMENT]],
  ];
}

export class ListProfilesCommand extends (profilesCommand(noEndpointParams, noMiddleware, "ListProfiles", profilesListOperation("ListProfiles", "/profiles", "ProfileSummaries")) as new (
  input: ListPageInput,
) => { readonly input: ListPageInput; readonly __output?: Page<"ProfileSummaries"> }) {}

export class ListProfileAssociationsCommand extends (profilesCommand(
  noEndpointParams,
  noMiddleware,
  "ListProfileAssociations",
  profilesListOperation("ListProfileAssociations", "/profileassociations", "ProfileAssociations"),
) as new (input: ListPageInput) => { readonly input: ListPageInput; readonly __output?: Page<"ProfileAssociations"> }) {}

export interface ProfileResourcesInput extends ListPageInput {
  readonly ProfileId: string;
}

export class ListProfileResourceAssociationsCommand extends (profilesCommand(
  noEndpointParams,
  noMiddleware,
  "ListProfileResourceAssociations",
  profilesListOperation("ListProfileResourceAssociations", "/profileresourceassociations/profileid/{ProfileId}", "ProfileResourceAssociations", "ProfileId"),
) as new (input: ProfileResourcesInput) => { readonly input: ProfileResourcesInput; readonly __output?: Page<"ProfileResourceAssociations"> }) {}
/* eslint-enable @typescript-eslint/no-explicit-any */
