/**
 * The pieces of a value's JSON text join to exactly JSON.stringify's text, whatever the value: a snapshot's id is the
 * hash of that text (lib/store/snapshot-id.ts), and a different text would give a served file another id.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonPieces } from "./json-pieces";

const join = (value: unknown, depth: number) => [...jsonPieces(value, depth)].join("");

describe("jsonPieces", () => {
  it("joins to JSON.stringify's text at every depth", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 6 }), (value, depth) => {
        expect(join(value, depth)).toBe(JSON.stringify(value));
      }),
    );
  });

  it("writes what JSON.stringify writes for members it leaves out or turns to null, and for toJSON", () => {
    const odd = {
      a: undefined,
      b: () => 1,
      c: [undefined, () => 1, Symbol("s"), { toJSON: () => undefined }],
      d: { toJSON: () => "as text" },
      e: { toJSON: () => undefined },
      f: new Date(0),
      "\u2028 \"key\"": "\ud800 lone surrogate",
      7: "an index key first",
      g: Object.assign(Object.create(null) as object, { inner: [1, { x: null }] }),
    };
    for (const depth of [0, 1, 2, 3, 9]) expect(join(odd, depth)).toBe(JSON.stringify(odd));
    expect([...jsonPieces(undefined, 3)]).toEqual([]);
  });

  it("takes containers apart only down to the depth asked", () => {
    const value = { regions: { "us-east-1": { Functions: [{ FunctionName: "a", Role: "r" }, { FunctionName: "b" }] } } };
    expect(jsonPieces(value, 4).next().value).toBe("{");
    expect([...jsonPieces(value, 4)]).toContain(JSON.stringify({ FunctionName: "a", Role: "r" }));
    expect([...jsonPieces(value, 1)]).toEqual(["{", '"regions":', JSON.stringify(value.regions), "}"]);
  });
});
