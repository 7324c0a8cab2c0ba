/**
 * Whether this system's Unicode data (CLDR, through Intl) has a list style for the language:
 * without one Intl answers in its default locale's ("a, b, and c" inside a Kurdish sentence).
 */
export function hasListStyle(code: string): boolean {
  const resolved = (tag: string) => new Intl.ListFormat(tag).resolvedOptions().locale;
  return resolved(code) !== resolved("zxx") || new Intl.Locale(code).language === new Intl.Locale(resolved("zxx")).language;
}
