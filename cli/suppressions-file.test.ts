import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readSuppressions } from "./suppressions-file";

describe("--suppress FILE that cannot be read", () => {
  it("says why: no such file, or a directory (not a bare \"cannot be read\")", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lpg-suppress-"));
    await expect(readSuppressions(path.join(dir, "nope.json"))).rejects.toThrow(`--suppress ${dir}/nope.json: no such file`);
    await expect(readSuppressions(dir)).rejects.toThrow(`--suppress ${dir}: is a directory; give the suppressions file in it`);
  });
});
