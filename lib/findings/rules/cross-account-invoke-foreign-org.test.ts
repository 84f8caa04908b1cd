/**
 * As in the demo (org-shared-lookup): Principal "*" narrowed by aws:PrincipalOrgID o-7k3x9q2m1p, while the account's
 * own organization (DescribeOrganization) is o-acme7k2qx1. The rule read any organization condition as "limited to the
 * organization" (info): a grant naming another organization lets in every account of it, accounts the snapshot knows
 * nothing of, which is the medium case (findings.md: info only when the account is in the same organization).
 */
import { describe, expect, it } from "vitest";
import { builder, findingsOf, REGION } from "../test-support";
import { crossAccountInvoke } from "./cross-account-invoke";

const OWN_ORG = "o-acme7k2qx1";
const OTHER_ORG = "o-7k3x9q2m1p";

/** A function whose policy lets the principals of `grantOrg` invoke it; the account is in `accountOrg`. */
function orgGrant(grantOrg: string, accountOrg: string | "none" | "unread") {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "lookup", runtime: "python3.12", role: b.role({ name: "r" }) });
  b.permission(fn, { sid: "AcmeOrganization", principal: "*", orgId: grantOrg });
  if (accountOrg === "none") {
    delete b.organization().DescribeOrganization;
    b.error({ operation: "DescribeOrganization", code: "AWSOrganizationsNotInUseException", message: "not a member" });
  } else if (accountOrg !== "unread") {
    b.organization({ id: accountOrg });
  }
  return findingsOf(crossAccountInvoke, b);
}

describe("cross-account-invoke: a grant to an organization the account is not in", () => {
  it("another organization than the account's: medium, and the detail says whose organization it is", () => {
    const [f, ...rest] = orgGrant(OTHER_ORG, OWN_ORG);
    expect(rest).toEqual([]);
    expect(f?.title).toBe(`Accounts in organization ${OTHER_ORG} can invoke this function`);
    expect(f?.severity).toBe("medium");
    expect(f?.detail).toContain(`Organization ${OTHER_ORG} is not this account's (account 123456789012 is in ${OWN_ORG})`);
    expect(f?.detail).not.toContain("limited to principals of the organization");
    expect(f?.remediation).toContain("aws lambda remove-permission");
  });

  it("an account in no organization: any organization named is another's, medium", () => {
    const [f] = orgGrant(OTHER_ORG, "none");
    expect(f?.severity).toBe("medium");
    expect(f?.detail).toContain("account 123456789012 is in no organization");
  });

  it("the account's own organization: info, limited to it", () => {
    const [f] = orgGrant(OWN_ORG, OWN_ORG);
    expect(f?.severity).toBe("info");
    expect(f?.detail).toContain("The grant is limited to principals of the organization.");
  });

  it("which organization the account is in unread: info as before, nothing claimed about it", () => {
    const [f] = orgGrant(OTHER_ORG, "unread");
    expect(f?.severity).toBe("info");
    expect(f?.detail).not.toContain("not this account's");
  });
});
