/** Each paragraph of a PDF's structure tree as a screen reader reads it (labels left out, spaces normalised). */
import { readFile } from "node:fs/promises";
import { PDFDocument } from "pdf-lib";
import { normaliseText } from "../../build/checks/page-text.ts";
import { structureTree, walk } from "../../build/pdf/structure-text.ts";

export async function paragraphs(file: string): Promise<string[]> {
  const tree = structureTree(await PDFDocument.load(await readFile(file)))!;
  return [...walk(tree)].filter((n) => n.type === "P").map((n) => normaliseText(n.textWithoutLabels));
}
