/**
 * The Intl locale of a language, from the registry: its tag with the numbering system its
 * readers expect (Persian and Dari ۱۲۳, Sorani ١٢٣). Every number, date, list and size the kit
 * writes goes through it, so digits follow the registry and not Intl's defaults.
 */
import type { Language } from "../content/schemas.ts";

export function intlLocale(lang: Pick<Language, "code" | "numerals">): string {
  return `${lang.code}-u-nu-${lang.numerals}`;
}

/** A number in running text: the language's digits, grouped only from five digits (so a year stays "2000"). */
export function formatNumber(lang: Pick<Language, "code" | "numerals">, n: number): string {
  return new Intl.NumberFormat(intlLocale(lang), { useGrouping: Math.abs(n) >= 10000 }).format(n);
}
