/**
 * Schemas of everything in content/. They are the contract with editors: a file that does
 * not match fails the build with its path, line, field and what was expected.
 */
import { z } from "zod";
import { canHyphenate } from "./hyphenation.ts";
import { hasListStyle } from "../i18n/list-style.ts";
import { INLINE_TAG, INLINE_TAGS, unsafeCharacter } from "../i18n/safety.ts";

const id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens, like "my-block"')
  .describe("Names the entry and its texts' translations: keep it when the text changes, and give a new entry a new one.");
const text = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .refine(
    (t) => t.replace(INLINE_TAG, "").search(/<\/?\s*[a-zA-Z]/) === -1,
    `may use only the inline markup ${INLINE_TAGS.map((t) => `<${t}>`).join(" and ")}, without attributes`,
  )
  .superRefine((t, ctx) => {
    const reason = unsafeCharacter(t);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  });
const isoDate = z.iso.date("must be a date written as YYYY-MM-DD").describe("A date written as YYYY-MM-DD.");

/** A BCP 47 tag as Intl understands it: en, ti, ckb, prs, pt-BR, sr-Latn ... */
const languageTag = z
  .string()
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  }, 'must be a BCP 47 language tag, like "ti", "ckb" or "pt-BR"')
  .describe('A language code (BCP 47), like "ti", "ckb" or "pt-BR".');

/** Lists whose members carry ids must not repeat one: the id names their translations. */
function uniqueIds<T extends { id: string }>(items: T[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) {
      ctx.addIssue({
        code: "custom",
        path: [i, "id"],
        message: `duplicate id "${item.id}": each id must be unique here, because it names the text's translations`,
      });
    }
    seen.add(item.id);
  });
}
const listOf = <T extends z.ZodType<{ id: string }>>(item: T) => z.array(item).superRefine(uniqueIds);

// ---------------------------------------------------------------- registry and campaign
const fontFile = z.string().regex(/^(?!.*\.\.)[\w@./-]+\.(woff2|woff|ttf|otf)$/, "must be a font file inside the package (.woff2, .woff, .ttf or .otf)");
const fontSchema = z
  .strictObject({
    family: text.describe("The font's family name."),
    package: z
      .string()
      .regex(/^(@[a-z0-9-]+\/)?[a-z0-9-]+$/, 'must be an npm package, like "@fontsource/noto-sans"')
      .describe("The npm package that holds the files (static fonts, self-hosted: no page asks another host for a font)."),
    files: z
      .strictObject({ 400: z.array(fontFile).min(1), 700: z.array(fontFile).min(1).optional() })
      .describe(
        "Per weight, the files inside the package; a character is drawn from the first file of the list that has it. Every weight lists its files in the same order. Static files only: Chromium prints variable fonts as Type 3.",
      ),
  })
  .describe(
    "A font the kit may use. Web pages get each file cut down to the characters that page shows; print pages load the whole files and Chromium embeds what it draws. A language picks its stack in languages.yaml.",
  )
  .refine((f) => !f.files[700] || f.files[700].length === f.files[400].length, {
    message: "every weight must list the same number of files, in the same order",
    path: ["files"],
  });
export const fontsSchema = z.record(id, fontSchema);

