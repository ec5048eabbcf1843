import type { RegionIndex } from "./model.js";
import { parseIpv4Cidr, toSet, type AddressSet } from "./cidr.js";
import { memoised } from "./memo.js";

/** The IPv4 entries of a customer prefix list as one address set (empty when its entries are not in the data). */
export function prefixListSet(index: RegionIndex, prefixListId: string): AddressSet {
  return memoised(index, ["prefix-list-set", prefixListId], () => toSet((index.prefixListCidrs.get(prefixListId) ?? []).flatMap((c) => parseIpv4Cidr(c) ?? [])));
}
