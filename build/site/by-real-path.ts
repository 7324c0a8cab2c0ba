/**
 * A value made once per process for each file, known by its real path: every campaign copy (a
 * test's, the bench's) reaches the same read-only package files through its own node_modules link.
 */
import { realpathSync } from "node:fs";

export function byRealPath<T>(make: (real: string) => T): (file: string) => T {
  const made = new Map<string, T>();
  return (file) => {
    const real = realpathSync(file);
    if (!made.has(real)) made.set(real, make(real));
    return made.get(real)!;
  };
}
