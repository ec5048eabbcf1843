import { InputError } from "../../errors.js";
import type { IacOptions } from "../index.js";
import type { PlannedInput } from "../planned.js";

export async function readTerraformPlan(file: string, _plan: Readonly<Record<string, unknown>>, _options: IacOptions): Promise<PlannedInput> {
  throw new InputError(file, "$", "Terraform plans are not read yet");
}
