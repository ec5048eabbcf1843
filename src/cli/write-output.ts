import { randomBytes } from "node:crypto";
import { constants, fstatSync, writeSync, type Stats } from "node:fs";
import { access, lstat, open, readdir, readlink, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../errors.js";

/** A file the command line names, with the option that named it (for messages). */
export interface NamedFile {
  readonly flag: string;
  readonly path: string;
}

/** `-` is stdout. */
export const STDOUT = "-";

/** /dev/stdout, /dev/fd/N, /proc/self/fd/N: the process's own descriptor, written in place (never reopened). */
function descriptorOf(file: string): number | undefined {
  if (file === STDOUT) return 1;
  const normal = path.posix.normalize(file);
  const named = { "/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2 }[normal];
  if (named !== undefined) return named;
  const match = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/.exec(normal);
  return match ? Number(match[1]) : undefined;
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** The path an output really lands on: symlinks followed to their final target, even a target that doesn't exist yet. */
export async function finalTarget(file: string, hops = 0): Promise<string> {
  const absolute = path.resolve(file);
  try {
    return await realpath(absolute);
  } catch (error) {
    if (errno(error) !== "ENOENT") throw error;
  }
  const link = await lstat(absolute).catch(() => undefined);
  if (link?.isSymbolicLink()) {
    if (hops >= 40) throw Object.assign(new Error("too many symbolic links"), { code: "ELOOP" });
    return finalTarget(path.resolve(path.dirname(absolute), await readlink(absolute)), hops + 1);
  }
  const directory = await realpath(path.dirname(absolute)).catch(() => path.dirname(absolute));
  return path.join(directory, path.basename(absolute));
}

interface Identity {
  /** device:inode of an existing file, else the resolved path of a file still to be created. */
  readonly key: string;
  /** Character devices (/dev/null, a terminal) hold no data to destroy: they never conflict. */
  readonly stream: boolean;
}

async function identify(file: string): Promise<Identity | undefined> {
  const fd = descriptorOf(file);
  let info: Stats | undefined;
  let resolved = "";
  try {
    if (fd !== undefined) {
      info = fstatSync(fd);
    } else {
      resolved = await finalTarget(file);
      info = await stat(resolved).catch((error: unknown) => {
        if (errno(error) === "ENOENT") return undefined;
        throw error;
      });
    }
  } catch {
    return undefined; // unreadable or closed: the read or the write reports it
  }
  if (info === undefined) return { key: `path:${resolved}`, stream: false };
  return { key: `inode:${info.dev}:${info.ino}`, stream: info.isCharacterDevice() };
}

/** The files of an --aws-cli-dir: the directory's own files and those of its region subfolders. */
export async function filesOfDirectory(directory: string): Promise<string[]> {
  const files: string[] = [];
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      const inner = await readdir(full, { withFileTypes: true }).catch(() => []);
      for (const file of inner) if (!file.isDirectory()) files.push(path.join(full, file.name));
    } else {
      files.push(full);
    }
  }
  return files;
}

/**
 * Refuses, before anything is read or collected, an output that is the same file as an input or as another output
 * (same device and inode after following symlinks; for files not yet there, the same resolved path).
 */
export async function refuseClobbering(outputs: readonly NamedFile[], inputs: readonly NamedFile[]): Promise<void> {
  const seen: { file: NamedFile; identity: Identity; output: boolean }[] = [];
  for (const input of inputs) {
    const identity = await identify(input.path);
    if (identity && !identity.stream) seen.push({ file: input, identity, output: false });
  }
  for (const output of outputs) {
    const identity = await identify(output.path);
    if (!identity || identity.stream) continue;
    const clash = seen.find((s) => s.identity.key === identity.key);
    if (clash) {
      const what = clash.output ? `the other output (${clash.file.flag})` : `an input (${clash.file.flag} ${clash.file.path})`;
      throw new InputError(output.path, output.flag, `expected a file other than ${what}: writing would destroy it`);
    }
    seen.push({ file: output, identity, output: true });
  }
}

function reason(error: unknown): string {
  const code = errno(error);
  if (code === "EISDIR") return "expected a file path, found a directory";
  if (code === "ENOENT" || code === "ENOTDIR") return "expected a file in an existing directory";
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") return "expected a writable location (permission denied)";
  if (code === "ELOOP") return "expected a file, found a symbolic link loop";
  return `expected a writable file (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

function kindOf(info: Stats): string {
  if (info.isBlockDevice()) return "a block device";
  if (info.isSocket()) return "a socket";
  return "a special file";
}

export interface OutputWriters {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * Writes an output file without destroying anything:
 * - `-`, /dev/stdout, /dev/stderr, /dev/fd/N: the process's own descriptor;
 * - a symlink: its target (the link stays);
 * - a regular file or a new one: the whole text or nothing (a temp file beside the target, then a rename), keeping the
 *   replaced file's permissions (and owner, as root); a read-only file is refused, not replaced;
 * - a character device or a FIFO: written in place, never renamed over;
 * - anything else (a directory, a block device, a socket): refused.
 */
export async function writeOutput(target: string, text: string, flag: string, writers: OutputWriters): Promise<void> {
  const fd = descriptorOf(target);
  if (fd === 0) throw new InputError(target, flag, "expected somewhere to write, found standard input");
  if (fd !== undefined) {
    if (fd === 1) writers.stdout(text);
    else if (fd === 2) writers.stderr(text);
    else writeToDescriptor(fd, text, target, flag);
    return;
  }
  let resolved: string;
  let info: Stats | undefined;
  try {
    resolved = await finalTarget(target);
    info = await stat(resolved).catch((error: unknown) => {
      if (errno(error) === "ENOENT") return undefined;
      throw error;
    });
  } catch (error) {
    throw new InputError(target, flag, reason(error));
  }
  if (info === undefined || info.isFile()) return replaceAtomically(target, resolved, text, flag, info);
  if (info.isDirectory()) throw new InputError(target, flag, "expected a file path, found a directory");
  if (!info.isCharacterDevice() && !info.isFIFO()) throw new InputError(target, flag, `expected a file, a character device or a FIFO, found ${kindOf(info)}`);
  try {
    await writeFile(resolved, text, { encoding: "utf8", flag: "w" });
  } catch (error) {
    throw new InputError(target, flag, reason(error));
  }
}

function writeToDescriptor(fd: number, text: string, target: string, flag: string): void {
  try {
    const bytes = Buffer.from(text, "utf8");
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written);
  } catch (error) {
    throw new InputError(target, flag, reason(error));
  }
}

async function isReadOnly(file: string, info: Stats): Promise<boolean> {
  // Root may write anything: the permission bits say what the owner meant.
  if ((info.mode & 0o222) === 0) return true;
  return access(file, constants.W_OK).then(
    () => false,
    () => true,
  );
}

async function replaceAtomically(target: string, resolved: string, text: string, flag: string, existing: Stats | undefined): Promise<void> {
  if (existing && (await isReadOnly(resolved, existing))) {
    throw new InputError(target, flag, `expected a writable file, found a read-only one (mode ${(existing.mode & 0o777).toString(8).padStart(4, "0")}): make it writable or write elsewhere`);
  }
  const directory = path.dirname(resolved);
  const temp = path.join(directory, `.${path.basename(resolved)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx", existing ? existing.mode & 0o777 : 0o666);
    try {
      await handle.writeFile(text, "utf8");
      if (existing) {
        await handle.chmod(existing.mode & 0o777);
        if (process.getuid?.() === 0) await handle.chown(existing.uid, existing.gid).catch(() => undefined);
      }
    } finally {
      await handle.close();
    }
    await rename(temp, resolved);
  } catch (error) {
    await rm(temp, { force: true });
    throw new InputError(target, flag, reason(error));
  }
}
