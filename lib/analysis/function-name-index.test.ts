import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { globMatches } from "@/lib/policy/wildcard";
import { FunctionNameIndex } from "./function-name-index";

const name = fc.stringMatching(/^[ab-]{1,6}$/);
const target = fc
  .record({ region: fc.constantFrom("us-east-1", "eu-west-1"), account: fc.constantFrom("111111111111", "222222222222"), name, alias: fc.option(fc.stringMatching(/^[ab]{1,3}$/), { nil: undefined }) })
  .map(({ region, account, name, alias }) => ({ arn: `arn:aws:lambda:${region}:${account}:function:${name}${alias ? `:${alias}` : ""}` }));

/** A pattern cut from a target ARN with some characters replaced by wildcards, or written from the pieces ARNs use. */
const pattern = fc.oneof(
  fc.tuple(target, fc.array(fc.tuple(fc.nat(), fc.constantFrom("*", "?", "")), { maxLength: 3 })).map(([t, edits]) => {
    let p = t.arn;
    for (const [at, w] of edits) {
      const i = at % (p.length + 1);
      p = p.slice(0, i) + w + p.slice(i + (w === "" ? 0 : 1));
    }
    return p;
  }),
  fc.array(fc.constantFrom("arn:aws:lambda:", "*", "?", ":function:", "a", "b", "-", ":", "us-east-1", "111111111111"), { maxLength: 8 }).map((parts) => parts.join("")),
);

describe("FunctionNameIndex", () => {
  it("never leaves out a target the pattern matches, and keeps the given order", () => {
    fc.assert(
      fc.property(fc.array(target, { maxLength: 30 }), pattern, (targets, p) => {
        const got = new FunctionNameIndex(targets).mayMatch(p);
        const expected = targets.filter((t) => globMatches(p, t.arn));
        for (const t of expected) expect(got).toContain(t);
        const positions = got.map((t) => targets.indexOf(t));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }),
      { numRuns: 3000 },
    );
  });

  it("narrows a name prefix to the functions it starts", () => {
    const targets = ["orders-api", "orders-worker", "payments-api"].map((n) => ({ arn: `arn:aws:lambda:us-east-1:111111111111:function:${n}` }));
    const index = new FunctionNameIndex(targets);
    expect(index.mayMatch("arn:aws:lambda:*:111111111111:function:orders-*")).toEqual(targets.slice(0, 2));
    expect(index.mayMatch(targets[2]!.arn)).toEqual([targets[2]]);
    expect(index.mayMatch("arn:aws:lambda:*:*:*")).toBe(targets);
  });
});
