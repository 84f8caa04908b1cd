/**
 * Stopping `serve` while a dashboard scan runs or an upload is stored or still arriving, at process level: a `serve` of its own (the build Playwright's web
 * server made), its own store and its own local AWS endpoint; the scan started through the HTTP API, the process
 * signalled, its exit, stderr and store checked. The moment of the signal is known, never guessed: the store's write
 * is held by test/hold-fs-call.ts until the test says go on, and each step waits on serve's output.
 * No browser: the scan's state is the server process's, which only a real process and a real signal exercise.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startAwsEndpoint, type AwsEndpoint } from "../test/aws-endpoint/server";
import { scenarioFromSnapshot } from "../test/aws-endpoint/scenario";
import { endpointEnv } from "../test/aws-endpoint/env";
import { createFileStore } from "../lib/store/file-store";
import { freePort } from "../lib/http/free-port";
import { FINISHING_WRITE, UPLOAD_NOT_STORED, UPLOAD_STOPPING_ANSWER } from "../lib/store/interrupted";
import type { SnapshotInput } from "../lib/snapshot/schema";

const root = path.resolve(import.meta.dirname, "..");
const mini = JSON.parse(readFileSync(path.join(root, "e2e/fixtures/mini-snapshot.json"), "utf8")) as SnapshotInput;

interface Serve {
  child: ChildProcess;
  url: string;
  store: string;
  /** Resolves once stderr matches `pattern`. */
  said(pattern: RegExp): Promise<void>;
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

let endpoint: AwsEndpoint;
const dirs: string[] = [];
const children: ChildProcess[] = [];

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  // Slow answers: a scan signalled "while reading the account" is still reading when the signal comes.
  endpoint = await startAwsEndpoint({ scenario: scenarioFromSnapshot(mini), faults: { latencyMs: 300 } });
});

test.afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await endpoint.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * `serve` on an empty store (no demo import, so the scan's writes are the store's first); `hold`: the first `link` or
 * `rename` into a path containing `path` waits for a line on stdin.
 */
async function serve(hold?: { call: "link" | "rename"; path: string }): Promise<Serve> {
  const dir = mkdtempSync(path.join(tmpdir(), "lpg-serve-stop-"));
  dirs.push(dir);
  const store = path.join(dir, "store");
  const port = await freePort();
  const preload = hold ? ["--import", path.join(root, "test/hold-fs-call.ts")] : [];
  const child = spawn(process.execPath, ["--import", "tsx", ...preload, path.join(root, "cli/main.ts"), "serve", "--port", String(port)], {
    cwd: root,
    env: {
      ...process.env,
      ...endpointEnv(endpoint.url),
      LPG_DATA_DIR: store,
      LPG_DEMO_SNAPSHOT: "/nonexistent",
      LPG_SCAN_REGIONS: "us-east-1",
      LPG_SCAN_ORGANIZATIONS: "off",
      ...(hold ? { HOLD_FS_CALL: hold.call, HOLD_PATH: hold.path } : {}),
    },
  });
  children.push(child);
  let stderr = "";
  const waiting: { pattern: RegExp; resolve: () => void }[] = [];
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
    for (const w of waiting.filter((x) => x.pattern.test(stderr))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  });
  child.stdin!.on("error", () => undefined); // a child that ended on the signal no longer reads
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stderr })),
  );
  const said = (pattern: RegExp) =>
    pattern.test(stderr)
      ? Promise.resolve()
      : Promise.race([
          new Promise<void>((resolve) => waiting.push({ pattern, resolve })),
          ended.then((r) => Promise.reject(new Error(`serve ended (${r.code ?? r.signal}) before saying ${pattern}:\n${r.stderr}`))),
        ]);
  await said(/^Dashboard on /m);
  return { child, url: `http://127.0.0.1:${port}`, store, said, ended };
}

async function startScan(url: string): Promise<void> {
  const res = await fetch(`${url}/api/scan`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  expect(res.status).toBe(202);
}

/**
 * Uploads the mini snapshot: the server stops while the upload is stored. Its answer, or the error of a connection a
 * second Ctrl-C cut.
 */
function startUpload(url: string): Promise<{ status: number; body: { snapshot?: { id: string } } } | Error> {
  return fetch(`${url}/api/snapshots?name=mini.json`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(mini) }).then(
    async (r) => ({ status: r.status, body: (await r.json()) as { snapshot?: { id: string } } }),
    (e: Error) => e,
  );
}

/**
 * Uploads the mini snapshot's first half and resolves once the server has the request (its `100 Continue`), the rest
 * never sent; `answer` is what the server answered, or the error of a connection it closed.
 */
function startHalfUpload(url: string): Promise<{ answer: Promise<{ status: number; body: string } | Error> }> {
  const bytes = Buffer.from(JSON.stringify(mini));
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/snapshots?name=mini.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": bytes.length, expect: "100-continue" },
    });
    const answer = new Promise<{ status: number; body: string } | Error>((done) => {
      req.on("response", (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => done({ status: res.statusCode ?? 0, body }));
        res.on("error", done);
      });
      req.on("error", done);
    });
    req.on("continue", () => {
      req.write(bytes.subarray(0, bytes.length / 2));
      resolve({ answer });
    });
    req.on("error", reject);
  });
}

