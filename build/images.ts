/**
 * Stage "images": renditions of every image in content/images.yaml, made with sharp. Print
 * gets 300 dpi at the widest size the image is placed, screen and web 150 dpi. A raster
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
      return ([["print", PRINT_DPI], ["screen", SCREEN_DPI]] as const).map(async ([variant, dpi]) => {
        const target = path.join(out, `${id}-${variant}.png`);
        const width = Math.round((image.printWidthMm / MM_PER_INCH) * dpi);
        const settings = JSON.stringify([sharp.versions, width, dpi, variant]);
        const cached = cacheDir && path.join(cacheDir, `${createHash("sha256").update(settings).update(await readFile(src)).digest("hex")}.png`);
        if (cached && (await copyFile(cached, target).then(() => true, () => false))) return;
        // SVG is drawn at the density that gives this width; raster sources are only ever reduced.
        const input = image.src.endsWith(".svg") ? sharp(src, { density: densityFor(await svgWidth(src), width) }) : sharp(src);
        const drawn = cached ? `${cached}.${process.pid}.tmp` : target;
        await input
          .resize({ width, withoutEnlargement: true })
          .png({ compressionLevel: 9, palette: variant === "screen" })
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

async function svgWidth(file: string): Promise<number> {
  return (await sharp(file).metadata()).width ?? 1000;
}

/** sharp renders SVG at 72 dpi by default: scale the density so the render is at least `width` wide. */
function densityFor(nativeWidth: number, width: number): number {
  return Math.min(2400, Math.ceil((72 * width) / nativeWidth));
}
