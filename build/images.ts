/**
 * Stage "images": what pages place of every image in content/images.yaml. An SVG source is
 * placed as it is, on the web, in print and on share cards: Chromium prints it as vector
 * drawing, sharp at any size and in a few kilobytes. A raster source (a photo) gets renditions
 * made with sharp: print at 300 dpi at the widest size the image is placed, the web at 150 dpi
 * (the screen PDF cuts the print rendition down itself: build/pdf/screen-images.ts). A raster
 * source is never enlarged: if it is too small, the print check (build/print/inspect-page)
 * reports its effective dpi where it is placed.
 */
import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, rename } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { Campaign } from "./content/campaign.ts";

export const PRINT_DPI = 300;
export const SCREEN_DPI = 150;
const MM_PER_INCH = 25.4;

/** Where an image is placed from, under the site: the SVG itself, or a raster source's rendition for the web or for print. */
export function imagePath(id: string, src: string, use: "web" | "print"): string {
  return src.endsWith(".svg") ? `/assets/images/${id}.svg` : `/assets/images/${id}-${use}.png`;
}

/**
 * @param cacheDir where renditions are kept by the hash of their source and settings, so an
 *   unchanged image is not drawn again (undefined: always draw)
 */
export async function writeImages(c: Campaign, siteDir: string, cacheDir?: string): Promise<void> {
  const out = path.join(siteDir, "assets", "images");
  await mkdir(out, { recursive: true });
  if (cacheDir) await mkdir(cacheDir, { recursive: true });
  sharp.concurrency(2);
  await Promise.all(
    Object.entries(c.images).flatMap(([id, image]) => {
      const src = path.join(c.root, "content", "images", image.src);
      if (image.src.endsWith(".svg")) return [copyFile(src, path.join(siteDir, imagePath(id, image.src, "web")))];
      return (
        [
          ["print", PRINT_DPI],
          ["web", SCREEN_DPI],
        ] as const
      ).map(async ([use, dpi]) => {
        const target = path.join(siteDir, imagePath(id, image.src, use));
        const width = Math.round((image.printWidthMm / MM_PER_INCH) * dpi);
        const settings = JSON.stringify([sharp.versions, width, dpi, use]);
        const cached =
          cacheDir &&
          path.join(
            cacheDir,
            `${createHash("sha256")
              .update(settings)
              .update(await readFile(src))
              .digest("hex")}.png`,
          );
        if (
          cached &&
          (await copyFile(cached, target).then(
            () => true,
            () => false,
          ))
        )
          return;
        const drawn = cached ? `${cached}.${process.pid}.tmp` : target;
        // Only ever reduced: a source too small for print is reported where it is placed.
        await sharp(src)
          .resize({ width, withoutEnlargement: true })
          .png({ compressionLevel: 9, palette: use === "web" })
          .withMetadata({ density: dpi })
          .toFile(drawn);
        if (cached) {
          await rename(drawn, cached);
          await copyFile(cached, target);
        }
      });
    }),
  );
}
