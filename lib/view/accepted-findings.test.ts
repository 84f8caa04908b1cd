import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { parseSnapshot } from "@/lib/snapshot/read";
import { applySuppressions } from "@/lib/suppressions/apply";
import { AcceptedFindingsNote } from "@/components/overview/accepted-findings";
import { nodeId } from "@/lib/graph/build";
import { acceptedView } from "./accepted-findings";
import { graphFacets, graphIndexOf, graphView, nodeDetails } from "./graph-view";
import { loadGraphViewState } from "./url-state";
import { findingIdsOf } from "./finding-ids";

const report = analyzeSnapshot(parseSnapshot(JSON.stringify(buildAcmeRetailDemo().snapshot)));

function viewOf(...entries: Parameters<typeof applySuppressions>[1]) {
  const outcome = applySuppressions(report, entries, "2026-12-01");
  const warnings = outcome.unused.map((i) => `entry ${i + 1} idle`);
  return acceptedView({ kind: "applied", file: "/srv/s.json", warnings }, outcome.report);
}

describe("the overview's accepted findings", () => {
  it("says nothing without a file, or when the file accepts nothing and warns of nothing", () => {
    expect(acceptedView(undefined, report)).toBeUndefined();
    expect(acceptedView({ kind: "applied", file: "f", warnings: [] }, { ...report, suppressed: [] })).toBeUndefined();
  });

  it("names each accepted finding where the text report does, with its reason and date", () => {
    const view = viewOf(
      { rule: "public-invoke", function: "debug-echo", reason: "load test", expires: "2027-01-31" },
      { rule: "role-admin-access", role: "ops-admin-toolkit-role", reason: "break-glass" },
      { function: "nothing-*", reason: "idle" },
    );
    expect(view).toMatchObject({
      kind: "applied",
      summary: "2 findings accepted in the suppressions file, left out of the counts and the graph · 1 entry of the file to review",
      warnings: ["entry 3 idle"],
      items: [
        { severity: "critical", rule: "public-invoke", place: "debug-echo (us-east-1)", title: "Anyone can invoke this function", reason: "load test", expires: "2027-01-31" },
        { severity: "critical", rule: "role-admin-access", place: "role ops-admin-toolkit-role (1 function)", reason: "break-glass" },
      ],
    });
  });

  it("says why an invalid file was not applied, without the server's path to it", () => {
    const view = acceptedView({ kind: "invalid", file: "/srv/secret/s.json", error: "not JSON: Unexpected end" }, report);
    expect(view).toEqual({ kind: "invalid", message: "The suppressions file could not be applied (not JSON: Unexpected end): every finding is shown." });
    expect(renderToStaticMarkup(createElement(AcceptedFindingsNote, { view: view! }))).not.toContain("/srv/secret");
  });

  it("renders reasons as text, never as markup", () => {
    const view = viewOf({ rule: "public-invoke", function: "debug-echo", reason: `<img src=x onerror="alert(1)">` })!;
    const html = renderToStaticMarkup(createElement(AcceptedFindingsNote, { view }));
    expect(html).not.toContain("<img");
    expect(html).toContain("accepted: &lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("<summary");
  });

  it("the graph badges none of them, names them in their function's and role's details, and counts them for the PNG header", () => {
    const { report: filtered } = applySuppressions(
      report,
      [
        { rule: "public-invoke", function: "debug-echo", reason: "load test" },
        { rule: "role-admin-access", role: "ops-admin-toolkit-role", reason: "break-glass" },
      ],
      "2026-12-01",
    );
    const idx = graphIndexOf(filtered);
    const state = loadGraphViewState({});
    const { visible } = graphView(idx, state);
    const fnArn = "arn:aws:lambda:us-east-1:123456789012:function:debug-echo";
    const echo = nodeDetails(idx, visible, nodeId.fn(fnArn))!;
    expect(echo.findings.map((f) => f.rule)).not.toContain("public-invoke");
    expect(echo.accepted?.map((f) => [f.rule, f.suppression.reason])).toEqual([["public-invoke", "load test"]]);
    expect(findingIdsOf(idx.model, nodeId.fn(fnArn)).some((id) => id.startsWith("public-invoke:"))).toBe(false);
    const roleArn = filtered.suppressed!.find((f) => f.rule === "role-admin-access")!.role!;
    expect(nodeDetails(idx, visible, nodeId.role(roleArn))?.accepted?.map((f) => f.rule)).toEqual(["role-admin-access"]);
    // The role's function sees its role's accepted finding too: it badges every function of the role.
    const toolkit = nodeDetails(idx, visible, nodeId.fn("arn:aws:lambda:us-east-1:123456789012:function:ops-admin-toolkit"))!;
    expect(toolkit.accepted?.map((f) => f.rule)).toEqual(["role-admin-access"]);
    // A node with none has no list at all.
    expect(nodeDetails(idx, visible, nodeId.fn("arn:aws:lambda:us-east-1:123456789012:function:orders-processor"))?.accepted).toBeUndefined();
    expect(graphFacets(idx, "s").accepted).toBe(2);
    expect(graphFacets(graphIndexOf(report), "s").accepted).toBeUndefined();
  });
});
