/** Hashes the kit names things by: content, folders of files, short revisions. One home, so every cache agrees. */
import { createHash, type Hash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** A short hash for names and revisions (12 hex digits unless told). */
export function shortHash(data: string | Uint8Array, length = 12): string {
  return sha256(data).slice(0, length);
}

/**
 * Every file under each folder, by its path relative to `base` and its bytes, fed to one hash:
 * a change to any file, or a file added, removed or renamed, changes it.
 */
export async function hashFolders(dirs: string[], base: string, hash: Hash = createHash("sha256")): Promise<Hash> {
  for (const dir of dirs) {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
    const files = entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(base, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
      .sort();
    for (const f of files)
      hash
        .update(f)
        .update("\0")
        .update(await readFile(path.join(base, f)))
        .update("\0");
  }
  return hash;
}
