/**
 * An IAM list entry set aside with no id that can be read (its Arn and RoleName, or UserName, unreadable): one entry
 * of the list is lost, not the whole of IAM. Functions whose own role was read keep their verdicts on it; what the
 * lost entry may be (a role the list lacks, a user) stays unknown.
 */
import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, REGION, type SnapshotPatch } from "../test-support";
import { eventSourceMissingPermissions } from "./event-source-missing-permissions";
import { executionRoleMissing } from "./execution-role-missing";
import { RULES } from "./registry";

const dataUnavailable = RULES.find((r) => r.id === "data-unavailable")!;

/** A function whose read role may not receive from the queue its mapping reads, beside a role and a user no function runs as. */
function worker() {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "worker", runtime: "python3.13", role: b.role({ name: "r", inline: { p: policy(allow(["logs:CreateLogGroup"], "*")) } }) });
  b.esm({ functionArn: fn, sourceArn: b.arn("sqs", REGION, "orders"), uuid: "11111111-2222-3333-4444-555555555555" });
  b.role({ name: "other" });
  b.user({ name: "deployer" });
  return b;
}

/** The entry of `list` named `name` loses every id it had. */
function unnamed(list: "RoleDetailList" | "UserDetailList", name: string): SnapshotPatch {
  return (s) => {
    const entries = s.iam!.GetAccountAuthorizationDetails![list] as unknown as Record<string, unknown>[];
    const entry = entries.find((e) => e.RoleName === name || e.UserName === name)!;
    for (const id of ["Arn", "RoleName", "RoleId", "UserName", "UserId"]) if (id in entry) entry[id] = 42;
  };
}

describe("data-unavailable: an IAM entry with no readable id", () => {
  it("a role entry: a function whose role was read is still judged on it, the role list's gap said once", () => {
    const b = worker();
    const patch = unnamed("RoleDetailList", "other");
    expect(findingsOf(eventSourceMissingPermissions, b, patch).map((f) => f.title)).toEqual([expect.stringContaining("sqs:ReceiveMessage")]);
    const gaps = findingsOf(dataUnavailable, b, patch);
    expect(gaps.map((f) => f.functions)).toEqual([[]]);
    expect(gaps[0]?.title).toBe("Not every IAM role is in the snapshot (the role list lost malformed entries)");
    expect(gaps[0]?.detail).toContain("an entry with no readable name");
  });

  it("a role entry: a role the list lacks may be it, so it is not called deleted", () => {
    const b = worker();
    const gone = b.fn({ region: REGION, name: "old", runtime: "python3.13", role: b.roleArn("maybe-deleted") });
    expect(findingsOf(executionRoleMissing, b).map((f) => f.functions)).toEqual([[gone]]);
    const patch = unnamed("RoleDetailList", "other");
    expect(findingsOf(executionRoleMissing, b, patch)).toEqual([]);
    const [fnGap] = findingsOf(dataUnavailable, b, patch).filter((f) => f.functions.includes(gone));
    expect(fnGap?.detail).toContain("execution-role-missing");
  });

  it("a user entry: the functions' roles are known, the users are not", () => {
    const b = worker();
    const patch = unnamed("UserDetailList", "deployer");
    expect(findingsOf(eventSourceMissingPermissions, b, patch)).toHaveLength(1);
    expect(findingsOf(dataUnavailable, b, patch).filter((f) => f.functions.length > 0)).toEqual([]);
  });
});
