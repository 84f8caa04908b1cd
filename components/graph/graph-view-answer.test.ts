import { describe, expect, it } from "vitest";
import { graphViewOf, ViewRequestError } from "./graph-view-answer";

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("graphViewOf", () => {
  it("passes the view of a 200 on", async () => {
    await expect(graphViewOf(json(200, { nodes: [], edges: [] }))).resolves.toEqual({ nodes: [], edges: [] });
  });

  it("says a refused query's problems after its error, and keeps the status", async () => {
    const failed = graphViewOf(json(400, { error: "invalid query", issues: ['query: Unrecognized key: "severity"'] }));
    await expect(failed).rejects.toThrow(new ViewRequestError('invalid query: query: Unrecognized key: "severity"', 400));
    await expect(failed).rejects.toMatchObject({ status: 400 });
  });

  it("names the status when the answer is not JSON", async () => {
    await expect(graphViewOf(new Response("Bad Gateway", { status: 502 }))).rejects.toMatchObject({ message: "the server answered 502", status: 502 });
  });
});
