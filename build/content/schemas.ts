/**
 * Schemas of everything in content/. They are the contract with editors: a file that does
 * not match fails the build with its path, line, field and what was expected.
 */
import { z } from "zod";
import { canHyphenate } from "./hyphenation.ts";
import { INLINE_TAG, INLINE_TAGS, unsafeCharacter } from "../i18n/safety.ts";

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens, like "my-block"');
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
const isoDate = z.iso.date("must be a date written as YYYY-MM-DD");

/** A BCP 47 tag as Intl understands it: en, ti, ckb, prs, pt-BR, sr-Latn ... */
const languageTag = z.string().refine((tag) => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}, 'must be a BCP 47 language tag, like "ti", "ckb" or "pt-BR"');

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
    family: text,
    package: z.string().regex(/^(@[a-z0-9-]+\/)?[a-z0-9-]+$/, 'must be an npm package, like "@fontsource/noto-sans"'),
    files: z.strictObject({ 400: z.array(fontFile).min(1), 700: z.array(fontFile).min(1).optional() }),
  })
  .refine((f) => !f.files[700] || f.files[700].length === f.files[400].length, {
    message: "every weight must list the same number of files, in the same order",
    path: ["files"],
  });
export const fontsSchema = z.record(id, fontSchema);

export const languageSchema = z.strictObject({
  code: languageTag,
  endonym: text,
  name: text,
  dir: z.enum(["ltr", "rtl"]),
  script: z.string().regex(/^[A-Z][a-z]{3}$/, 'must be an ISO 15924 script code, like "Latn", "Arab" or "Ethi"'),
  fonts: z.array(id).min(1, "must name at least one font from fonts.yaml"),
  hyphenate: z.boolean(),
  // Typography (build/site/typography.ts): what the language's readers expect on the page.
  numerals: z.enum(["latn", "arab", "arabext"]).default("latn"),
  leading: z.number().min(1.2).max(2.4).default(1.6),
  // How much larger than Latin text the script is set to read at the same optical size
  // (Arabic and Ethiopic letters are small for their body): multiplies every text size.
  size: z.number().min(0.8).max(1.5).default(1),
  // The letter whose height stands for the script's cap height, where the kit does not know the
  // script (build/site/typography.ts): a poster's headline is sized by it.
  capLetter: z
    .string()
    .regex(/^\P{M}\p{M}*$/u, "must be one letter (with its marks)")
    .optional(),
  emphasis: z.enum(["italic", "weight"]).default("italic"),
  lineBreak: z.enum(["normal", "strict"]).default("normal"),
  punctuation: z
    .record(z.string().regex(/^[^\p{L}\p{N}\s]{1,2}$/u, 'must be a punctuation mark of one or two characters, like "." or "::"'), z.string().min(1))
    .default({}),
  // A language that serves only some documents (German: the professionals' fiche and guide)
  // gets those, and no stories or glossary; without it, a language serves everything.
  serves: z.array(id).min(1).optional(),
});
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
      if (seen.has(l.code)) ctx.addIssue({ code: "custom", path: [i, "code"], message: `language "${l.code}" is listed twice` });
      seen.add(l.code);
    });
  });

export const campaignSchema = z.strictObject({
  id,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version like "1.2.0"'),
  updated: isoDate,
  sourceLanguage: languageTag,
  languages: z.array(languageTag).min(1),
  baseUrl: z.url({ protocol: /^https$/, error: "must be an https:// URL ending with /" }).refine((u) => u.endsWith("/"), "must end with /"),
  documents: z.array(id).min(1),
  text: z.strictObject({ title: text, tagline: text, origin: text }),
  /** Who publishes the campaign: its mark heads every partner edition's co-branding. */
  issuer: z.strictObject({
    /** The mark as the issuer writes it, each part in its own language (Belgian federal services write their name in Dutch and French). */
    mark: z.array(z.strictObject({ text, lang: languageTag })).min(1),
    source: text,
  }),
  /**
   * The press `waymark build --pdfx` makes PDF/X files for: the print shop's own CMYK output
   * profile (a path under content/) and the printing condition it characterises. Without it,
   * the kit's free FOGRA39-based profile (build/print/profiles/README.md).
   */
  press: z
    .strictObject({
      profile: z.string().regex(/^[\w./-]+\.ic[cm]$/i, "must be a path under content/ to an .icc file, like print/ISOcoated_v2_eci.icc"),
      /** OutputConditionIdentifier: the characterisation in the ICC registry ("FOGRA39", "FOGRA51"). */
      identifier: text,
      /** The printing condition in words ("Offset, coated paper, ISO 12647-2:2013, PC1"). */
      condition: text,
    })
    .optional(),
});

