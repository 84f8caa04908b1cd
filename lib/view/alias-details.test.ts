/**
 * An alias node's details: the role its version runs as (not the function's current one) and that role's reach, and
 * the ways in on that alias alone (lambda-permissions.md §3.5). Fixture: lib/view/alias-fixtures.ts.
 */
import { describe, expect, it } from "vitest";
import type { AnalysisReport } from "@/lib/analysis/types";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { parseSnapshot } from "@/lib/snapshot/read";
import { aliasReport, aliasSnapshot, ACCOUNT, ORDERS, QUEUE } from "./alias-fixtures";
import { aliasRoleNote, reachOnRoleNode, unansweredText } from "./alias-details";
import { graphIndexOf, graphView, nodeDetails } from "./graph-view";
import { loadGraphViewState } from "./url-state";

const STABLE = `arn:aws:iam::${ACCOUNT}:role/orders-stable-role`;
const CANARY = `arn:aws:iam::${ACCOUNT}:role/orders-canary-role`;
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/deployer-role`;

function detailsOf(report: AnalysisReport, id: string) {
  const idx = graphIndexOf(report);
  return nodeDetails(idx, graphView(idx, loadGraphViewState({})).visible, id)!;
}

describe("an alias node's details", () => {
  const report = aliasReport();

  it("name the role its version was published with, and that role's reach, not the function's current role's", () => {
    const next = detailsOf(report, `fn:${ORDERS}:next`);
    expect(next.alias?.label).toBe("alias next");
    expect(next.alias?.roles.map((r) => r.arn)).toEqual([CANARY]);
    const reaches = next.alias?.roles[0]?.reach?.reaches ?? [];
    expect(reaches.map((r) => r.resource)).toEqual(["*"]);
    expect(reaches.some((r) => r.resource === QUEUE)).toBe(false);
    expect(aliasRoleNote(next.alias!, next.fn!)).toBe("orders itself runs as orders-stable-role now: alias next runs as the role its version was published with");
  });

  it("list a weighted alias's two roles, each with its own reach", () => {
    const live = detailsOf(report, `fn:${ORDERS}:live`);
    expect(live.alias?.roles.map((r) => [r.label, r.reach?.reaches.map((x) => x.resource)])).toEqual([
      ["orders-stable-role", [QUEUE]],
      ["orders-canary-role", ["*"]],
    ]);
    expect(aliasRoleNote(live.alias!, live.fn!)).toBe("orders itself runs as orders-stable-role now: alias live runs as the roles its versions were published with");
  });

  it("list the ways in on the alias only, and name the callers the report answers for the function alone", () => {
    const next = detailsOf(report, `fn:${ORDERS}:next`);
    expect(next.alias?.invokers.map((i) => i.principal)).toEqual(["apigateway.amazonaws.com"]);
    expect(next.alias?.unanswered).toEqual([DEPLOYER]);
    expect(unansweredText(next.alias!, "orders")).toBe(
      "1 role whose own policies let it invoke orders itself may invoke alias next too: the report answers it for the function only (see its details).",
    );
    expect(detailsOf(report, `fn:${ORDERS}:live`).alias?.invokers.map((i) => i.principal)).toEqual(["events.amazonaws.com"]);
  });

  it("keep the function's report, findings and account-wide callers for what concerns every alias", () => {
    const fnNode = detailsOf(report, `fn:${ORDERS}`);
    const next = detailsOf(report, `fn:${ORDERS}:next`);
    expect(fnNode.alias).toBeUndefined();
    expect(fnNode.fn?.role).toBe(STABLE);
    expect(next.fn).toBe(fnNode.fn);
    expect(next.findings.map((f) => f.id)).toEqual(fnNode.findings.map((f) => f.id));
    expect(next.identity).toEqual(fnNode.identity);
  });

  it("say a role's reach is on its node when no function runs as it now, never another role's", () => {
    const next = detailsOf(aliasReport({ canaryIdle: true }), `fn:${ORDERS}:next`);
    const [role] = next.alias?.roles ?? [];
    expect(role?.arn).toBe(CANARY);
    expect(role?.reach).toBeUndefined();
    expect(reachOnRoleNode(role!)).toBe(
      "Listed on the node of role orders-canary-role (under Connected): no function runs as it now, so its reach is drawn there only.",
    );
  });

  it("keep what could not be read of the alias's role with its reach, and name it on the role", () => {
    const next = detailsOf(aliasReport({ canaryUnread: true }), `fn:${ORDERS}:next`);
    const [role] = next.alias?.roles ?? [];
    expect(role?.label).toBe("orders-canary-role (partly unread)");
    expect(role?.reach?.gaps).toEqual([expect.stringMatching(/^GetAccountAuthorizationDetails: could not read /)]);
  });

  it("say the role is unknown when the graph draws none for the alias", () => {
    expect(aliasRoleNote({ label: "alias next", roles: [] }, { name: "orders", role: STABLE, unknown: ["ListAliases: x"] })).toBe(
      "unknown: the role its version runs as is not in the snapshot (see Unreadable)",
    );
    // CloudFront's associations say nothing of the alias's role: no pointer to them.
    const edge = "CloudFront: Lambda@Edge associations are not in the snapshot, and the role lets edgelambda.amazonaws.com assume it";
    expect(aliasRoleNote({ label: "alias next", roles: [] }, { name: "orders", role: STABLE, unknown: [edge] })).toBe(
      "unknown: the role its version runs as is not in the snapshot",
    );
  });
});

describe("an alias or version node routing to a version whose Role was set aside", () => {
  const report = aliasReport({ canarySetAside: true });
  const idx = graphIndexOf(report);
  const why = "version 4: Versions.1.Role: not an IAM role ARN (set aside when the snapshot was read)";

  it("says role unknown with why on the node, as a function node whose own Role was set aside does", () => {
    // Alias next routes to version 4 alone, live sends it 10 % of its calls; version 4 is no node (no way in names it).
    expect(idx.byId.get(`fn:${ORDERS}:next`)?.roleGap).toEqual({ why });
    expect(idx.byId.get(`fn:${ORDERS}:live`)?.roleGap).toEqual({ why });
    expect(idx.byId.get(`fn:${ORDERS}`)?.roleGap).toBeUndefined();
    // The version is still listed and its policy read: who may invoke the function is as known as before.
    expect(idx.byId.get(`fn:${ORDERS}`)?.invokerGap).toBeUndefined();
    expect(idx.rolesOf.get(`fn:${ORDERS}:next`)?.size ?? 0).toBe(0);
  });

  it("says why in the alias's details: all of its calls, or the weighted alias's part", () => {
    const next = detailsOf(report, `fn:${ORDERS}:next`);
    expect(next.alias?.roles).toEqual([]);
    expect(aliasRoleNote(next.alias!, next.fn!)).toBe(`unknown: ${why}`);
    const live = detailsOf(report, `fn:${ORDERS}:live`);
    expect(live.alias?.roles.map((r) => r.arn)).toEqual([STABLE]);
    expect(aliasRoleNote(live.alias!, live.fn!)).toBe(`Part of its calls run as a role that is unknown: ${why}.`);
    expect(JSON.stringify(live)).not.toContain("\u202e");
  });
});

describe("an alias node routing to a version whose role is unknown because its list lacks it or could not be read", () => {
  it("a version the list lacks: role unknown with why on the node and in the details, as a set-aside version's", () => {
    const report = aliasReport({ versions: "absent" });
    const idx = graphIndexOf(report);
    const why = "version 4: the function's version list in the snapshot does not hold it";
    expect(idx.byId.get(`fn:${ORDERS}:next`)?.roleGap).toEqual({ why });
    expect(idx.byId.get(`fn:${ORDERS}:live`)?.roleGap).toEqual({ why });
    expect(idx.byId.get(`fn:${ORDERS}`)?.roleGap).toBeUndefined();
    const next = detailsOf(report, `fn:${ORDERS}:next`);
    expect(aliasRoleNote(next.alias!, next.fn!)).toBe(`unknown: ${why}`);
    const live = detailsOf(report, `fn:${ORDERS}:live`);
    expect(live.alias?.roles.map((r) => r.arn)).toEqual([STABLE]);
    expect(aliasRoleNote(live.alias!, live.fn!)).toBe(`Part of its calls run as a role that is unknown: ${why}.`);
  });

  it("versions that could not be listed: every version an alias routes to is named", () => {
    const idx = graphIndexOf(aliasReport({ versions: "unread" }));
    const unread = (v: string) => `version ${v}: the function's versions could not be listed`;
    expect(idx.byId.get(`fn:${ORDERS}:next`)?.roleGap).toEqual({ why: unread("4") });
    expect(idx.byId.get(`fn:${ORDERS}:live`)?.roleGap).toEqual({ why: `${unread("3")}; ${unread("4")}` });
    expect(idx.byId.get(`fn:${ORDERS}`)?.roleGap).toBeUndefined();
  });

  it("an alias a way in names whose function's aliases could not be listed: its own node says so", () => {
    const snapshot = aliasSnapshot();
    delete (snapshot.regions?.["us-east-1"]?.ListAliases as Record<string, unknown>)[ORDERS];
    (snapshot.errors ??= []).push({ region: "us-east-1", operation: "ListAliases", target: ORDERS, code: "AccessDeniedException", message: "denied" });
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    const idx = graphIndexOf(report);
    expect(idx.byId.get(`fn:${ORDERS}:next`)?.roleGap).toEqual({ why: "alias next: the function's aliases could not be listed" });
    expect(aliasRoleNote(detailsOf(report, `fn:${ORDERS}:next`).alias!, report.functions[0]!)).toBe("unknown: alias next: the function's aliases could not be listed");
  });
});

