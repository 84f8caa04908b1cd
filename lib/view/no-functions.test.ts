import { describe, expect, it } from "vitest";
import { noFunctionsText } from "./no-functions";

describe("noFunctionsText", () => {
  it("names the regions a snapshot covers when none of them has a function", () => {
    expect(noFunctionsText(["us-east-1", "eu-west-1"])).toMatch(/^This snapshot has no Lambda functions in the regions it covers \(us-east-1, eu-west-1\)\./);
    expect(noFunctionsText(["us-east-1"])).toMatch(/in the region it covers \(us-east-1\)/);
  });

  it("says unknown, not none, for a snapshot that covers no region", () => {
    const text = noFunctionsText([]);
    expect(text).toMatch(/covers no region: .*whether the account has any is unknown/);
    expect(text).not.toMatch(/has no Lambda functions/);
  });
});
