/** axe-core in a page already loaded in Chromium: the kit's own check (build/checks/accessibility.ts). */
export { axeViolations } from "../../build/checks/accessibility.ts";
