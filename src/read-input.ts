import { open, type FileHandle } from "node:fs/promises";
import { InputError } from "./errors.js";

/** Every input file (snapshot, configuration, baseline, AWS CLI output) is read whole, so each is capped. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

const CHUNK = 1024 * 1024;

function mebibytes(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024))} MiB`;
}

/**
 * A text file's content, refusing before it eats memory: a file larger than `cap` bytes (by its size, or for a device
 * or pipe as soon as more arrives) and a file holding a NUL byte (binary data, /dev/zero: no JSON or YAML text
 * holds one) are InputErrors at `place`. Other failures (ENOENT, EISDIR, EACCES...) are thrown as Node reports them.
 */
export async function readInputText(file: string, place: string, cap = MAX_INPUT_BYTES): Promise<string> {
  const handle = await open(file, "r");
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error(`EISDIR: ${file}`), { code: "EISDIR" });
    if (info.isFile() && info.size > cap) {
      throw new InputError(file, place, `expected a file of at most ${mebibytes(cap)} (inputs are read whole), found ${mebibytes(info.size)}`);
    }
    const bytes = info.isFile() ? await readKnownSize(handle, info.size) : await readStream(handle, file, place, cap);
    const nul = bytes.indexOf(0);
    if (nul !== -1) throw new InputError(file, place, `expected a text file, found a NUL byte at byte ${nul + 1} (binary data or a device such as /dev/zero)`);
    return bytes.toString("utf8");
  } finally {
    await handle.close();
  }
}

async function readKnownSize(handle: FileHandle, size: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await handle.read(buffer, filled, size - filled, null);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** A device or a pipe: chunk by chunk, stopping at the cap or at the first NUL byte. */
async function readStream(handle: FileHandle, file: string, place: string, cap: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (true) {
    const chunk = Buffer.allocUnsafe(CHUNK);
    const { bytesRead } = await handle.read(chunk, 0, CHUNK, null);
    if (bytesRead === 0) break;
    const read = chunk.subarray(0, bytesRead);
    if (read.indexOf(0) !== -1) return Buffer.concat([...chunks, read]);
    total += bytesRead;
    if (total > cap) throw new InputError(file, place, `expected a file of at most ${mebibytes(cap)} (inputs are read whole), found more`);
    chunks.push(read);
  }
  return Buffer.concat(chunks, total);
}
