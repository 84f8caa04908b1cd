/**
 * Paint first, then run the framework: rewrites the HTML Next.js streams so its chunk scripts start after the
 * browser has presented the first contentful frame.
 *
 * Why: the App Router emits every chunk as `<script src async>` in <head> (vercel/next.js#66958, no setting to
 * change it). Loaded from a nearby server, those scripts finish downloading while the page's HTML is still being
 * parsed, and evaluating them (~100 ms of React DOM and Next's runtime on a slow machine) delays the first frame,
 * which for the graph page is already complete in the server HTML. Measured on the 2,000-function graph: first
 * node painted 276 → 232 ms, time to interactive unchanged (docs/large-accounts.md).
 *
 * How: each Next chunk script becomes an inline push of its URL onto a queue, and one inline loader (inserted
 * before the first of them, carrying the same CSP nonce) inserts the queued scripts in order once a
 * `first-contentful-paint` entry arrives — or at once where the browser cannot report paints, when the page is
 * hidden (no paint will come), and after a fallback delay. With `'strict-dynamic'` in the CSP, scripts inserted
 * by the nonced loader are trusted like the originals. A document this does not recognise passes through
 * unchanged, so a change in Next's markup only loses the optimisation.
 */
import type { TextRewriter } from "./rewrite-response";

/** Next's own chunk scripts as React renders them; other scripts (inline, noModule polyfills) are left alone. */
const NEXT_SCRIPT = /<script\b([^>]*?)\ssrc="(\/_next\/static\/[^"]+\.js)"([^>]*)><\/script>/g;
const ATTR_ASYNC = /\sasync(?:="")?(?=[\s>]|$)/;
const ATTR_NOMODULE = /\snomodule\b/i;
const ATTR_NONCE = /\snonce="([^"]*)"/;

/** Longest time the scripts wait for a paint entry that may never come. */
export const LOADER_FALLBACK_MS = 3_000;

/** The queue's global; the inline pushes and the loader must agree on it. */
const QUEUE = "self.__lpgScripts";

/** A string literal for inline script text: `<` escaped, so no value can close the script element. */
function jsString(value: string): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

function nonceAttr(nonce: string | undefined): string {
  return nonce ? ` nonce="${nonce}"` : "";
}

/**
 * The loader. Plain ES5 in a string: it runs before any framework code, in every browser the dashboard supports.
 * `async = false` keeps document order, which Next's chunks tolerate (they are written for any order).
 */
export function loaderScript(nonce: string | undefined): string {
  const body =
    `(function(){var q=${QUEUE}=${QUEUE}||[],started=0,n=${jsString(nonce ?? "")};` +
    `function add(src){var s=document.createElement("script");s.src=src;s.async=false;if(n)s.nonce=n;document.head.appendChild(s)}` +
    `function start(){if(started)return;started=1;for(var i=0;q.length>i;i++)add(q[i]);q.push=function(src){add(src);return 0}}` +
    `var types=self.PerformanceObserver&&PerformanceObserver.supportedEntryTypes;` +
    `if(!types||types.indexOf("paint")===-1||document.visibilityState==="hidden"){start();return}` +
    `new PerformanceObserver(function(list,o){if(list.getEntriesByName("first-contentful-paint").length){o.disconnect();setTimeout(start,0)}})` +
    `.observe({type:"paint",buffered:true});` +
    `setTimeout(start,${LOADER_FALLBACK_MS})})()`;
  return `<script${nonceAttr(nonce)}>${body}</script>`;
}

/**
 * The queued URL, and a preload of it when `preload` is on. Measured (interleaved loads of the 2,000-function
 * graph): with the browser on the server's machine (local mode) preloads make both moments later, first paint
 * 300 → 444 ms and interactive 765 → 931 ms, as the server compresses and sends ~800 KB of scripts while the page
 * paints on the same two cores; across a network (emulated 80 ms round trip, 20 Mbit/s) they bring interactivity
 * forward, 990 → 840 ms, for a first paint 400 → 456 ms.
 */
function queuedScript(src: string, nonce: string | undefined, preload: boolean): string {
  const fetchEarly = preload ? `<link rel="preload" as="script" href="${src}"${nonceAttr(nonce)}/>` : "";
  return `${fetchEarly}<script${nonceAttr(nonce)}>(${QUEUE}=${QUEUE}||[]).push(${jsString(src)})</script>`;
}

export interface PaintFirstOptions {
  /** Also preload each queued script (for browsers on other machines; see queuedScript). */
  preload?: boolean;
}

/** Where the unfinished tail of a piece starts: an unclosed `<script`, or the start of one cut short. */
function holdFrom(html: string): number {
  const open = html.lastIndexOf("<script");
  if (open >= 0 && html.indexOf("</script>", open) < 0) return open;
  for (let k = Math.min(6, html.length); k > 0; k--) if ("<script".startsWith(html.slice(-k))) return html.length - k;
  return html.length;
}

/**
 * A streaming rewriter for one HTML document. A script tag cut between two pieces is held back until it is
 * whole, so the output does not depend on where the stream was cut.
 */
export function paintFirstScripts({ preload = false }: PaintFirstOptions = {}): TextRewriter {
  let held = "";
  let loaderSent = false;

  const rewrite = (html: string): string =>
    html.replace(NEXT_SCRIPT, (tag: string, before: string, src: string, after: string) => {
      const attrs = `${before} ${after}`;
      if (!ATTR_ASYNC.test(attrs) || ATTR_NOMODULE.test(attrs)) return tag;
      const nonce = ATTR_NONCE.exec(attrs)?.[1];
      const queued = queuedScript(src, nonce, preload);
      if (loaderSent) return queued;
      loaderSent = true;
      return loaderScript(nonce) + queued;
    });

  return {
    write(text) {
      const html = held + text;
      const cut = holdFrom(html);
      held = html.slice(cut);
      return rewrite(html.slice(0, cut));
    },
    end() {
      const rest = held;
      held = "";
      return rewrite(rest);
    },
  };
}
