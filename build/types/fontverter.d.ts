// fontverter ships no types; the one call the kit makes (subset-task.ts: unpack a woff2 source once).
declare module "fontverter" {
  const fontverter: {
    convert(font: Uint8Array, toFormat: "truetype" | "sfnt" | "woff" | "woff2", fromFormat?: string): Promise<Buffer>;
  };
  export default fontverter;
}
