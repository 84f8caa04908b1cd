/**
 * The compiled check must accept exactly what the zod schema accepts and leave the value as zod would return
 * it (defaults filled in): differential over hostile edits of the demo account, whose snapshot uses every field.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { demoSnapshotPath } from "./demo";
import { EVERY_EDIT, mutated, paths } from "./fixtures/mutations";
import { SnapshotSchema } from "./schema";
import { hasSnapshotShape } from "./shape-check";

const demo: unknown = JSON.parse(readFileSync(demoSnapshotPath(), "utf8"));

/** Both readings of one JSON value (snapshots are JSON, so the edits go through it too). */
function both(value: unknown) {
  const text = JSON.stringify(value) ?? "null";
  const checked: unknown = JSON.parse(text);
  return { ok: hasSnapshotShape(checked), checked, zod: SnapshotSchema.safeParse(JSON.parse(text)) };
}

describe("hasSnapshotShape agrees with SnapshotSchema", () => {
  it("accepts the demo account unchanged", () => {
    const { ok, checked, zod } = both(demo);
    expect(ok).toBe(true);
    expect(checked).toEqual(zod.data);
    expect(checked).toEqual(demo);
  });

  it("fills the schema's defaults as zod does", () => {
    const { ok, checked, zod } = both({ format: "lambda-permissions-graph/snapshot@1", capturedAt: "2026-11-28T10:00:00Z", account: "123456789012", regions: { "us-east-1": { ListFunctions: {} } } });
    expect(ok).toBe(true);
    expect(checked).toEqual(zod.data);
    expect(checked).toMatchObject({ partition: "aws", errors: [], regions: { "us-east-1": { ListFunctions: { Functions: [] } } } });
  });

  it("rejects what zod rejects", () => {
    for (const bad of [{ account: "12" }, { partition: "aws-mars" }, { regions: [] }, { errors: [{}] }, { capturedAt: 5 }, { capturedAt: "yesterday" }, { capturedAt: "2026-13-45T00:00:00Z" }]) {
      const { ok, zod } = both({ ...(demo as object), ...bad });
      expect(zod.success).toBe(false);
      expect(ok).toBe(false);
    }
  });

  it("1,000 hostile edits of the demo: same verdict, same value (fast-check)", () => {
    const verdicts = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(mutated(demo, paths(demo), EVERY_EDIT), (snap) => {
        const { ok, checked, zod } = both(snap);
        expect(ok).toBe(zod.success);
        if (ok) expect(checked).toEqual(zod.data);
        verdicts[ok ? "accepted" : "rejected"]++;
      }),
      { numRuns: 1000, seed: 20261129 },
    );
    expect(verdicts.accepted).toBeGreaterThan(100);
    expect(verdicts.rejected).toBeGreaterThan(100);
  });
});