// ---------------------------------------------------------------- sources and contacts
export const sourcesSchema = z.record(id, z.strictObject({ title: text, lang: languageTag, url: z.url().optional() }));
const citation = z.strictObject({ source: id, locator: text.optional() });

/** Phone numbers as dialled: short national codes (112, 101), national (0…) or international (+…). */
const phone = z
  .string()
  .regex(/^(\d{3,6}|0\d[\d ]{6,13}|\+[1-9][\d ]{6,17})$/, 'must be a phone number of digits and spaces: "112", "02 123 45 67" or "+32 2 123 45 67"');

const contactFields = {
  id,
  type: z.enum(["emergency", "hotline", "victim-centre", "guardianship", "partner"]),
  name: text,
  description: text,
  phone: phone.optional(),
  url: z.url({ protocol: /^https$/, error: "must be an https:// URL" }).optional(),
  city: text.optional(),
  verified: z.strictObject({ on: isoDate, source: text }).optional(),
  unverified: z.strictObject({ lead: text }).optional(),
};
const verifiedOrNot = [
  (c: { verified?: unknown; unverified?: unknown }) => Boolean(c.verified) !== Boolean(c.unverified),
  { message: "must have either verified (on + source: the official source it was checked against) or unverified (lead: where it came from)" },
] as const;
const contactSchema = z.strictObject(contactFields).refine(...verifiedOrNot);
export const contactsSchema = listOf(contactSchema);

// ---------------------------------------------------------------- stories (real cases)
export const storySchema = z
  .strictObject({
    id,
    year: z.number().int().min(1900).max(2100).optional(),
    title: text,
    summary: text,
    places: text,
    body: listOf(z.strictObject({ id, text })).min(1),
    sources: z.array(citation).min(1, "a real case must cite at least one source"),
    /** A photo or illustration of the story (content/images.yaml), placed on its poster by its focal point. */
    image: id.optional(),
    consent: z
      .strictObject({
        basis: z.enum(["public-court-record", "published-report", "informed-consent"]),
        note: text,
        date: isoDate.optional(),
        scope: text.optional(),
        expires: isoDate.optional(),
      })
      .refine((c) => c.basis !== "informed-consent" || (c.date && c.scope && c.expires), {
        message: "informed consent needs its date, scope and expiry (date, scope, expires)",
      }),
    anonymisation: z.strictObject({
      names: z.enum(["none", "pseudonyms"]),
      detailsAltered: z.boolean(),
      photo: z.enum(["none", "with-consent"]),
    }),
    minors: z.enum(["involved", "not-involved", "not-stated"]),
    sensitivity: z.array(z.enum(["death", "violence", "children"])),
    signOff: z
      .strictObject({ status: z.enum(["pending", "approved"]), by: text.optional(), on: isoDate.optional() })
      .refine((s) => s.status !== "approved" || (s.by && s.on), { message: "an approved story names who signed it off and when (by, on)" }),
  })
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
export const glossarySchema = listOf(z.strictObject({ id, term: text, definition: text, sources: z.array(citation).min(1) }));

/** Placeholders such as {{emergency}} filled with a contact's phone number. */
const phones = z.record(z.string().regex(/^\w+$/, "placeholder names are letters, digits and _"), id).optional();

const blockSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("heading"), id, text }),
  z.strictObject({ type: z.literal("paragraph"), id, text, phones }),
  // ordered: numbered steps, read in order (the guide's procedures).
  z.strictObject({
    type: z.literal("list"),
    id,
    title: text.optional(),
    ordered: z.boolean().default(false),
    items: listOf(z.strictObject({ id, text })).min(1),
    phones,
  }),
  // A decision point: a question, and what to do on either answer.
  z.strictObject({ type: z.literal("decision"), id, question: text, yes: text, no: text, phones }),
  z.strictObject({ type: z.literal("callout"), id, tone: z.enum(["info", "warning"]), title: text.optional(), text, phones }),
  z.strictObject({ type: z.literal("story"), id, story: id }),
  z.strictObject({ type: z.literal("contacts"), id, contacts: z.array(id).min(1) }),
  z.strictObject({ type: z.literal("glossary-term"), id, term: id }),
  z.strictObject({ type: z.literal("image"), id, image: id }),
  // A QR code to this document's own web page, in the same language.
  z.strictObject({ type: z.literal("qr"), id }),
]);

/** Print formats; their sizes and page rules are in build/print/formats.ts. */
const FORMAT_IDS = ["brochure", "leaflet", "poster", "fiche", "guide", "session"] as const;

