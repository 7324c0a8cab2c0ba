// Eleventy 3 ships JavaScript without declarations; this is the part of its API the kit uses.
declare module "@11ty/eleventy" {
  interface EleventyOptions {
    quietMode?: boolean;
    runMode?: "build" | "serve" | "watch";
    // biome-ignore lint/suspicious/noExplicitAny: Eleventy 3 ships no types for its configuration object
    config?: (eleventyConfig: any) => unknown;
  }
  export default class Eleventy {
    constructor(input: string, output: string, options?: EleventyOptions);
    init(): Promise<void>;
    write(): Promise<unknown>;
    watch(): Promise<void>;
    serve(port: number): Promise<void>;
  }
}
