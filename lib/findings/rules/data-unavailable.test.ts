import { describe, expect, it } from "vitest";
import { builder, contextOf, findingsOf, REGION } from "../test-support";
import { publicInvoke } from "./public-invoke";
import { executionRoleMissing } from "./execution-role-missing";
import { CHECK_RULES, RULES } from "./registry";
import { RawDocument } from "@/lib/snapshot/fixtures/policy-documents";

const dataUnavailable = RULES.find((r) => r.id === "data-unavailable")!;

describe("data-unavailable", () => {
  it("GetPolicy denied: public-invoke stays silent, data-unavailable names the data and the skipped rules", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.permission(fn, { sid: "open", principal: "*" });
    b.error({ operation: "GetPolicy", target: fn, code: "AccessDeniedException", message: "not authorized to perform lambda:GetPolicy" });
    expect(findingsOf(publicInvoke, b)).toEqual([]);
    const [f, ...rest] = findingsOf(dataUnavailable, b);
    expect(rest).toEqual([]);
    expect(f?.title).toBe("Missing data: GetPolicy (AccessDeniedException) (7 rules skipped)");
    for (const id of ["public-invoke", "function-url-public", "confused-deputy", "cross-account-invoke", "resource-policy-admin-actions", "function-url-permission-mismatch", "public-invoke-privileged-role"]) {
      expect(f?.detail).toContain(id);
    }
    // Roles whose own policies invoke it are still judged (an unread Deny makes them "may"): not skipped, uncertain.
    expect(f?.detail).toContain("These rules judged it on the readable documents only, and an unread one could change their verdict: invoker-role-open-trust.");
    expect(f?.detail).not.toContain("logs-permission-missing");
    expect(f?.evidence[0]).toMatchObject({ kind: "api-error", source: { operation: "GetPolicy" } });
    expect(f?.severity).toBe("info");
  });

  it("IAM unreadable: no execution-role-missing, data-unavailable instead", () => {
    const b = builder();
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.roleArn("maybe-deleted") });
    b.error({ operation: "GetAccountAuthorizationDetails", code: "AccessDenied", message: "denied" });
    expect(findingsOf(executionRoleMissing, b)).toEqual([]);
    const [f] = findingsOf(dataUnavailable, b);
    expect(f?.title).toMatch(/^Missing data: GetAccountAuthorizationDetails \(AccessDenied\)/);
    expect(f?.detail).toContain("execution-role-missing");
    expect(f?.detail).toContain("role-admin-access");
  });

  it("several calls failed: the title names those that fit and counts the rest, the detail names them all", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    const ops = ["GetPolicy", "GetFunctionUrlConfig", "ListAliases", "GetFunctionEventInvokeConfig"];
    for (const operation of ops) b.error({ operation, target: fn, code: "ThrottlingException", message: "rate exceeded" });
    const [f] = findingsOf(dataUnavailable, b);
    // async-target-permission-missing still judges the dead-letter queue and the mappings: judged in part, not skipped.
    expect(f?.title).toBe("Missing data: GetFunctionEventInvokeConfig (ThrottlingException) and 3 more (7 rules skipped)");
    for (const op of ops) expect(f?.detail).toContain(`${op} (ThrottlingException)`);
  });

  it("a failed operation named like an object literal's inherited property adds no note of its own", () => {
    for (const operation of ["constructor", "toString", "__proto__"]) {
      const b = builder();
      const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
      b.error({ operation, target: fn, code: "AccessDenied", message: "denied" });
      const [f] = findingsOf(dataUnavailable, b);
      expect(f?.detail).toBe(`The snapshot lacks ${operation} (AccessDenied) for f. No rule depends on this data outright, but the function's graph may be incomplete.`);
    }
  });

  it("names the unread documents of the role a routed-to version runs as, naming the version, once", () => {
    const b = builder();
    const current = b.role({ name: "current" });
    const old = b.role({ name: "old", inline: { broken: new RawDocument('{"Version": "2012-10-17", "Statement": [') } });
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: current });
    b.version(fn, "3", old);
    b.version(fn, "4", old);
    b.alias(fn, "prod", "3", undefined, { "4": 0.1 });
    const [f, ...rest] = findingsOf(dataUnavailable, b);
    expect(rest).toEqual([]);
    expect(f?.title).toBe("Missing data: inline policy broken of role old (run by versions 3, 4)");
    expect(f?.detail).toContain("role-admin-access");
    expect(f?.evidence).toEqual([expect.objectContaining({ description: "Role old (run by versions 3, 4): documents that could not be read", source: expect.objectContaining({ roleName: "old" }) })]);
    expect(f?.remediation).toContain("every policy role old uses");
  });

  it("names an unread document once when the routed-to version runs as the function's own role", () => {
    const b = builder();
    const role = b.role({ name: "r", inline: { broken: new RawDocument('{"Version": "2012-10-17", "Statement": [') } });
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
    b.version(fn, "3", role);
    b.alias(fn, "prod", "3");
    const [f] = findingsOf(dataUnavailable, b);
    expect(f?.title).toBe("Missing data: inline policy broken of role r");
    expect(f?.evidence).toHaveLength(1);
  });

  it("leaves out the role of a version nothing routes to: nothing calls it", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "current" }) });
    b.version(fn, "3", b.role({ name: "old", inline: { broken: new RawDocument("{") } }));
    expect(findingsOf(dataUnavailable, b)).toEqual([]);
  });

  it("a routed-to version whose Role was set aside: its execution role is named unknown, with why and what runs it", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.version(fn, "3", { vpc: { subnetIds: ["subnet-0a1b2c3d"], securityGroupIds: ["sg-0123abcd"], vpcId: "vpc-0feed" } });
    b.alias(fn, "prod", "3");
    const [f, ...rest] = findingsOf(dataUnavailable, b, (snapshot) => {
      const versions = (snapshot.regions![REGION]!.ListVersionsByFunction as Record<string, { Versions: { Version: string; Role?: string }[] }>)[fn]!.Versions;
      versions.find((v) => v.Version === "3")!.Role = "arn:aws:iam::123456789012:role/r\u0007";
    });
    expect(rest).toEqual([]);
    const why = "Versions.0.Role: not an IAM role ARN (set aside when the snapshot was read)";
    // Too long for the title, which counts it.
    expect(f?.title).toBe("Missing data: ListVersionsByFunction (MalformedResponse) and 1 more");
    expect(f?.detail).toContain(`the execution role of version 3 (unknown: ${why})`);
    // Its role is unknown: what it reaches and the rules on its own settings were not judged, and nothing says otherwise.
    expect(f?.detail).toContain("Version 3 (alias prod) runs as a role that is unknown: what it reaches, and its own settings, mappings and destinations, were not judged with a role.");
    expect(f?.detail).not.toContain("No rule depends on this data outright");
  });

  it("a policy GetPolicy returned but that cannot be read is evidence of that, not of a failed call", () => {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.permission(fn, { sid: "open", principal: "*" });
    const [f] = findingsOf(dataUnavailable, b, (s) => {
      s.regions![REGION]!.GetPolicy![fn]!.Policy = "";
    });
    expect(f?.evidence[0]?.description).toBe(`GetPolicy returned a policy document for ${REGION} ${fn} that cannot be analysed: policy document is empty`);
    expect(f?.evidence[0]).toMatchObject({ kind: "api-error", document: { code: "MalformedPolicy" } });
  });

  it("a list the snapshot holds only some pages of is evidence of that, not of a failed call", () => {
    const b = builder();
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    const [f] = findingsOf(dataUnavailable, b, (s) => {
      (s.regions![REGION]!.ListFunctions as { NextMarker?: string }).NextMarker = "page-2";
    });
    expect(f?.evidence[0]?.description).toMatch(new RegExp(`^ListFunctions for ${REGION} is only partly in the snapshot: `));
  });

  it("a role whose trust policy alone cannot be read: the trust rule gave no verdict, the rules on its policies did", () => {
    const b = builder();
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r", trust: new RawDocument('{"Version": "2012-10-17", "Statement": [') }) });
    const [f, ...rest] = findingsOf(dataUnavailable, b);
    expect(rest).toEqual([]);
    expect(f?.title).toMatch(/ \(1 rule skipped\)$/);
    expect(f?.detail).toContain("These rules gave no verdict for it: execution-role-trust.");
    expect(f?.detail).not.toContain("judged it on the readable documents only");
  });

  it("an unread identity policy leaves the rules on the role's policies uncertain, not those on its existence or trust", () => {
    const b = builder();
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { broken: new RawDocument("{") } }) });
    const [f] = findingsOf(dataUnavailable, b);
    const uncertain = /judged it on the readable documents only, and an unread one could change their verdict: ([^.]*)\./.exec(f?.detail ?? "")?.[1]?.split(", ");
    expect(uncertain).toContain("logs-permission-missing");
    for (const id of ["execution-role-missing", "execution-role-trust", "invoker-role-open-trust"]) expect(uncertain).not.toContain(id);
  });

  it("a truncated role list with no role read: each function says its role is unknown, no account-wide finding repeats it", () => {
    const b = builder();
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.roleArn("r") });
    const found = findingsOf(dataUnavailable, b, (s) => {
      delete (s.iam!.GetAccountAuthorizationDetails as { RoleDetailList?: unknown }).RoleDetailList;
    });
    expect(found.map((f) => f.functions)).toEqual([[b.functionArn(REGION, "f")]]);
  });

  it("complete data: nothing to report", () => {
    const b = builder();
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    expect(findingsOf(dataUnavailable, b)).toEqual([]);
  });

  it("a region whose functions could not be listed is reported for the account", () => {
    const b = builder();
    b.error({ region: "eu-west-1", operation: "ListFunctions", code: "UnrecognizedClientException", message: "region disabled" });
    const [f] = findingsOf(dataUnavailable, b);
    expect(f).toMatchObject({ title: "Functions in eu-west-1 could not be listed (UnrecognizedClientException)", functions: [] });
  });

  it("a list that failed after its first page: the functions it returned were analysed, the rest were not", () => {
    const b = builder();
    b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.fn({ region: REGION, name: "b", runtime: "nodejs22.x", role: b.role({ name: "r2" }) });
    b.error({ region: REGION, operation: "ListFunctions", code: "ThrottlingException", message: "Rate exceeded" });
    const found = findingsOf(dataUnavailable, b).filter((f) => f.functions.length === 0);
    expect(found.map((f) => [f.title, f.detail])).toEqual([
      [
        `Not every function in ${REGION} could be listed (ThrottlingException)`,
        `ListFunctions failed in ${REGION} after listing 2 functions: those were analysed; any on the pages it did not return were not, and no rule ran for them.`,
      ],
    ]);
  });

  it("a failed list counts the functions of its own region only, one in the singular", () => {
    // The functions of other regions came from their own (complete) lists: counting them would claim the failed
    // region was listed further than it was, or that a region listed nothing was partly listed.
    const b = builder();
    b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.fn({ region: REGION, name: "b", runtime: "nodejs22.x", role: b.role({ name: "r2" }) });
    b.fn({ region: "eu-west-1", name: "c", runtime: "nodejs22.x", role: b.role({ name: "r3" }) });
    b.error({ region: "eu-west-1", operation: "ListFunctions", code: "ThrottlingException", message: "Rate exceeded" });
    b.error({ region: "ap-south-1", operation: "ListFunctions", code: "AccessDeniedException", message: "denied" });
    const found = findingsOf(dataUnavailable, b).filter((f) => f.functions.length === 0);
    expect(found.map((f) => [f.title, f.detail])).toEqual([
      [
        "Not every function in eu-west-1 could be listed (ThrottlingException)",
        "ListFunctions failed in eu-west-1 after listing 1 function: those were analysed; any on the pages it did not return were not, and no rule ran for them.",
      ],
      ["Functions in ap-south-1 could not be listed (AccessDeniedException)", "ListFunctions failed in ap-south-1: no function of that region was analysed, and no rule ran there."],
    ]);
  });

  it("a region's list errors are one finding with each as evidence; functions left out as malformed are said to be", () => {
    // The scan records each function it leaves out (items.ts), and a failed page besides: one finding id per region.
    const b = builder();
    b.fn({ region: REGION, name: "a", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.error({ region: REGION, operation: "ListFunctions", code: "MalformedResponse", message: "function x was left out: FunctionArn: Invalid input" });
    b.error({ region: REGION, operation: "ListFunctions", code: "MalformedResponse", message: "function y was left out: FunctionArn: Invalid input" });
    const found = findingsOf(dataUnavailable, b).filter((f) => f.functions.length === 0);
    expect(found.map((f) => [f.title, f.detail, f.evidence.length])).toEqual([
      [
        `Not every function in ${REGION} could be listed (MalformedResponse)`,
        `ListFunctions in ${REGION} returned functions the scan could not read and left out (the evidence names them): not analysed, and no rule ran for them; the other 1 were.`,
        2,
      ],
    ]);
    b.error({ region: REGION, operation: "ListFunctions", code: "ThrottlingException", message: "Rate exceeded" });
    const [mixed, ...more] = findingsOf(dataUnavailable, b).filter((f) => f.functions.length === 0);
    expect(more).toEqual([]);
    expect(mixed?.evidence).toHaveLength(3);
    expect(mixed?.detail).toMatch(/after listing 1 function: /);
  });

  it("every rule has a unique id and is registered once", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(CHECK_RULES.length + 1);
    expect(contextOf(builder()).model.functions).toEqual([]);
  });
});
