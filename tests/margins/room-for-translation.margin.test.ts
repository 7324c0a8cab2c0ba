/**
 * Translations often run 20-30% longer than English. The sample layouts must leave room:
 * every fixed-length format is built in a pseudo-language whose every text is 30% longer
 * than the English, and must fit.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { loadCampaign } from "../../build/content/campaign.ts";
import { flatten, sourceStrings } from "../../build/i18n/source-strings.ts";
import { buildCampaign } from "../../build/pipeline.ts";
import { buildTimeout, sampleCampaign, sampleFile, trimmedCampaign } from "../helpers/sample-campaign.ts";
import { testChromium } from "../helpers/test-chromium.ts";

const PSEUDO = "en-XA";
let cleanup: () => Promise<void> = async () => undefined;
afterAll(() => cleanup());

/** The text, then words from it again until it is 30% longer; placeholders kept exactly once. */
function longer(text: string): string {
  const words = text
    .replace(/\{\{[^}]*\}\}/g, "")
    .split(/\s+/)
    .filter(Boolean);
  let out = text;
  for (let i = 0; out.length < text.length * 1.3 && words.length; i++) out += " " + words[i % words.length]!.toLowerCase();
  return out;
}

it(
  "fits every fixed-length format with every text 30% longer than the English",
  async ({ signal }) => {
    const registry =
      (await sampleFile("content/languages.yaml")) +
      `- code: ${PSEUDO}\n  endonym: Pseudo-English (+30%)\n  name: Pseudo-English\n  dir: ltr\n  script: Latn\n  fonts: [noto-sans]\n  hyphenate: false\n`;
    const sample = await sampleCampaign({
      "content/languages.yaml": registry,
      // Every fixed-length format: the brochure flows from page to page, so it is left out; the
      // story cards (one per story, every story) are in.
      "content/campaign.yaml": await trimmedCampaign(["en", PSEUDO], ["leaflet", "poster", "fiche"]),
      // The documents in the pseudo-language only (the matrix prints them in English).
      "content/documents/fiche.yaml": (await sampleFile("content/documents/fiche.yaml")).replace("languages: [en, nl, fr, de]", `languages: [${PSEUDO}]`),
      "content/documents/leaflet.yaml": (await sampleFile("content/documents/leaflet.yaml")).replace(/^format: leaflet$/m, `$&\nlanguages: [${PSEUDO}]`),
      "content/documents/poster.yaml": (await sampleFile("content/documents/poster.yaml")).replace(/^format: poster$/m, `$&\nlanguages: [${PSEUDO}]`),
      "content/documents/guide.yaml": (await sampleFile("content/documents/guide.yaml")).replace("languages: [en, nl, fr, de]", `languages: [en, ${PSEUDO}]`),
    });
    cleanup = sample.cleanup;
    const sources = sourceStrings(await loadCampaign(sample.root));
    await mkdir(path.join(sample.root, "locales", PSEUDO));
    for (const [ns, tree] of Object.entries(sources)) {
      const expanded: Record<string, unknown> = {};
      for (const [key, text] of flatten(tree)) {
        const parts = key.split(".");
        let node = expanded;
        for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
        node[parts.at(-1)!] = longer(text);
      }
      await writeFile(path.join(sample.root, "locales", PSEUDO, `${ns}.json`), JSON.stringify(expanded));
    }

    const result = await buildCampaign({ chromium: testChromium(), root: sample.root, signal });
    const pseudoPdfs = result.pdfs.filter((p) => p.includes(`/pdf/${PSEUDO.toLowerCase()}/`));
    expect(pseudoPdfs.map((p) => path.basename(p)).sort()).toEqual(
      ["leaflet", "poster", "fiche", ...Object.keys(sources.stories!).flatMap((s) => [`story-${s}`, `poster-${s}`])]
        .flatMap((n) => [`${n}.print.pdf`, `${n}.screen.pdf`])
        .sort(),
    );
    expect(result.rejected).toEqual([]);
  },
  buildTimeout({ pdfs: 36 }),
);
