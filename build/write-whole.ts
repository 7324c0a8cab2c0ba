/** Writes a file whole: to a temporary name beside it, then renamed, so a stopped build never leaves half a file. */
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";

export async function writeWhole(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}
