/**
 * Typed errors a user can act on: each says where (file, line when known, field),
 * what is wrong and what to do. The build collects them and reports them all at once.
 */
export interface Problem {
  file: string;
  line?: number;
  field?: string;
  message: string;
  hint?: string;
}

export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  const field = p.field ? ` (${p.field})` : "";
  const hint = p.hint ? `\n    → ${p.hint}` : "";
  return `${where}${field}: ${p.message}${hint}`;
}

/** Content or translations that cannot be built. Holds every problem found, not just the first. */
export class ContentError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const n = problems.length;
    super(`${n} problem${n === 1 ? "" : "s"} in the campaign content:\n` + problems.map((p) => "  " + formatProblem(p)).join("\n"));
    this.name = "ContentError";
    this.problems = problems;
  }
}

/** The environment cannot run a stage (no Chromium, missing font package, ...). */
export class SetupError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(`${message}\n    → ${hint}`);
    this.name = "SetupError";
  }
}

/** A printing job failed after its retry. */
export class PrintError extends Error {
  constructor(
    readonly job: string,
    cause: unknown,
  ) {
    super(`Printing ${job} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "PrintError";
  }
}

/** A release build found content that may not be published yet. */
export class ReleaseBlockedError extends Error {
  constructor(readonly blockers: { lang: string; document: string; key: string; reason: string }[]) {
    super(
      `Release refused: ${blockers.length} thing${blockers.length === 1 ? "" : "s"} may not be published yet (nothing was written to dist/):\n` +
        blockers.map((b) => `  ${b.lang}  ${b.document}  ${b.key}: ${b.reason}`).join("\n"),
    );
    this.name = "ReleaseBlockedError";
  }
}
