/**
 * The static security headers every response carries (docs/deploy.md, "What the server sends and limits"): Next adds
 * them to its own answers (next.config.js), and the dashboard server to the ones it gives before Next sees the request
 * (lib/http/own-answers.ts). Plain JavaScript, as next.config.js is, so both read one list.
 */
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  // A dashboard of an account's permissions is never a search result, even if exposed by mistake.
  { key: "X-Robots-Tag", value: "noindex, nofollow" },
];
