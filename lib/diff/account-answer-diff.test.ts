/**
 * A role that may invoke every function in both scans, under the same scope, whose answer changed: a condition made it
 * conditional, or its grant now comes from other statements. Said once, with its answer before and after, not hidden
 * (the scope alone matches) and not repeated on each function as a way lost and another gained.
 */
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { allow, deny, policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { newBuilder, REGION } from "@/lib/analysis/test-support";
import { diffReports } from "./diff-reports";
import { withRegionUnlisted } from "./scan-fixtures";

const CI = "arn:aws:iam::123456789012:role/ci";
const JOBS = "arn:aws:lambda:us-east-1:123456789012:function:jobs";
const SOURCE_IP = { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } };
/** A tier below `limit`, written in a number form AWS does not document ("1e3"): the answer turns on how AWS reads it. */
const tierBelow = (limit: string) => ({ NumericLessThan: { "aws:PrincipalTag/tier": limit } });
const TIER_5 = { tier: "5" };

interface Grant {
  condition?: Record<string, unknown>;
  /** The inline policy's name: the statement the answer cites. */
  name?: string;
  /** Functions the role's own Deny refuses. */
  denied?: string[];
  /** Grant every function of this region rather than every function. */
  region?: string;
  /** Role ci's tags (its requests carry them as aws:PrincipalTag/…). */
  tags?: Record<string, string>;
}

/** Functions api and jobs in us-east-1, worker in eu-west-1, and role ci granted invoke as `grant` says. */
function scan(grant: Grant) {
  return analyzeSnapshot(snapshotOf(grant));
}

function snapshotOf({ condition, name = "invoke", denied = [], region, tags }: Grant) {
  const b = newBuilder();
  const role = b.role({ name: "r" });
  const api = b.fn({ region: REGION, name: "api", runtime: "nodejs20.x", role });
  const jobs = b.fn({ region: REGION, name: "jobs", runtime: "nodejs20.x", role });
  b.fn({ region: "eu-west-1", name: "worker", runtime: "nodejs20.x", role });
  const fns: Record<string, string> = { api, jobs };
  const resource = region ? `arn:aws:lambda:${region}:123456789012:function:*` : "*";
  const statements = [allow("lambda:InvokeFunction", resource, condition ? { condition: condition as never } : {})];
  if (denied.length) statements.push(deny("lambda:InvokeFunction", denied.map((n) => fns[n] as string)));
  b.role({ name: "ci", trust: serviceTrust("codebuild.amazonaws.com"), tags, inline: { [name]: policy(...statements) } });
  return parseSnapshot(b.build());
}

describe("an account-wide role whose answer changed under the same scope", () => {
  it("a condition that makes it conditional is a changed answer, with the statements, and not one line per function", () => {
    const d = diffReports(scan({}), scan({ condition: SOURCE_IP }));
    expect(d.accountInvokersChanged).toEqual([{ text: CI, was: "allowed, by invoke#0", now: "conditional (depends on aws:SourceIp), by invoke#0" }]);
    expect([d.accountInvokersGained, d.accountInvokersLost, d.functionsChanged]).toEqual([[], [], []]);
  });

  it("and back: a condition dropped is allowed again", () => {
    const d = diffReports(scan({ condition: SOURCE_IP }), scan({}));
    expect(d.accountInvokersChanged).toEqual([{ text: CI, was: "conditional (depends on aws:SourceIp), by invoke#0", now: "allowed, by invoke#0" }]);
    expect(d.functionsChanged).toEqual([]);
  });

  it("the same answer from other statements is a change of evidence", () => {
    const d = diffReports(scan({ name: "invoke" }), scan({ name: "deploy" }));
    expect(d.accountInvokersChanged).toEqual([{ text: CI, was: "allowed, by invoke#0", now: "allowed, by deploy#0" }]);
  });

  it("a role granted every function of one region keeps that scope in its line", () => {
    const d = diffReports(scan({ region: REGION }), scan({ region: REGION, condition: SOURCE_IP }));
    expect(d.accountInvokersChanged.map((c) => [c.text, c.now])).toEqual([[`${CI} (every function in ${REGION})`, "conditional (depends on aws:SourceIp), by invoke#0"]]);
    expect(d.functionsChanged).toEqual([]);
  });

  it("a function answered otherwise in one scan still shows its own change", () => {
    // Before: the role's Deny refused jobs (unqualified: its $LATEST stayed open). After: no Deny, and the role's answer
    // is conditional everywhere.
    const d = diffReports(scan({ denied: ["jobs"] }), scan({ condition: SOURCE_IP }));
    expect(d.accountInvokersChanged.map((c) => c.now)).toEqual(["conditional (depends on aws:SourceIp), by invoke#0"]);
    expect(d.functionsChanged.map((c) => [c.name, c.invokersGained.map((i) => i.text), c.invokersLost.map((i) => i.text)])).toEqual([
      ["jobs", [`${CI} (its identity policy) · conditional`], [`${CI} (its identity policy) · on ${JOBS}:$LATEST`]],
    ]);
  });

  it("identical scans change nothing", () => {
    expect(diffReports(scan({ condition: SOURCE_IP }), scan({ condition: SOURCE_IP })).accountInvokersChanged).toEqual([]);
  });

  it("conditional on another value AWS may read otherwise: its answer changed, naming the values as findings do", () => {
    const d = diffReports(scan({ condition: tierBelow("1e3"), tags: TIER_5 }), scan({ condition: tierBelow("1e4"), tags: TIER_5 }));
    expect(d.accountInvokersChanged).toEqual([
      {
        text: CI,
        was: 'conditional (depends on how AWS reads aws:PrincipalTag/tier "1e3"), by invoke#0',
        now: 'conditional (depends on how AWS reads aws:PrincipalTag/tier "1e4"), by invoke#0',
      },
    ]);
  });

  it("an answer that changed where a scan could not list the functions it covers is not verifiable, not changed", () => {
    const listed = scan({ region: REGION });
    const unlisted = analyzeSnapshot(withRegionUnlisted(snapshotOf({ region: REGION }), REGION, "2026-11-29T00:00:00Z"));
    const why = "Functions in us-east-1 could not be listed (AccessDeniedException)";
    const now = diffReports(listed, unlisted);
    expect(now.accountInvokersChanged).toEqual([]);
    expect(now.accountInvokersUnverified).toEqual([{ text: `${CI} (every function in ${REGION})`, why }]);
    const before = diffReports(unlisted, listed);
    expect(before.accountInvokersChanged).toEqual([]);
    expect(before.accountInvokersUnknownBefore).toEqual([{ text: `${CI} (every function in ${REGION})`, why }]);
  });
});

