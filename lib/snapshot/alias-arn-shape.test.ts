/**
 * An alias ARN Lambda could never give (a control character, a bidi override, 100,000 characters, not an ARN) is
 * no alias to offer in Run as nor to draw: its function's alias list is set aside when the snapshot is read, recorded,
 * so its aliases read as unknown, as a function name Lambda refuses sets that function aside.
 */
import { describe, expect, it } from "vitest";
import { ACCOUNT, newBuilder, REGION } from "@/lib/analysis/test-support";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { readSnapshot } from "./read";

const FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:consumer`;

function withAlias(aliasArn: string) {
  const b = newBuilder();
  b.fn({ region: REGION, name: "consumer", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
  b.version(FN, "1");
  b.alias(FN, "live", "1");
  const snap = JSON.parse(JSON.stringify(b.build())) as { regions: Record<string, { ListAliases: Record<string, { Aliases: unknown[] }> }> };
  snap.regions[REGION]!.ListAliases[FN]!.Aliases.push({ AliasArn: aliasArn, Name: "x", FunctionVersion: "1" });
  return readSnapshot(snap);
}

describe("an alias ARN Lambda could not give", () => {
  it.each([
    ["a bidi override and a CSI", `${FN}:l\u202eive\u009b2J`],
    ["100,000 characters", `${FN}:${"a".repeat(100_000)}`],
    ["not an ARN", "<img src=x onerror=alert(1)>"],
  ])("%s: the function's alias list is set aside, recorded, and no alias is offered", (_, arn) => {
    const { snapshot, setAside } = withAlias(arn);
    expect(setAside).toEqual([{ field: `regions.${REGION}.ListAliases.${FN}`, target: FN, message: expect.stringMatching(/^Aliases\.1\.AliasArn: not a Lambda function ARN/) }]);
    const fn = analyzeSnapshot(snapshot).functions[0]!;
    expect([fn.name, fn.aliases, fn.unknown]).toEqual(["consumer", [], ["ListAliases: MalformedResponse"]]);
  });

  it("an alias ARN as Lambda gives it is read", () => {
    const { setAside, snapshot } = withAlias(`${FN}:blue_green-2`);
    expect(setAside).toEqual([]);
    expect(analyzeSnapshot(snapshot).functions[0]!.aliases!.map((a) => a.arn)).toEqual([`${FN}:live`, `${FN}:blue_green-2`]);
  });
});
