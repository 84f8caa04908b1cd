/**
 * The reason a JSON error answer gives, for the dashboard to show as text: its `error`, with the `issues` of a
 * refused query (invalid-query.ts) after it, so "invalid query" says which parameter and why. Without either, the
 * status, which says at least that the server refused (or `saysNothing`, where a caller words that itself).
 */
export function answerErrorText(status: number, body: unknown, saysNothing = `the server answered ${status}`): string {
  const { error, issues } = (body ?? {}) as { error?: unknown; issues?: unknown };
  const lines = Array.isArray(issues) ? issues.filter((i): i is string => typeof i === "string" && i !== "") : [];
  const head = typeof error === "string" && error ? error : lines.length ? "" : saysNothing;
  return [head, lines.join("; ")].filter(Boolean).join(": ");
}