// Typography (build/site/typography.ts) is decided here and nowhere else.
export const languageSchema = z
  .strictObject({
    code: languageTag.describe("BCP 47 tag (ti, ckb, prs, pt-BR ...); also the URL folder, lower-cased."),
    endonym: text.describe("The language's name in its own script, shown in the language chooser."),
    name: text.describe("Its English name, for editors and reports."),
    dir: z.enum(["ltr", "rtl"]).describe("Writing direction: ltr (left to right) or rtl (right to left)."),
    script: z
      .string()
      .regex(/^[A-Z][a-z]{3}$/, 'must be an ISO 15924 script code, like "Latn", "Arab" or "Ethi"')
      .describe("ISO 15924 script code, used by the glyph-coverage check."),
    fonts: z
      .array(id)
      .min(1, "must name at least one font from fonts.yaml")
      .describe("Font stack, first choice first (ids from fonts.yaml); the last one should cover Latin, for names, numbers and URLs inside the text."),
    hyphenate: z
      .boolean()
      .describe("Whether CSS may hyphenate: only where browsers have a dictionary for the language (the list is in build/content/hyphenation.ts)."),
    numerals: z
      .enum(["latn", "arab", "arabext"])
      .default("latn")
      .describe(
        "Digits of numbers the kit writes (counts, years, sizes, dates): latn 0123, arab ٠١٢٣ (Arabic-Indic), arabext ۰۱۲۳ (Extended Arabic-Indic, Persian). Phone numbers, URLs and codes always keep Latin digits, left to right.",
      ),
    leading: z.number().min(1.2).max(2.4).default(1.6).describe("Line height of running text: more for tall scripts and stacked marks."),
    size: z
      .number()
      .min(0.8)
      .max(1.5)
      .default(1)
      .describe(
        "How much larger than Latin the script is set to read at the same optical size (Arabic and Ethiopic letters are small for their body). Multiplies every text size, on the web and in print; a poster's headline is sized by its cap height instead.",
      ),
    capLetter: z
      .string()
      .regex(/^\P{M}\p{M}*$/u, "must be one letter (with its marks)")
      .optional()
      .describe("The letter whose height stands for the script's cap height, where the kit does not know the script: a poster's headline is sized by it."),
    emphasis: z.enum(["italic", "weight"]).default("italic").describe("Italic, or weight where the script has no italics."),
    lineBreak: z.enum(["normal", "strict"]).default("normal").describe("strict: no line starts with closing punctuation (Chinese, Japanese)."),
    punctuation: z
      .record(z.string().regex(/^[^\p{L}\p{N}\s]{1,2}$/u, 'must be a punctuation mark of one or two characters, like "." or "::"'), z.string().min(1))
      .default({})
      .describe(
        'Marks this script writes otherwise: a translation that puts one right after a letter of the script gets a warning naming the right one (Ethiopic: "።" for "::").',
      ),
    and: z
      .string()
      .min(1)
      .optional()
      .describe(
        "The word that joins the last two items of a list (\"a, b and c\"), for a language this system's Unicode data (CLDR) has no list style for; the items are separated by the script's comma (punctuation).",
      ),
    serves: z
      .array(id)
      .min(1)
      .optional()
      .describe("The documents a language is made for, when not all of them (German: the professionals' fiche and guide); it then has no stories or glossary."),
  })
  .describe(
    "A language of the registry: everything language-specific is decided here. How far each translated text is reviewed is recorded per text in locales/<code>/_review.json (see `waymark status`).",
  );
export const languagesSchema = z
  .array(languageSchema)
  .min(1)
  .superRefine((langs, ctx) => {
    const seen = new Set<string>();
    langs.forEach((l, i) => {
      if (l.hyphenate && !canHyphenate(l.code))
        ctx.addIssue({
          code: "custom",
          path: [i, "hyphenate"],
          message: `browsers have no hyphenation dictionary for "${l.code}": set hyphenate: false (see build/content/hyphenation.ts)`,
        });
      if (!hasListStyle(l.code) && !l.and)
        ctx.addIssue({
          code: "custom",
          path: [i, "code"],
          message: `this system's Unicode data has no list style for "${l.code}", so its lists would read in English ("a, b, and c"): add \`and:\` with the word for "and" in this language (lists then read "a, b and c" with the script's comma)`,
        });
      if (seen.has(l.code)) ctx.addIssue({ code: "custom", path: [i, "code"], message: `language "${l.code}" is listed twice` });
      seen.add(l.code);
    });
  });

/** The reserved domain that stands in for the site's address until a real one is chosen: never released. */
export const PLACEHOLDER_HOST = "waymark.example";