describe("a snapshot error worded as a version's set-aside Role", () => {
  it("is a failed read like any other: no role badge from it, and it still marks the invokers as unsure", () => {
    // Any operation name is read as given: this one spells out the entry analyze.ts writes for version 4's Role.
    const snapshot = aliasSnapshot();
    (snapshot.errors ??= []).push({ region: "us-east-1", operation: "ListVersionsByFunction: the execution role of version 4 is unknown", target: ORDERS, code: "crafted" });
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    expect(report.functions.find((f) => f.arn === ORDERS)?.unknown).toContain("ListVersionsByFunction: the execution role of version 4 is unknown: crafted");
    const idx = graphIndexOf(report);
    expect(idx.byId.get(`fn:${ORDERS}:next`)?.roleGap).toBeUndefined();
    expect(idx.rolesOf.get(`fn:${ORDERS}:next`)).toEqual(new Set([`role:${CANARY}`]));
    expect(idx.byId.get(`fn:${ORDERS}`)?.invokerGap?.state).toBe("incomplete");
  });
});

describe("the demo's version and alias nodes", () => {
  const demo = analyzeSnapshot(parseSnapshot(JSON.stringify(buildAcmeRetailDemo().snapshot)));
  const PRICING = "arn:aws:lambda:us-east-1:123456789012:function:pricing-engine";

  it("pricing-engine:28 runs as the function's role and is invoked by the release smoke test alone", () => {
    const v28 = detailsOf(demo, `fn:${PRICING}:28`);
    expect(v28.alias?.label).toBe("version 28");
    expect(v28.alias?.roles.map((r) => r.arn)).toEqual([v28.fn?.role]);
    // The function's own reaches (its details page them; the alias's role carries them whole).
    const reaches = demo.functions.find((f) => f.arn === PRICING)?.reaches;
    expect(reaches?.length).toBeGreaterThan(0);
    expect(v28.alias?.roles[0]?.reach?.reaches).toEqual(reaches);
    expect(aliasRoleNote(v28.alias!, v28.fn!)).toBeUndefined();
    expect(v28.alias?.invokers.map((i) => `${i.via} ${i.principal}`)).toEqual(["identity-policy arn:aws:iam::123456789012:role/service-role/pricing-release-smoke-test-role"]);
  });

  it("pricing-engine:live lists its own API Gateway grant, not canary's", () => {
    const live = detailsOf(demo, `fn:${PRICING}:live`);
    expect(live.alias?.invokers.map((i) => i.qualifier)).toEqual([`${PRICING}:live`]);
  });
});
