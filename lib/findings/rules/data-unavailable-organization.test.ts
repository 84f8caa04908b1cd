/**
 * A member account's scan usually may not list its organization's SCPs and RCPs: one account-level data-unavailable
 * finding says so, why (the errors[] entry), and that every "allowed" assumes they permit it; answers keep their
 * meaning. Without an organizations section (older snapshots), or in no organization, nothing is said.
 */
import { describe, expect, it } from "vitest";
import { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS } from "@/lib/snapshot/fixtures/builder";
import { builder, findingsOf, REGION } from "../test-support";
import { RULES } from "./registry";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { dataGaps } from "@/lib/view/data-gaps";

const dataUnavailable = RULES.find((r) => r.id === "data-unavailable")!;
const ORG_FINDING = "data-unavailable:account#Organizations";

function account() {
  const b = builder();
  const role = b.role({ name: "r", managed: [b.attachAwsManaged("AWSLambdaBasicExecutionRole")] });
  b.fn({ region: REGION, name: "a", runtime: "python3.13", role });
  b.fn({ region: REGION, name: "b", runtime: "python3.13", role });
  return b;
}

const orgFindings = (b: ReturnType<typeof builder>) => findingsOf(dataUnavailable, b).filter((f) => f.id.startsWith(ORG_FINDING));

