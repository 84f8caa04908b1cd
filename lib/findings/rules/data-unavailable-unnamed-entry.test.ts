/**
 * An IAM list entry set aside with no id that can be read (its Arn and RoleName, or UserName, unreadable): one entry
 * of the list is lost, not the whole of IAM. Functions whose own role was read keep their verdicts on it; what the
 * lost entry may be (a role the list lacks, a user) stays unknown.
 */
import { describe, expect, it } from "vitest";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
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

/** A policy entry of `Policies` named `name` loses every id it had: the reader's form of the gap. */
function unnamedPolicy(name: string): SnapshotPatch {
  return (s) => {
    const entry = (s.iam!.GetAccountAuthorizationDetails!.Policies as unknown as Record<string, unknown>[]).find((p) => p.PolicyName === name)!;
    for (const id of ["Arn", "PolicyName", "PolicyId"]) if (id in entry) entry[id] = 42;
  };
}

/** The same entry left out by the scanner, as lib/aws/collect.ts records one with no Arn and no name. */
function leftOutPolicy(name: string): SnapshotPatch {
  return (s) => {
    const gaad = s.iam!.GetAccountAuthorizationDetails!;
    gaad.Policies = gaad.Policies!.filter((p) => p.PolicyName !== name);
    s.errors = [...(s.errors ?? []), { operation: "GetAccountAuthorizationDetails", code: "MalformedResponse", message: "managed policy without PolicyName was left out: Arn: Invalid input" }];
  };
}

/**
 * worker (as above, its role's verdict certain) beside reader, whose role may read its queue through the managed
 * policy queue-reader alone, and a user who may invoke every function through the managed policy invoke-all.
 */
function withManaged() {
  const b = worker();
  const queue = b.arn("sqs", REGION, "returns");
  const readsQueue = b.managedPolicy({ name: "queue-reader", document: policy(allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], queue)) });
  const reader = b.fn({ region: REGION, name: "reader", runtime: "python3.13", role: b.role({ name: "r2", managed: [readsQueue] }) });
  b.esm({ functionArn: reader, sourceArn: queue, uuid: "22222222-2222-3333-4444-555555555555" });
  const invokeAll = b.managedPolicy({ name: "invoke-all", document: policy(allow("lambda:InvokeFunction", "*")) });
  const ops = b.user({ name: "ops", managed: [invokeAll] });
  return { b, reader, ops };
}

describe("data-unavailable: a managed policy entry with no readable id", () => {
  for (const [form, lose] of [["set aside by the reader", unnamedPolicy], ["left out by the scanner", leftOutPolicy]] as const) {
    it(`${form}: leaves every role and user whose policies were all read judged in full`, () => {
      const { b, reader } = withManaged();
      const patch = lose("queue-reader");
      expect(findingsOf(eventSourceMissingPermissions, b, patch).map((f) => [f.title, f.conditional ?? false])).toEqual([
        [expect.stringContaining("lacks sqs:ReceiveMessage"), false],
        [expect.stringContaining("may lack sqs:ReceiveMessage"), true],
      ]);
      // The gap is the reader's alone: no function is left with the whole of IAM unknown.
      expect(findingsOf(dataUnavailable, b, patch).map((f) => [f.title, f.functions])).toEqual([["Missing data: managed policy queue-reader of role r2", [reader]]]);
    });
  }

  it("keeps unknown what an attachment pointing at it may allow: the user who invokes through it is unread, not gone", () => {
    const { b, ops } = withManaged();
    const s = b.build();
    const invokers = (snapshot: typeof s) => (analyzeSnapshot(parseSnapshot(snapshot)).accountInvokers ?? []).map((a) => a.principal);
    expect(invokers(structuredClone(s))).toContain(ops);
    unnamedPolicy("invoke-all")(s);
    const report = analyzeSnapshot(parseSnapshot(s));
    expect(invokers(s)).not.toContain(ops);
    expect(report.accountInvokersUnread).toEqual([ops]);
    expect(report.unknown).toBeUndefined();
    expect(report.functions.flatMap((f) => f.unknown)).toEqual([]);
  });

  it("a role entry left out by the scanner: the role list is partial, the roles read are judged", () => {
    const b = worker();
    const patch: SnapshotPatch = (s) => {
      const gaad = s.iam!.GetAccountAuthorizationDetails!;
      gaad.RoleDetailList = gaad.RoleDetailList!.filter((r) => r.RoleName !== "other");
      s.errors = [...(s.errors ?? []), { operation: "GetAccountAuthorizationDetails", code: "MalformedResponse", message: "role without RoleName was left out: RoleName: Invalid input" }];
    };
    expect(findingsOf(eventSourceMissingPermissions, b, patch).map((f) => f.title)).toEqual([expect.stringContaining("sqs:ReceiveMessage")]);
    expect(findingsOf(dataUnavailable, b, patch).map((f) => [f.title, f.functions])).toEqual([
      ["Not every IAM role is in the snapshot (the role list lost malformed entries)", []],
    ]);
  });
});
