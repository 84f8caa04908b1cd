/**
 * As in the demo (ledger-api, text report): the account-wide line reads "ops-admin-toolkit-role (allowed, …; answered
 * otherwise for 2: ledger-api explicitly-denied, …)". ledger-api's Deny names lambda:InvokeFunction only, and the same
 * report lists ops-admin-toolkit-role, support-ticket-router-role and break-glass-admin as invokers of ledger-api through
 * lambda:InvokeAsync (DEMO.md: "the admin roles still reach it through InvokeAsync (its invoker list says so)"). The
 * text report prints no invoker lists, so its reader is told only that the admins are refused: the line must say that
 * InvokeAsync still gets them in.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { demoSnapshotPath } from "@/lib/snapshot/demo";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { formatText } from "./text";

describe("text report: a function refused for InvokeFunction but open to InvokeAsync", () => {
  it("does not present ledger-api as closed to the admin roles", () => {
    const report = analyzeSnapshot(parseSnapshotValue(JSON.parse(readFileSync(demoSnapshotPath(), "utf8"))));
    const line = formatText(report).split("\n").find((l) => l.startsWith("  - ops-admin-toolkit-role"));
    expect(line).toContain("ledger-api");
    expect(line).toMatch(/ledger-api[^,;]*InvokeAsync/);
  });
});
