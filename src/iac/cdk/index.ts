import { InputError } from "../../errors.js";
import type { IacOptions } from "../index.js";
import type { PlannedInput } from "../planned.js";

export async function readCdkOut(dir: string, _manifest: Readonly<Record<string, unknown>>, _options: IacOptions): Promise<PlannedInput> {
  throw new InputError(dir, "manifest.json", "cdk.out directories are not read yet");
}
