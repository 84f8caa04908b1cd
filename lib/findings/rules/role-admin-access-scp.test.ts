/**
 * As in the demo (ops-admin-toolkit-role, support-ticket-router-role): an admin role in an account whose SCP denies
 * s3:DeleteBucket, dynamodb:DeleteTable and kms:ScheduleKeyDeletion. The rule judges the role's own grant (critical
 * stays), but its detail said the code "holds these rights", all 12, while the reach of the same role shows them
 * refused by the SCP: the detail now names what the guardrail refuses today, and the SCP statement is evidence.
 */
import { describe, expect, it } from "vitest";
import { builder, findingsOf, REGION, scpsDenying } from "../test-support";
import { roleAdminAccess } from "./role-admin-access";

function adminUnder(scpDenies: string[]) {
  const b = builder();
  const role = b.role({ name: "ops", managed: [b.attachAwsManaged("AdministratorAccess")] });
  b.fn({ region: REGION, name: "ops-tool", runtime: "nodejs22.x", role });
  b.organization(scpsDenying(scpDenies));
  return findingsOf(roleAdminAccess, b);
}

describe("role-admin-access under an SCP that refuses some probes", () => {
  it("stays critical on the role's own grant, and says which probes the SCP refuses today, with its statement", () => {
    const [f, ...rest] = adminUnder(["s3:DeleteBucket", "dynamodb:DeleteTable"]);
    expect(rest).toEqual([]);
    expect(f?.severity).toBe("critical");
    expect(f?.detail).toContain("the evaluator answers allowed for 12 on the role's own policies.");
    expect(f?.detail).toContain("the organization's guardrails refuse s3:DeleteBucket, dynamodb:DeleteTable today (Deny in SCP 'ProtectData' (p-protect1)");
    expect(f?.detail).toContain("(or anyone who can change it) holds the rest.");
    expect(f?.detail).not.toContain("holds these rights");
    expect(f?.evidence.map((e) => e.description)).toContainEqual(expect.stringMatching(/^Deny in SCP 'ProtectData' \(p-protect1\) attached to ou-a1b2-prod2222, statement NoDeletes$/));
  });

  it("an SCP that refuses none of them: the detail as before", () => {
    const [f] = adminUnder([]);
    expect(f?.detail).toContain("the evaluator answers allowed for 12. Code running in ops-tool (or anyone who can change it) holds these rights.");
  });
});
