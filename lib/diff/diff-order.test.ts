/**
 * Two scans of an account whose policies differ only in the order of what IAM or Lambda gives no order to: a
 * statement's condition operators and keys, a self-managed Kafka source's bootstrap servers. A policy re-serialised by
 * other tooling (Terraform's jsonencode sorts object keys) is no change, and the diff must report none; the lines
 * people read keep each scan's order.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import type { ConditionBlock, IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, REGION, newBuilder } from "@/lib/analysis/test-support";
import { diffReports } from "./diff-reports";

type Builder = ReturnType<typeof newBuilder>;

/** One function `api`, analysed after `setup` adds what invokes it. */
function scan(setup: (b: Builder, fn: string) => void) {
  const b = newBuilder();
  const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
  setup(b, fn);
  return analyzeSnapshot(parseSnapshot(b.build()));
}

/** Every list of the diff is empty. */
function noChange(d: ReturnType<typeof diffReports>) {
  const { from: _from, to: _to, ...lists } = d;
  expect(Object.entries(lists).filter(([, list]) => list.length > 0)).toEqual([]);
}

describe("diff of scans that differ only in an order with no meaning", () => {
  it("a grant whose condition operators come in another order is no change", () => {
    const grant = (condition: ConditionBlock) => (b: Builder, fn: string) =>
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [{ Sid: "s3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: fn, Condition: condition }],
      });
    const account = { StringEquals: { "AWS:SourceAccount": ACCOUNT } };
    const source = { ArnLike: { "AWS:SourceArn": "arn:aws:s3:::uploads" } };
    const before = scan(grant({ ...account, ...source }));
    const after = scan(grant({ ...source, ...account }));
    // The lines read in each scan's own order: only the comparison ignores it.
    expect(before.functions[0]?.invokers[0]?.conditionSummary).not.toBe(after.functions[0]?.invokers[0]?.conditionSummary);
    noChange(diffReports(before, after));
  });

  it("an invoking role whose trust policy lists its condition keys in another order keeps the same assumers", () => {
    const host = "token.actions.githubusercontent.com";
    const invoker = (claims: Record<string, string>) => (b: Builder, fn: string) => {
      b.role({
        name: "ci",
        trust: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}` }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: claims } }],
        },
        inline: { p: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn }] } },
      });
    };
    const aud = { [`${host}:aud`]: "sts.amazonaws.com" };
    const sub = { [`${host}:sub`]: "repo:acme/app:ref:refs/heads/main" };
    const before = scan(invoker({ ...sub, ...aud }));
    expect(Object.values(before.invokerRoles ?? {}).flatMap((r) => r.assumers.map((a) => a.conditionSummary))).toEqual([
      `${host}:sub = repo:acme/app:ref:refs/heads/main; ${host}:aud = sts.amazonaws.com`,
    ]);
    noChange(diffReports(before, scan(invoker({ ...aud, ...sub }))));
  });

  it("a self-managed Kafka source whose bootstrap servers come in another order is no change", () => {
    const mapping = (servers: string[]) => (b: Builder, fn: string) => {
      b.esm({ functionArn: fn, uuid: "11111111-2222-3333-4444-555555555555", selfManagedKafka: { bootstrapServers: servers }, topics: ["orders"] });
    };
    noChange(diffReports(scan(mapping(["b1.example.com:9092", "b2.example.com:9092"])), scan(mapping(["b2.example.com:9092", "b1.example.com:9092"]))));
  });

  it("a grant whose condition really changed is still one way in lost and another gained", () => {
    const grant = (account: string) => (b: Builder, fn: string) =>
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [{ Sid: "s3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: fn, Condition: { ArnLike: { "AWS:SourceArn": "arn:aws:s3:::uploads" }, StringEquals: { "AWS:SourceAccount": account } } }],
      });
    const [c] = diffReports(scan(grant(ACCOUNT)), scan(grant("210987654321"))).functionsChanged;
    expect([c?.invokersLost.length, c?.invokersGained.length]).toEqual([1, 1]);
  });

  it("a role's statements without a Sid in another order are no change, though each is cited by its position", () => {
    const statements = (fn: string): IamStatement[] => [
      { Effect: "Allow", Action: "sqs:SendMessage", Resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders` },
      { Effect: "Allow", Action: "dynamodb:GetItem", Resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/carts` },
      { Effect: "Deny", Action: "sqs:SendMessage", Resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:*-dlq` },
      { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn },
    ];
    const roles = (order: (l: IamStatement[]) => IamStatement[]) => (b: Builder, fn: string) => {
      b.role({ name: "caller", inline: { p: { Version: "2012-10-17", Statement: order(statements(fn)) } } });
      b.fn({ region: REGION, name: "worker", runtime: "nodejs22.x", role: b.role({ name: "w", inline: { p: { Version: "2012-10-17", Statement: order(statements(fn)) } } }) });
    };
    const before = scan(roles((l) => l));
    const after = scan(roles((l) => [...l].reverse()));
    // The evidence reads each scan's positions: only the comparison leaves them out.
    const via = (r: typeof before) => r.functions.find((f) => f.name === "worker")?.reaches.flatMap((x) => x.via);
    expect(via(before)).not.toEqual(via(after));
    noChange(diffReports(before, after));
  });

  it("a statement without a Sid that grants something else still shows, at any position", () => {
    const worker = (statements: IamStatement[]) => (b: Builder) => {
      b.fn({ region: REGION, name: "worker", runtime: "nodejs22.x", role: b.role({ name: "w", inline: { p: { Version: "2012-10-17", Statement: statements } } }) });
    };
    const logs: IamStatement = { Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" };
    const table = (name: string): IamStatement => ({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}` });
    const c = diffReports(scan(worker([logs, table("carts")])), scan(worker([table("orders"), logs]))).functionsChanged.find((f) => f.name === "worker");
    expect([c?.actionsGained, c?.actionsLost]).toEqual([[expect.stringContaining("table/orders")], [expect.stringContaining("table/carts")]]);
  });

  it("the demo's every policy re-serialised (statements and lists reversed, keys in another order, plain JSON) is no change", () => {
    const text = readFileSync(path.resolve(__dirname, "../../data/demo-snapshot.json"), "utf8");
    const reversed = (d: unknown): unknown =>
      Array.isArray(d) ? d.map(reversed).reverse() : d && typeof d === "object" ? Object.fromEntries(Object.entries(d).reverse().map(([k, v]) => [k, reversed(v)])) : d;
    // IAM's documents come URL-encoded, Lambda's as JSON strings; one of the demo's is not valid JSON and stays as it is.
    const redo = (doc: unknown) => {
      if (typeof doc !== "string") return reversed(doc);
      for (const read of [JSON.parse, (t: string) => JSON.parse(decodeURIComponent(t))]) {
        try {
          return JSON.stringify(reversed(read(doc)), null, 2);
        } catch {
          // the other encoding
        }
      }
      return doc;
    };
    const snapshot = JSON.parse(text);
    const gaad = snapshot.iam.GetAccountAuthorizationDetails;
    for (const region of Object.values<{ GetPolicy?: Record<string, { Policy: string }> }>(snapshot.regions)) for (const p of Object.values(region.GetPolicy ?? {})) p.Policy = redo(p.Policy) as string;
    for (const r of gaad.RoleDetailList) {
      r.AssumeRolePolicyDocument = redo(r.AssumeRolePolicyDocument);
      for (const p of r.RolePolicyList) p.PolicyDocument = redo(p.PolicyDocument);
    }
    for (const holder of [...gaad.UserDetailList, ...gaad.GroupDetailList]) for (const p of holder.UserPolicyList ?? holder.GroupPolicyList ?? []) p.PolicyDocument = redo(p.PolicyDocument);
    for (const p of gaad.Policies) for (const v of p.PolicyVersionList) v.Document = redo(v.Document);
    const { unreadInBoth, ...rest } = diffReports(analyzeSnapshot(parseSnapshot(text)), analyzeSnapshot(parseSnapshot(snapshot)));
    noChange({ ...rest, unreadInBoth: [] });
    expect(unreadInBoth.map((u) => u.text)).toContain("hr-payroll-export · us-east-1");
  });
});
