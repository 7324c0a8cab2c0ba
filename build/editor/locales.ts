/**
 * The editor's languages, and the configuration file of each. Apart from labels.ts so that the
 * command line can offer them without loading the schemas.
 */
export const EDITOR_LOCALES = ["en", "nl", "fr"] as const;
export type EditorLocale = (typeof EDITOR_LOCALES)[number];

/** config.yml in English (the name Decap looks for by default), config.<locale>.yml in the others: admin/index.html asks for the one of its language. */
export const configFileOf = (locale: EditorLocale) => (locale === "en" ? "config.yml" : `config.${locale}.yml`);
