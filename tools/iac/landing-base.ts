/**
 * The deployed landing zone the landing-zone template fixtures land on: lz-central-endpoints-works with a hub ready for
 * new spokes (the hub VPC routes 10.0.0.0/8 to the transit gateway, and new attachments propagate to the hub's transit
 * gateway route table by default), so a new spoke VPC gets its return routes as AWS gives them. Written to
 * fixtures/iac/live/lz-hub-for-new-spokes.snapshot.json by tools/iac/terraform-fixtures.ts, or alone:
 *
 *   npx tsx tools/iac/landing-base.ts
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { RegionCalls, Snapshot } from "../../src/snapshot/types.js";
import { COLLECTED_AT } from "../fixtures/generate.js";
import { LANDING_ZONE_FIXTURES, landingZoneFixtureSnapshot } from "../fixtures/landing-zones.js";
import { HUB, LZ_REGION, lz } from "../../test/support/landing-zone.js";
import { route } from "../../test/support/build.js";

export const LANDING_BASE = "fixtures/iac/live/lz-hub-for-new-spokes.snapshot.json";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function ok(calls: RegionCalls, call: keyof RegionCalls): Json {
  return (calls[call] as Json).data;
}

export function landingBase(): Snapshot {
  const works = LANDING_ZONE_FIXTURES.find((f) => f.name === "lz-central-endpoints-works")!;
  const accounts = () => {
    const all = works.accounts();
    for (const regions of Object.values(all)) {
      for (const gateway of ok(regions[LZ_REGION]!, "DescribeTransitGateways").TransitGateways) {
        gateway.Options = { ...gateway.Options, DefaultRouteTablePropagation: "enable", PropagationDefaultRouteTableId: lz.hubTable };
      }
    }
    const hubMain = ok(all[HUB]![LZ_REGION]!, "DescribeRouteTables").RouteTables.find((t: Json) => t.RouteTableId === "rtb-0hub000000000001");
    hubMain.Routes.push(route({ DestinationCidrBlock: "10.0.0.0/8", TransitGatewayId: lz.tgw }));
    return all;
  };
  return landingZoneFixtureSnapshot(
    {
      name: "lz-hub-for-new-spokes",
      description: `${works.description} The hub is ready for new spokes: its VPC routes 10.0.0.0/8 to the transit gateway, and new attachments propagate to the hub's transit gateway route table.`,
      accounts,
    },
    COLLECTED_AT,
  );
}

export function writeLandingBase(): void {
  writeFileSync(path.resolve(LANDING_BASE), `${JSON.stringify(landingBase(), null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) writeLandingBase();
