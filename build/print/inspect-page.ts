/**
 * Checks a print page once Chromium has laid it out, before it is printed: text that does
 * not fit its sheet (named by its block, so an editor or translator knows what to shorten),
 * images placed at less than 300 dpi in the print variant, a crop across a face (faces.ts) and
 * a partner's logo larger than the issuer's mark.
 */
import type { Page } from "puppeteer-core";
import type { Problem } from "../errors.ts";
import { PRINT_DPI } from "../images.ts";
import { croppedFaceProblem, croppedFaces } from "./faces.ts";
import { TRANSLATION_ROOM } from "./formats.ts";

export interface PageContext {
  lang: string;
  document: string;
  /** The file a reader of the message should look at when a block names no text. */
  file: string;
  /** The file where a text is written, by the language it is shown in and its id ("ns:key"). */
  fileOf?: (lang: string, id: string) => string;
  minDpi?: number;
  /**
   * How long some texts are in this language and in the source, added up (characters): a page
   * that overflows with texts no longer than translators are allowed (TRANSLATION_ROOM, formats.ts) does not fit because
   * of the script's line height, which the registry sets, not because of the translation.
   */
  lengthsOf?: (texts: string[]) => { translated: number; source: number };
  /** The language's registry entry, to say what to change in it. */
  registry?: { leading: number; size: number };
  /** A partner edition's file: a page its additions (data-edition) overfill names them, not a translation. */
  edition?: { id: string; file: string };
}

/** What a partner edition adds to a sheet (its co-branding, colophon, local contacts) and its height. */
type Addition = { what: string; mm: number };

type Finding =
  | {
      kind: "overflow";
      direction: "down" | "across";
      block: string;
      sheet: number;
      byMm: number;
      texts: string[];
      sheetTexts: string[];
      added: Addition[];
    }
  | { kind: "dpi"; image: string; file: string | undefined; dpi: number; placedMm: number }
  | { kind: "brand"; partner: string; file: string | undefined; logoMm: [number, number]; markMm: number };

