/**
 * As in the demo (internal-reports): the alias prod's policy names
 * arn:aws:iam::123456789012:role/service-role/reporting-dashboard-role, a role of the scanned account that is not in the
 * snapshot's RoleDetailList (GetAccountAuthorizationDetails lists every role of the account). The report once listed
 * it as an invoker with decision "allowed" (it gives it no invokerRoles entry and puts nothing in the function's
 * `unknown` list).
 * The same grant to a role the snapshot holds is answered through that role's permissions boundary (a boundary that
 * allows no invoke gives "implicitly-denied": lambda-permissions.md §5.2, "an implicit deny in the boundary still blocks
 * it"), so for a role whose boundary the snapshot does not hold the answer cannot be "allowed": it is conditional, and
 * the missing role is data the snapshot lacks (README, "Unknown is not fine"). The entry's `reason` says so: its
 * condition summary, met by a call through the URL, would otherwise read as the cause.
 */
import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { analyzeModel } from "./analyze";
import { invokersOf } from "./invokers";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

describe("a same-account role named by a function policy but absent from the snapshot", () => {
  it("is not a certain invoker", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.permission(fn, { sid: "ghost", principal: `arn:aws:iam::${ACCOUNT}:role/service-role/reporting-dashboard-role` });
    const model = modelOf(b);
    const [ghost] = invokersOf(model, model.functions[0]!);
    expect(ghost?.sid).toBe("ghost");
    expect(ghost?.decision).toBe("conditional");
    // The statement has no condition: the entry says what makes it conditional.
    expect(ghost?.conditionSummary).toBeUndefined();
    expect(ghost?.reason).toMatch(/not in the snapshot/);
  });

  it("says so beside a URL grant's own condition, which holds for the URL and so is not the cause", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    const ghost = `arn:aws:iam::${ACCOUNT}:role/service-role/reporting-dashboard-role`;
    b.url(fn, { authType: "AWS_IAM" });
    b.permission(fn, { sid: "url", principal: ghost, action: "lambda:InvokeFunctionUrl", urlAuthType: "AWS_IAM" });
    b.permission(fn, { sid: "invoke", principal: ghost, invokedViaUrl: true });
    const model = modelOf(b);
    const grants = invokersOf(model, model.functions[0]!).filter((i) => i.via === "resource-policy");
    expect(grants.map((g) => [g.sid, g.decision, g.reason])).toEqual([
      ["url", "conditional", expect.stringMatching(/not in the snapshot/)],
      ["invoke", "conditional", expect.stringMatching(/not in the snapshot/)],
    ]);
  });

  it("control: the same grant to a role the snapshot holds, under a boundary that allows no invoke, is refused", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    const boundary = b.managedPolicy({ name: "nothing", document: policy(allow("s3:GetObject", "*")) });
    b.permission(fn, { sid: "bounded", principal: b.role({ name: "caller", boundary }) });
    const model = modelOf(b);
    const [bounded] = invokersOf(model, model.functions[0]!);
    expect(bounded?.decision).toBe("implicitly-denied");
    expect(bounded?.reason).toBeUndefined();
    expect(analyzeModel(model).functions[0]?.unknown).toEqual([]);
  });
});
