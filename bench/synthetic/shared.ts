import type { RegionData } from "../../test/support/build.js";
import type { IdMaker } from "./ids.js";
import type { Random } from "./random.js";

/** Resources of a region that its VPCs share: prefix lists, the transit gateway, DHCP options. */
export interface RegionShared {
  readonly region: string;
  readonly transitGatewayId: string;
  readonly amazonDhcpOptionsId: string;
  readonly customDhcpOptionsId: string;
  /** com.amazonaws.<region>.s3, AWS-managed. */
  readonly s3PrefixListId: string;
  /** Customer-managed: the corporate networks (private space). */
  readonly corporatePrefixListId: string;
  /** Customer-managed: partners' public ranges. */
  readonly partnerPrefixListId: string;
}

/** Everything a builder needs: where to put resources, how to name them, and the dice. */
export interface BuildContext {
  readonly data: RegionData;
  readonly ids: IdMaker;
  readonly random: Random;
  readonly shared: RegionShared;
  readonly account: string;
}