export const campaignSchema = z
  .strictObject({
    id,
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, 'must be a version like "1.2.0"')
      .describe("The campaign's version, like 1.2.0."),
    updated: isoDate.describe("Date printed in PDF metadata and the revision stamp; fixed, so that rebuilds are identical."),
    sourceLanguage: languageTag.describe("The language content/ is written in (the translators' source)."),
    languages: z.array(languageTag).min(1).describe("The languages the campaign serves (codes from languages.yaml)."),
    baseUrl: z
      .url({ protocol: /^https$/, error: "must be an https:// URL ending with /" })
      .refine((u) => u.endsWith("/"), "must end with /")
      .describe(
        `Where the site will be published, ending with /. Every QR code on every printed piece carries it: the reserved ${PLACEHOLDER_HOST} stands in until the office chooses a real one, and a release build refuses it.`,
      ),
    documents: z.array(id).min(1).describe("Documents, by file name in content/documents/, in the order the site lists them."),
    text: z
      .strictObject({
        title: text.describe("The campaign's title, on every page."),
        tagline: text.describe("One line under the title."),
        origin: text.describe("Why this material exists, printed with the colophon."),
      })
      .describe("The campaign's own texts (source language; translations live in locales/)."),
    issuer: z
      .strictObject({
        mark: z
          .array(z.strictObject({ text: text.describe("One part of the mark."), lang: languageTag.describe("The language of that part.") }))
          .min(1)
          .describe("The mark as the issuer writes it, each part in its own language (Belgian federal services write their name in Dutch and French)."),
        source: text.describe("Where the issuer's role in the campaign is written down."),
      })
      .describe("Who publishes the campaign: its mark heads every partner edition's co-branding."),
    press: z
      .strictObject({
        profile: z
          .string()
          .regex(/^[\w./-]+\.ic[cm]$/i, "must be a path under content/ to an .icc file, like print/ISOcoated_v2_eci.icc")
          .describe("The print shop's CMYK output profile: a path under content/."),
        identifier: text.describe('OutputConditionIdentifier: the characterisation in the ICC registry ("FOGRA39", "FOGRA51").'),
        condition: text.describe('The printing condition in words ("Offset, coated paper, ISO 12647-2:2013, PC1").'),
      })
      .optional()
      .describe("The press `waymark build --pdfx` makes PDF/X files for. Without it, the kit's free FOGRA39-based profile (build/print/profiles/README.md)."),
  })
  .describe("The campaign: what it is, which languages it serves, where it will be published.");

// ---------------------------------------------------------------- sources and contacts
export const sourcesSchema = z.record(
  id,
  z
    .strictObject({
      title: text.describe("The bibliographic reference, as it is cited."),
      lang: languageTag.describe("The language the source is written in."),
      url: z.url().optional().describe("Where the source can be read."),
    })
    .describe("A source that stories, glossary entries and documents cite. Citations are shown untranslated, in their own language."),
);
const citation = z
  .strictObject({
    source: id.describe("The id of a source in sources.yaml."),
    locator: text.optional().describe("Where in the source: a section, a page, a note."),
  })
  .describe("A citation of a source in sources.yaml.");

/** Phone numbers as dialled: short national codes (112, 101), national (0…) or international (+…). */
const phone = z
  .string()
  .regex(/^(\d{3,6}|0\d[\d ]{6,13}|\+[1-9][\d ]{6,17})$/, 'must be a phone number of digits and spaces: "112", "02 123 45 67" or "+32 2 123 45 67"');

