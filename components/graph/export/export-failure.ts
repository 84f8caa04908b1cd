/**
 * Why "Export PNG" failed, in one line a reader can act on. The exporter is loaded on first use, so the server or
 * the network can fail it (a deploy in between, a dropped connection), and the browser's own words for that name a
 * chunk file; any other error's first line is kept, never its stack.
 */

/** How browsers and bundlers word a script that did not load: webpack's ChunkLoadError, Turbopack, Chrome, Firefox, Safari. */
const NOT_LOADED = /ChunkLoadError|failed to (load|fetch)|loading (css )?chunk|dynamically imported module|importing a module script failed|network ?error/i;

export function exportFailureText(e: unknown): string {
  const name = e instanceof Error ? e.name : "";
  const message = (e instanceof Error ? e.message : String(e)).split("\n")[0]?.trim() ?? "";
  if (NOT_LOADED.test(`${name} ${message}`)) return "Export failed: the exporter could not be loaded (the server or the network did not answer).";
  return `Export failed: ${message.replace(/\.$/, "") || "unknown error"}.`;
}
