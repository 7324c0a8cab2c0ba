/**
 * Examples of each partial, in every script family the campaign prints (Latin, Arabic,
 * Ethiopic, Chinese: one language per font stack of the registry) and with the hard cases: text in another language than the page's, a hostile
 * translation, a story with a content warning that falls back to English.
 */
import type { LoadedSite } from "../../build/load.ts";
import type { BlockView, ContactView, StoryView } from "../../build/site/views.ts";
import type { PartialFixture } from "./render-partial.ts";
import { firstPerStack } from "../helpers/sample-campaign.ts";

export function partialFixtures(site: LoadedSite): PartialFixture[] {
  // One language per font stack of the registry (Latin, Arabic in Noto Sans and in Naskh,
  // Ethiopic, Chinese), and French for its spaced punctuation.
  const SCRIPT_FAMILIES = [...new Set([...firstPerStack(site.campaign.languages), "fr"])];
  const brochure = (lang: string) => site.model.pages.document.find((p) => p.lang.code === lang && p.document.id === "brochure")!.document;
  const blocks = (lang: string) => brochure(lang).sections.flatMap((s) => s.blocks);
  // A card with every line a contact can have: a phone number (an emergency number) and a city (a centre).
  const contacts = (lang: string) => [...blocks(lang).flatMap((b) => (b.type === "contacts" ? b.contacts : [])), ...brochure(lang).backContacts];
  const contact = (lang: string): ContactView => ({ ...contacts(lang).find((c) => c.phone)!, city: contacts(lang).find((c) => c.city)!.city! });
  const story = (lang: string) => blocks(lang).flatMap((b) => (b.type === "story" ? [b.story] : []))[0]!;
  const en = site.translators.get("en")!;
  const ar = site.translators.get("ar")!;

  // A story whose title and warning fall back to English on an Arabic page.
  const arStory: StoryView = story("ar");
  const fallbackStory: StoryView = {
    ...arStory,
    title: { ...en.t(`stories:${arStory.id}.title`), fallback: true },
    warning: (() => {
      const topics = ar.list([ar.t("ui:sensitivity.death"), ar.t("ui:sensitivity.violence")]);
      const english = en.t("ui:story.warning", { topics });
      return {
        ...english,
        fallback: true,
        parts: [
          { text: english.text.replace(topics.text, ""), lang: "en", dir: "ltr" as const },
          { text: topics.text, lang: "ar", dir: "rtl" as const },
        ],
      };
    })(),
  };
  const hostile: BlockView = {
    type: "paragraph",
    id: "hostile",
    text: { text: '<script>alert(1)</script><img src=x onerror="alert(2)"> & {{x}}', lang: "fr", dir: "ltr", fallback: false, id: "" },
  };

  return [
    ...SCRIPT_FAMILIES.map((lang) => ({
      name: `contact card, ${lang}`,
      lang,
      call: '<ul class="contacts">{{ blocks.contact(c) }}</ul>',
      params: { c: contact(lang) },
    })),
    ...SCRIPT_FAMILIES.map((lang) => ({ name: `story, ${lang}`, lang, call: "{{ blocks.storyCard(s, 2) }}", params: { s: story(lang) } })),
    { name: "story falling back to English, ar", lang: "ar", call: "{{ blocks.storyCard(s, 2) }}", params: { s: fallbackStory } },
    ...SCRIPT_FAMILIES.map((lang) => ({
      name: `every block of the brochure, ${lang}`,
      lang,
      call: "{% for b in bs %}{{ blocks.block(b) }}{% endfor %}",
      params: { bs: blocks(lang) },
    })),
    { name: "hostile translation, fr", lang: "fr", call: "{{ blocks.block(b) }}", params: { b: hostile } },
    ...["en", "ar", "ti"].map((lang) => ({
      name: `revision stamp and QR code, ${lang}`,
      lang,
      kind: "print" as const,
      call: "{{ printing.qr(view.webUrl) }}{{ printing.stamp() }}",
      params: {},
    })),
  ];
}