describe("a way in to one function, the same in both scans, whose answer's evidence changed", () => {
  /** Role ci granted invoke on api alone, by the inline policy `name`, under `condition`. */
  function oneFunction(name: string, condition?: Record<string, unknown>) {
    const b = newBuilder();
    const role = b.role({ name: "r" });
    const api = b.fn({ region: REGION, name: "api", runtime: "nodejs20.x", role });
    b.fn({ region: REGION, name: "jobs", runtime: "nodejs20.x", role });
    b.role({ name: "ci", trust: serviceTrust("codebuild.amazonaws.com"), tags: TIER_5, inline: { [name]: policy(allow("lambda:InvokeFunction", api, condition ? { condition: condition as never } : {})) } });
    return analyzeSnapshot(parseSnapshot(b.build()));
  }
  const MFA = { Bool: { "aws:MultiFactorAuthPresent": "true" } };

  it("granted by other statements: its answer changed, before and now, not hidden", () => {
    const d = diffReports(oneFunction("invoke"), oneFunction("deploy"));
    expect(d.functionsChanged.map((c) => [c.name, c.invokersGained, c.invokersLost, c.invokersChanged])).toEqual([
      ["api", [], [], [{ text: `${CI} (its identity policy)`, was: "allowed, by invoke#0", now: "allowed, by deploy#0" }]],
    ]);
    expect(d.changedNodeIds).toEqual([`fn:arn:aws:lambda:${REGION}:123456789012:function:api`]);
  });

  it("conditional on another key: its answer changed", () => {
    const d = diffReports(oneFunction("invoke", SOURCE_IP), oneFunction("invoke", MFA));
    expect(d.functionsChanged.map((c) => c.invokersChanged.map((i) => [i.was, i.now]))).toEqual([
      [["conditional (depends on aws:SourceIp), by invoke#0", "conditional (depends on aws:MultiFactorAuthPresent), by invoke#0"]],
    ]);
  });

  it("conditional on another value AWS may read otherwise: its answer changed", () => {
    const d = diffReports(oneFunction("invoke", tierBelow("1e3")), oneFunction("invoke", tierBelow("1e4")));
    expect(d.functionsChanged.map((c) => c.invokersChanged.map((i) => [i.was, i.now]))).toEqual([
      [['conditional (depends on how AWS reads aws:PrincipalTag/tier "1e3"), by invoke#0', 'conditional (depends on how AWS reads aws:PrincipalTag/tier "1e4"), by invoke#0']],
    ]);
  });

  it("identical scans change nothing", () => {
    expect(diffReports(oneFunction("invoke", SOURCE_IP), oneFunction("invoke", SOURCE_IP)).functionsChanged).toEqual([]);
  });
});

