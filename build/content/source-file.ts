/**
 * Reads one YAML content file and keeps the positions of its nodes, so that a schema
 * problem deep inside it can be reported with the line it comes from.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import type { z } from "zod";
import type { Problem } from "../errors.ts";

export interface SourceFile {
  /** Path relative to the project, as shown in messages. */
  file: string;
  data: unknown;
  /** Line (1-based) of the value at a path such as ["sections", 2, "blocks", 0, "id"]. */
  lineOf(at: readonly PropertyKey[]): number | undefined;
}

export async function readYaml(absPath: string, root: string): Promise<SourceFile | Problem> {
  const file = path.relative(root, absPath) || absPath;
  let text: string;
  try {
    text = await readFile(absPath, "utf8");
  } catch {
    return { file, message: "file not found", hint: `create ${file} (see the sample campaign for its shape)` };
  }
  return parseYaml(text, file);
}

function parseYaml(text: string, file: string): SourceFile | Problem {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    return {
      file,
      ...(line ? { line } : {}),
      message: `not valid YAML: ${first.message.split("\n")[0]}`,
      hint: "check indentation, and quote text that contains a colon followed by a space",
    };
  }
  return { file, data: doc.toJS(), lineOf: (at) => lineOfPath(doc, lineCounter, at) };
}

function lineOfPath(doc: Document, lines: LineCounter, at: readonly PropertyKey[]): number | undefined {
  // Walk up the path until a node exists: a missing field is reported at its parent.
  for (let n = at.length; n >= 0; n--) {
    const node = doc.getIn(at.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

export function isProblem(x: SourceFile | Problem): x is Problem {
  return (x as SourceFile).lineOf === undefined;
}

/** Validates a file's data against a schema; problems carry the file, line and field. */
export function validate<S extends z.ZodType>(source: SourceFile, schema: S, problems: Problem[], at: readonly PropertyKey[] = []): z.infer<S> | undefined {
  const value = at.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], source.data);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const full = [...at, ...issue.path];
    const line = source.lineOf(full);
    problems.push({
      file: source.file,
      ...(line ? { line } : {}),
      ...(full.length ? { field: full.map(String).join(".") } : {}),
      message: issue.message,
    });
  }
  return undefined;
}