const contactFields = {
  id,
  type: z
    .enum(["emergency", "hotline", "victim-centre", "guardianship", "partner"])
    .describe("emergency, hotline, victim-centre (a specialised centre for victims), guardianship or partner."),
  name: text.describe("The contact's name, as readers will look for it."),
  description: text.describe("One sentence: what the contact does for the reader."),
  phone: phone
    .optional()
    .describe('As dialled, digits and spaces: a short national code ("112"), national ("02 123 45 67") or international ("+32 2 123 45 67").'),
  url: z
    .url({ protocol: /^https$/, error: "must be an https:// URL" })
    .optional()
    .describe("The contact's own web address (https://)."),
  city: text.optional().describe("The city it is in, when it has a place readers go to."),
  verified: z
    .strictObject({
      on: isoDate.describe("The day it was checked (YYYY-MM-DD)."),
      source: text.describe("The official source it was checked against (a page of the service itself, a government list)."),
    })
    .optional()
    .describe("Set once the phone, address and URL have been checked against an official source; a release refuses a contact without it."),
  unverified: z
    .strictObject({ lead: text.describe("Where the lead came from.") })
    .optional()
    .describe("For a contact not checked yet: where it came from. Shown as unverified; a release build refuses it."),
};
const verifiedOrNot = [
  (c: { verified?: unknown; unverified?: unknown }) => Boolean(c.verified) !== Boolean(c.unverified),
  { message: "must have either verified (on + source: the official source it was checked against) or unverified (lead: where it came from)" },
] as const;
const contactSchema = z
  .strictObject(contactFields)
  .refine(...verifiedOrNot)
  .describe(
    "A contact shown to readers: either verified (on + the official source it was checked against) or unverified (lead). Never add a phone number, address or URL that you have not seen in an official source.",
  );
export const contactsSchema = listOf(contactSchema);

// ---------------------------------------------------------------- stories (real cases)
export const storySchema = z
  .strictObject({
    id,
    year: z.number().int().min(1900).max(2100).optional().describe("The year it happened."),
    title: text.describe("The story's headline."),
    summary: text.describe("Two sentences: shown on cards, slides and the story list."),
    places: text.describe("Where it happened: places and route."),
    body: listOf(z.strictObject({ id, text: text.describe("One paragraph.") }))
      .min(1)
      .describe("The story, paragraph by paragraph, each with its own id."),
    sources: z
      .array(citation)
      .min(1, "a real case must cite at least one source")
      .describe("Where the case is documented: a report and its page, a court case."),
    image: id
      .optional()
      .describe(
        "A photo or illustration of the story (an id from images.yaml), placed on its poster by its focal point. No one identifiable, unless they consented.",
      ),
    consent: z
      .strictObject({
        basis: z
          .enum(["public-court-record", "published-report", "informed-consent"])
          .describe("Why the case may be told: a public court record, a published report, or the informed consent of the person."),
        note: text.describe("What the basis is, in a sentence (who published it, what is named)."),
        date: isoDate.optional().describe("Informed consent: the day it was given."),
        scope: text.optional().describe("Informed consent: what it covers (print, web, which editions)."),
        expires: isoDate.optional().describe("Informed consent: the day it ends."),
        by: text
          .optional()
          .describe(
            "Informed consent: who gave it (a pseudonym or a role, never a real name that the story hides). A release refuses informed consent without it.",
          ),
        record: text
          .optional()
          .describe(
            "Informed consent: where the signed record is kept (a file reference at the office, not the record itself). A release refuses informed consent without it.",
          ),
      })
      .refine((c) => c.basis !== "informed-consent" || (c.date && c.scope && c.expires), {
        message: "informed consent needs its date, scope and expiry (date, scope, expires)",
      })
      .describe("The basis on which the case is told."),
    anonymisation: z
      .strictObject({
        names: z.enum(["none", "pseudonyms"]).describe("none: no one is named; pseudonyms: names are made up."),
        detailsAltered: z.boolean().describe("Whether details (places, dates, ages) were changed so that no one can be recognised."),
        photo: z.enum(["none", "with-consent"]).describe("none, or with-consent: a photo of people who consented (recorded in images.yaml)."),
      })
      .describe("How the people in the story are protected."),
    minors: z
      .enum(["involved", "not-involved", "not-stated"])
      .describe(
        'Whether children are involved. A story that involves (or may involve) children never carries a photo, and one that involves them carries the "children" tag.',
      ),
    sensitivity: z
      .array(z.enum(["death", "violence", "children"]))
      .describe("Sensitivity tags: each produces a content warning before the story (death, violence, children)."),
    signOff: z
      .strictObject({
        status: z.enum(["pending", "approved"]).describe("pending until a reviewer approves the story; a release refuses a pending one."),
        by: text.optional().describe("Who signed it off."),
        on: isoDate.optional().describe("When it was signed off."),
      })
      .refine((s) => s.status !== "approved" || (s.by && s.on), { message: "an approved story names who signed it off and when (by, on)" })
      .describe("The reviewer's sign-off."),
  })
  .describe("A real case. Every story needs its sources, consent, anonymisation, minors, sensitivity and sign-off; a story without them does not build.")
  .superRefine((s, ctx) => {
    // A story that involves children never carries a photo (and neither does one that may).
    if (s.minors !== "not-involved" && s.anonymisation.photo !== "none") {
      ctx.addIssue({ code: "custom", path: ["anonymisation", "photo"], message: "a story that involves (or may involve) children must have photo: none" });
    }
    if (s.minors === "involved" && !s.sensitivity.includes("children")) {
      ctx.addIssue({ code: "custom", path: ["sensitivity"], message: 'a story that involves children must carry the "children" sensitivity tag' });
    }
  });

