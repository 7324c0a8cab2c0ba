/**
 * Which output profile the PDF/X files are made with (build/print/press-ready.ts): the kit's
 * free FOGRA39-based one, or the print shop's own named in campaign.yaml (`press`), refused with
 * the field to fix when the file is missing or not a CMYK printer profile.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Campaign } from "../../build/content/campaign.ts";
import { campaignSchema } from "../../build/content/schemas.ts";
import type { ContentError } from "../../build/errors.ts";
import { KIT_INTENT, outputIntent } from "../../build/print/press-ready.ts";

const dirs: string[] = [];
afterEach(() => Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))));

async function campaignWith(press?: { profile: string; identifier: string; condition: string }, file?: string): Promise<Campaign> {
  const root = await mkdtemp(path.join(tmpdir(), "waymark-press-"));
  dirs.push(root);
  if (press && file) {
    await mkdir(path.dirname(path.join(root, "content", press.profile)), { recursive: true });
    await copyFile(file, path.join(root, "content", press.profile));
  }
  return { root, settings: press ? { press } : {} } as unknown as Campaign;
}
const press = { profile: "print/shop.icc", identifier: "FOGRA51", condition: "Offset printing on coated paper, ISO 12647-2:2013, PC1" };
const problemOf = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as ContentError).problems;

describe("the press's output profile", () => {
  it("is the kit's FOGRA39-based profile when the campaign names none, and says it is not ISO Coated v2", async () => {
    expect(await outputIntent(await campaignWith())).toBe(KIT_INTENT);
    expect(KIT_INTENT).toMatchObject({ identifier: "FOGRA39", info: expect.stringContaining("not the ECI's ISO Coated v2") });
  });

  it("is the print shop's profile when campaign.yaml names one", async () => {
    const c = await campaignWith(press, KIT_INTENT.profile);
    expect(await outputIntent(c)).toEqual({
      profile: path.join(c.root, "content", "print", "shop.icc"),
      identifier: "FOGRA51",
      condition: press.condition,
      info: "print/shop.icc, the print shop's profile",
      registry: "http://www.color.org",
    });
  });

  it("refuses a profile that is missing, or not for a CMYK printer, naming the field", async () => {
    expect(await problemOf(outputIntent(await campaignWith(press)))).toEqual([
      expect.objectContaining({ file: "content/campaign.yaml", field: "press.profile", message: "no file content/print/shop.icc" }),
    ]);
    // A display profile's header: class "mntr", colour space "RGB ".
    const rgb = path.join(await mkdtemp(path.join(tmpdir(), "waymark-rgb-")), "srgb.icc");
    dirs.push(path.dirname(rgb));
    await writeFile(rgb, Buffer.concat([Buffer.alloc(12), Buffer.from("mntrRGB XYZ ", "latin1"), Buffer.alloc(108)]));
    expect(await problemOf(outputIntent(await campaignWith(press, rgb)))).toEqual([
      expect.objectContaining({ field: "press.profile", message: "content/print/shop.icc is not a CMYK output (printer) profile" }),
    ]);
  });

  it("is checked in campaign.yaml: a path to an .icc file", () => {
    const base = {
      id: "x",
      version: "1.0.0",
      updated: "2026-01-01",
      sourceLanguage: "en",
      languages: ["en"],
      baseUrl: "https://example.org/",
      documents: ["poster"],
    };
    const rest = { text: { title: "t", tagline: "t", origin: "t" }, issuer: { mark: [{ text: "m", lang: "en" }], source: "s" } };
    expect(campaignSchema.safeParse({ ...base, ...rest, press }).success).toBe(true);
    const bad = campaignSchema.safeParse({ ...base, ...rest, press: { ...press, profile: "print/shop.pdf" } });
    expect(bad.error?.issues[0]).toMatchObject({
      path: ["press", "profile"],
      message: expect.stringContaining("must be a path under content/ to an .icc file"),
    });
  });
});
