/**
 * public-invoke-privileged-role where its data was partly unread. Without the URL configs (ListFunctionUrlConfigs
 * denied or throttled) the public-URL half is unknown: data-unavailable names the rule as judged on readable data
 * only, as it names function-url-public as skipped, never as if the function had been judged and found clean.
 */
import { describe, expect, it } from "vitest";
import { builder, findingsOf, REGION } from "../test-support";
import { RULES } from "./registry";
import { publicInvokePrivilegedRole } from "./public-invoke-privileged-role";

const dataUnavailable = RULES.find((r) => r.id === "data-unavailable")!;

function account(urlUnknown: boolean) {
  const b = builder();
  const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role: b.role({ name: "r", managed: [b.attachAwsManaged("AdministratorAccess")] }) });
  // The two statements the console adds for a public URL.
  b.permission(fn, { sid: "FunctionURLAllowPublicAccess", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" });
  b.permission(fn, { sid: "FunctionURLInvokeAllowPublicAccess", principal: "*", invokedViaUrl: true });
  if (urlUnknown) b.error({ operation: "ListFunctionUrlConfigs", target: fn, code: "AccessDeniedException", message: "not authorized to perform: lambda:ListFunctionUrlConfigs" });
  else b.url(fn, { authType: "NONE" });
  return b;
}

describe("URL configs unread and public-invoke-privileged-role", () => {
  it("with the URL read, the path is reported (control)", () => {
    expect(findingsOf(publicInvokePrivilegedRole, account(false)).map((f) => f.severity)).toEqual(["critical"]);
  });

  it("with the URL unread, data-unavailable names public-invoke-privileged-role as not (fully) judged", () => {
    const b = account(true);
    expect(findingsOf(publicInvokePrivilegedRole, b)).toEqual([]); // silent: its way-in half is unknown
    const [gap] = findingsOf(dataUnavailable, b);
    expect(gap?.detail).toMatch(/gave no verdict for it: function-url-public, function-url-permission-mismatch\./);
    expect(gap?.detail).toMatch(/readable documents only, and an unread one could change their verdict: public-invoke-privileged-role\./);
  });
});

/**
 * The same rule when ListAliases failed: function-url-public reports the alias's AuthType NONE URL as "may be public"
 * (high) and role-admin-access the only role any version of the function runs as. The alias's version is unknown,
 * so it may run as that role: a "may" path (full data: critical "Anyone can invoke app:live, …").
 */
describe("ListAliases unread, public alias URL, every version runs as an admin role", () => {
  function aliasAccount(listAliasesDenied: boolean) {
    const b = builder();
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role: b.role({ name: "r", managed: [b.attachAwsManaged("AdministratorAccess")] }) });
    b.version(fn, "1");
    const live = b.alias(fn, "live", "1");
    b.url(live, { authType: "NONE" });
    b.permission(fn, { sid: "FunctionURLAllowPublicAccess", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE", qualifier: "live" });
    b.permission(fn, { sid: "FunctionURLInvokeAllowPublicAccess", principal: "*", invokedViaUrl: true, qualifier: "live" });
    if (listAliasesDenied) b.error({ operation: "ListAliases", target: fn, code: "AccessDeniedException", message: "denied" });
    // What the scanner writes when ListAliases fails: no alias list, and so no alias policy read.
    const patch = (s: import("@/lib/snapshot/schema").SnapshotInput) => {
      if (!listAliasesDenied) return;
      const r = s.regions![REGION]!;
      delete r.ListAliases![fn];
      delete r.GetPolicy![live];
    };
    return { b, patch };
  }

  it("full data: critical path (control)", () => {
    const { b, patch } = aliasAccount(false);
    expect(findingsOf(publicInvokePrivilegedRole, b, patch).map((f) => f.title)).toEqual(["Anyone can invoke app:live, and its role has full admin access"]);
  });

  it("ListAliases denied: a may path through every role the alias may run as", () => {
    const { b, patch } = aliasAccount(true);
    const path = findingsOf(publicInvokePrivilegedRole, b, patch);
    const [gap] = findingsOf(dataUnavailable, b, patch);
    expect(path.map((f) => [f.severity, f.title])).toEqual([["high", "Anyone may invoke app:live, and its role may have full admin access"]]);
    expect(path[0]!.detail).toContain("app:live is not in the snapshot's alias or version list, so which version (and role) it runs is unknown: it may run as arn:aws:iam::");
    expect(gap?.detail).toContain("could change their verdict: public-invoke-privileged-role.");
  });

  it("ListAliases denied, and the function's only role is not privileged: no path", () => {
    const { b, patch } = aliasAccount(true);
    const plain = (s: import("@/lib/snapshot/schema").SnapshotInput) => {
      patch(s);
      const roles = s.iam!.GetAccountAuthorizationDetails.RoleDetailList!;
      for (const r of roles) r.AttachedManagedPolicies = [];
    };
    expect(findingsOf(publicInvokePrivilegedRole, b, plain)).toEqual([]);
  });

});

/** Aliases and versions the snapshot does not list: which of the function's roles each may run as. */
describe("unlisted aliases and versions: the roles they may run as", () => {
  /** ListAliases denied: live is unlisted. The current code runs as `current`, version 1 as `published`. */
  function rolesAccount(current: "admin" | "plain" | "escalates", published: "admin" | "plain", versionMapped = false) {
    const b = builder();
    const roleOf = (kind: "admin" | "plain" | "escalates", name: string) =>
      kind === "admin"
        ? b.role({ name, managed: [b.attachAwsManaged("AdministratorAccess")] })
        : kind === "escalates"
          ? b.role({ name, inline: { p: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*" }] } as never } })
          : b.role({ name });
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role: roleOf(current, "current") });
    b.version(fn, "1", roleOf(published, "published"));
    const live = b.alias(fn, "live", "1");
    b.url(live, { authType: "NONE" });
    if (versionMapped) b.esm({ functionArn: `${fn}:1`, sourceArn: b.arn("sqs", REGION, "jobs"), uuid: "11111111-2222-3333-4444-555555555555" });
    b.error({ operation: "ListAliases", target: fn, code: "AccessDeniedException", message: "denied" });
    const patch = (s: import("@/lib/snapshot/schema").SnapshotInput) => {
      const r = s.regions![REGION]!;
      delete r.ListAliases![fn];
      delete r.GetPolicy?.[live];
    };
    return findingsOf(publicInvokePrivilegedRole, b, patch).map((f) => f.title);
  }

  it("the alias may run as a published version's role, not only the current one", () => {
    // Version 1 (admin; a mapping runs it, so its role is judged) may be the alias's: its role is a "may" for the alias.
    expect(rolesAccount("plain", "admin", true)).toEqual(["Anyone may invoke app:live, and its role may have full admin access"]);
  });

  it("the alias may run as a published version's role that nothing else refers to", () => {
    // Version 1 runs only if live routes to it: its role's findings are still judged, for the alias's "may".
    expect(rolesAccount("plain", "admin")).toEqual(["Anyone may invoke app:live, and its role may have full admin access"]);
  });

  it("the alias may run as the current role ($LATEST), not only the published versions'", () => {
    expect(rolesAccount("admin", "plain")).toEqual(["Anyone may invoke app:live, and its role may have full admin access"]);
  });

  it("a role that can escalate, which the alias may run as: 'may escalate', never 'can'", () => {
    const titles = rolesAccount("escalates", "plain");
    expect(titles).toHaveLength(1);
    expect(titles[0]).toMatch(/^Anyone may invoke app:live, and its role may escalate privileges$/);
  });

  it("a certain way in to an alias the list lacks, whose role is only a may: high, and the 'may' is the alias's role alone", () => {
    // ListAliases read (stable only); live's own policy, read by another tool, is public. Which role live runs is
    // unknown, so the path is a may (high), though neither finding is.
    const b = builder();
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role: b.role({ name: "r", managed: [b.attachAwsManaged("AdministratorAccess")] }) });
    b.version(fn, "1");
    b.alias(fn, "stable", "1");
    b.permission(fn, { sid: "public", principal: "*", qualifier: "live" });
    const [path] = findingsOf(publicInvokePrivilegedRole, b);
    expect([path?.severity, path?.title]).toEqual(["high", "Anyone can invoke app:live, and its role may have full admin access"]);
    expect(path?.detail).toContain("app:live is not in the snapshot's alias or version list");
    // No finding of the path is a may: the sentence about one would blame them.
    expect(path?.detail).not.toContain("Part of the path is a \"may\"");
  });

  it("a weighted alias whose extra version the list lacks: a role it surely runs as is not repeated as a may", () => {
    // live sends 10% to version 9, which the version list lacks: it may run as the current role, which version 1
    // (the other 90%) surely runs as. One certain half, no "may run as" sentence.
    const b = builder();
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role: b.role({ name: "r", managed: [b.attachAwsManaged("AdministratorAccess")] }) });
    b.version(fn, "1");
    b.alias(fn, "live", "1", undefined, { "9": 0.1 });
    b.permission(fn, { sid: "public", principal: "*", qualifier: "live" });
    const [path] = findingsOf(publicInvokePrivilegedRole, b);
    expect([path?.severity, path?.title]).toEqual(["critical", "Anyone can invoke app:live, and its role has full admin access"]);
    expect(path?.detail).not.toContain("is not in the snapshot's alias or version list");
    expect(path?.detail.match(/Role r has full admin access/g)).toHaveLength(1);
  });
});