export const documentSchema = z.strictObject({
  id,
  format: z.enum(FORMAT_IDS),
  /** Languages this document is made in; default: all the campaign's. */
  languages: z.array(languageTag).min(1).optional(),
  title: text,
  subtitle: text,
  illustration: id.optional(),
  backPageContacts: z.array(id).optional(),
  sources: z.array(citation).optional(),
  sections: listOf(
    z.strictObject({
      id,
      /** For formats with a fixed number of pages: the page this section is printed on. */
      page: z.number().int().min(1).optional(),
      title: text,
      /** What the person presenting says or does here (a deck's speaker notes, printed as a handout). */
      notes: text.optional(),
      blocks: listOf(blockSchema).min(1),
    }),
  ).min(1),
});

const share = z.number().min(0).max(1);
/** A box on an image, in shares of its width and height from its top-left corner. */
const imageBox = z
  .strictObject({ x: share, y: share, width: share, height: share })
  .refine((b) => b.x + b.width <= 1 && b.y + b.height <= 1, { message: "must lie inside the image (x + width and y + height at most 1)" });
export const imagesSchema = z.record(
  id,
  z.strictObject({
    src: z.string().regex(/^[\w.-]+\.(svg|png|jpe?g|webp)$/, "must be a file name in content/images/ ending in .svg, .png, .jpg or .webp"),
    alt: text,
    printWidthMm: z.number().positive().max(1000),
    // Where the subject is, in shares of the width and height: a crop to another shape keeps it in view.
    focal: z.strictObject({ x: share, y: share }).default({ x: 0.5, y: 0.5 }),
    // Whom the image shows. A person in a photo has given consent, recorded here, and their face
    // is never cropped (the print check measures every placement).
    people: z.union(
      [
        z.literal("none"),
        z.strictObject({
          faces: z.array(imageBox).min(1, "list the box of every face, so that no crop cuts one"),
          consent: z.strictObject({ by: text, date: isoDate, scope: z.array(z.enum(["print", "web", "share"])).min(1), expires: isoDate, record: text }),
        }),
      ],
      { error: 'must be "none", or the faces shown and the consent of the people shown (faces, consent)' },
    ),
  }),
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

export const editionSchema = z.strictObject({
  id,
  audience: z.enum(["origin-country", "diaspora", "professionals"]),
  country: z.union([country, z.array(country).min(1)]),
  /** A subset of the campaign's languages. */
  languages: z.array(languageTag).min(1),
  /** The campaign's documents this edition prints and publishes. */
  documents: z.array(id).min(1),
  /** The stories it tells (in its documents, on its site, as cards); stories left out are dropped from its documents. */
  stories: z.array(id),
  contacts: z
    .strictObject({
      /** The campaign's contacts it keeps (default: all). */
      campaign: z.array(id).optional(),
      /** Its own contacts, verified or unverified exactly like the campaign's, shown in place of one (replaces) or where it says (showIn). */
      local: listOf(
        z
          .strictObject({ ...contactFields, replaces: id.optional(), showIn: z.array(placement).optional() })
          .refine(...verifiedOrNot)
          .refine((c) => Boolean(c.replaces) !== Boolean(c.showIn), {
            message: "must say where it is shown: replaces (a campaign contact id) or showIn (document/block)",
          }),
      ).default([]),
    })
    .default({ local: [] }),
  partners: listOf(
    z
      .strictObject({
        id,
        name: text,
        /** What the partner does in this edition, shown under its logo ("Partner in Brazil"); translatable. */
        role: text,
        logo: logoFile,
        confirmed: z.strictObject({ on: isoDate, by: text }).optional(),
        /** A slot kept for a partner not confirmed yet: where the lead came from. */
        placeholder: z.strictObject({ lead: text }).optional(),
      })
      .refine((p) => Boolean(p.confirmed) !== Boolean(p.placeholder), {
        message: "must be either confirmed (on, by) or a placeholder (lead: where it came from)",
      }),
  ).default([]),
  /** "Published by … in cooperation with …": on back pages, posters, cards and the site's footer; translatable. */
  colophon: text,
  /** Where the edition is published: an https:// URL, or a path under the campaign's baseUrl ("/editions/brazil/"). */
  publishedAt: z.union([
    z.url({ protocol: /^https$/ }).refine((u) => u.endsWith("/"), "must end with /"),
    z.string().regex(/^\/([a-z0-9-]+\/)+$/, 'must be an https:// URL ending with /, or a path like "/editions/brazil/"'),
  ]),
  /** The campaign's English texts this edition words otherwise, by namespace and key (ui: { print: { help: … } }). */
  text: z
    .record(
      z.string(),
      z.lazy(() => labelTreeSchema),
    )
    .optional(),
});

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
