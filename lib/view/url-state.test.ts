import { describe, expect, it } from "vitest";
import { drawingKey, graphStatePatch, loadGraphViewState, serializeGraphViewState } from "./url-state";

describe("graphStatePatch", () => {
  it.each([
    ["a focus", { focus: "fn:a" }],
    ["a pick from search", { node: "fn:a", focus: "fn:a", q: null }],
    ["clearing the focus", { focus: null }],
    ["a severity filter", { sev: ["high" as const] }],
    ["a service filter", { svc: ["sqs"] }],
    ["a region filter", { region: [] }],
    ["only with findings", { findings: true }],
    ["show more", { limit: 70 }],
  ])("drops the viewport with %s: the graph is redrawn and re-fitted", (_what, patch) => {
    expect(graphStatePatch(patch)).toEqual({ ...patch, vp: null });
  });

  it.each([
    ["selecting a node", { node: "role:r" }],
    ["typing a search", { q: "ord" }],
    ["panning", { vp: "1,2,0.5" }],
  ])("keeps it with %s: the drawing stays", (_what, patch) => {
    expect(graphStatePatch(patch)).toBe(patch);
  });
});

describe("drawingKey", () => {
  const state = loadGraphViewState("?sev=high&focus=fn%3Aa");
  it("is the same whichever node is selected: picking one draws nothing new", () => {
    expect(drawingKey({ ...state, node: "role:r" })).toBe(drawingKey({ ...state, node: null }));
  });
  it("differs for another focus or filter", () => {
    expect(drawingKey({ ...state, focus: "fn:b" })).not.toBe(drawingKey(state));
    expect(drawingKey({ ...state, sev: [] })).not.toBe(drawingKey(state));
  });
});

describe("a view's key read back", () => {
  it("is the drawing it was made for, whatever the selection", () => {
    const state = loadGraphViewState("?sev=high&who=public&rule=function-url-public&node=fn:a&limit=40");
    const key = serializeGraphViewState(state);
    expect(drawingKey(loadGraphViewState(key))).toBe(drawingKey(state));
    expect(drawingKey(loadGraphViewState(key))).not.toBe(drawingKey(loadGraphViewState("")));
    expect(drawingKey(loadGraphViewState(""))).toBe(drawingKey(loadGraphViewState({})));
  });
});
