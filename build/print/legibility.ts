/**
 * Posters read at 3 metres. On the laid-out page, before the overflow check: the headline is set
 * at the cap height the design tokens ask (poster.headline-cap, in the cap letter of its script:
 * build/site/typography.ts). When the sheet cannot hold everything, the picture is cropped lower
 * (down to two thirds of its height), then the headline set smaller in steps down to
 * poster.headline-cap-min (copyfit, reported as a warning), then the picture down to a third.
 * Then the sheet is measured: the headline's cap height, the QR code's size, and the largest
 * band of the trim where nothing is drawn. A poster under the rules fails the build; every poster's figures go to
 * dist/reports/posters.json.
 */
import type { Page } from "puppeteer-core";
import { millimetres, type DesignTokens } from "../design/tokens.ts";
import type { Problem } from "../errors.ts";
import type { PrintPage } from "../site/print-pages.ts";
import { FORMATS } from "./formats.ts";

export interface PosterFacts {
  headlinePt: number;
  capMm: number;
  /** The cap height the headline was set smaller from, when copyfit made it smaller. */
  copyfitFromMm?: number;
  qrMm: number;
  /** The largest empty band: where it starts and ends from the top of the trim, in mm, and its share of the trim height. */
  emptyBand: { fromMm: number; toMm: number; share: number };
}

/** Fits the headline (data-fit) to its sheet and measures the sheet, in the page. */
export async function fitAndMeasurePoster(page: Page): Promise<PosterFacts> {
  return page.evaluate(() => {
    const PX_PER_MM = 96 / 25.4;
    const css = getComputedStyle(document.documentElement);
    const ratio = parseFloat(css.getPropertyValue("--cap-ratio")) || 0.7;
    const minCapMm = parseFloat(css.getPropertyValue("--poster-headline-cap-min"));
    const bleed = (parseFloat(css.getPropertyValue("--bleed")) || 0) * PX_PER_MM;
    const sheet = document.querySelector<HTMLElement>(".sheet")!;
    const headline = sheet.querySelector<HTMLElement>("[data-fit]")!;
    const bodies = [...sheet.querySelectorAll(".sheet-body")];
    const overflows = () =>
      bodies.some((body) =>
        [...body.querySelectorAll("[data-block]")].some((el) => el.getBoundingClientRect().bottom > body.getBoundingClientRect().bottom + 1),
      );
    // The picture gives way first, down to two thirds of its height: legibility comes first.
    const image = sheet.querySelector<HTMLElement>(".poster-image");
    const imageStart = image?.getBoundingClientRect().height ?? 0;
    const shrinkImage = (floor: number) => {
      for (let h = image?.getBoundingClientRect().height ?? 0; image && overflows() && h > imageStart * floor; ) {
        h = Math.max(imageStart * floor, h - PX_PER_MM);
        image.style.blockSize = `${h}px`;
      }
    };
    shrinkImage(2 / 3);
    const start = parseFloat(getComputedStyle(headline).fontSize);
    const minPx = (minCapMm * PX_PER_MM) / ratio;
    let px = start;
    // Half a point at a time: the headline stays as large as the sheet allows.
    while (overflows() && px > minPx) {
      px = Math.max(minPx, px - 2 / 3);
      headline.style.fontSize = `${px}px`;
    }
    // Then the picture again, down to a third: a strip of it still sets the scene.
    shrinkImage(1 / 3);
    // The trim (without the bleed), and every span of it something is drawn on: text, images,
    // the QR code, any box with a background of its own.
    const box = sheet.getBoundingClientRect();
    const top = box.top + bleed;
    const bottom = box.bottom - bleed;
    const spans: [number, number][] = [];
    const add = (r: DOMRect) => {
      const a = Math.max(r.top, top);
      const b = Math.min(r.bottom, bottom);
      if (r.width > 0.5 && b > a) spans.push([a, b]);
    };
    const walker = document.createTreeWalker(sheet, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent?.trim()) continue;
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) add(r);
    }
    for (const el of sheet.querySelectorAll("img, svg")) add(el.getBoundingClientRect());
    for (const el of sheet.querySelectorAll("*")) if (getComputedStyle(el).backgroundColor !== "rgba(0, 0, 0, 0)") add(el.getBoundingClientRect());
    spans.sort((x, y) => x[0] - y[0]);
    let cursor = top;
    let gap = { from: top, to: top };
    for (const [a, b] of [...spans, [bottom, bottom] as [number, number]]) {
      if (a - cursor > gap.to - gap.from) gap = { from: cursor, to: a };
      cursor = Math.max(cursor, b);
    }
    const qr = sheet.querySelector(".qr-code")?.getBoundingClientRect();
    const round = (n: number) => Math.round(n * 10) / 10;
    const capMm = round((px / PX_PER_MM) * ratio);
    return {
      headlinePt: round(px * 0.75),
      capMm,
      ...(px < start - 0.1 ? { copyfitFromMm: round((start / PX_PER_MM) * ratio) } : {}),
      qrMm: qr ? round(Math.min(qr.width, qr.height) / PX_PER_MM) : 0,
      emptyBand: {
        fromMm: round((gap.from - top) / PX_PER_MM),
        toMm: round((gap.to - top) / PX_PER_MM),
        share: Math.round(((gap.to - gap.from) / (bottom - top)) * 1000) / 1000,
      },
    };
  });
}

