import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { EC2Client, type EC2ClientConfig } from "@aws-sdk/client-ec2";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { Route53Client } from "@aws-sdk/client-route-53";
import { STSClient } from "@aws-sdk/client-sts";
import type { Limiter } from "./limiter.js";
import { ProfilesClient, ResolverClient } from "./route53-regional-clients.js";

/** Throttling and 5xx are retried by the SDK's adaptive mode (backoff plus a client-side rate limiter). */
export const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * No request waits forever: connecting (DNS and TCP/TLS) may take 10 s, a request until its response starts 60 s, and
 * a response may stall 60 s between bytes. A timed-out attempt is retried like a 5xx; --timeout bounds the whole.
 */
export const HTTP_TIMEOUTS = { connectionTimeout: 10_000, requestTimeout: 60_000, throwOnRequestTimeout: true, socketTimeout: 60_000 } as const;

export interface ClientOptions {
  readonly region: string;
  /** A named profile of the shared config files; absent = the SDK's default chain (AWS_PROFILE, env, SSO, IMDS...). */
  readonly profile?: string;
  /** Overrides every service's endpoint. Absent = the SDK decides, honouring AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>. */
  readonly endpoint?: string;
  /** Literal credentials (tests); absent = the SDK's default provider chain. */
  readonly credentials?: EC2ClientConfig["credentials"];
  readonly maxAttempts?: number;
  /** Bounds the HTTP requests in flight across all clients that share it; each retry attempt takes its own turn. */
  readonly limiter?: Limiter;
  /** Overrides HTTP_TIMEOUTS (tests). */
  readonly timeouts?: { readonly connectionTimeout?: number; readonly requestTimeout?: number; readonly socketTimeout?: number };
}

export interface AwsClients {
  readonly region: string;
  readonly ec2: EC2Client;
  readonly lambda: LambdaClient;
  /** Resource Groups Tagging API: the tags of a region's Lambda functions in bulk. */
  readonly tagging: ResourceGroupsTaggingAPIClient;
  readonly serviceQuotas: ServiceQuotasClient;
  readonly cloudwatch: CloudWatchClient;
  readonly sts: STSClient;
  /** Route 53 (global) and Route 53 Resolver and Profiles (regional): the DNS beyond the VPC. */
  readonly route53: Route53Client;
  readonly resolver: ResolverClient;
  readonly profiles: ProfilesClient;
  /** Organizations (global): the accounts of `--accounts organization`. */
  readonly organizations: OrganizationsClient;
  /** Closes the clients' sockets. */
  destroy(): void;
}

export function createClients(options: ClientOptions): AwsClients {
  const config = {
    region: options.region,
    retryMode: "adaptive",
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: { ...HTTP_TIMEOUTS, ...options.timeouts },
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  };
  const clients = {
    ec2: new EC2Client(config),
    lambda: new LambdaClient(config),
    tagging: new ResourceGroupsTaggingAPIClient(config),
    serviceQuotas: new ServiceQuotasClient(config),
    cloudwatch: new CloudWatchClient(config),
    sts: new STSClient(config),
    route53: new Route53Client(config),
    resolver: new ResolverClient(config),
    profiles: new ProfilesClient(config),
    organizations: new OrganizationsClient(config),
  };
  if (options.limiter) {
    for (const client of Object.values(clients)) limitRequests(client, options.limiter);
  }
  return {
    region: options.region,
    ...clients,
    destroy() {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}

/** Commands that end a chain (one per resource): they yield to page requests of chains still running. */
const LEAF_COMMANDS: ReadonlySet<string> = new Set(["DescribeVpcAttributeCommand"]);

type Handler = (args: unknown) => Promise<unknown>;

interface MiddlewareHost {
  readonly middlewareStack: {
    add(
      middleware: (next: Handler, context: { readonly commandName?: string }) => Handler,
      options: { step: "deserialize"; name: string; priority: "high" },
    ): void;
  };
}

/** Inside the retry loop (deserialize step), so a request waiting out its backoff holds no slot. */
function limitRequests(client: object, limiter: Limiter): void {
  (client as MiddlewareHost).middlewareStack.add(
    (next, context) => {
      const priority = LEAF_COMMANDS.has(context.commandName ?? "") ? "low" : "high";
      return (args) => limiter.run(() => next(args), priority);
    },
    { step: "deserialize", name: "kmsAuditConcurrencyLimit", priority: "high" },
  );
}
