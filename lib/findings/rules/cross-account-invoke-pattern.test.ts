/**
 * A `*` grant narrowed only by an account pattern (StringLike aws:PrincipalAccount 1234567890??) lets in every account
 * the pattern matches. public-invoke's caller from an unknown account is refused, so it is no public grant; the fixed
 * account values cross-account-invoke read passed it by, and no rule reported the other accounts it lets in.
 */
import { describe, expect, it } from "vitest";
import { ACCOUNT, builder, findingsOf, REGION } from "../test-support";
import { crossAccountInvoke } from "./cross-account-invoke";
import { publicInvoke } from "./public-invoke";

function starGrantWhen(operator: string, key: string, value: string) {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: b.role({ name: "app" }) });
  b.resourcePolicy(fn, {
    Version: "2012-10-17",
    Statement: [{ Sid: "near", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn, Condition: { [operator]: { [key]: value } } }],
  });
  return b;
}

const titles = (b: ReturnType<typeof builder>) => findingsOf(crossAccountInvoke, b).map((f) => `${f.severity} ${f.title}`);

describe("cross-account-invoke: an account pattern", () => {
  it("matching accounts besides this one: medium, naming the pattern", () => {
    expect(titles(starGrantWhen("StringLike", "aws:PrincipalAccount", "1234567890??"))).toEqual(["medium Accounts matching 1234567890?? can invoke this function"]);
    expect(findingsOf(publicInvoke, starGrantWhen("StringLike", "aws:PrincipalAccount", "1234567890??"))).toEqual([]);
  });

  it("with a star in it, and for another account's sources (aws:SourceAccount)", () => {
    expect(titles(starGrantWhen("StringLike", "aws:SourceAccount", "2109*"))).toEqual(["medium Accounts matching 2109* can invoke this function"]);
  });

  it("that only this account can match: none", () => {
    expect(titles(starGrantWhen("StringLike", "aws:PrincipalAccount", `${ACCOUNT}*`))).toEqual([]);
  });

  it("under StringEquals, a literal no account has: none", () => {
    expect(titles(starGrantWhen("StringEquals", "aws:PrincipalAccount", "1234567890??"))).toEqual([]);
  });

  it("matching every account: public-invoke's, not reported again here", () => {
    expect(titles(starGrantWhen("StringLike", "aws:PrincipalAccount", "*"))).toEqual([]);
    expect(findingsOf(publicInvoke, starGrantWhen("StringLike", "aws:PrincipalAccount", "*")).map((f) => f.severity)).toEqual(["critical"]);
  });
});
