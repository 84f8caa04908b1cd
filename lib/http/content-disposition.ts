/**
 * A Content-Disposition header for a download. The quoted `filename` keeps only [0-9A-Za-z._-] (any other character
 * becomes `_`), so no quote, backslash or line break of a name taken from data can end the parameter or the header;
 * `filename*` (RFC 6266, RFC 8187) carries the name itself, percent-encoded, for clients that read it.
 */
export function contentDisposition(type: "inline" | "attachment", name: string): string {
  const plain = name.replace(/[^0-9A-Za-z._-]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${plain}"; filename*=UTF-8''${encoded}`;
}
