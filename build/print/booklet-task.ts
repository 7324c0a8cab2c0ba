/** One booklet imposed, on a worker thread (build/print/booklet.ts): the languages' brochures are imposed side by side. */
import { type BookletOptions, imposeBooklet } from "./booklet.ts";

export async function imposeTask({ a5, opts }: { a5: Uint8Array; opts: BookletOptions }): Promise<{ output: Uint8Array; transfer: ArrayBuffer[] }> {
  const booklet = await imposeBooklet(a5, opts);
  return { output: booklet, transfer: [booklet.buffer as ArrayBuffer] };
}
