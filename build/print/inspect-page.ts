/**
 * Checks a print page once Chromium has laid it out, before it is printed: text that does
 * not fit its sheet (named by its block, so an editor or translator knows what to shorten),
 * and images placed at less than 300 dpi in the print variant.
 */
import type { Page } from "puppeteer-core";
import type { Problem } from "../errors.ts";
import { PRINT_DPI } from "../images.ts";

export interface PageContext {
  lang: string;
  document: string;
  /** The file a reader of the message should look at (the translation, or the source). */
  file: string;
  minDpi?: number;
}

type Finding = { kind: "overflow"; block: string; sheet: number; byMm: number } | { kind: "dpi"; image: string; dpi: number; placedMm: number };

export async function inspectPrintPage(page: Page, ctx: PageContext): Promise<Problem[]> {
  const findings: Finding[] = await page.evaluate((minDpi: number) => {
    const PX_PER_MM = 96 / 25.4;
    const out: Finding[] = [];
    const nameOf = (el: Element) => {
      const names: string[] = [];
      for (let e: Element | null = el; e; e = e.parentElement?.closest("[data-block]") ?? null) names.unshift(e.getAttribute("data-block")!);
      return names.join("/");
    };
    document.querySelectorAll(".sheet").forEach((sheet, i) => {
      const body = sheet.querySelector(".sheet-body");
      if (!body) return;
      const limit = body.getBoundingClientRect();
      const blocks = [...body.querySelectorAll("[data-block]")];
      const outside = blocks.filter((el) => {
        const r = el.getBoundingClientRect();
        return r.bottom > limit.bottom + 1 || r.right > limit.right + 1 || r.left < limit.left - 1;
      });
      if (!outside.length) return;
      // The deepest block that crosses the edge; else the first one wholly beyond it.
      const crossing = outside.filter((el) => el.getBoundingClientRect().top < limit.bottom);
      const culprit = crossing.at(-1) ?? outside[0]!;
      const by = Math.max(...outside.map((el) => el.getBoundingClientRect().bottom)) - limit.bottom;
      out.push({ kind: "overflow", block: nameOf(culprit), sheet: i + 1, byMm: Math.round(by / PX_PER_MM) });
    });
    if (minDpi > 0) {
      for (const img of document.querySelectorAll<HTMLImageElement>("img[data-image]")) {
        const box = img.getBoundingClientRect();
        if (!box.width || !img.naturalWidth) continue;
        // CSS pixels are 1/96 inch; object-fit: cover enlarges the image until it fills its box.
        const scale = getComputedStyle(img).objectFit === "cover" ? Math.max(box.width / img.naturalWidth, box.height / img.naturalHeight) : box.width / img.naturalWidth;
        const placed = img.naturalWidth * scale;
        const dpi = 96 / scale;
        if (dpi < minDpi - 0.5) out.push({ kind: "dpi", image: img.dataset.image!, dpi: Math.floor(dpi), placedMm: Math.round(placed / PX_PER_MM) });
      }
    }
    return out;
  }, ctx.minDpi ?? 0);

  return findings.map((f) =>
    f.kind === "overflow"
      ? {
          file: ctx.file,
          field: f.block,
          message: `${ctx.document} in ${ctx.lang}: block "${f.block}" does not fit on page ${f.sheet} (about ${Math.max(1, f.byMm)} mm too long)`,
          hint: "shorten this text in this language, or move a block to another page of the document",
        }
      : {
          file: `content/images.yaml`,
          field: f.image,
          message: `${ctx.document} in ${ctx.lang}: image "${f.image}" is placed ${f.placedMm} mm wide at ${f.dpi} dpi; print needs ${PRINT_DPI} dpi`,
          hint: `use a source of at least ${Math.ceil((f.placedMm / 25.4) * PRINT_DPI)} pixels wide, or an SVG`,
        },
  );
}
