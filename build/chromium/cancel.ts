/** What a cancelled build (Ctrl-C, a test's time limit) rejects with, wherever Chromium was at work. */

/**
 * The error a cancelled run rejects with: the signal's reason when the caller gave an Error,
 * else (a bare abort() or AbortSignal.timeout) one that says the build was cancelled.
 */
export function cancellationError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && !(reason instanceof DOMException)) return reason;
  const why = reason instanceof DOMException && reason.name !== "AbortError" ? ` (${reason.message})` : "";
  return new Error(`The build was cancelled${why}.`, { cause: reason });
}
