/** The compare page's account-wide invoker section: shown only when such a role came or went, each role on its own line. */
import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { createElement } from "react";
import type { ReportDiff } from "@/lib/diff/diff-reports";
import { DiffView } from "./diff-view";

const empty: ReportDiff = {
  from: { account: "123456789012", capturedAt: "2026-11-01T00:00:00Z" },
  to: { account: "123456789012", capturedAt: "2026-11-02T00:00:00Z" },
  functionsAdded: [],
  functionsRemoved: [],
  functionsChanged: [],
  findingsNew: [],
  findingsFixed: [],
  accountInvokersGained: [],
  accountInvokersLost: [],
  changedNodeIds: [],
};

const render = (diff: ReportDiff) => renderToString(createElement(DiffView, { diff, newlyPublic: [], graphQuery: "snapshot=x" }));

describe("DiffView: roles that may invoke every function", () => {
  it("is left out when none came or went", () => {
    expect(render(empty)).not.toContain("diff-account-invokers");
  });

  it("lists the roles gained and lost, as text", () => {
    const html = render({ ...empty, accountInvokersGained: ["arn:aws:iam::123456789012:role/<b>new-admin</b>"], accountInvokersLost: ["arn:aws:iam::123456789012:role/old"] });
    expect(html).toContain('data-testid="diff-account-invokers" data-count="2"');
    expect(html).toContain("role/&lt;b&gt;new-admin&lt;/b&gt;");
    expect(html).toMatch(/Gained.*new-admin.*Lost.*role\/old/s);
  });
});
