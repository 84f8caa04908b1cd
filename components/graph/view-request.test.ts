/**
 * A selection on the graph already drawn asks for its details alone and keeps the drawing (the same objects, so the
 * canvas draws nothing anew); any other view state asks for the whole view.
 */
import { describe, expect, it } from "vitest";
import type { GraphView } from "@/lib/view/graph-view";
import { loadGraphViewState } from "@/lib/view/url-state";
import { viewRequest } from "./view-request";

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const state = { ...loadGraphViewState(""), node: "group:resource:logs", sev: ["high" as const] };
const drawn = { visible: { nodes: [], edges: [] }, counts: { critical: 1, high: 2, medium: 0, low: 0, info: 0 } } as unknown as GraphView;

describe("viewRequest", () => {
  it("asks for the whole view of a graph the page does not hold", async () => {
    const request = viewRequest("snap-1", state, undefined);
    expect(request.url).toBe("/api/graph?snapshot=snap-1&node=group:resource:logs&sev=high");
    const whole = { ...drawn, selected: null, missing: [] };
    await expect(request.read(json(200, whole))).resolves.toEqual(whole);
  });

  it("asks for the selection alone on a graph it holds, and keeps that graph's drawing and counts", async () => {
    const request = viewRequest("snap-1", state, drawn);
    expect(request.url).toBe("/api/graph/details?snapshot=snap-1&node=group:resource:logs&sev=high");
    const selected = { node: { id: "group:resource:logs" }, findings: [] };
    const view = await request.read(json(200, { selected, missing: ["fn:gone"] }));
    expect(view).toEqual({ visible: drawn.visible, counts: drawn.counts, selected, missing: ["fn:gone"] });
    expect(view.visible).toBe(drawn.visible);
    expect(view.counts).toBe(drawn.counts);
  });

  it("keeps the drawing's word on the ARN a Can do name was asked as, which the PNG header says", async () => {
    const asked = { ...drawn, reachAskedAs: "asked as arn:aws:sqs:us-east-1:123456789012:orders (the only queue named orders)" };
    const view = await viewRequest("snap-1", state, asked).read(json(200, { selected: null, missing: [] }));
    expect(view.reachAskedAs).toBe(asked.reachAskedAs);
  });

  it("keeps the drawing's note on a Can do action the catalog lacks, which the filter bar says", async () => {
    const asked = { ...drawn, reachNote: "s3:PutObjects is not an action in the IAM action catalog" };
    const view = await viewRequest("snap-1", state, asked).read(json(200, { selected: null, missing: [] }));
    expect(view.reachNote).toBe(asked.reachNote);
  });

  it("says why a details answer failed, with its status, as a view's", async () => {
    const failed = viewRequest("s", state, drawn).read(json(401, { error: "sign-in required" }));
    await expect(failed).rejects.toMatchObject({ message: "sign-in required", status: 401 });
  });
});
