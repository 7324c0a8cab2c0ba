/**
 * The help strip, read back from a built sample in English and Arabic (the matrix build,
 * tests/e2e/matrix.e2e.test.ts): the emergency number and where to ask before paying anyone,
 * from the contacts' data and in the page's language, on every story card, story poster and
 * story slide of the deck, the leaflet and the poster, read from each PDF's structure text
 * (what a screen reader gets); and the leaflet's safer ways, a line and a pictogram per route.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normaliseText } from "../../build/checks/page-text.ts";
import type { LoadedSite } from "../../build/load.ts";
import { paragraphs } from "../helpers/pdf-paragraphs.ts";

/** Declares the tests; `out` gives the built sample's output folder, which has en and ar, the session, leaflet and poster, and stories. */
export function helpStripTests({ campaign, translators }: LoadedSite, out: () => string): void {
  describe("the help strip", () => {
    it("is on every story card, story poster and story slide, the leaflet and the poster, in the language, with the emergency number from the contacts and the campaign's pages to ask, marked unverified", async () => {
      const stories = campaign.stories.map((s) => s.id);
      const onSlides = campaign.documents
        .find((d) => d.id === "session")!
        .sections.flatMap((x) => x.blocks)
        .filter((b) => b.type === "story").length;
      expect(stories.length * onSlides).toBeGreaterThan(0);
      const pdf = (rel: string) => path.join(out(), "pdf", rel);
      const strips = {
        en: ["Emergency: 112", "Before you pay anyone, ask first: waymark.example/en", "Not yet checked against an official source."],
        ar: ["الطوارئ: 112", "قبل أن تدفع لأي شخص، اسأل أولًا: waymark.example/ar", "لم يتم التحقق منها بعد من مصدر رسمي."],
      };
      for (const [lang, strip] of Object.entries(strips)) {
        for (const story of stories)
          for (const piece of [`story-${story}`, `poster-${story}`])
            expect(await paragraphs(pdf(`${lang}/${piece}.screen.pdf`)), `${lang} ${piece}`).toEqual(expect.arrayContaining(strip));
        for (const doc of ["leaflet", "poster"]) {
          const read = await paragraphs(pdf(`${lang}/${doc}.screen.pdf`));
          expect(read, `${lang} ${doc}`).toEqual(expect.arrayContaining(strip));
          expect(read.filter((p) => p === strip[0]).length, `${lang} ${doc}: once`).toBe(1);
        }
        // The deck: once on each story's slide.
        const deck = await paragraphs(pdf(`${lang}/session.screen.pdf`));
        expect(deck.filter((p) => p === strip[0]).length, `${lang} session`).toBe(onSlides);
      }

      // The leaflet's safer ways: a panel, each route its own line beside a pictogram, then where to ask.
      const leaflet = campaign.documents.find((d) => d.id === "leaflet")!;
      const routes = leaflet.sections.flatMap((x) => x.blocks).find((b) => b.type === "routes")!;
      if (routes.type !== "routes") throw new Error("the leaflet has no routes block");
      for (const lang of ["en", "ar"]) {
        const tr = translators.get(lang)!;
        const key = (field: string) => `leaflet:sections.alternatives.blocks.routes.${field}`;
        const lines = routes.items.map((r) => normaliseText(tr.t(key(`lines.${r.id}`)).text));
        const read = await paragraphs(pdf(`${lang}/leaflet.screen.pdf`));
        expect(read, `${lang} leaflet routes`).toEqual(expect.arrayContaining([...lines, normaliseText(tr.t(key("ask")).text)]));
        for (const page of [path.join(out(), "site", lang, "leaflet", "index.html")]) {
          const html = await readFile(page, "utf8");
          const panel = /<div class="routes"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "";
          expect(panel.match(/<li class="route"/g)?.length, `${lang} web panel`).toBe(routes.items.length);
          expect(panel.match(/<svg class="pictogram"/g)?.length, `${lang} web pictograms`).toBe(routes.items.length);
        }
      }
    });
  });
}
