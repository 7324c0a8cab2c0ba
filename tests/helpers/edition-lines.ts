/**
 * Lines of a partner edition's file that tests add to their own: a confirmed partner with a
 * logo (partner-slot.svg, or the logo a test puts in its place), and a local line in place of
 * PAG-ASA, verified or not as the test says.
 */
export const CONFIRMED_PARTNER = [
  "partners:",
  "  - id: test-partner",
  "    name: Test partner",
  "    role: Partner in the test",
  "    logo: partner-slot.svg",
  '    confirmed: { on: 2026-11-01, by: "a test, not a real partner" }',
];
export const LOCAL_LINE = (state: string) => [
  "contacts:",
  "  local:",
  "    - id: test-line",
  "      type: hotline",
  "      name: Test line of the edition",
  "      description: A line that only this edition has.",
  `      ${state}`,
  "      replaces: pag-asa",
];