describe("data-unavailable: the organization's guardrails", () => {
  it("one finding for the account when ListRoots was refused, citing the error", () => {
    const b = account();
    const org = b.organization();
    for (const k of ["ListRoots", "ListParents", "ListPoliciesForTarget", "DescribePolicy"]) delete org[k];
    b.error({ operation: "ListRoots", code: "AccessDeniedException", message: "You don't have permissions to access this resource." });
    const [f, ...rest] = orgFindings(b);
    expect(rest).toEqual([]);
    expect(f?.functions).toEqual([]);
    expect(f?.title).toBe('The organization\'s SCPs and RCPs could not be read: every "allowed" assumes they permit it');
    expect(f?.detail).toContain("ListRoots failed (AccessDeniedException");
    expect(f?.evidence[0]).toMatchObject({ kind: "api-error", document: { operation: "ListRoots", code: "AccessDeniedException" } });
    expect(f?.remediation).toContain("management account or a delegated administrator");
  });

  it("a refused read naming no target is the account's gap, said once, not a copy under every function", () => {
    const b = account();
    const org = b.organization();
    for (const k of ["ListRoots", "ListParents", "ListPoliciesForTarget", "DescribePolicy"]) delete org[k];
    b.error({ operation: "ListRoots", code: "AccessDeniedException", message: "denied" });
    expect(findingsOf(dataUnavailable, b).map((f) => [f.id.startsWith(ORG_FINDING), f.functions])).toEqual([[true, []]]);
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(b.build())));
    expect(report.functions.map((f) => f.unknown)).toEqual([[], []]);
    // What the SCPs and RCPs may refuse stays unknown, for the account: every "allowed" is said to assume they permit it.
    expect(report.unknown).toEqual(['The organization\'s SCPs and RCPs: which policy types are enabled is unknown: ListRoots failed (AccessDeniedException: denied); every "allowed" assumes they permit it']);
  });

  it("a refused DescribeOrganization leaves unknown whether there is an organization at all, and says so", () => {
    const b = account();
    const org = b.organization();
    for (const k of Object.keys(org)) delete org[k];
    b.error({ operation: "DescribeOrganization", target: "123456789012", code: "AccessDeniedException", message: "denied" });
    const [f] = orgFindings(b);
    expect(f?.detail).toMatch(/^Whether the account is in an AWS Organizations organization is unknown: /);
    expect(f?.detail).not.toContain("The account is in an AWS Organizations organization");
  });

  it("the overview and the reports list it with what could not be read", () => {
    const b = account();
    const org = b.organization();
    delete org.ListRoots;
    b.error({ operation: "ListRoots", code: "AccessDeniedException", message: "denied" });
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(b.build())));
    expect(report.unknown).toEqual(['The organization\'s SCPs and RCPs: which policy types are enabled is unknown: ListRoots failed (AccessDeniedException: denied); every "allowed" assumes they permit it']);
    expect(dataGaps(report)?.summary).toBe("1 part of the account was not read · 1 API call failed during the scan");
    expect(analyzeSnapshot(parseSnapshot(JSON.stringify(account().build()))).unknown).toBeUndefined();
  });

  it("a refused ListRoots with every level's lists read: nothing unread, no finding, the guardrails applied from the root", () => {
    const b = account();
    const org = b.organization({
      enabled: ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"],
      scps: { "r-a1b2": [FULL_AWS_ACCESS], "123456789012": [FULL_AWS_ACCESS] },
      rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], "123456789012": [RCP_FULL_AWS_ACCESS] },
    });
    delete org.ListRoots;
    b.error({ operation: "ListRoots", target: "o-a1b2c3d4e5", code: "AccessDeniedException", message: "denied" });
    expect(orgFindings(b)).toEqual([]);
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(b.build())));
    expect(report.unknown).toBeUndefined();
    expect(report.organization).toEqual({ state: "applied", id: "o-a1b2c3d4e5", path: ["r-a1b2", "123456789012"], scps: 1, rcps: 1 });

    // The RCP lists not read at all: only whether RCPs are enabled is unknown, and only that names ListRoots.
    delete (org.ListPoliciesForTarget as Record<string, unknown>).RESOURCE_CONTROL_POLICY;
    const [f, ...rest] = orgFindings(b);
    expect(rest).toEqual([]);
    expect(f?.detail).toContain("whether RCPs are enabled is unknown: ListRoots o-a1b2c3d4e5 failed (AccessDeniedException: denied)");
    expect(f?.detail).toContain("Its SCPs were read and are applied.");
  });

  it("a malformed SCP makes them unknown too, the evidence naming the policy", () => {
    const b = account();
    b.organization({ scps: { "r-a1b2": [FULL_AWS_ACCESS, { id: "p-broken12", name: "Broken", document: "{" }], "123456789012": [FULL_AWS_ACCESS] } });
    const [f] = orgFindings(b);
    expect(f?.evidence[0]).toMatchObject({ kind: "api-error", document: { operation: "DescribePolicy", target: "p-broken12", code: "MalformedPolicy" } });
  });

  it("one type unread: the finding names it and says the other is applied; the report lists only it", () => {
    const b = account();
    const org = b.organization({
      enabled: ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"],
      scps: { "r-a1b2": [FULL_AWS_ACCESS], "123456789012": [FULL_AWS_ACCESS] },
      rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], "123456789012": [RCP_FULL_AWS_ACCESS] },
    });
    delete (org.ListPoliciesForTarget as Record<string, Record<string, unknown>>).RESOURCE_CONTROL_POLICY!["123456789012"];
    b.error({ operation: "ListPoliciesForTarget", target: "123456789012", code: "ThrottlingException", message: "Rate exceeded" });
    const [f, ...rest] = orgFindings(b);
    expect(rest).toEqual([]);
    expect(f?.title).toBe('The organization\'s RCPs could not be read: every "allowed" assumes they permit it');
    expect(f?.detail).toContain("Its resource control policies (which limit requests on its resources) may refuse");
    expect(f?.detail).not.toContain("service control policies");
    expect(f?.detail).toContain("Its SCPs were read and are applied.");
    expect(f?.evidence[0]).toMatchObject({ kind: "api-error", document: { operation: "ListPoliciesForTarget", code: "ThrottlingException" } });
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(b.build())));
    expect(report.unknown).toEqual([expect.stringMatching(/^The organization's RCPs: the RCPs attached to 123456789012 are unknown: ListPoliciesForTarget 123456789012 failed \(ThrottlingException/)]);
    expect(report.organization).toMatchObject({ state: "applied", scps: 1, unread: ["rcp"] });
    expect(report.organization?.rcps).toBeUndefined();
  });

  it("both types read in part: the finding names both, cites each read, and says what was read is applied", () => {
    const b = account();
    const org = b.organization({
      ous: ["ou-a1b2-prod2222"],
      enabled: ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"],
      scps: { "r-a1b2": [FULL_AWS_ACCESS], "ou-a1b2-prod2222": [FULL_AWS_ACCESS], "123456789012": [FULL_AWS_ACCESS] },
      rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], "ou-a1b2-prod2222": [RCP_FULL_AWS_ACCESS], "123456789012": [RCP_FULL_AWS_ACCESS] },
    });
    const lists = org.ListPoliciesForTarget as Record<string, Record<string, object>>;
    Object.assign(lists.SERVICE_CONTROL_POLICY!["123456789012"]!, { NextToken: "page-2" });
    Object.assign(lists.RESOURCE_CONTROL_POLICY!["123456789012"]!, { NextToken: "page-2" });
    b.error({ operation: "ListPoliciesForTarget", target: "123456789012", code: "ThrottlingException", message: "Rate exceeded" });
    const [f, ...rest] = orgFindings(b);
    expect(rest).toEqual([]);
    expect(f?.title).toBe('The organization\'s SCPs and RCPs could not all be read: every "allowed" assumes the unread ones permit it');
    expect(f?.detail).toContain("not every SCP attached to 123456789012 is known");
    expect(f?.detail).toContain("not every RCP attached to 123456789012 is known");
    expect(f?.detail).toContain("Its service control policies (which limit the account's roles and users) and resource control policies (which limit requests on its resources) may refuse");
    expect(f?.detail).toContain('every "allowed" in this report assumes its unread SCPs and RCPs permit it. The SCPs and RCPs that were read are applied: a Deny among them refuses.');
    expect(f?.evidence).toHaveLength(2);
    expect(f?.remediation).toContain("throttled");

    // The path to the root cut short: the levels below are applied, the parents above named.
    const path = account();
    const cut = path.organization({ ous: ["ou-a1b2-prod2222"], scps: { "r-a1b2": [FULL_AWS_ACCESS], "ou-a1b2-prod2222": [FULL_AWS_ACCESS], "123456789012": [FULL_AWS_ACCESS] } });
    Object.assign((cut.ListParents as Record<string, object>)["ou-a1b2-prod2222"]!, { NextToken: "page-2" });
    const [p] = orgFindings(path);
    expect(p?.title).toBe('The organization\'s SCPs could not all be read: every "allowed" assumes the unread ones permit it');
    expect(p?.detail).toContain("the parents above ou-a1b2-prod2222 could not be read: only the first pages of ListParents for ou-a1b2-prod2222 were read");
    // RCPs are not enabled there: nothing is said of them.
    expect(p?.detail).not.toContain("RCP");
    expect(p?.detail).toContain("The SCPs that were read are applied: a Deny among them refuses.");
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(path.build())));
    expect(report.organization).toMatchObject({ state: "applied", path: ["ou-a1b2-prod2222", "123456789012"], cutAbove: "ou-a1b2-prod2222", unread: ["scp"], unreadInPart: true });
  });

  it("a refused ListParents for the account: the finding names the account's parents, the overview its own level applied", () => {
    const b = account();
    const org = b.organization({ scps: { "r-a1b2": [FULL_AWS_ACCESS], "123456789012": [FULL_AWS_ACCESS] } });
    delete org.ListParents;
    b.error({ operation: "ListParents", target: "123456789012", code: "AccessDeniedException", message: "denied" });
    const [f, ...rest] = orgFindings(b);
    expect(rest).toEqual([]);
    expect(f?.title).toBe('The organization\'s SCPs could not all be read: every "allowed" assumes the unread ones permit it');
    expect(f?.detail).toContain("the account's parents could not be read: ListParents 123456789012 failed (AccessDeniedException: denied)");
    expect(f?.detail).toContain("The SCPs that were read are applied: a Deny among them refuses.");
    expect(f?.evidence[0]).toMatchObject({ kind: "api-error", document: { operation: "ListParents", code: "AccessDeniedException" } });
    expect(f?.remediation).toContain("management account or a delegated administrator");
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(b.build())));
    expect(report.organization).toMatchObject({ state: "applied", path: ["123456789012"], cutAbove: "123456789012", scps: 1, unread: ["scp"], unreadInPart: true });
  });

  it("ListRoots refused and the walk up stopped at an OU: the finding cites both reads, the root's policies unapplied", () => {
    const b = account();
    const OU = "ou-a1b2-33333333";
    const org = b.organization({
      ous: [OU],
      enabled: ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"],
      scps: { "r-a1b2": [FULL_AWS_ACCESS], [OU]: [FULL_AWS_ACCESS], "123456789012": [FULL_AWS_ACCESS] },
      rcps: { "r-a1b2": [RCP_FULL_AWS_ACCESS], [OU]: [RCP_FULL_AWS_ACCESS], "123456789012": [RCP_FULL_AWS_ACCESS] },
    });
    delete org.ListRoots;
    delete (org.ListParents as Record<string, unknown>)[OU];
    b.error({ operation: "ListRoots", target: "o-a1b2c3d4e5", code: "AccessDeniedException", message: "denied" });
    b.error({ operation: "ListParents", target: OU, code: "AccessDeniedException", message: "denied" });
    const [f, ...rest] = orgFindings(b);
    expect(rest).toEqual([]);
    expect(f?.title).toBe('The organization\'s SCPs and RCPs could not all be read: every "allowed" assumes the unread ones permit it');
    expect(f?.evidence.map((e) => (e.document as { operation?: string; target?: string }).operation)).toEqual(["ListParents", "ListRoots"]);
    expect(f?.detail).toContain(`the organization's root above ${OU} is unknown: ListRoots o-a1b2c3d4e5 failed (AccessDeniedException: denied)`);
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(b.build())));
    expect(report.organization).toMatchObject({ state: "applied", path: [OU, "123456789012"], cutAbove: OU, scps: 1, rcps: 1, unread: ["scp", "rcp"], unreadInPart: true });
    expect(report.organization?.root).toBeUndefined();
    expect(report.unknown?.[0]).toContain("ListRoots o-a1b2c3d4e5 failed");
  });

  it("nothing without an organizations section, in no organization, or with the guardrails read", () => {
    expect(orgFindings(account())).toEqual([]);
    const none = account();
    delete none.organization().DescribeOrganization;
    none.error({ operation: "DescribeOrganization", code: "AWSOrganizationsNotInUseException", message: "not a member" });
    expect(orgFindings(none)).toEqual([]);
    const read = account();
    read.organization({ scps: { "r-a1b2": [FULL_AWS_ACCESS], "123456789012": [FULL_AWS_ACCESS] } });
    expect(orgFindings(read)).toEqual([]);
  });
});