// ---------------------------------------------------------------- glossary and documents
export const glossarySchema = listOf(
  z
    .strictObject({
      id,
      term: text.describe("The word or phrase."),
      definition: text.describe("What it means, in plain words."),
      sources: z.array(citation).min(1).describe("Where the definition comes from."),
    })
    .describe("A word to know. Translated like every other text; its sources are cited."),
);

const phones = z
  .record(z.string().regex(/^\w+$/, "placeholder names are letters, digits and _"), id)
  .optional()
  .describe("Each {{placeholder}} in the text is filled with the phone number of a contact: the placeholder's name, and the contact's id.");
const blockText = text.describe("The text. {{placeholders}} are filled from phones; <em> and <strong> are the only markup.");

/** The pictograms a safer route can carry (drawn in templates/_includes/partials/pictograms.njk). */
const PICTOGRAMS = ["protection", "family", "resettlement", "visa", "work", "return"] as const;

const blockSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("heading"), id, text: blockText }).describe("A heading inside a section."),
  z.strictObject({ type: z.literal("paragraph"), id, text: blockText, phones }).describe("A paragraph."),
  z
    .strictObject({
      type: z.literal("list"),
      id,
      title: text.optional().describe("A line above the list."),
      ordered: z.boolean().default(false).describe("Numbered steps, read in order (the guide's procedures)."),
      items: listOf(z.strictObject({ id, text: blockText }))
        .min(1)
        .describe("The list's items, each with its own id."),
      phones,
    })
    .describe("A list."),
  z
    .strictObject({
      type: z.literal("decision"),
      id,
      question: text.describe("The question."),
      yes: text.describe("What to do if the answer is yes."),
      no: text.describe("What to do if the answer is no."),
      phones,
    })
    .describe("A decision point: a question, and what to do on either answer."),
  z
    .strictObject({
      type: z.literal("callout"),
      id,
      tone: z.enum(["info", "warning"]).describe("info or warning."),
      title: text.optional().describe("The callout's heading."),
      text: blockText,
      phones,
    })
    .describe("A box that stands out from the text."),
  z.strictObject({ type: z.literal("story"), id, story: id.describe("The id of a story in content/stories/.") }).describe("A real case, told in full."),
  z
    .strictObject({ type: z.literal("contacts"), id, contacts: z.array(id).min(1).describe("Ids of contacts (contacts.yaml, or the edition's own).") })
    .describe("Contacts, with their phone numbers and addresses."),
  z.strictObject({ type: z.literal("glossary-term"), id, term: id.describe("The id of a glossary entry.") }).describe("A glossary entry, with its definition."),
  z.strictObject({ type: z.literal("image"), id, image: id.describe("The id of an image in images.yaml.") }).describe("An image."),
  z.strictObject({ type: z.literal("qr"), id }).describe("A QR code to this document's own web page, in the same language."),
  z
    .strictObject({ type: z.literal("help"), id })
    .describe(
      "In print, the help strip (the emergency number and where to ask before paying anyone, from the contacts) beside a QR code to this document's web page. Web pages carry their own help line.",
    ),
  z
    .strictObject({
      type: z.literal("routes"),
      id,
      title: text.optional().describe("A line above the routes."),
      items: listOf(
        z.strictObject({
          id,
          pictogram: z.enum(PICTOGRAMS).describe(`The route's pictogram: ${PICTOGRAMS.join(", ")}.`),
          line: blockText.describe("The route in one short line."),
          text: blockText.optional().describe("What it takes, in a few sentences, under the line (where the document has room for it)."),
        }),
      )
        .min(1)
        .describe("The routes, each with its own id."),
      ask: blockText.describe("Where to ask before deciding: the places, named."),
      contacts: z.array(id).default([]).describe("Contacts to ask, shown under that line (contacts.yaml, or an edition's own)."),
    })
    .describe("Safer ways: a panel of routes, one line and a pictogram each, and where to ask before you decide."),
]);

