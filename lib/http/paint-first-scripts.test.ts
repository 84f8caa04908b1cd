import { runInNewContext } from "node:vm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LOADER_FALLBACK_MS, loaderScript, paintFirstScripts } from "./paint-first-scripts";

const NONCE = "IjaFtZrR+c06UGdtgPovow==";

/** The shape Next 16 streams (trimmed from a real /graph response): chunk scripts in <head>, bootstrap at the end. */
const PAGE =
  `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>` +
  `<link rel="stylesheet" href="/_next/static/chunks/20cu4yp0fw_rw.css" nonce="${NONCE}" data-precedence="next"/>` +
  `<script src="/_next/static/chunks/2bz9lf2yokkk9.js" async="" nonce="${NONCE}"></script>` +
  `<script src="/_next/static/chunks/03620cvu5k6iv.js" async="" nonce="${NONCE}"></script>` +
  `<script src="/_next/static/chunks/turbopack-077hmtqrhcoji.js" async="" nonce="${NONCE}"></script>` +
  `<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule="" nonce="${NONCE}"></script>` +
  `<title>Graph · Lambda Permissions Graph</title></head><body class="font-sans">` +
  `<div data-testid="graph-node"><div elementtiming="graph-node">orders-1-fn-0 — ünïcødé ✓</div></div>` +
  `<script nonce="${NONCE}" id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(["x"])</script>` +
  `<script src="/_next/static/chunks/0pflwdioheo1r.js" nonce="${NONCE}" async=""></script>` +
  `<script nonce="${NONCE}">(self.__next_f=self.__next_f||[]).push([0])</script>` +
  `<script nonce="${NONCE}">self.__next_f.push([1,"{\\"src\\":\\"/_next/static/chunks/331bfu8oeqyx2.js\\",\\"async\\":true}"])</script>` +
  `</body></html>`;

const once = (html: string) => {
  const r = paintFirstScripts();
  return r.write(html) + r.end();
};

const queued = (html: string) => [...html.matchAll(/__lpgScripts\|\|\[\]\)\.push\("([^"]+)"\)/g)].map((m) => m[1]);

describe("paintFirstScripts", () => {
  const out = once(PAGE);

  it("turns every async Next chunk script into a queued URL, in document order", () => {
    expect(out).not.toMatch(/<script[^>]*src="\/_next\/static\/chunks\/[^"]+"[^>]*async/);
    expect(queued(out)).toEqual([
      "/_next/static/chunks/2bz9lf2yokkk9.js",
      "/_next/static/chunks/03620cvu5k6iv.js",
      "/_next/static/chunks/turbopack-077hmtqrhcoji.js",
      "/_next/static/chunks/0pflwdioheo1r.js",
    ]);
  });

  it("preloads each queued script where its tag was, only when asked (browsers on other machines)", () => {
    const r = paintFirstScripts({ preload: true });
    const withPreloads = r.write(PAGE) + r.end();
    const preloads = [...withPreloads.matchAll(/<link rel="preload" as="script" href="([^"]+)" nonce="([^"]*)"\/>/g)];
    expect(preloads.map((m) => m[1])).toEqual(queued(withPreloads));
    for (const m of preloads) expect(m[2]).toBe(NONCE);
    expect(withPreloads.indexOf('href="/_next/static/chunks/2bz9lf2yokkk9.js"')).toBeLessThan(withPreloads.indexOf("</head>"));
    expect(withPreloads.replace(/<link rel="preload" as="script"[^>]*\/>/g, "")).toBe(out);
    expect(out).not.toContain('rel="preload" as="script"');
  });

  it("inserts one loader, before the first queued script, with the page's nonce on it and on every push", () => {
    expect(out.split("PerformanceObserver(").length - 1).toBe(1);
    expect(out.indexOf("PerformanceObserver(")).toBeLessThan(out.indexOf('.push("/_next/static/chunks/2bz9lf2yokkk9.js")'));
    expect(out.indexOf("PerformanceObserver(")).toBeLessThan(out.indexOf("</head>"));
    const inline = [...out.matchAll(/<script([^>]*)>[^<]*__lpgScripts/g)].map((m) => m[1]);
    expect(inline.length).toBe(5);
    for (const attrs of inline) expect(attrs).toBe(` nonce="${NONCE}"`);
  });

  it("leaves everything else byte for byte: noModule polyfills, inline scripts, flight data, text", () => {
    const strip = (html: string) =>
      html
        .replace(/<script[^>]*src="\/_next\/static\/chunks\/[^"]+"[^>]*async[^>]*><\/script>/g, "")
        .replace(/<script[^>]*>[^<]*__lpgScripts[^<]*<\/script>/g, "");
    expect(strip(out)).toBe(strip(PAGE));
    expect(out).toContain(`<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule="" nonce="${NONCE}"></script>`);
    expect(out).toContain('\\"src\\":\\"/_next/static/chunks/331bfu8oeqyx2.js\\"');
  });

  it("writes URLs into script text with \"<\" escaped, so none can close the script element", () => {
    const rewritten = once('<script src="/_next/static/chunks/a</script><b>.js" async=""></script>');
    expect(rewritten).toContain('.push("/_next/static/chunks/a\\u003c/script>\\u003cb>.js")');
    expect(rewritten.match(/<\/script>/g)?.length).toBe(2); // the loader's and the push's own
  });

  it("passes documents without Next chunk scripts through unchanged", () => {
    for (const html of [
      "<!doctype html><p>plain</p>",
      '<script src="/analytics.js" async=""></script><p>x</p>',
      '<script src="/_next/static/chunks/a.js"></script>', // not async: already ordered and blocking by choice
      "",
    ]) {
      expect(once(html)).toBe(html);
    }
  });

  it("gives the same output however the stream is cut", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: PAGE.length - 1 }), { maxLength: 40 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), PAGE.length];
        const r = paintFirstScripts();
        let streamed = "";
        for (let i = 1; i < points.length; i++) streamed += r.write(PAGE.slice(points[i - 1], points[i]));
        streamed += r.end();
        expect(streamed).toBe(out);
      }),
      { numRuns: 500 },
    );
  });
});

