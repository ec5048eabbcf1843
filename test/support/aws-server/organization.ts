/**
 * Several accounts behind one server, as an organization: the caller's credentials (any access key the server has not
 * issued) belong to the management account; STS AssumeRole into a member account's role returns credentials whose
 * access key the server maps back to that account, so every later request is answered from that account's data.
 * Organizations ListAccounts lists them all, suspended ones included.
 */
import type { ServedAccount } from "./account.js";
import { errorResponse, json, XML, type WireResponse } from "./protocol.js";

export interface ServedOrganization {
  /** The account the caller's own credentials belong to (the management or a delegated administrator account). */
  readonly callerAccountId: string;
  readonly accounts: readonly ServedAccount[];
  /** Accounts whose role can't be assumed (AccessDenied). */
  readonly denyAssumeRole?: readonly string[];
  /** Accounts ListAccounts shows as SUSPENDED; they are not served. */
  readonly suspended?: readonly string[];
  /** How long assumed credentials last (seconds); they are refused after that. Default 3600. */
  readonly sessionSeconds?: number;
  /** The external id every AssumeRole must carry, when set. */
  readonly externalId?: string;
}

export function isOrganization(served: ServedAccount | ServedOrganization): served is ServedOrganization {
  return "accounts" in served;
}

export interface Sessions {
  /** The account an access key acts as; undefined for a key the server issued that has expired. */
  accountOf(accessKeyId: string, now: number): string | undefined;
  assumeRole(form: URLSearchParams, callerAccount: string, requestId: string, now: number): WireResponse;
  /** How many AssumeRole calls succeeded, per account. */
  readonly assumed: ReadonlyMap<string, number>;
}

export function createSessions(org: ServedOrganization): Sessions {
  const issued = new Map<string, { account: string; expires: number }>();
  const assumed = new Map<string, number>();
  const members = new Set(org.accounts.map((a) => a.accountId));
  let next = 0;
  return {
    assumed,
    accountOf(accessKeyId, now) {
      const session = issued.get(accessKeyId);
      if (session === undefined) return org.callerAccountId;
      return session.expires > now ? session.account : undefined;
    },
    assumeRole(form, callerAccount, requestId, now) {
      const roleArn = form.get("RoleArn") ?? "";
      const target = /^arn:aws:iam::(\d{12}):role\/.+$/.exec(roleArn)?.[1];
      const deny = (message: string) => errorResponse("sts", 403, "AccessDenied", message, requestId);
      if (target === undefined || !members.has(target) || org.denyAssumeRole?.includes(target) || org.suspended?.includes(target)) {
        return deny(`User: arn:aws:iam::${callerAccount}:user/kms-audit-test is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
      }
      if (org.externalId !== undefined && form.get("ExternalId") !== org.externalId) return deny(`the external id does not match the trust policy of ${roleArn}`);
      const seconds = Math.min(Number(form.get("DurationSeconds") ?? "3600"), org.sessionSeconds ?? 3600);
      const accessKeyId = `ASIA${target}${String(++next).padStart(6, "0")}`;
      issued.set(accessKeyId, { account: target, expires: now + seconds * 1000 });
      assumed.set(target, (assumed.get(target) ?? 0) + 1);
      const expiration = new Date(now + seconds * 1000).toISOString();
      const session = form.get("RoleSessionName") ?? "";
      const body =
        `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>` +
        `<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>secret-${accessKeyId}</SecretAccessKey><SessionToken>token-${accessKeyId}</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
        `<AssumedRoleUser><AssumedRoleId>AROATEST${target}:${session}</AssumedRoleId><Arn>arn:aws:sts::${target}:assumed-role/${roleArn.split("/").at(-1)}/${session}</Arn></AssumedRoleUser>` +
        `</AssumeRoleResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></AssumeRoleResponse>`;
      return { status: 200, headers: XML, body };
    },
  };
}

const LIST_ACCOUNTS_MAX = 20;

export function listAccounts(org: ServedOrganization, body: Record<string, unknown>, pageCap: number | undefined, requestId: string): WireResponse {
  const all = org.accounts.map((a) => a.accountId);
  const size = Math.min(typeof body.MaxResults === "number" ? body.MaxResults : LIST_ACCOUNTS_MAX, LIST_ACCOUNTS_MAX, pageCap ?? Infinity);
  if (size < 1) return errorResponse("organizations", 400, "InvalidInputException", "MaxResults", requestId);
  const offset = typeof body.NextToken === "string" ? Number(body.NextToken) : 0;
  const end = offset + size;
  const accounts = all.slice(offset, end).map((id) => {
    const suspended = org.suspended?.includes(id) ?? false;
    return {
      Id: id,
      Arn: `arn:aws:organizations::${org.callerAccountId}:account/o-test000001/${id}`,
      Email: `aws+${id}@example.com`,
      Name: `account-${id}`,
      Status: suspended ? "SUSPENDED" : "ACTIVE",
      State: suspended ? "SUSPENDED" : "ACTIVE",
      JoinedMethod: "CREATED",
      JoinedTimestamp: 1_700_000_000,
    };
  });
  return json("organizations", { Accounts: accounts, ...(end < all.length ? { NextToken: String(end) } : {}) });
}
