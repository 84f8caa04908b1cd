/**
 * Action patterns are policy text, so a snapshot controls them: legal but wildcard-heavy ones and regex
 * metacharacters must be analysed like any other (once, a `(` failed the whole report and `*?*?…` hung the server).
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "./analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { REGION, newBuilder } from "./test-support";

describe("hostile action patterns in a role's policy", () => {
  it("are analysed, and the role's other grants still reach what they name", () => {
    const b = newBuilder();
    const role = b.role({
      name: "odd",
      inline: {
        p: policy(allow("(*:get*", "*"), allow(`ec2:${"*?".repeat(30)}zq`, "*"), allow(`lambda:${"*?".repeat(30)}é`, "*"), allow("s3:GetObject", "arn:aws:s3:::bucket/*")),
      },
    });
    b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(b.build())));
    const app = report.functions.find((f) => f.name === "app")!;
    expect(app.reaches.flatMap((r) => r.actions ?? [])).toContain("s3:GetObject");
  });
});
