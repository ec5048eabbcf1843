/**
 * EC2 Describe* id lists (VpcId.1, SubnetId.1...) and filters (Filter.1.Name=vpc-id, Filter.1.Value.1=...), as the
 * Terraform AWS provider's data sources send them. The SDK collectors send neither, so their requests are unchanged.
 * Only the filters kms-audit's fixtures need; an unknown filter name matches nothing rather than everything.
 */
const ID_PARAMETERS: Readonly<Record<string, { readonly parameter: string; readonly field: string }>> = {
  DescribeVpcs: { parameter: "VpcId", field: "VpcId" },
  DescribeSubnets: { parameter: "SubnetId", field: "SubnetId" },
  DescribeRouteTables: { parameter: "RouteTableId", field: "RouteTableId" },
  DescribeInternetGateways: { parameter: "InternetGatewayId", field: "InternetGatewayId" },
  DescribeNatGateways: { parameter: "NatGatewayId", field: "NatGatewayId" },
  DescribeVpcEndpoints: { parameter: "VpcEndpointId", field: "VpcEndpointId" },
  DescribeSecurityGroups: { parameter: "GroupId", field: "GroupId" },
  DescribeNetworkAcls: { parameter: "NetworkAclId", field: "NetworkAclId" },
  DescribeDhcpOptions: { parameter: "DhcpOptionsId", field: "DhcpOptionsId" },
};

type Item = Readonly<Record<string, unknown>>;

function listParameter(params: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; params.has(`${name}.${i}`); i++) values.push(params.get(`${name}.${i}`) ?? "");
  return values;
}

function filterValues(item: Item, name: string): string[] {
  const text = (value: unknown) => (value === undefined || value === null ? [] : [String(value)]);
  const associations = (item.Associations as Item[] | undefined) ?? [];
  switch (name) {
    case "vpc-id":
      return text(item.VpcId);
    case "subnet-id":
      return text(item.SubnetId);
    case "group-id":
      return text(item.GroupId);
    case "group-name":
      return text(item.GroupName);
    case "state":
      return text(item.State);
    case "association.subnet-id":
      return associations.flatMap((a) => text(a.SubnetId));
    case "association.main":
      return associations.flatMap((a) => text(a.Main));
    case "default":
      return text(item.IsDefault);
    case "availability-zone":
      return text(item.AvailabilityZone);
    case "cidr-block":
    case "cidrBlock":
      return text(item.CidrBlock);
    default:
      if (name.startsWith("tag:")) return ((item.Tags as Item[] | undefined) ?? []).filter((t) => t.Key === name.slice(4)).flatMap((t) => text(t.Value));
      return [];
  }
}

/** The items a Describe* request asks for: those with a listed id (if any) that match every filter. */
export function filterItems<T>(operation: string, params: URLSearchParams, items: readonly T[]): readonly T[] {
  const ids = ID_PARAMETERS[operation];
  const wanted = ids === undefined ? [] : listParameter(params, ids.parameter);
  const filters: { name: string; values: string[] }[] = [];
  for (let i = 1; params.has(`Filter.${i}.Name`); i++) filters.push({ name: params.get(`Filter.${i}.Name`) ?? "", values: listParameter(params, `Filter.${i}.Value`) });
  if (wanted.length === 0 && filters.length === 0) return items;
  return items.filter((item) => {
    const record = item as Item;
    if (ids !== undefined && wanted.length > 0 && !wanted.includes(String(record[ids.field]))) return false;
    return filters.every((f) => filterValues(record, f.name).some((v) => f.values.includes(v)));
  });
}
