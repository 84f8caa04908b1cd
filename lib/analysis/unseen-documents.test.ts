/**
 * Which unread documents the scan never saw (a read that failed or was not made) and which it saw and could not use
 * (malformed, or attached but absent from the file): recorded by each writer of `unreadable` as it writes the entry,
 * so no reader depends on the entry's wording. The needs rules stay silent on documents never seen only.
 */
import { describe, expect, it } from "vitest";
import { RawDocument } from "@/lib/snapshot/fixtures/policy-documents";
import { documentName, identityNotSeen, type PrincipalModel } from "./role-model";
import { ACCOUNT, modelOf, newBuilder } from "./test-support";

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement }) as never;
const LOGS = doc({ Effect: "Allow", Action: "logs:*", Resource: "*" });

/** Each unread document by name, with the read that never fetched it or "seen". */
const classified = (p: PrincipalModel | undefined) => Object.fromEntries((p?.unreadable ?? []).map((u) => [documentName(u), p!.unseen.get(u) ?? "seen"]));

function account() {
  const b = newBuilder();
  const refused = (operation: string, target: string, code = "AccessDenied") => b.error({ operation, target, code, message: "denied" });
  const leftOut = [b.policyArn("unfetched"), b.policyArn("unfetched-boundary"), b.policyArn("group-unfetched")];
  refused("GetPolicyVersion", leftOut[0]!);
  refused("GetPolicy", leftOut[1]!, "NotRead");
  refused("GetPolicyVersion", leftOut[2]!);
  const roles = {
    refused: b.role({ name: "refused", inline: { logs: LOGS } }),
    notRead: b.role({ name: "not-read", inline: { logs: LOGS } }),
    inPart: b.role({ name: "in-part", inline: { logs: LOGS } }),
    unfetched: b.role({ name: "unfetched", managed: [leftOut[0]!], boundary: leftOut[1] }),
    // A malformed document whose parse error quotes it, naming a read ("GetPolicy failed ("): seen all the same.
    malformed: b.role({ name: "malformed", inline: { quoting: new RawDocument("GetPolicy failed (x)") } }),
    absent: b.role({ name: "absent", managed: [b.policyArn("not-in-snapshot")], boundary: b.policyArn("boundary-not-in-snapshot") }),
    badTrust: b.role({ name: "bad-trust", trust: "{not json" as never, encoding: "json" }),
  };
  refused("GetRolePolicy", roles.refused);
  refused("ListAttachedRolePolicies", "not-read", "NotRead"); // by name, as a scanner may record it
  refused("ListRolePolicies", roles.inPart, "IncompleteSnapshot");
  b.group({ name: "g", managed: [leftOut[2]!] });
  b.user({ name: "u", groups: ["g", "missing"] });
  return modelOf(b);
}

describe("unread documents the scan never saw, recorded where each entry is written", () => {
  const model = account();
  const role = (name: string) => model.roles.get(`arn:aws:iam::${ACCOUNT}:role/${name}`);

  it("a per-role read that failed, was not made or was read in part: never seen, with that read", () => {
    expect(classified(role("refused"))).toEqual({ "inline policies": "GetRolePolicy" });
    expect(classified(role("not-read"))).toEqual({ "attached managed policies": "ListAttachedRolePolicies" });
    expect(classified(role("in-part"))).toEqual({ "inline policies": "ListRolePolicies" });
    for (const name of ["refused", "not-read", "in-part"]) expect(identityNotSeen(role(name)!), name).toBe(true);
  });

  it("a managed policy the scanner's GetPolicy or GetPolicyVersion could not read: never seen, attached or as boundary", () => {
    expect(classified(role("unfetched"))).toEqual({ "managed policy unfetched": "GetPolicyVersion", "permissions boundary unfetched-boundary": "GetPolicy" });
    expect(identityNotSeen(role("unfetched")!)).toBe(true);
  });

  it("a malformed document, one attached but absent from the file, a malformed trust policy: seen, whatever its error says", () => {
    expect(classified(role("malformed"))).toEqual({ "inline policy quoting": "seen" });
    expect(role("malformed")!.unreadable.join(" ")).toContain("GetPolicy failed (x)");
    expect(classified(role("absent"))).toEqual({ "managed policy not-in-snapshot": "seen", "permissions boundary boundary-not-in-snapshot": "seen" });
    expect(classified(role("bad-trust"))).toEqual({ "trust policy": "seen" });
    for (const name of ["malformed", "absent", "bad-trust"]) expect(identityNotSeen(role(name)!), name).toBe(false);
  });

  it("a user holds its groups' unseen documents as its own; a group missing from the snapshot is not one", () => {
    const user = model.users.get(`arn:aws:iam::${ACCOUNT}:user/u`);
    expect(classified(user)).toEqual({ "group g managed policy group-unfetched": "GetPolicyVersion", "group missing": "seen" });
    expect(identityNotSeen(user!)).toBe(true);
  });
});
