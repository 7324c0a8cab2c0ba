/** Translated text is escaped, and left-to-right runs inside right-to-left text are isolated. */
import { describe, expect, it } from "vitest";
import { textToHtml } from "../../build/site/html-text.ts";

describe("text placed in HTML", () => {
  it("escapes markup a translation carries", () => {
    expect(textToHtml('<img src=x onerror="alert(1)">', "ltr")).toBe("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("isolates phone numbers, amounts and Latin names inside right-to-left text", () => {
    expect(textToHtml("اتصل على 0800-1234 الآن", "rtl")).toBe('اتصل على <bdi dir="ltr">0800-1234</bdi> الآن');
    expect(textToHtml("دفع نحو EUR 7,500 عبر E40.", "rtl")).toBe('دفع نحو <bdi dir="ltr">EUR 7,500</bdi> عبر <bdi dir="ltr">E40</bdi>.');
  });

  it("escapes inside an isolated run too", () => {
    expect(textToHtml("مرحبا <b>PAG-ASA</b>", "rtl")).toBe('مرحبا &lt;<bdi dir="ltr">b</bdi>&gt;<bdi dir="ltr">PAG-ASA</bdi>&lt;/<bdi dir="ltr">b</bdi>&gt;');
  });

  it("isolates a right-to-left name inside left-to-right text, and leaves the rest as it is", () => {
    expect(textToHtml("Call 0800-1234", "ltr")).toBe("Call 0800-1234");
    expect(textToHtml("Ask at مركز الاستقبال, Brussels: 02-555", "ltr")).toBe('Ask at <bdi dir="rtl">مركز الاستقبال</bdi>, Brussels: 02-555');
  });
});
