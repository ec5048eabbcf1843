import path from "node:path";
import { UsageError } from "../../errors.js";
import { defaultAccount, type IacOptions } from "../index.js";
import { PlannedNetwork, type PlannedInput } from "../planned.js";
import { terraformLocations } from "./locations.js";
import { readPlan, type Instance } from "./plan.js";
import { Resolver } from "./resolve.js";
import { addInstance, type TerraformContext } from "./resources.js";

const DATA_SOURCES_READ = new Set(["aws_vpc", "aws_subnet"]);

/** What a delete action removes from the account: the resource by id, or a route from its table. */
function removeDeleted(network: PlannedNetwork, instance: Instance): void {
  const before = instance.before ?? {};
  if (instance.type === "aws_route") {
    const destination = before.destination_cidr_block ?? before.destination_prefix_list_id ?? before.destination_ipv6_cidr_block;
    if (typeof before.route_table_id === "string" && typeof destination === "string" && destination !== "") network.deletedRoutes.push({ tableId: before.route_table_id, destination });
    return;
  }
  if (instance.type === "aws_route53_zone_association") {
    if (typeof before.zone_id === "string" && typeof before.vpc_id === "string") network.deletedZoneAssociations.push({ zoneId: before.zone_id, vpcId: before.vpc_id });
    return;
  }
  if (instance.type === "aws_lambda_function" && typeof before.arn === "string") network.deleted.add(before.arn);
  else if (typeof before.id === "string") network.deleted.add(before.id);
}

/** A saved Terraform plan (terraform show -json) into planned resources, located in the .tf files of `tfDir`. */
export async function readTerraformPlan(file: string, json: Readonly<Record<string, unknown>>, options: IacOptions): Promise<PlannedInput> {
  const plan = readPlan(json);
  const region = options.region ?? plan.region;
  if (region === undefined) throw new UsageError(`--region: ${file} has no aws provider region; give --region`);
  const caller = plan.instances.find((i) => i.type === "aws_caller_identity" && typeof i.values.account_id === "string");
  const account = options.account ?? (caller?.values.account_id as string | undefined) ?? defaultAccount(options);
  const network = new PlannedNetwork();
  const locate = await terraformLocations(options.tfDir ?? path.dirname(file), plan.root);
  const ctx: TerraformContext = { network, resolve: new Resolver(plan), region, account, locationOf: (instance) => locate(instance.address) };
  for (const instance of plan.instances) {
    if (instance.mode === "data") {
      // A data source describes what exists: the deployed data holds it whole; alone, its VPC or subnet is all there is to know.
      if (options.base === undefined && DATA_SOURCES_READ.has(instance.type)) addInstance(ctx, instance);
      continue;
    }
    if (instance.action === "delete" || instance.action === "replace") removeDeleted(network, instance);
    if (instance.action !== "delete") addInstance(ctx, instance);
  }
  return { kind: "terraform", path: file, parts: [{ network, region, account }] };
}
