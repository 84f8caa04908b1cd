/**
 * ELK in a worker thread for the server's layouts (server-layout.ts). ELK lays out synchronously: on the request
 * thread a view of 84 functions held every other request, any user's, for about 5 s, and one of 150 for 11 s
 * (`npm run bench -- layout`). In a thread of its own it costs the server a core, not its answers.
 *
 * The thread runs plain JavaScript handed over as text, and loads elkjs from the app's node_modules by path: Next
 * bundles the server's code, so no file of ours is there to start a worker from. Where elkjs is not at that path
 * (a process started outside the app's directory without LPG_APP_ROOT), there is no thread and the caller lays out
 * on its own thread as before.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ElkNode } from "elkjs/lib/elk-api";
import { appRoot } from "@/lib/app-root";

const THREAD_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const ELK = require(workerData.elk);
const elk = new ELK();
parentPort.on("message", ({ id, graph }) => {
  elk.layout(graph).then(
    (result) => parentPort.postMessage({ id, result }),
    (e) => parentPort.postMessage({ id, error: String((e && e.message) || e) }),
  );
});
`;

interface Waiting {
  resolve(result: ElkNode): void;
  reject(error: Error): void;
}

interface LayoutThread {
  worker: Worker;
  waiting: Map<number, Waiting>;
  /** Fails every layout waiting on the thread, and makes the next layout start a new one. */
  fail(error: Error): void;
}

let thread: LayoutThread | null = null;
let nextId = 0;

function elkPath(): string | undefined {
  const p = path.join(appRoot(), "node_modules", "elkjs", "lib", "elk.bundled.js");
  return existsSync(p) ? p : undefined;
}

function startThread(): LayoutThread | null {
  const elk = elkPath();
  if (!elk) return null;
  const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { elk } });
  const t: LayoutThread = {
    worker,
    waiting: new Map(),
    fail(error) {
      if (thread === t) thread = null;
      for (const w of t.waiting.values()) w.reject(error);
      t.waiting.clear();
    },
  };
  // Idle, the thread must not keep a CLI command or a test process alive; while a layout runs, it must.
  worker.unref();
  worker.on("message", (m: { id: number; result?: ElkNode; error?: string }) => {
    const w = t.waiting.get(m.id);
    if (!w) return;
    t.waiting.delete(m.id);
    if (t.waiting.size === 0) worker.unref();
    if (m.error !== undefined || !m.result) w.reject(new Error(`ELK: ${m.error ?? "no result"}`));
    else w.resolve(m.result);
  });
  // A thread that fails takes its layouts with it; the next layout starts a new one.
  worker.on("error", (e) => t.fail(e));
  worker.on("exit", (code) => t.fail(new Error(`ELK's layout thread exited with code ${code}`)));
  return t;
}

/**
 * The longest a layout may take: the largest view (150 functions) takes ~11 s here. Past it ELK is taken to be stuck,
 * and its thread is ended, or it would hold every later layout: the server lays out one at a time.
 */
export const LAYOUT_TIMEOUT_MS = 120_000;

/** ELK's layout of `graph`, computed on the layout thread; null where there can be no thread (see above). */
export function layoutOffThread(graph: ElkNode, timeoutMs = LAYOUT_TIMEOUT_MS): Promise<ElkNode> | null {
  thread ??= startThread();
  const t = thread;
  if (!t) return null;
  const id = nextId++;
  return new Promise<ElkNode>((resolve, reject) => {
    const timer = setTimeout(() => {
      t.fail(new Error(`ELK: no layout after ${timeoutMs} ms; its thread was ended`));
      void t.worker.terminate();
    }, timeoutMs);
    timer.unref();
    const settle = <T>(f: (v: T) => void) => (v: T) => {
      clearTimeout(timer);
      f(v);
    };
    t.waiting.set(id, { resolve: settle(resolve), reject: settle(reject) });
    t.worker.ref();
    t.worker.postMessage({ id, graph });
  });
}

/** Ends the layout thread (tests: a thread that exits mid-layout). The next layout starts a new one. */
export async function stopLayoutThread(): Promise<void> {
  await thread?.worker.terminate();
}