/** Print formats; their sizes and page rules are in build/print/formats.ts. */
const FORMAT_IDS = ["brochure", "leaflet", "poster", "fiche", "guide", "session"] as const;

export const documentSchema = z
  .strictObject({
    id: id.describe("The document's id: its file name in content/documents/, without .yaml."),
    format: z
      .enum(FORMAT_IDS)
      .describe(
        "The print format: brochure (A5), leaflet (A5, two sides), poster (A3), fiche (A4, at most two pages), guide (A4, flowing), session (16:9 slides).",
      ),
    languages: z.array(languageTag).min(1).optional().describe("Languages this document is made in; default: all the campaign's."),
    title: text.describe("The document's title, on its cover."),
    subtitle: text.describe("A line under the title."),
    illustration: id.optional().describe("An image on the cover (an id from images.yaml)."),
    backPageContacts: z.array(id).optional().describe("Contacts printed on the back page, beside the QR code."),
    sources: z.array(citation).optional().describe("Cited after the last section."),
    sections: listOf(
      z
        .strictObject({
          id,
          page: z
            .number()
            .int()
            .min(1)
            .optional()
            .describe("For formats with a fixed number of pages: the page (a leaflet's side, a deck's slide) this section is printed on."),
          title: text.describe("The section's heading."),
          notes: text.optional().describe("What the person presenting says or does here (a deck's speaker notes, printed as a handout)."),
          blocks: listOf(blockSchema).min(1).describe("The section's content, block by block, each with its own id."),
        })
        .describe("A section of the document."),
    )
      .min(1)
      .describe("The document's sections, in order."),
  })
  .describe(
    "A document: sections of typed blocks. Every section and block has an id; the id, not the position or the text, names its translations, so inserting a block or editing its text never disturbs the others.",
  );

const share = z.number().min(0).max(1);
const imageBox = z
  .strictObject({
    x: share.describe("From the left edge, as a share of the width (0 to 1)."),
    y: share.describe("From the top edge, as a share of the height (0 to 1)."),
    width: share.describe("As a share of the image's width."),
    height: share.describe("As a share of the image's height."),
  })
  .refine((b) => b.x + b.width <= 1 && b.y + b.height <= 1, { message: "must lie inside the image (x + width and y + height at most 1)" })
  .describe("A box on the image, in shares of its width and height from its top-left corner.");