/** What stops a poster, and the copyfit it was set with (a warning: never silent). */
export function posterFindings(
  facts: PosterFacts,
  where: { lang: string; document: string; file: string },
  tokens: DesignTokens,
): { problems: Problem[]; warnings: Problem[] } {
  const rules = posterRules(tokens);
  const at = `${where.document} in ${where.lang}`;
  const problems: Problem[] = [];
  // A measure that cannot be made is the registry's to fix, not the translator's.
  if (!Number.isFinite(facts.capMm) || facts.capMm <= 0)
    problems.push({
      file: "content/languages.yaml",
      field: `${where.lang}.capLetter`,
      message: `${at}: the headline's cap height cannot be measured in the language's font`,
      hint: `add capLetter: <a tall base letter of the script> to ${where.lang} in content/languages.yaml`,
    });
  else if (facts.capMm < rules.capMinMm - 0.05)
    problems.push({
      file: where.file,
      field: "title",
      message: `${at}: the headline's cap height is ${facts.capMm} mm, under the ${rules.capMinMm} mm a poster read at 3 m needs even after copyfit`,
      hint: "shorten the headline in this language",
    });
  if (facts.qrMm < rules.qrMinMm - 0.05)
    problems.push({
      file: where.file,
      field: "qr",
      message: `${at}: the QR code is ${facts.qrMm} mm wide, under ${rules.qrMinMm} mm`,
      hint: "check the poster's QR size in templates/design/tokens.json (poster.qr) and its styles",
    });
  if (facts.emptyBand.share > rules.emptyBandMax) {
    problems.push({
      file: where.file,
      message: `${at}: nothing is drawn from ${facts.emptyBand.fromMm} to ${facts.emptyBand.toMm} mm below the top of the sheet, ${Math.round(facts.emptyBand.share * 100)}% of its height (at most ${rules.emptyBandMax * 100}%)`,
      hint: "the poster's layout should use the sheet to its edges: check templates/print/poster.njk and its styles",
    });
  }
  const warnings = facts.copyfitFromMm
    ? [
        {
          file: where.file,
          field: "title",
          message: `${at}: the headline is set at ${facts.capMm} mm cap height, down from ${facts.copyfitFromMm} mm, so that the sheet holds everything (copyfit)`,
          hint: "a shorter headline in this language would be read from further away",
        },
      ]
    : [];
  return { problems, warnings };
}

function posterRules(tokens: DesignTokens) {
  return {
    capMm: millimetres(tokens.poster["headline-cap"]),
    capMinMm: millimetres(tokens.poster["headline-cap-min"]),
    qrMinMm: millimetres(tokens.poster["qr-min"]),
    emptyBandMax: tokens.poster["empty-band-max"].$value,
  };
}

/**
 * Every poster's headline, QR code and largest empty band, for dist/reports/posters.json; a
 * headline set smaller to fit is a warning (never silent).
 * @param facts what each print page's layout measured (posters only)
 * @param where the page's name and the file its title is written in
 */
export function posterReport(
  tokens: DesignTokens,
  facts: Map<PrintPage, unknown>,
  where: (page: PrintPage) => { document: string; file: string },
): { report?: unknown; warnings: Problem[] } {
  const posters = [...facts].filter(([page]) => FORMATS[page.format].poster);
  if (!posters.length) return { warnings: [] };
  const warnings: Problem[] = [];
  const rows = posters.map(([page, f]) => {
    const { document, file } = where(page);
    const row = { pdf: page.out.screen, lang: page.lang.code, document, ...(f as PosterFacts) };
    warnings.push(...posterFindings(row, { ...row, file }, tokens).warnings);
    return row;
  });
  return {
    report: {
      rules: posterRules(tokens),
      measured: "on the laid-out page in Chromium, before printing; mm from the top of the trim",
      posters: rows.sort((a, b) => a.pdf.localeCompare(b.pdf)),
    },
    warnings,
  };
}
