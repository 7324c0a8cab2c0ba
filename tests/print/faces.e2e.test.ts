/**
 * The crop check that print pages and share cards share (build/print/faces.ts), in Chromium:
 * an image placed by its focal point into a box of another shape keeps its faces whole, or the
 * faces it cuts are named.
 */
import { describe, expect, it } from "vitest";
import { croppedFaces } from "../../build/print/faces.ts";
import { withTab } from "../helpers/test-chromium.ts";

/** A 1200×500 image (2.4:1) shown in a 300×300 box, cropped to a square by its focal point. */
async function cut(position: string, faces: object[], fit = "cover"): Promise<unknown> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="500"><rect width="1200" height="500" fill="#357"/></svg>`;
  return withTab(async (page) => {
    await page.setContent(
      `<img src="data:image/svg+xml,${encodeURIComponent(svg)}" data-image="photo" data-faces='${JSON.stringify(faces)}' style="display:block;width:300px;height:300px;object-fit:${fit};object-position:${position}">`,
      { waitUntil: "load" },
    );
    return await page.evaluate(croppedFaces);
  });
}

describe("croppedFaces", () => {
  // The square shows 500 of the image's 1200 pixels across: 42% of its width.
  const left = { x: 0.05, y: 0.3, width: 0.1, height: 0.3 };
  const right = { x: 0.85, y: 0.3, width: 0.1, height: 0.3 };

  it("keeps a face the focal point keeps in view", async () => {
    expect(await cut("0% 50%", [left])).toEqual([]);
    expect(await cut("100% 50%", [right])).toEqual([]);
  });

  it("names every face a crop cuts", async () => {
    expect(await cut("50% 50%", [left, right])).toEqual([
      { image: "photo", face: 1 },
      { image: "photo", face: 2 },
    ]);
    expect(await cut("0% 50%", [left, right])).toEqual([{ image: "photo", face: 2 }]);
  });

  it("cuts nothing when the whole image is shown (contain)", async () => {
    expect(await cut("50% 50%", [left, right], "contain")).toEqual([]);
  });
});
