/** A route's query, one value per key: a key repeated with different values is refused, not read as its last. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseQuery, queryRecord } from "./query-record";

const params = (q: string) => new URLSearchParams(q);

describe("queryRecord", () => {
  it("reads each key once, and a key repeated with one value as that value", () => {
    expect(queryRecord(params("a=1&b=2&a=1"))).toEqual({ ok: true, record: { a: "1", b: "2" } });
    expect(queryRecord(params(""))).toEqual({ ok: true, record: {} });
  });

  it("refuses every key given different values, naming each: the pages read the first, Object.fromEntries the last", () => {
    expect(queryRecord(params("format=json&format=sarif&snapshot=latest&x=1&x=2&x=3"))).toEqual({
      ok: false,
      issues: ["format: given 2 different values; send one", "x: given 3 different values; send one"],
    });
  });
});

describe("parseQuery", () => {
  const schema = z.object({ format: z.enum(["json", "sarif"]).default("json") }).strict();

  it("answers the schema's data or its issues, as invalidQuery lists them", () => {
    expect(parseQuery(schema, params("format=sarif&format=sarif"))).toEqual({ ok: true, data: { format: "sarif" } });
    expect(parseQuery(schema, params("format=xml"))).toMatchObject({ ok: false, issues: [expect.stringMatching(/^format: /)] });
    expect(parseQuery(schema, params("format=json&format=sarif"))).toEqual({ ok: false, issues: ["format: given 2 different values; send one"] });
  });
});
