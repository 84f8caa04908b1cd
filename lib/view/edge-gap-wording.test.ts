/**
 * A function that may run at the edge had nothing fail: CloudFront's associations are data no scan reads.
 * Saying they "could not be read" sends the user to the scan's permissions, which cannot help.
 */
import { describe, expect, it } from "vitest";
import { EDGE_ASSOCIATIONS_NOT_READ } from "@/lib/analysis/edge-function";
import { invokerGapOf, invokerGaps, listSummary } from "./function-gaps";

describe("the Lambda@Edge gap's wording", () => {
  const fn = { invokers: [], unknown: [EDGE_ASSOCIATIONS_NOT_READ] };

  it("the invoker gap's tooltip does not say CloudFront's associations could not be read", () => {
    expect(invokerGapOf(fn)?.why).not.toMatch(/could not be read/);
  });

  it("the details panel's invoker note does not say the data behind the list could not be read", () => {
    expect(listSummary(0, invokerGaps(fn), "none found")).not.toMatch(/could not be read/);
  });
});