export const imagesSchema = z.record(
  id,
  z
    .strictObject({
      src: z
        .string()
        .regex(/^[\w.-]+\.(svg|png|jpe?g|webp)$/, "must be a file name in content/images/ ending in .svg, .png, .jpg or .webp")
        .describe(
          "A file in content/images/. SVG is drawn at whatever resolution print needs; a PNG or JPEG must have enough pixels for 300 dpi where it is placed, or the build stops and says by how much it falls short.",
        ),
      alt: text.describe("What the image shows, for readers who cannot see it."),
      printWidthMm: z
        .number()
        .positive()
        .max(1000)
        .describe("The widest the image is placed in any format, in mm (a poster's full width with its bleed: 297 + 2 × 3 = 303)."),
      focal: z
        .strictObject({ x: share.describe("Across, 0 (left) to 1 (right)."), y: share.describe("Down, 0 (top) to 1 (bottom).") })
        .default({ x: 0.5, y: 0.5 })
        .describe("Where the subject is, in shares of the width and height: a crop to another shape (the poster's band) keeps it in view."),
      people: z
        .union(
          [
            z.literal("none"),
            z.strictObject({
              faces: z
                .array(imageBox)
                .min(1, "list the box of every face, so that no crop cuts one")
                .describe("The box of every face: no crop may cut one (the print check measures each placement)."),
              consent: z
                .strictObject({
                  by: text.describe("Who gave consent."),
                  date: isoDate.describe("The day it was given."),
                  scope: z
                    .array(z.enum(["print", "web", "share"]))
                    .min(1)
                    .describe("Where the image may be shown: print, web, share (link previews)."),
                  expires: isoDate.describe("The day it ends."),
                  record: text.describe("Where the signed record is kept (a file reference at the office)."),
                })
                .describe("The consent of the people shown."),
            }),
          ],
          { error: 'must be "none", or the faces shown and the consent of the people shown (faces, consent)' },
        )
        .describe('Whom the image shows: "none", or the faces shown and their consent. A story with such a photo says photo: with-consent.'),
    })
    .describe("An image the documents may place."),
);

// ---------------------------------------------------------------- editions for partners
/** ISO 3166-1 alpha-2, as Intl knows it ("BR", "ER"). */
const country = z
  .string()
  .refine(
    (code) => /^[A-Z]{2}$/.test(code) && new Intl.DisplayNames(["en"], { type: "region" }).of(code) !== code,
    'must be an ISO 3166-1 country code in capitals, like "BR" or "ER"',
  );
/** Where a local contact is shown: "<document>/<contacts block id>" or "<document>/back-page". */
const placement = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must be "<document>/<block id>" or "<document>/back-page", like "brochure/back-page"');
const logoFile = z.string().regex(/^[\w.-]+\.(svg|png|jpe?g)$/, "must be a file name in content/editions/logos/ ending in .svg, .png or .jpg");