export async function inspectPrintPage(page: Page, ctx: PageContext): Promise<Problem[]> {
  const findings: Finding[] = await page.evaluate((minDpi: number) => {
    const PX_PER_MM = 96 / 25.4;
    const out: Finding[] = [];
    const nameOf = (el: Element) => {
      const names: string[] = [];
      for (let e: Element | null = el; e; e = e.parentElement?.closest("[data-block]") ?? null) names.unshift(e.getAttribute("data-block")!);
      return names.join("/");
    };
    // Every text in a block, as "lang|ns:key" (print pages mark them: data-text).
    const textsOf = (el: Element) => [
      ...new Set([el, ...el.querySelectorAll("[data-text]")].flatMap((e) => (e.getAttribute("data-text") ?? "").split(" ").filter(Boolean))),
    ];
    const sheets = [...document.querySelectorAll(".sheet")];
    const sheetOf = (el: Element) => sheets.indexOf(el.closest(".sheet")!) + 1;
    const reported = new Set<Element>();
    // An edition's additions on a sheet, each with the height it takes: side by side (contact
    // cards in a row), only the tallest of a row counts.
    const addedTo = (sheet: Element): Addition[] => {
      const rows = new Map<number, { what: string; px: number }[]>();
      for (const el of sheet.querySelectorAll("[data-edition]")) {
        const r = el.getBoundingClientRect();
        const css = getComputedStyle(el);
        const px = r.height + parseFloat(css.marginBlockStart) + parseFloat(css.marginBlockEnd);
        const row = Math.round(r.top);
        rows.set(row, [...(rows.get(row) ?? []), { what: el.getAttribute("data-edition")!, px }]);
      }
      return [...rows.values()].flatMap((row) => {
        const px = Math.max(...row.map((x) => x.px));
        return row.map((x) => ({ what: x.what, mm: Math.round(px / row.length / PX_PER_MM) }));
      });
    };
    // A sheet's body, and a foot of fixed height in its margin (a poster's co-branding): what they hold must fit them.
    sheets.forEach((sheet, i) =>
      sheet.querySelectorAll(".sheet-body, .sheet-foot").forEach((body) => {
        const limit = body.getBoundingClientRect();
        const blocks = [...body.querySelectorAll("[data-block]")];
        const outside = blocks.filter((el) => el.getBoundingClientRect().bottom > limit.bottom + 1);
        if (!outside.length) return;
        // The deepest block that crosses the edge; else the first one wholly beyond it.
        const crossing = outside.filter((el) => el.getBoundingClientRect().top < limit.bottom);
        const culprit = crossing.at(-1) ?? outside[0]!;
        const by = Math.max(...outside.map((el) => el.getBoundingClientRect().bottom)) - limit.bottom;
        reported.add(culprit);
        out.push({
          kind: "overflow",
          direction: "down",
          block: nameOf(culprit),
          sheet: i + 1,
          byMm: Math.round(by / PX_PER_MM),
          texts: textsOf(culprit),
          sheetTexts: textsOf(sheet),
          added: addedTo(sheet),
        });
      }),
    );
    // Across: a block whose content is wider than its box (a run that cannot break), or that
    // sticks out of its sheet's safe area sideways. In every format, flowing ones too.
    const across = [...document.querySelectorAll("[data-block]")].filter((el) => {
      const html = el as HTMLElement;
      if (html.scrollWidth > html.clientWidth + 1 && html.clientWidth > 0) return true;
      const body = el.closest(".sheet-body, .sheet-foot");
      if (!body) return false;
      const r = el.getBoundingClientRect();
      const limit = body.getBoundingClientRect();
      return r.right > limit.right + 1 || r.left < limit.left - 1;
    });
    // The innermost such blocks name the problem; their containers overflow because of them.
    for (const el of across.filter((el) => !across.some((other) => other !== el && el.contains(other)))) {
      if (reported.has(el)) continue;
      const html = el as HTMLElement;
      const by = Math.max(html.scrollWidth - html.clientWidth, 0);
      out.push({
        kind: "overflow",
        direction: "across",
        block: nameOf(el),
        sheet: sheetOf(el),
        byMm: Math.round(by / PX_PER_MM),
        texts: textsOf(el),
        sheetTexts: [],
        added: [],
      });
    }
    if (minDpi > 0) {
      for (const img of document.querySelectorAll<HTMLImageElement>("img[data-image]")) {
        const box = img.getBoundingClientRect();
        if (!box.width || !img.naturalWidth || /\.svg$/i.test(new URL(img.src).pathname)) continue; // vector: any size
        // CSS pixels are 1/96 inch; object-fit: cover enlarges the image until it fills its box.
        const scale =
          getComputedStyle(img).objectFit === "cover" ? Math.max(box.width / img.naturalWidth, box.height / img.naturalHeight) : box.width / img.naturalWidth;
        const placed = img.naturalWidth * scale;
        const dpi = 96 / scale;
        if (dpi < minDpi - 0.5)
          out.push({ kind: "dpi", image: img.dataset.image!, file: img.dataset.imageFile, dpi: Math.floor(dpi), placedMm: Math.round(placed / PX_PER_MM) });
      }
    }
    // Co-branding: a partner's logo is never larger than the issuer's mark beside it.
    for (const brand of document.querySelectorAll(".brand")) {
      const mark = brand.querySelector(".issuer-mark")?.getBoundingClientRect();
      if (!mark) continue;
      for (const logo of brand.querySelectorAll<HTMLImageElement>(".partner-logo")) {
        const r = logo.getBoundingClientRect();
        if (r.height > mark.height + 0.5 || r.width * r.height > Math.max(mark.width, mark.height * 3) * mark.height + 0.5) {
          out.push({
            kind: "brand",
            partner: logo.dataset.image!,
            file: logo.dataset.imageFile,
            logoMm: [Math.round(r.width / PX_PER_MM), Math.round(r.height / PX_PER_MM)],
            markMm: Math.round(mark.height / PX_PER_MM),
          });
        }
      }
    }
    return out;
  }, ctx.minDpi ?? 0);

  const faces = (await page.evaluate(croppedFaces)).map((cut) => croppedFaceProblem(`${ctx.document} in ${ctx.lang}`, cut));
  return [
    ...faces,
    ...findings.map((f) => {
      if (f.kind === "brand") {
        return {
          file: f.file ?? ctx.file,
          field: f.partner,
          message: `${ctx.document} in ${ctx.lang}: the logo of ${f.partner} is placed ${f.logoMm[0]} × ${f.logoMm[1]} mm, larger than the issuer's mark (${f.markMm} mm high)`,
          hint: "a partner's logo is never larger than the issuer's: check the brand styles in templates/assets/print-base.css",
        };
      }
      if (f.kind === "dpi") {
        return {
          file: f.file ?? `content/images.yaml`,
          field: f.image,
          message: `${ctx.document} in ${ctx.lang}: image "${f.image}" is placed ${f.placedMm} mm wide at ${f.dpi} dpi; print needs ${PRINT_DPI} dpi`,
          hint: `use a source of at least ${Math.ceil((f.placedMm / 25.4) * PRINT_DPI)} pixels wide, or an SVG`,
        };
      }
      const texts = f.texts.map((t) => {
        const [lang, id] = t.split("|") as [string, string];
        return { file: ctx.fileOf?.(lang, id) ?? ctx.file, key: id.split(/:(.*)/s)[1] ?? id };
      });
      const where = f.sheet ? ` on page ${f.sheet}` : "";
      const fit =
        f.direction === "down"
          ? `does not fit${where} (about ${Math.max(1, f.byMm)} mm too long)`
          : `runs past the edge of its column${where} (about ${Math.max(1, f.byMm)} mm too wide): a word or run that cannot break`;
      const message = `${ctx.document} in ${ctx.lang}: block "${f.block}" ${fit}${texts.length ? `; its text${texts.length > 1 ? "s" : ""}: ${texts.map((t) => `${t.file} (${t.key})`).join(", ")}` : ""}`;
      // A page that would fit without what the edition adds to it: the edition's file says what to change.
      const addedMm = f.added.reduce((sum, a) => sum + a.mm, 0);
      if (f.direction === "down" && ctx.edition && f.added.length && addedMm >= f.byMm) {
        return {
          file: ctx.edition.file,
          field: ctx.edition.id,
          message: `${message}. The edition ${ctx.edition.id} adds to this page ${f.added.map((a) => `its ${a.what} (${a.mm} mm)`).join(", ")}: without them the page fits`,
          hint: "shorten the edition's colophon, show a local contact in fewer documents (showIn), or leave this document out of the edition; the translation need not change",
        };
      }
      // Texts no longer than allowed, and still too tall: the script's height, set in the registry.
      const lengths = f.direction === "down" && ctx.lengthsOf ? ctx.lengthsOf(f.sheetTexts) : undefined;
      if (lengths && lengths.source > 0 && lengths.translated <= lengths.source * TRANSLATION_ROOM && ctx.registry) {
        const share = Math.round((100 * lengths.translated) / lengths.source);
        return {
          file: "content/languages.yaml",
          field: `${ctx.lang}.leading`,
          message: `${message}. The texts of this page are ${share}% of the English's length, within the ${Math.round(TRANSLATION_ROOM * 100)}% translations may take: the script's lines are too tall for the page`,
          hint: `lower leading (now ${ctx.registry.leading}) or size (now ${ctx.registry.size}) for ${ctx.lang} in content/languages.yaml; the translation need not change`,
        };
      }
      return {
        file: texts[0]?.file ?? ctx.file,
        field: f.block,
        message,
        hint:
          f.direction === "down"
            ? "shorten this text in this language, or move a block to another page of the document"
            : "add spaces or break points to the text (a long URL, a pasted string), or shorten it",
      };
    }),
  ];
}
