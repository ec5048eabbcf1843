import {
  DescribeAccountAttributesCommand,
  DescribeAddressesCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointServicesCommand,
  paginateDescribeDhcpOptions,
  paginateDescribeEgressOnlyInternetGateways,
  paginateDescribeInternetGateways,
  paginateDescribeManagedPrefixLists,
  paginateDescribeNatGateways,
  paginateDescribeNetworkAcls,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcs,
  paginateGetManagedPrefixListEntries,
  type EC2Client,
  type ManagedPrefixList,
  type ServiceDetail,
  type Vpc,
  type VpcAttributeName,
} from "@aws-sdk/client-ec2";
import type { LandingZoneCallName, PrefixListEntriesRecord, RegionCalls, VpcAttributeRecord } from "../snapshot/types.js";
import type { CallRunner } from "./call-record.js";
import { after, allItems, allSettledOrThrow, withoutMetadata } from "./pages.js";

/** The largest page each operation accepts (EC2 API Reference, MaxResults ranges). */
export const EC2_PAGE_SIZES = {
  DescribeVpcs: 1000,
  DescribeSubnets: 1000,
  DescribeRouteTables: 100,
  DescribeInternetGateways: 1000,
  DescribeEgressOnlyInternetGateways: 255,
  DescribeNatGateways: 1000,
  DescribeVpcEndpoints: 1000,
  DescribeVpcEndpointServices: 1000,
  DescribeSecurityGroups: 1000,
  DescribeNetworkAcls: 1000,
  DescribeManagedPrefixLists: 100,
  GetManagedPrefixListEntries: 100,
  DescribeDhcpOptions: 1000,
} as const;

const DNS_ATTRIBUTES: readonly VpcAttributeName[] = ["enableDnsSupport", "enableDnsHostnames"];

export type Ec2Calls = {
  readonly [K in Ec2CallName]-?: Promise<NonNullable<RegionCalls[K]>>;
};

type Ec2CallName = Exclude<keyof RegionCalls, "GetServiceQuota" | "GetAWSDefaultServiceQuota" | "ListFunctions" | "GetFunctionConfiguration" | "NatGatewayTraffic" | LandingZoneCallName>;

/**
 * Starts every EC2 call of the snapshot for one region at once: independent calls concurrently, the per-resource calls
 * (DescribeVpcAttribute, GetManagedPrefixListEntries) as soon as the list they need is in, concurrently too.
 */
export function startEc2Calls(ec2: EC2Client, run: CallRunner, abortSignal: AbortSignal): Ec2Calls {
  const opts = { abortSignal };
  const page = <K extends keyof typeof EC2_PAGE_SIZES>(call: K) => ({ client: ec2, pageSize: EC2_PAGE_SIZES[call] });

  const vpcs = run("DescribeVpcs", async () => ({ Vpcs: await allItems(paginateDescribeVpcs(page("DescribeVpcs"), {}, opts), (p) => p.Vpcs) }));
  const prefixLists = run("DescribeManagedPrefixLists", async () => ({
    PrefixLists: await allItems(paginateDescribeManagedPrefixLists(page("DescribeManagedPrefixLists"), {}, opts), (p) => p.PrefixLists),
  }));
  return {
    DescribeVpcs: vpcs,
    DescribeVpcAttribute: after("DescribeVpcs", vpcs, (data) => run("DescribeVpcAttribute", () => dnsAttributes(ec2, data.Vpcs, abortSignal))),
    DescribeSubnets: run("DescribeSubnets", async () => ({
      Subnets: await allItems(paginateDescribeSubnets(page("DescribeSubnets"), {}, opts), (p) => p.Subnets),
    })),
    DescribeRouteTables: run("DescribeRouteTables", async () => ({
      RouteTables: await allItems(paginateDescribeRouteTables(page("DescribeRouteTables"), {}, opts), (p) => p.RouteTables),
    })),
    DescribeInternetGateways: run("DescribeInternetGateways", async () => ({
      InternetGateways: await allItems(paginateDescribeInternetGateways(page("DescribeInternetGateways"), {}, opts), (p) => p.InternetGateways),
    })),
    DescribeEgressOnlyInternetGateways: run("DescribeEgressOnlyInternetGateways", async () => ({
      EgressOnlyInternetGateways: await allItems(
        paginateDescribeEgressOnlyInternetGateways(page("DescribeEgressOnlyInternetGateways"), {}, opts),
        (p) => p.EgressOnlyInternetGateways,
      ),
    })),
    DescribeNatGateways: run("DescribeNatGateways", async () => ({
      NatGateways: await allItems(paginateDescribeNatGateways(page("DescribeNatGateways"), {}, opts), (p) => p.NatGateways),
    })),
    DescribeVpcEndpoints: run("DescribeVpcEndpoints", async () => ({
      VpcEndpoints: await allItems(paginateDescribeVpcEndpoints(page("DescribeVpcEndpoints"), {}, opts), (p) => p.VpcEndpoints),
    })),
    DescribeVpcEndpointServices: run("DescribeVpcEndpointServices", () => endpointServices(ec2, abortSignal)),
    DescribeSecurityGroups: run("DescribeSecurityGroups", async () => ({
      SecurityGroups: await allItems(paginateDescribeSecurityGroups(page("DescribeSecurityGroups"), {}, opts), (p) => p.SecurityGroups),
    })),
    DescribeNetworkAcls: run("DescribeNetworkAcls", async () => ({
      NetworkAcls: await allItems(paginateDescribeNetworkAcls(page("DescribeNetworkAcls"), {}, opts), (p) => p.NetworkAcls),
    })),
    DescribeManagedPrefixLists: prefixLists,
    GetManagedPrefixListEntries: after("DescribeManagedPrefixLists", prefixLists, (data) =>
      run("GetManagedPrefixListEntries", () => prefixListEntries(ec2, data.PrefixLists, abortSignal)),
    ),
    DescribeDhcpOptions: run("DescribeDhcpOptions", async () => ({
      DhcpOptions: await allItems(paginateDescribeDhcpOptions(page("DescribeDhcpOptions"), {}, opts), (p) => p.DhcpOptions),
    })),
    DescribeAddresses: run("DescribeAddresses", async () => ({
      Addresses: (await ec2.send(new DescribeAddressesCommand({}), opts)).Addresses ?? [],
    })),
    DescribeAccountAttributes: run("DescribeAccountAttributes", async () => ({
      AccountAttributes:
        (await ec2.send(new DescribeAccountAttributesCommand({}), opts)).AccountAttributes ?? [],
    })),
  };
}

