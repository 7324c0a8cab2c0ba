/**
 * Painting that Chromium leaves outside any marked content (the page numbers of @page margin
 * boxes, an aria-hidden QR code's modules) is neither tagged nor an artifact, which PDF/UA
 * forbids. It is decoration a reader should skip, so it is marked as /Artifact.
 */
import { operation, Name, type Operation } from "./content-stream.ts";

const PATH_CONSTRUCTION = new Set(["m", "l", "c", "v", "y", "h", "re"]);
const PATH_PAINTING = new Set(["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"]);
const TEXT_SHOWING = new Set(["Tj", "TJ", "'", '"']);

/** The operations with every untagged painting wrapped in /Artifact BMC … EMC; undefined when there is none. */
export function markUntaggedAsArtifacts(ops: Operation[]): Operation[] | undefined {
  const ranges: [number, number][] = [];
  let depth = 0;
  let pathStart = -1;
  let textStart = -1;
  let textPaints = false;
  ops.forEach((op, k) => {
    const o = op.operator;
    if (o === "BDC" || o === "BMC") depth++;
    else if (o === "EMC") depth--;
    else if (o === "BT") [textStart, textPaints] = [k, false];
    else if (o === "ET") {
      if (textPaints && depth === 0) ranges.push([textStart, k]);
      textStart = -1;
    } else if (TEXT_SHOWING.has(o)) textPaints ||= depth === 0 && textStart >= 0;
    else if (PATH_CONSTRUCTION.has(o)) {
      if (pathStart < 0) pathStart = k;
    } else if (PATH_PAINTING.has(o)) {
      if (o !== "n" && depth === 0 && pathStart >= 0) ranges.push([pathStart, k]);
      pathStart = -1;
    } else if ((o === "Do" || o === "sh") && depth === 0) ranges.push([k, k]);
  });
  if (!ranges.length) return undefined;
  const starts = new Set(ranges.map(([a]) => a));
  const ends = new Set(ranges.map(([, b]) => b));
  const out: Operation[] = [];
  ops.forEach((op, k) => {
    if (starts.has(k)) out.push(operation("BMC", new Name("Artifact")));
    out.push(op);
    if (ends.has(k)) out.push(operation("EMC"));
  });
  return out;
}
