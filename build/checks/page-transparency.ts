/**
 * Check "page transparency", run only when a print PDF paints with transparency: asks Chromium
 * which elements of the print page are drawn translucent (opacity, a colour with alpha, a blend
 * mode, a filter, a shadow, SVG fill or stroke opacity) and which CSS rule, inline style or SVG
 * attribute makes them so, so the error names the rule to change, not only the PDF's graphics state.
 */
import type { Browser } from "puppeteer-core";
import { closePage, openPage } from "../chromium/browser.ts";

/** "templates/assets/print.css: .cover h1 { opacity: 0.6 } (h1.cover-title)", one per rule, in the page's order. */
export async function explainTransparency(browser: Browser, url: string): Promise<string[]> {
  const page = await openPage(browser);
  try {
    await page.goto(url, { waitUntil: "load" });
    return (await page.evaluate(IN_PAGE)) as string[];
  } finally {
    await closePage(page);
  }
}

/**
 * Runs in the page. JavaScript as text: tsx names every inner function with a helper
 * (`__name`) that the page does not have, so a TypeScript function cannot be sent as it is.
 */
const IN_PAGE = String.raw`(() => {
  const alpha = (colour) => {
    const m = /rgba?\(([^)]*)\)/.exec(colour);
    const parts = m ? m[1].split(/[\s,/]+/).filter(Boolean) : [];
    return parts.length === 4 ? Number(parts[3]) : 1;
  };
  const translucent = (v) => alpha(v) > 0 && alpha(v) < 1;
  // The properties that make an element translucent, with their computed values.
  const culprits = (el) => {
    const cs = getComputedStyle(el);
    const found = [];
    if (Number(cs.opacity) < 1) found.push(["opacity", cs.opacity]);
    if (cs.mixBlendMode !== "normal") found.push(["mix-blend-mode", cs.mixBlendMode]);
    if (cs.filter !== "none") found.push(["filter", cs.filter]);
    if (cs.boxShadow !== "none") found.push(["box-shadow", cs.boxShadow]);
    if (cs.textShadow !== "none") found.push(["text-shadow", cs.textShadow]);
    for (const p of ["color", "background-color", "border-top-color", "border-right-color", "border-bottom-color", "border-left-color", "outline-color", "fill", "stroke"])
      if (translucent(cs.getPropertyValue(p))) found.push([p, cs.getPropertyValue(p)]);
    for (const p of ["fill-opacity", "stroke-opacity", "stop-opacity", "flood-opacity"]) if (Number(cs.getPropertyValue(p)) < 1) found.push([p, cs.getPropertyValue(p)]);
    if (cs.backgroundImage !== "none" && /rgba\(|transparent/.test(cs.backgroundImage)) found.push(["background-image", cs.backgroundImage]);
    return found;
  };
  const rules = [];
  const collect = (list) => {
    for (const r of Array.from(list)) {
      if (r instanceof CSSStyleRule) rules.push(r);
      if (r.cssRules) collect(r.cssRules);
    }
  };
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      collect(sheet.cssRules);
    } catch {
      // a stylesheet from another origin: the print pages have none
    }
  }
  const fileOf = (r) => (r.parentStyleSheet && r.parentStyleSheet.href ? "templates" + new URL(r.parentStyleSheet.href).pathname : "a <style> of the page");
  // The property as rules may write it: itself, or a shorthand that sets it.
  const written = (prop) => [prop, prop.replace(/-(top|right|bottom|left)-color$/, "-color"), prop.split("-")[0]];
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + Array.from(el.classList, (c) => "." + c).join("");
  // An inherited property is named where it is set, not on every descendant.
  const INHERITED = new Set(["color", "fill", "stroke", "fill-opacity", "stroke-opacity", "text-shadow"]);
  const out = new Set();
  for (const el of Array.from(document.querySelectorAll("body *"))) {
    for (const [prop, value] of culprits(el)) {
      const matching = [];
      for (const r of rules) {
        const set = written(prop).find((p) => r.style.getPropertyValue(p));
        if (set && el.matches(r.selectorText)) matching.push([r, set, r.style.getPropertyValue(set)]);
      }
      // Of the rules that set the property, those whose own value is translucent (the others lose the cascade or are opaque).
      const own = matching.filter(([, , v]) => /rgba|hsla|transparent|color-mix|\/\s*[\d.]+%?\s*\)/.test(v) || (!/color|fill|stroke|background/.test(prop)));
      const named = own.length > 0 || matching.length > 0;
      for (const [r, set, v] of own.length ? own : matching) out.add(fileOf(r) + ": " + r.selectorText + " { " + set + ": " + v + " } (" + describe(el) + ")");
      const attr = el.getAttribute(prop);
      if (!named && attr !== null) out.add("the " + prop + '="' + attr + '" attribute of ' + describe(el));
      else if (!named && el.style && el.style.getPropertyValue(prop)) out.add("the inline style " + prop + ": " + value + " of " + describe(el));
      else if (!named && !INHERITED.has(prop)) out.add(describe(el) + ": " + prop + " " + value + " (computed)");
    }
  }
  return [...out];
})()`;