describe("a reachable action of both scans whose answer's evidence changed", () => {
  const QUEUES = "arn:aws:sqs:us-east-1:123456789012:*";
  /** Function api whose role may send to every queue, from the inline policy `name`, with a Deny on the orders queue or not. */
  function sender(name: string, denyOrders: boolean) {
    const b = newBuilder();
    const statements = [allow(["sqs:SendMessage", "sqs:DeleteMessage"], QUEUES)];
    if (denyOrders) statements.push(deny(["sqs:SendMessage", "sqs:DeleteMessage"], "arn:aws:sqs:us-east-1:123456789012:orders"));
    b.fn({ region: REGION, name: "api", runtime: "nodejs20.x", role: b.role({ name: "r", inline: { [name]: policy(...statements) } }) });
    return analyzeSnapshot(parseSnapshot(b.build()));
  }

  it("a Deny on part of it removed: widened, shown before and now, one line for the resource's actions", () => {
    const d = diffReports(sender("q", true), sender("q", false));
    expect(d.functionsChanged.map((c) => [c.name, c.actionsGained, c.actionsLost, c.actionsChanged])).toEqual([
      ["api", [], [], [{ text: `sqs:DeleteMessage, sqs:SendMessage on ${QUEUES}`, was: "allowed (may be refused by q#1), by q#0", now: "allowed, by q#0" }]],
    ]);
    expect(d.changedNodeIds).toEqual([`fn:arn:aws:lambda:${REGION}:123456789012:function:api`]);
  });

  it("granted by other statements", () => {
    const d = diffReports(sender("q", false), sender("send", false));
    expect(d.functionsChanged.flatMap((c) => c.actionsChanged.map((a) => [a.was, a.now]))).toEqual([["allowed, by q#0", "allowed, by send#0"]]);
  });

  it("conditional on another value AWS may read otherwise: its answer changed, naming the values", () => {
    /** Function api whose role (tier 5) may send to every queue while its tier is below `limit`. */
    const tiered = (limit: string) => {
      const b = newBuilder();
      const role = b.role({ name: "r", tags: TIER_5, inline: { q: policy(allow("sqs:SendMessage", QUEUES, { condition: tierBelow(limit) as never })) } });
      b.fn({ region: REGION, name: "api", runtime: "nodejs20.x", role });
      return analyzeSnapshot(parseSnapshot(b.build()));
    };
    const d = diffReports(tiered("1e3"), tiered("1e4"));
    expect(d.functionsChanged.flatMap((c) => c.actionsChanged)).toEqual([
      {
        text: `sqs:SendMessage on ${QUEUES} (conditional)`,
        was: 'conditional (depends on how AWS reads aws:PrincipalTag/tier "1e3"), by q#0',
        now: 'conditional (depends on how AWS reads aws:PrincipalTag/tier "1e4"), by q#0',
      },
    ]);
  });

  it("identical scans change nothing", () => {
    expect(diffReports(sender("q", true), sender("q", true)).functionsChanged).toEqual([]);
  });
});

describe("other ways in of both scans", () => {
  /** Function api with one SQS mapping in `state`, and a URL of `authType`. */
  function mapped(state: string, authType: "NONE" | "AWS_IAM" = "AWS_IAM") {
    const b = newBuilder();
    const api = b.fn({ region: REGION, name: "api", runtime: "nodejs20.x", role: b.role({ name: "r" }) });
    b.esm({ functionArn: api, sourceArn: "arn:aws:sqs:us-east-1:123456789012:orders", state });
    b.url(api, { authType });
    if (authType === "NONE") {
      b.permission(api, { sid: "url", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" });
      b.permission(api, { sid: "inv", principal: "*", action: "lambda:InvokeFunction", invokedViaUrl: true });
    }
    return analyzeSnapshot(parseSnapshot(b.build()));
  }

  it("an event source mapping turned off: its answer changed, not hidden by its source alone", () => {
    const d = diffReports(mapped("Enabled"), mapped("Disabled"));
    expect(d.functionsChanged.map((c) => c.invokersChanged)).toEqual([
      [{ text: "event source arn:aws:sqs:us-east-1:123456789012:orders", was: "allowed (mapping Enabled)", now: "allowed (mapping Disabled)" }],
    ]);
  });

  it("a URL whose auth type changed is one way lost and another gained (already keyed by its auth type)", () => {
    const d = diffReports(mapped("Enabled"), mapped("Enabled", "NONE"));
    const [c] = d.functionsChanged;
    expect(c?.invokersLost.map((i) => i.text)).toEqual(["function URL (auth AWS_IAM)"]);
    expect(c?.invokersGained.map((i) => i.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^function URL \(auth NONE\)/)]));
  });
});