/** DescribeVpcAttribute answers one attribute of one VPC per call: enableDnsSupport then enableDnsHostnames, per VPC. */
async function dnsAttributes(ec2: EC2Client, vpcs: readonly Vpc[], abortSignal: AbortSignal): Promise<VpcAttributeRecord[]> {
  const requests = vpcs.flatMap((vpc) => DNS_ATTRIBUTES.map((Attribute) => ({ VpcId: vpc.VpcId ?? "", Attribute })));
  return allSettledOrThrow(
    requests.map(async ({ VpcId, Attribute }) => {
      const output = await ec2.send(new DescribeVpcAttributeCommand({ VpcId, Attribute }), { abortSignal });
      return { VpcId, ...withoutMetadata(output) };
    }),
  );
}

async function prefixListEntries(
  ec2: EC2Client,
  lists: readonly ManagedPrefixList[],
  abortSignal: AbortSignal,
): Promise<PrefixListEntriesRecord[]> {
  return allSettledOrThrow(
    lists.map(async (list) => {
      const PrefixListId = list.PrefixListId ?? "";
      const pages = paginateGetManagedPrefixListEntries(
        { client: ec2, pageSize: EC2_PAGE_SIZES.GetManagedPrefixListEntries },
        { PrefixListId },
        { abortSignal },
      );
      return { PrefixListId, Entries: await allItems(pages, (p) => p.Entries) };
    }),
  );
}

/** No SDK paginator exists for DescribeVpcEndpointServices; ServiceNames and ServiceDetails page together. */
async function endpointServices(
  ec2: EC2Client,
  abortSignal: AbortSignal,
): Promise<{ ServiceNames: string[]; ServiceDetails?: ServiceDetail[] }> {
  const ServiceNames: string[] = [];
  let ServiceDetails: ServiceDetail[] | undefined;
  let NextToken: string | undefined;
  do {
    const page = await ec2.send(
      new DescribeVpcEndpointServicesCommand({ MaxResults: EC2_PAGE_SIZES.DescribeVpcEndpointServices, NextToken }),
      { abortSignal },
    );
    ServiceNames.push(...(page.ServiceNames ?? []));
    if (page.ServiceDetails) (ServiceDetails ??= []).push(...page.ServiceDetails);
    NextToken = page.NextToken || undefined;
  } while (NextToken);
  return ServiceDetails ? { ServiceNames, ServiceDetails } : { ServiceNames };
}