export const editionSchema = z
  .strictObject({
    id: id.describe("The edition's id: its file name in content/editions/, without .yaml."),
    audience: z
      .enum(["origin-country", "diaspora", "professionals"])
      .describe("Who it is for: people in a country of origin, communities in Belgium (diaspora), or professionals."),
    country: z.union([country, z.array(country).min(1)]).describe('The country or countries it is for: ISO 3166-1 codes in capitals, like "BR" or "ER".'),
    languages: z.array(languageTag).min(1).describe("A subset of the campaign's languages."),
    documents: z.array(id).min(1).describe("The campaign's documents this edition prints and publishes."),
    stories: z.array(id).describe("The stories it tells (in its documents, on its site, as cards); stories left out are dropped from its documents."),
    contacts: z
      .strictObject({
        campaign: z.array(id).optional().describe("The campaign's contacts it keeps (default: all)."),
        local: listOf(
          z
            .strictObject({
              ...contactFields,
              replaces: id.optional().describe("The id of the campaign contact this one is shown in place of."),
              showIn: z.array(placement).optional().describe('Where it is shown: "<document>/<contacts block id>" or "<document>/back-page".'),
            })
            .refine(...verifiedOrNot)
            .refine((c) => Boolean(c.replaces) !== Boolean(c.showIn), {
              message: "must say where it is shown: replaces (a campaign contact id) or showIn (document/block)",
            }),
        )
          .default([])
          .describe("Its own contacts, verified or unverified exactly like the campaign's, shown in place of one (replaces) or where it says (showIn)."),
      })
      .default({ local: [] })
      .describe("The contacts it shows."),
    partners: listOf(
      z
        .strictObject({
          id,
          name: text.describe("The partner organisation's name."),
          role: text.describe('What the partner does in this edition, shown under its logo ("Partner in Brazil"); translatable.'),
          logo: logoFile.describe("The partner's logo, a file in content/editions/logos/ (SVG, or PNG/JPEG with 300 dpi at its printed size)."),
          confirmed: z
            .strictObject({ on: isoDate.describe("The day the partner agreed."), by: text.describe("Who at the partner agreed.") })
            .optional()
            .describe("Set once the partner has agreed to this edition."),
          placeholder: z
            .strictObject({ lead: text.describe("Where the lead came from.") })
            .optional()
            .describe("A slot kept for a partner not confirmed yet; a release build refuses it."),
        })
        .refine((p) => Boolean(p.confirmed) !== Boolean(p.placeholder), {
          message: "must be either confirmed (on, by) or a placeholder (lead: where it came from)",
        })
        .describe("A partner organisation, co-branding the edition."),
    )
      .default([])
      .describe("The partners whose logos the edition carries beside the issuer's mark."),
    colophon: text.describe('"Published by … in cooperation with …": on back pages, posters, cards and the site\'s footer; translatable.'),
    publishedAt: z
      .union([
        z.url({ protocol: /^https$/ }).refine((u) => u.endsWith("/"), "must end with /"),
        z.string().regex(/^\/([a-z0-9-]+\/)+$/, 'must be an https:// URL ending with /, or a path like "/editions/brazil/"'),
      ])
      .describe('Where the edition is published: an https:// URL ending with /, or a path under the campaign\'s baseUrl ("/editions/brazil/").'),
    text: z
      .record(
        z.string().describe("The namespace the texts belong to: ui, campaign, contacts, stories, or a document's id (leaflet)."),
        z
          .lazy(() => labelTreeSchema)
          .describe(
            'The texts of that namespace this edition words otherwise, by key, as in locales/en/<namespace>.json. In the editor, written as YAML: one key per line ("title: text"), what is under a key indented by two spaces.',
          ),
      )
      .optional()
      .describe("The campaign's English texts this edition words otherwise, by namespace and key (ui: { print: { help: … } })."),
  })
  .describe("A partner edition: the campaign for one audience, with its own languages, contacts, partners and address.");

// ---------------------------------------------------------------- interface labels
export type LabelTree = { [key: string]: string | LabelTree };
export const labelTreeSchema: z.ZodType<LabelTree> = z.lazy(() => z.record(z.string(), z.union([text, labelTreeSchema])));

export type Font = z.infer<typeof fontSchema>;
export type Language = z.infer<typeof languageSchema>;
export type CampaignSettings = z.infer<typeof campaignSchema>;
export type Source = z.infer<typeof sourcesSchema>[string];
export type Citation = z.infer<typeof citation>;
export type Contact = z.infer<typeof contactSchema>;
export type Story = z.infer<typeof storySchema>;
export type GlossaryEntry = z.infer<typeof glossarySchema>[number];
export type Block = z.infer<typeof blockSchema>;
export type Document = z.infer<typeof documentSchema>;
export type ImageEntry = z.infer<typeof imagesSchema>[string];
export type FormatId = (typeof FORMAT_IDS)[number];
export type Edition = z.infer<typeof editionSchema>;
export type Partner = Edition["partners"][number];
