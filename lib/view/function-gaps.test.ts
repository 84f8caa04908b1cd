import { describe, expect, it } from "vitest";
import { MALFORMED_RESPONSE, unavailableEntry, versionRoleSetAside } from "@/lib/analysis/snapshot-gaps";
import { invokerGapOf, invokerGapText, invokerGaps, listSummary, reachGaps } from "./function-gaps";

describe("function gaps", () => {
  const unknown = ["GetPolicy: AccessDeniedException", "GetAccountAuthorizationDetails: could not read managed policy x: document is not in the snapshot"];

  it("sorts unknown entries by the list they affect", () => {
    expect(invokerGaps({ unknown })).toEqual([unknown[0]]);
    expect(reachGaps(unknown)).toEqual([unknown[1]]);
    expect(invokerGaps({ unknown: ["ListAliases: AccessDeniedException"] })).toHaveLength(1);
    expect(reachGaps(["ListFunctions: the function's configuration names no execution role"])).toHaveLength(1);
    expect(reachGaps(["GetPolicy: x"])).toEqual([]);
    expect(invokerGaps({ unknown: ["ListVersionsByFunction: AccessDeniedException"] })).toHaveLength(1); // version grants add invokers
    expect(reachGaps(["GetAccountAuthorizationDetails: could not read trust policy: not JSON"])).toEqual([]); // who may assume, not what it may do
    // Roles of the account that were never listed may invoke through their own policies; the function's own role's
    // unreadable document says nothing about who invokes it.
    expect(invokerGaps({ unknown: ["GetAccountAuthorizationDetails: AccessDenied"] })).toHaveLength(1);
    expect(invokerGaps({ unknown: ["GetAccountAuthorizationDetails: not in the snapshot"] })).toHaveLength(1);
  });

  it("an empty list is 'none' only when its data was read", () => {
    expect(listSummary(0, [], "none found")).toBe("none found");
    expect(listSummary(0, ["GetPolicy: x"], "none found")).toMatch(/^unknown/);
    expect(listSummary(2, ["GetPolicy: x"], "none found")).toMatch(/^may be incomplete/);
    expect(listSummary(2, [], "none found")).toBeUndefined();
  });

  it("invokers of a function whose invoker data was not read are unknown, not none", () => {
    const unread = invokerGapOf({ invokers: [], unknown: ["GetPolicy: AccessDeniedException"] });
    expect(unread).toEqual({ state: "unknown", why: "could not be read: GetPolicy: AccessDeniedException" });
    expect(invokerGapText(unread!)).toBe("invokers unknown");
    const sns = { via: "resource-policy" as const, principal: "sns.amazonaws.com", principalType: "service" as const };
    const some = invokerGapOf({ invokers: [{ ...sns, decision: "allowed" }], unknown: ["GetFunctionUrlConfig: Throttling"] });
    expect(some?.state).toBe("incomplete");
    expect(invokerGapText(some!)).toBe("invokers may be incomplete");
    // A grant its own policy refuses lets no one in (the table counts 0, the graph draws none): still unknown.
    expect(invokerGapOf({ invokers: [{ ...sns, decision: "implicitly-denied" }], unknown: ["ListEventSourceMappings: AccessDeniedException"] })?.state).toBe("unknown");
    expect(invokerGapOf({ invokers: [], unknown: [] })).toBeUndefined();
    // Since roles invoke through their own policies, unlisted IAM roles leave the invokers unknown too; the
    // function's own role's unreadable document does not.
    expect(invokerGapOf({ invokers: [], unknown: ["GetAccountAuthorizationDetails: x"] })?.state).toBe("unknown");
    expect(invokerGapOf({ invokers: [], unknown: ["GetAccountAuthorizationDetails: could not read inline policy p: not JSON"] })).toBeUndefined();
  });

  it("leaves out a version's set-aside Role by the report's rolesUnknown, not by how its entries are worded", () => {
    const arn = "arn:aws:lambda:us-east-1:123456789012:function:orders";
    const why = "Versions.1.Role: not an IAM role ARN (set aside when the snapshot was read)";
    // The entries as analyze.ts writes them, for version 4 and for version 14 (one whose Role is not said set aside).
    const record = (v: string) => unavailableEntry({ operation: "ListVersionsByFunction", code: MALFORMED_RESPONSE, target: `${arn}:${v}` }, arn);
    const unknown = [record("4"), versionRoleSetAside("4", why), record("14"), versionRoleSetAside("14", why)];
    const rolesUnknown = [{ qualifier: "4", why, setAside: true as const }];
    expect(invokerGaps({ arn, unknown, rolesUnknown })).toEqual([record("14"), versionRoleSetAside("14", why)]);
    // Without rolesUnknown saying so, no entry is taken for a set-aside Role, whatever its words.
    expect(invokerGaps({ arn, unknown })).toEqual(unknown);
    expect(invokerGapOf({ arn, invokers: [], unknown: unknown.slice(0, 2), rolesUnknown })).toBeUndefined();
    // A version whose role is unknown because its list lacks it is no set-aside Role: its entries stay.
    const absent = "ListVersionsByFunction: version 4 (alias next) is not in the result: its role and resource policy are unknown";
    expect(invokerGaps({ arn, unknown: [absent], rolesUnknown: [{ qualifier: "4", why: "the function's version list in the snapshot does not hold it" }] })).toEqual([absent]);
  });
});
