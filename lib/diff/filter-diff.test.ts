/**
 * The compare page's function filter: a function's lines by a piece of its name or ARN in any case, or by an alias's
 * ARN pasted from an alert; a finding by the functions it badges; account-wide lines whatever the search; counts of
 * the functions the lists name.
 */
import { describe, expect, it } from "vitest";
import { nodeId } from "@/lib/graph/build";
import { EMPTY_DIFF } from "./scan-fixtures";
import type { FindingChange, FunctionChange, ReportDiff } from "./diff-reports";
import { filterDiff } from "./filter-diff";

const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const ref = (name: string) => ({ arn: arn(name), name, region: "us-east-1", nodeId: nodeId.fn(arn(name)) });
const changed = (name: string): FunctionChange => ({
  ...ref(name),
  invokersGained: [],
  invokersLost: [],
  invokersChanged: [],
  invokersUnverified: [],
  invokersUnknownBefore: [],
  actionsGained: ["sqs:SendMessage on arn:aws:sqs:us-east-1:123456789012:q"],
  actionsLost: [],
  actionsChanged: [],
  actionsUnverified: [],
  actionsUnknownBefore: [],
  becamePublic: false,
});
const finding = (id: string, functions: string[]): FindingChange => ({ id, rule: "public-invoke", severity: "high", title: id, functions });

const DIFF: ReportDiff = {
  ...EMPTY_DIFF,
  functionsAdded: [ref("Orders-Api")],
  functionsRemoved: [ref("billing-old")],
  functionsUnseen: [{ ...ref("eu-orders"), why: "eu-west-1 was not scanned" }],
  functionsChanged: [changed("orders-worker"), changed("payments")],
  findingsNew: [finding("new-on-payments", [arn("payments")]), finding("account-gap", [])],
  findingsFixed: [finding("fixed-on-orders", [arn("orders-worker")]), finding("fixed-on-ghost", [arn("ghost-orders")])],
  findingsUnverified: [{ ...finding("unverified-on-billing", [arn("billing-old")]), why: "GetPolicy: AccessDeniedException" }],
  findingsChanged: [{ ...finding("role-now-on-payments", [arn("payments")]), was: { severity: "high", title: "t", functions: [arn("orders-worker")] } }],
  findingsChangeUnverified: [
    { ...finding("change-unverified-on-payments", [arn("payments")]), was: { severity: "low", title: "t" }, why: "The organization's SCPs and RCPs: ListRoots failed", unreadIn: "newer" },
  ],
  accountInvokersGained: ["arn:aws:iam::123456789012:role/admin"],
  unreadInBoth: [
    { text: "the account's IAM data", why: "GetAccountAuthorizationDetails: AccessDenied" },
    { text: "orders-worker · us-east-1", why: "GetPolicy: AccessDeniedException", arn: arn("orders-worker") },
    { text: "payments · us-east-1", why: "GetPolicy: AccessDeniedException", arn: arn("payments") },
  ],
};

const names = (d: ReportDiff) => [...d.functionsAdded, ...d.functionsRemoved, ...d.functionsUnseen, ...d.functionsFirstSeen, ...d.functionsChanged].map((f) => f.name);
const ids = (d: ReportDiff) => [...d.findingsNew, ...d.findingsFixed, ...d.findingsUnverified, ...d.findingsUnknownBefore, ...d.findingsChanged, ...d.findingsChangeUnverified].map((f) => f.id);

describe("filterDiff", () => {
  it("a blank search leaves the diff whole and counts every function it names, a finding's too", () => {
    const { diff, matched, total } = filterDiff(DIFF, "  ");
    expect(diff).toBe(DIFF);
    expect([matched, total]).toEqual([6, 6]);
  });

  it("keeps the functions whose name holds the search, in any case, and the findings that badge one of them", () => {
    const { diff, matched, total } = filterDiff(DIFF, " ORDERS ");
    expect(names(diff)).toEqual(["Orders-Api", "eu-orders", "orders-worker"]);
    // A finding that badged a matching function before (a role's finding moved off it) is its line too.
    expect(ids(diff)).toEqual(["account-gap", "fixed-on-orders", "fixed-on-ghost", "role-now-on-payments"]);
    expect([matched, total]).toEqual([4, 6]);
  });

  it("keeps a finding not known changed with the functions it badges", () => {
    expect(filterDiff(DIFF, "payments").diff.findingsChangeUnverified.map((f) => f.id)).toEqual(["change-unverified-on-payments"]);
    expect(filterDiff(DIFF, "orders").diff.findingsChangeUnverified).toEqual([]);
  });

  it("keeps a function's data unread in both scans with the function, the account's whatever the search", () => {
    const unread = (q: string) => filterDiff(DIFF, q).diff.unreadInBoth.map((u) => u.text);
    expect(unread("orders")).toEqual(["the account's IAM data", "orders-worker · us-east-1"]);
    expect(unread("nothing-like-it")).toEqual(["the account's IAM data"]);
  });

  it("finds a function by its ARN pasted whole, or by an alias's or version's ARN of it", () => {
    expect(names(filterDiff(DIFF, arn("payments")).diff)).toEqual(["payments"]);
    expect(names(filterDiff(DIFF, `${arn("payments")}:live`).diff)).toEqual(["payments"]);
    expect(names(filterDiff(DIFF, `${arn("payments")}:live:extra`).diff)).toEqual([]);
  });

  it("keeps account-wide lines whatever the search, and matches none of the rest for a name no function has", () => {
    const { diff, matched, total } = filterDiff(DIFF, "nothing-like-it");
    expect(names(diff)).toEqual([]);
    expect(ids(diff)).toEqual(["account-gap"]);
    expect(diff.accountInvokersGained).toEqual(DIFF.accountInvokersGained);
    expect(diff.unreadInBoth.map((u) => u.text)).toEqual(["the account's IAM data"]);
    expect([matched, total]).toEqual([0, 6]);
  });
});
