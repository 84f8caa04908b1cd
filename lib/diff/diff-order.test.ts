/**
 * Two scans of an account whose policies differ only in the order of what IAM or Lambda gives no order to: a
 * statement's condition operators and keys, a self-managed Kafka source's bootstrap servers. A policy re-serialised by
 * other tooling (Terraform's jsonencode sorts object keys) is no change, and the diff must report none; the lines
 * people read keep each scan's order.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import type { ConditionBlock } from "@/lib/snapshot/fixtures/policy-documents";
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
});