/** Every file under the store, temp files (hidden) included. */
function filesIn(store: string): string[] {
  if (!existsSync(store)) return [];
  return readdirSync(store, { recursive: true, encoding: "utf8" }).sort();
}

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Once serve holds the store's write (`holding <call>`), sends `signal` and waits until serve says it finishes the write first. */
async function signalWhileHeld(s: Serve, call: "link" | "rename", signal: NodeJS.Signals): Promise<void> {
  await s.said(new RegExp(`^holding ${call} `, "m"));
  s.child.kill(signal);
  await s.said(new RegExp(escaped(FINISHING_WRITE)));
}

/**
 * Ctrl-C while the snapshot file's write is held, then the write let go on: serve exits 0 without a stack, saying under
 * which id the snapshot was stored, and the store holds that one snapshot, no temp file beside it.
 */
async function expectWriteFinishedAndStoredOnce(s: Serve): Promise<string> {
  await signalWhileHeld(s, "link", "SIGINT");
  s.child.stdin!.write("go on\n");
  const r = await s.ended;
  expect(r.code).toBe(0);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const index = JSON.parse(readFileSync(path.join(s.store, "index.json"), "utf8")) as { snapshots: { id: string }[] };
  const ids = index.snapshots.map((e) => e.id);
  expect(ids).toHaveLength(1);
  expect(r.stderr).toContain(`Interrupted: the snapshot was stored as ${ids[0]} before stopping.`);
  expect(filesIn(s.store)).toEqual(["index.json", "snapshots", path.join("snapshots", `${ids[0]}.json.gz`)]);
  return ids[0]!;
}

test("Ctrl-C while a dashboard scan writes into the store lets the write finish, says so, and exits 0", async () => {
  const s = await serve({ call: "link", path: "snapshots/" });
  await startScan(s.url);
  await expectWriteFinishedAndStoredOnce(s);
});

test("a second Ctrl-C while the write is still held stops at once, its temp file removed; the next start lists the snapshot", async () => {
  // Held at the index: the snapshot file is in place, the index naming it not yet (the half state a stop can leave).
  const s = await serve({ call: "rename", path: "index.json" });
  await startScan(s.url);
  await signalWhileHeld(s, "rename", "SIGINT");
  s.child.kill("SIGINT");
  const r = await s.ended;
  expect(r.signal).toBe("SIGINT"); // ends as a second Ctrl-C ends a command
  const files = filesIn(s.store);
  expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
  expect(r.stderr).toContain("Interrupted again: stopped without finishing the write into the store");
  const [snapshotFile] = files.filter((f) => f.endsWith(".json.gz"));
  expect(files).toEqual(["snapshots", snapshotFile]);
  // The next start brings the index in line with the file (lib/store/file-store.ts readIndex).
  const listed = await createFileStore({ dir: s.store }).listSnapshots();
  expect(listed.map((m) => `${path.join("snapshots", m.id)}.json.gz`)).toEqual([snapshotFile]);
});

test("SIGTERM while a dashboard scan still reads the account stores nothing, says so, and exits 0", async () => {
  const s = await serve();
  endpoint.reset();
  await startScan(s.url);
  await expect.poll(() => endpoint.calls.length).toBeGreaterThan(0);
  s.child.kill("SIGTERM");
  const r = await s.ended;
  expect(r.code).toBe(0);
  expect(r.stderr).toContain("Interrupted: the snapshot was not stored. The scan running was still reading the account");
  // Nothing written, not even once the scan got to its end while the server was closing.
  expect(filesIn(s.store).filter((f) => f !== "snapshots")).toEqual([]);
});

test("Ctrl-C while an upload is stored lets the write finish, answers the upload in full, says so, and exits 0", async () => {
  const s = await serve({ call: "link", path: "snapshots/" });
  const answer = startUpload(s.url);
  const id = await expectWriteFinishedAndStoredOnce(s);
  // The server closing did not cut its answer (lib/http/close-gently.ts).
  expect(await answer).toEqual({ status: 201, body: expect.objectContaining({ snapshot: expect.objectContaining({ id }) }) });
});

test("an upload still arriving when serve stops is answered 503, stores nothing, and the log says so", async () => {
  const s = await serve();
  const { answer } = await startHalfUpload(s.url);
  s.child.kill("SIGINT");
  const r = await s.ended;
  expect(r.code).toBe(0);
  expect(r.stderr).toContain(UPLOAD_NOT_STORED);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const answered = await answer;
  expect(answered).not.toBeInstanceOf(Error);
  expect(answered).toMatchObject({ status: 503 });
  expect(JSON.parse((answered as { body: string }).body)).toEqual({ error: UPLOAD_STOPPING_ANSWER });
  expect(filesIn(s.store).filter((f) => f !== "snapshots")).toEqual([]);
});

test("a second Ctrl-C while an upload's write is held stops at once, its temp file removed", async () => {
  const s = await serve({ call: "rename", path: "index.json" });
  void startUpload(s.url);
  await signalWhileHeld(s, "rename", "SIGTERM");
  s.child.kill("SIGINT");
  const r = await s.ended;
  expect(r.signal).toBe("SIGINT");
  expect(r.stderr).toContain("Interrupted again: stopped without finishing the write into the store");
  const files = filesIn(s.store);
  expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
  expect(files.filter((f) => f.endsWith(".json.gz"))).toHaveLength(1);
});
