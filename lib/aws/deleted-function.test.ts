/**
 * A function deleted between ListFunctions and the reads about it (a CI pipeline tearing down a preview stack while
 * the scan runs): Lambda answers ResourceNotFoundException to each of them. Every read then means "none", as
 * GetPolicy's and GetFunctionConfiguration's always did, not a failed call that makes a function no longer there
 * read as unknown and be listed under "Failed calls".
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { scanAccount } from "./collect";
import { lambdaError } from "@/test/aws-endpoint/lambda";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import type { SnapshotInput } from "@/lib/snapshot/schema";

const root = path.resolve(__dirname, "../..");
const demo = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8")) as SnapshotInput;
const serve = useLocalEndpoint();
const GONE = "arn:aws:lambda:us-east-1:123456789012:function:pricing-engine"; // has aliases and published versions

describe("a function deleted after it was listed", () => {
  it("has nothing read about it and no failed call recorded; the other functions are read as before", async () => {
    const ep = await serve(demo, {
      faults: {
        rewrite: (x) =>
          x.service === "lambda" && x.operation !== "ListFunctions" && (x.target === GONE || x.target?.startsWith(`${GONE}:`))
            ? lambdaError(404, "ResourceNotFoundException", `Function not found: ${GONE}`)
            : undefined,
      },
    });
    const { snapshot } = await scanAccount({ regions: ["us-east-1"] });
    expect(ep.calls.some((c) => c.operation === "ListAliases" && c.target === GONE && c.status === 404)).toBe(true);
    expect(ep.calls.some((c) => c.operation === "ListVersionsByFunction" && c.target === GONE && c.status === 404)).toBe(true);
    expect(snapshot.errors.filter((e) => e.target?.startsWith(GONE))).toEqual([]);
    const region = snapshot.regions["us-east-1"] as { ListAliases?: Record<string, unknown>; ListVersionsByFunction?: Record<string, unknown> };
    expect(region.ListAliases?.[GONE]).toBeUndefined();
    expect(region.ListVersionsByFunction?.[GONE]).toBeUndefined();
    expect(Object.keys(region.ListAliases ?? {})).toHaveLength(2);
  });
});
