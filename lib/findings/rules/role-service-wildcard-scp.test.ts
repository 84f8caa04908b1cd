/**
 * As in the demo (media-transcoder-role: s3:* on *, under the ProtectProductionData SCP that denies s3:DeleteBucket):
 * the detail said "All 180 s3 actions … are allowed on *" while the role's reach shows DeleteBucket refused by the SCP.
 * The rule still judges the role's own grant (medium stays); the detail says so and names what the SCP refuses today.
 */
import { describe, expect, it } from "vitest";
import { policy } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, REGION, scpsDenying } from "../test-support";
import { roleServiceWildcard } from "./role-service-wildcard";

function s3StarUnder(scpDenies: string[]) {
  const b = builder();
  const role = b.role({ name: "media", inline: { p: policy({ Effect: "Allow", Action: "s3:*", Resource: "*" }) } });
  b.fn({ region: REGION, name: "transcoder", runtime: "nodejs22.x", role });
  b.organization(scpsDenying(scpDenies));
  return findingsOf(roleServiceWildcard, b);
}

describe("role-service-wildcard under an SCP that refuses some of the service", () => {
  it("says the role's own policies allow them all, and which the SCP refuses today, with its statement", () => {
    const [f, ...rest] = s3StarUnder(["s3:DeleteBucket"]);
    expect(rest).toEqual([]);
    expect(f?.severity).toBe("medium");
    expect(f?.detail).toMatch(/^All \d+ s3 actions in the IAM catalog \(s3:\*\) are allowed by the role's own policies on \*: /);
    expect(f?.detail).toContain(
      "Of these, the organization's guardrails refuse s3:DeleteBucket today (Deny in SCP 'ProtectData' (p-protect1) attached to ou-a1b2-prod2222, statement NoDeletes): the role's own policies grant it, so it returns if the guardrail changes.",
    );
    expect(f?.evidence.map((e) => e.description)).toContain("Deny in SCP 'ProtectData' (p-protect1) attached to ou-a1b2-prod2222, statement NoDeletes");
  });

  it("an SCP that refuses none of it: the detail as before", () => {
    const [f] = s3StarUnder([]);
    expect(f?.detail).toMatch(/^All \d+ s3 actions in the IAM catalog \(s3:\*\) are allowed on \*: /);
    expect(f?.detail).not.toContain("guardrails refuse");
  });
});
