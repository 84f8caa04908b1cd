/**
 * Long AWS principal lists are indexed (principal.ts): the answer must be the one reading the list entry by entry
 * gives, and asking about each entry of a list of hundreds must not read the whole list each time.
 */
import { describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { emptyPrincipalSet } from "./parse-principal";
import { principalMatchKind } from "./principal";
import type { PrincipalSet, RequestPrincipal } from "./types";

const reads = vi.hoisted(() => ({ roots: 0 }));
vi.mock("./arn", async (original) => {
  const real = await original<typeof import("./arn")>();
  return { ...real, accountOfRootArn: (...args: Parameters<typeof real.accountOfRootArn>) => (reads.roots++, real.accountOfRootArn(...args)) };
});

const A = "111122223333";
const B = "444455556666";
const set = (aws: string[]): PrincipalSet => ({ ...emptyPrincipalSet(), aws });
const ENTRIES = [
  `arn:aws:iam::${A}:root`,
  `arn:aws-cn:iam::${A}:root`,
  `arn:aws:iam::${B}:root`,
  `arn:aws:iam::${A}:role/app`,
  `arn:aws:iam::${A}:role/other`,
  `arn:aws:iam::${A}:role/service-role/app`,
  `arn:aws:iam::${A}:user/bob`,
  `arn:aws:sts::${A}:assumed-role/app/fn`,
  `arn:aws:sts::${A}:assumed-role/app/other`,
  `arn:aws:sts::${B}:assumed-role/app/fn`,
  `arn:aws:iam::*:role/app`,
  "AROAABCDEFGHIJKLMNOP",
  A,
];
const CALLERS: RequestPrincipal[] = [
  { type: "role", id: `arn:aws:iam::${A}:role/app`, account: A },
  { type: "role", id: `arn:aws:iam::${A}:role/service-role/app`, account: A, session: "fn" },
  { type: "role", id: `arn:aws-cn:iam::${A}:role/app`, account: A },
  { type: "user", id: `arn:aws:iam::${A}:user/bob`, account: A },
  { type: "account", id: `arn:aws:iam::${B}:root`, account: B },
  { type: "account", id: A, account: A },
  { type: "role", id: `arn:aws:iam::*:role/app`, account: "*" },
];
/** Entries that name none of the callers: padding a list with them changes no answer. */
const filler = (i: number) => `arn:aws:iam::999999999999:role/filler-${i}`;

describe("principalMatchKind on long AWS lists", () => {
  it("answers as for the list without padding (fast-check, differential)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ENTRIES), { maxLength: 8 }),
        fc.array(fc.nat(), { minLength: 20, maxLength: 40 }),
        fc.constantFrom(...CALLERS),
        (entries, spots, caller) => {
          const padded = spots.map((_, i) => filler(i));
          entries.forEach((e, i) => padded.splice((spots[i] ?? 0) % (padded.length + 1), 0, e));
          const inOrder = padded.filter((e) => !e.includes(":role/filler-"));
          expect(principalMatchKind(set(padded), caller)).toBe(principalMatchKind(set(inOrder), caller));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("reads a list of hundreds once, not once per question", () => {
    const accounts = Array.from({ length: 500 }, (_, i) => String(100000000000 + i));
    const named = set(accounts.map((a) => `arn:aws:iam::${a}:root`));
    reads.roots = 0;
    for (const a of accounts) expect(principalMatchKind(named, { type: "account", id: `arn:aws:iam::${a}:root`, account: a })).toBe("exact");
    for (const a of accounts) expect(principalMatchKind(named, { type: "role", id: `arn:aws:iam::${a}:role/r`, account: a })).toBe("account");
    expect(reads.roots).toBeLessThan(5 * accounts.length);
  });
});
