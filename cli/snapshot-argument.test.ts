import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { readSnapshotFile } from "@/lib/snapshot/read";
import { readAtMost } from "./snapshot-argument";

const dir = mkdtempSync(path.join(tmpdir(), "lpg-snapshot-arg-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("oversized snapshots are refused before they are read whole", () => {
  it("standard input: refused once past the limit, the rest of the stream left unread", async () => {
    let pulled = 0;
    const stream = Readable.from(
      (function* () {
        for (let i = 0; i < 1000; i++) {
          pulled++;
          yield Buffer.alloc(1024, 32);
        }
      })(),
    );
    await expect(readAtMost(stream, 10 * 1024, "standard input")).rejects.toThrow("standard input: larger than 0.009765625 MiB");
    expect(pulled).toBeLessThan(20);
  });

  it("standard input within the limit comes back whole", async () => {
    const bytes = await readAtMost(Readable.from([Buffer.from("ab"), Buffer.from("cd")]), 4, "standard input");
    expect(Buffer.from(bytes).toString()).toBe("abcd");
  });

  it("a file: refused by its size, without reading it (3 GiB, sparse)", async () => {
    const file = path.join(dir, "huge.json");
    writeFileSync(file, "");
    truncateSync(file, 3 * 1024 ** 3);
    await expect(readSnapshotFile(file)).rejects.toThrow(`${file}: larger than 512 MiB`);
    // Said as such, not wrapped as a failure to read the file.
    await expect(readSnapshotFile(file)).rejects.not.toThrow("cannot read");
  });

  it("standard input as text chunks (an encoding set on the stream) counts their bytes", async () => {
    await expect(readAtMost(Readable.from(["ab", "cd", "ef"], { objectMode: true }), 4, "standard input")).rejects.toThrow("larger than");
    const bytes = await readAtMost(Readable.from(["é", "a"], { objectMode: true }), 3, "standard input");
    expect(Buffer.from(bytes).toString()).toBe("éa");
  });
});

