/**
 * As in the demo (org-shared-lookup): Principal "*" narrowed by aws:PrincipalOrgID; the remediation says "otherwise
 * pin --source-account or name the account". The callers here are IAM principals of the organization's accounts
 * calling Invoke themselves, and their requests carry no aws:SourceAccount: IAM User Guide, global condition keys,
 * reference_policies_condition-keys — "the
 * aws:SourceAccount condition key is only available when the call to your resource is made directly by an AWS service
 * principal". A statement re-added with --source-account would
 * match none of them (StringEquals on an absent key is false): it locks out every intended caller instead of narrowing
 * them. Naming the account (--principal '<account id>', or aws:PrincipalAccount) is the narrowing that works.
 */
import { describe, expect, it } from "vitest";
import { builder, findingsOf, REGION } from "../test-support";
import { crossAccountInvoke } from "./cross-account-invoke";

describe("cross-account-invoke: remediation of an organization grant to principals", () => {
  it("does not advise aws:SourceAccount for direct callers, whose requests never carry it", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "lookup", runtime: "python3.12", role: b.role({ name: "r" }) });
    b.permission(fn, { sid: "AcmeOrganization", principal: "*", orgId: "o-7k3x9q2m1p" });
    const [f] = findingsOf(crossAccountInvoke, b);
    expect(f?.title).toBe("Accounts in organization o-7k3x9q2m1p can invoke this function");
    expect(f?.remediation).not.toMatch(/source-account/i);
  });
});
