/**
 * Two processes (the CLI's `scan` and the dashboard, or two servers) saving the same snapshot into one store at the
 * same moment: exactly one stores it and the other is told it is already stored, and the index names it once. Each
 * process serialises only its own saves, so this needs the file system's word, not an in-process queue. Many rounds,
 * each started in both processes at once, so that the two saves overlap in some of them.
 */
import { afterEach, describe, expect, it } from "vitest";
import { fork, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { useTempDir } from "./test-support";

type Answer = { round: number; id: string; duplicate: boolean } | { round: number; error: string };

const root = resolve(__dirname, "../..");
const dir = useTempDir("lpg-two-processes-");
let children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children) child.kill();
  children = [];
});

function start(): Promise<ChildProcess> {
  const child = fork(join(root, "test/save-snapshot-child.ts"), [dir()], { cwd: root, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.push(child);
  return new Promise((done, fail) => {
    child.once("message", (m) => (m === "ready" ? done(child) : fail(new Error(String(m)))));
    child.once("exit", (code) => fail(new Error(`child exited ${code}`)));
  });
}

function save(child: ChildProcess, round: number): Promise<Answer> {
  return new Promise((done) => {
    const on = (m: Answer) => {
      if (m.round !== round) return;
      child.off("message", on);
      done(m);
    };
    child.on("message", on);
    child.send({ round });
  });
}

describe("two processes saving the same snapshot at once", () => {
  it("store it once: one says stored, the other already stored, and the index names it once", async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const rounds = Array.from({ length: 25 }, (_, i) => i + 1);
    const outcomes: string[] = [];
    const ids: string[] = [];
    for (const round of rounds) {
      const both = await Promise.all([save(a!, round), save(b!, round)]);
      outcomes.push(both.map((s) => ("error" in s ? s.error : s.duplicate ? "already stored" : "stored")).sort().join(" / "));
      ids.push(...both.flatMap((s) => ("id" in s ? [s.id] : [])));
    }
    expect(outcomes).toEqual(rounds.map(() => "already stored / stored"));
    const index = JSON.parse(await readFile(join(dir(), "index.json"), "utf8")) as { snapshots: { id: string }[] };
    const indexed = index.snapshots.map((e) => e.id);
    expect(indexed).toHaveLength(rounds.length);
    expect(new Set(indexed)).toEqual(new Set(ids));
  });
});