/** Runs the loader in a sandbox whose browser parts are fakes the test drives. */
function runLoader(opts: { paint?: boolean; hidden?: boolean; nonce?: string } = {}) {
  const appended: { src: string; async: boolean; nonce: string }[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  let observer: ((list: { getEntriesByName(name: string): unknown[] }, o: { disconnect(): void }) => void) | null = null;
  let observed: unknown = null;
  let disconnected = false;
  class FakeObserver {
    static supportedEntryTypes = opts.paint === false ? ["navigation"] : ["paint", "element"];
    constructor(cb: typeof observer) {
      observer = cb;
    }
    observe(o: unknown) {
      observed = o;
    }
  }
  const sandbox: Record<string, unknown> = {
    PerformanceObserver: FakeObserver,
    setTimeout: (fn: () => void, ms: number) => timers.push({ fn, ms }),
    document: {
      visibilityState: opts.hidden ? "hidden" : "visible",
      createElement: () => ({ src: "", async: true, nonce: "" }),
      head: { appendChild: (el: { src: string; async: boolean; nonce: string }) => appended.push({ ...el }) },
    },
  };
  sandbox.self = sandbox;
  const html = loaderScript(opts.nonce ?? NONCE);
  const code = /<script[^>]*>([\s\S]*)<\/script>/.exec(html)?.[1] ?? "";
  runInNewContext(code, sandbox);
  const push = (src: string) => runInNewContext(`(self.__lpgScripts=self.__lpgScripts||[]).push(${JSON.stringify(src)})`, sandbox);
  const paint = (names: string[]) =>
    observer?.({ getEntriesByName: (n: string) => names.filter((x) => x === n) }, { disconnect: () => (disconnected = true) });
  const runTimers = (filter: (ms: number) => boolean) => {
    for (const t of timers.splice(0).filter((t) => filter(t.ms))) t.fn();
  };
  return { appended, timers, push, paint, runTimers, observed: () => observed, disconnected: () => disconnected };
}

describe("the loader", () => {
  it("waits for the first contentful paint, then inserts the queued scripts in order, unordered-async off, with the nonce", () => {
    const page = runLoader();
    page.push("/_next/a.js");
    page.push("/_next/b.js");
    expect(page.observed()).toEqual({ type: "paint", buffered: true });
    page.paint(["first-paint"]); // a blank background is not the content
    page.runTimers((ms) => ms === 0);
    expect(page.appended).toEqual([]);
    page.paint(["first-contentful-paint"]);
    expect(page.disconnected()).toBe(true);
    page.runTimers((ms) => ms === 0);
    expect(page.appended).toEqual([
      { src: "/_next/a.js", async: false, nonce: NONCE },
      { src: "/_next/b.js", async: false, nonce: NONCE },
    ]);
    page.push("/_next/c.js"); // streamed after the start: loaded at once
    expect(page.appended.map((s) => s.src)).toEqual(["/_next/a.js", "/_next/b.js", "/_next/c.js"]);
  });

  it("starts after the fallback delay when no paint is reported, and only once", () => {
    const page = runLoader();
    page.push("/_next/a.js");
    expect(page.timers.map((t) => t.ms)).toEqual([LOADER_FALLBACK_MS]);
    page.runTimers(() => true);
    page.paint(["first-contentful-paint"]);
    page.runTimers(() => true);
    expect(page.appended.map((s) => s.src)).toEqual(["/_next/a.js"]);
  });

  it("starts at once where no paint will be reported: hidden page, browser without paint timing", () => {
    for (const opts of [{ hidden: true }, { paint: false }]) {
      const page = runLoader(opts);
      page.push("/_next/a.js");
      expect(page.appended.map((s) => s.src)).toEqual(["/_next/a.js"]);
      expect(page.observed()).toBeNull();
    }
  });

  it("holds no markup: its body has no \"<\"", () => {
    expect(/<script[^>]*>([\s\S]*)<\/script>/.exec(loaderScript(NONCE))?.[1]).not.toMatch(/</);
  });

  it("works without a nonce (no CSP)", () => {
    const page = runLoader({ nonce: "" });
    page.push("/_next/a.js");
    page.runTimers(() => true);
    expect(page.appended).toEqual([{ src: "/_next/a.js", async: false, nonce: "" }]);
  });
});
