/**
 * Where one analysis allocates (`npm run bench -- alloc`): the inspector's sampling heap profiler, told to keep the
 * samples of objects collected since (young and old), around one `analyzeSnapshot` after a warm-up one. Allocation,
 * unlike wall time, barely moves with the machine's load, so a change meant to cut garbage is measured here first.
 * Usage: node --import tsx bench/alloc-profile.ts FILE [top=25]; ALLOC_CALLERS=name also lists who calls the
 * functions of that name (`splitArn`, `Map`), two callers deep.
 * The sampler names the outermost optimized function: what TurboFan inlined counts as its caller's
 * (`--no-turbo-inlining` spreads it out, but turns off some escape analysis too). Totals vary by ~3 % run to run.
 */
import { readFileSync } from "node:fs";
import { findSourceMap } from "node:module";
import { Session } from "node:inspector/promises";
import { PerformanceObserver, constants } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { analyzeSnapshot } from "@/lib/analysis/analyze";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { callFrame: CallFrame; selfSize: number; children: ProfileNode[] };

const [file = "", topArg = "25"] = process.argv.slice(2);
const top = Number(topArg);
const callersOf = process.env.ALLOC_CALLERS;
const log = (line: string) => process.stdout.write(line + "\n");
const mb = (bytes: number) => (bytes / 1048576).toFixed(1).padStart(7);

const snapshot = parseSnapshotValue(JSON.parse(readFileSync(file, "utf8")));
analyzeSnapshot(snapshot);

const session = new Session();
session.connect();
await session.post("HeapProfiler.enable");
await session.post("HeapProfiler.startSampling", {
  samplingInterval: 32768,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
let scavenges = 0;
let markCompacts = 0;
const gcs = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = (e.detail as { kind?: number } | undefined)?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) scavenges++;
    else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) markCompacts++;
  }
});
gcs.observe({ entryTypes: ["gc"] });
const before = getHeapStatistics();
const findings = analyzeSnapshot(snapshot).findings.length;
const after = getHeapStatistics();
const { profile } = (await session.post("HeapProfiler.stopSampling")) as { profile: { head: ProfileNode } };
session.disconnect();
await new Promise((resolve) => setTimeout(resolve, 50)); // gc entries arrive after the work that caused them
gcs.disconnect();

/** Where a function starts in its TypeScript source (tsx compiles each module to one line, so V8's line is 1). */
function sourceLine(f: CallFrame): string {
  const entry = findSourceMap(f.url)?.findEntry(f.lineNumber, f.columnNumber);
  const line = entry && "originalLine" in entry ? entry.originalLine : f.lineNumber;
  return `${f.url.replace(/^file:\/\/.*?\/(lib|bench|node_modules)\//, "$1/")}:${line + 1}`;
}

/**
 * Self bytes per function and line, summed over every call path that reaches it. A builtin (`Map`, `push`, a
 * generator's `next`) is named with the script function that called it, which is the site one would change.
 */
const sites = new Map<string, number>();
const callers = new Map<string, number>();
let total = 0;
const stack: { node: ProfileNode; caller: string; chain: string }[] = [{ node: profile.head, caller: "(root)", chain: "(root)" }];
for (let item = stack.pop(); item; item = stack.pop()) {
  const { node, caller, chain } = item;
  const f = node.callFrame;
  const script = f.url !== "";
  const name = script ? `${f.functionName || "(anonymous)"} ${sourceLine(f)}` : `${f.functionName || "(native)"} ← ${caller}`;
  if (node.selfSize > 0) {
    sites.set(name, (sites.get(name) ?? 0) + node.selfSize);
    total += node.selfSize;
    if (f.functionName === callersOf) callers.set(chain, (callers.get(chain) ?? 0) + node.selfSize);
  }
  const below = script ? `${name} ← ${chain.split(" ← ").slice(0, 2).join(" ← ")}` : chain;
  for (const child of node.children) stack.push({ node: child, caller: script ? name : caller, chain: below });
}

const ranked = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
log(`${findings} findings; ${mb(total).trim()} MB allocated in one analysis (sampled), ${scavenges} scavenges, ${markCompacts} mark-compacts`);
log("     MB      %  function  file:line");
for (const [site, bytes] of ranked(sites)) log(`${mb(bytes)} ${((100 * bytes) / total).toFixed(1).padStart(5)}  ${site}`);
for (const [chain, bytes] of ranked(callers)) log(`${mb(bytes)}  ${callersOf} ← ${chain}`);
const delta = (k: "total_heap_size" | "used_heap_size") => `${k} ${mb(after[k] - before[k]).trim()} MB`;
log(`heap statistics after − before: ${delta("total_heap_size")}, ${delta("used_heap_size")}`);
