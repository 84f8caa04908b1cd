/**
 * The compare page's account-wide invoker and assumer sections: shown only when such a role or assumer came or went,
 * each on its own line, as text.
 */
import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { createElement } from "react";
import type { ReportDiff } from "@/lib/diff/diff-reports";
import { EMPTY_DIFF, withDeadLetterQueue, withMappingFields } from "@/lib/diff/scan-fixtures";
import { diffReports } from "@/lib/diff/diff-reports";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { ACCOUNT, newBuilder, REGION } from "@/lib/analysis/test-support";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";
import { DiffView } from "./diff-view";

const empty = EMPTY_DIFF;

const render = (diff: ReportDiff) => renderToString(createElement(DiffView, { diff, newlyPublic: [], graphQuery: "snapshot=x" }));

const sections = [
  {
    name: "roles that may invoke every function",
    testId: "diff-account-invokers",
    diff: { accountInvokersGained: ["arn:aws:iam::123456789012:role/<b>new-admin</b>"], accountInvokersLost: ["arn:aws:iam::123456789012:role/old"] },
    escaped: "role/&lt;b&gt;new-admin&lt;/b&gt;",
    order: /Gained.*new-admin.*Lost.*role\/old/s,
  },
  {
    name: "findings that changed",
    testId: "diff-findings-changed",
    diff: {
      findingsChanged: [
        { id: "a", rule: "confused-deputy", severity: "high" as const, title: "s3 may invoke <b>this</b> function without aws:SourceArn or aws:SourceAccount", functions: [], was: { severity: "medium" as const, title: "s3 may invoke this function without aws:SourceAccount" } },
        { id: "b", rule: "cross-account-invoke", severity: "info" as const, title: "Accounts in organization o-1 can invoke this function", functions: [], was: { severity: "medium" as const, title: "Accounts in organization o-1 can invoke this function" } },
      ],
    },
    escaped: "s3 may invoke &lt;b&gt;this&lt;/b&gt; function",
    // React separates adjacent text with <!-- -->; the second finding's title did not change, so only its severity shows.
    order: /High.*without aws:SourceArn or aws:SourceAccount.*was (<!-- -->)?Medium(<!-- -->)?: s3 may invoke this function without aws:SourceAccount.*Info.*was (<!-- -->)?Medium(<!-- -->)?<\/span>/s,
  },
  {
    name: "who may assume the invoking roles",
    testId: "diff-assumers",
    diff: { assumersGained: ["ci-role: OIDC provider <i>token.actions.githubusercontent.com</i>"], assumersLost: ["ci-role: account 210987654321"] },
    escaped: "OIDC provider &lt;i&gt;token.actions.githubusercontent.com&lt;/i&gt;",
    order: /Gained.*OIDC provider.*Lost.*account 210987654321/s,
  },
];

describe.each(sections)("DiffView: $name", ({ testId, diff, escaped, order }) => {
  it("is left out when none came or went", () => {
    expect(render(empty)).not.toContain(testId);
  });

  it("lists what was gained and lost, as text", () => {
    const html = render({ ...empty, ...diff });
    expect(html).toContain(`data-testid="${testId}" data-count="2"`);
    expect(html).toContain(escaped);
    expect(html).toMatch(order);
  });
});

describe("DiffView: a role that may invoke every function in both scans, whose answer changed", () => {
  const changed = { text: "arn:aws:iam::123456789012:role/<b>ci</b>", was: "allowed, by invoke#0", now: "conditional (depends on aws:SourceIp), by <i>invoke</i>#0" };

  it("shows the section for that change alone, with the answer before and now, as text", () => {
    const html = render({ ...empty, accountInvokersChanged: [changed] });
    expect(html).toContain(`data-testid="diff-account-invokers" data-count="1"`);
    expect(html).toMatch(/Answer changed.*data-testid="diff-answer-changed".*role\/&lt;b&gt;ci&lt;\/b&gt;.*was: <span [^>]*data-testid="diff-was">allowed, by invoke#0.*now: <span [^>]*data-testid="diff-now">conditional \(depends on aws:SourceIp\), by &lt;i&gt;invoke&lt;\/i&gt;#0/s);
  });
});

describe("DiffView: a finding that changed the functions it badges", () => {
  it("names the functions it was on, as text, not linked", () => {
    const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
    const changed = { id: "a", rule: "role-admin", severity: "high" as const, title: "Role r is admin", functions: [arn("api"), arn("jobs")], was: { severity: "high" as const, title: "Role r is admin", functions: [arn("<b>api</b>")] } };
    const html = render({ ...empty, findingsChanged: [changed] });
    expect(html).toMatch(/data-testid="diff-finding-changed".*was (<!-- -->)?High.*was on (<!-- -->)?&lt;b&gt;api&lt;\/b&gt;(<!-- -->)? · us-east-1/s);
    expect(html).not.toMatch(/<a [^>]*>&lt;b&gt;api/);
  });
});

describe("DiffView: a function's way in, and reachable action, whose answer changed", () => {
  it("lists them under the function, with the answer before and now, as text", () => {
    const fn = { arn: "arn:aws:lambda:us-east-1:123456789012:function:api", name: "api", region: "us-east-1", nodeId: "fn:arn:aws:lambda:us-east-1:123456789012:function:api" };
    const none = { invokersGained: [], invokersLost: [], invokersUnverified: [], invokersUnknownBefore: [], actionsGained: [], actionsLost: [], actionsChanged: [], actionsUnverified: [], actionsUnknownBefore: [], becamePublic: false };
    const invokersChanged = [{ text: "arn:aws:iam::123456789012:role/ci (its identity policy)", was: "allowed, by invoke#0", now: "allowed, by <b>deploy</b>#0" }];
    const actionsChanged = [{ text: "sqs:SendMessage on arn:aws:sqs:us-east-1:123456789012:*", was: "allowed (may be refused by q#1), by q#0", now: "allowed, by q#0" }];
    const html = render({ ...empty, functionsChanged: [{ ...fn, ...none, invokersChanged, actionsChanged }] });
    expect(html).toMatch(/data-testid="diff-changed-function" data-name="api".*Invokers whose answer changed.*role\/ci \(its identity policy\).*was: <span [^>]*data-testid="diff-was">allowed, by invoke#0.*now: <span [^>]*data-testid="diff-now">allowed, by &lt;b&gt;deploy&lt;\/b&gt;#0/s);
    expect(html).toMatch(/Actions whose answer changed.*sqs:SendMessage on arn:aws:sqs:us-east-1:123456789012:\*.*was: <span [^>]*data-testid="diff-was">allowed \(may be refused by q#1\), by q#0.*now: <span [^>]*data-testid="diff-now">allowed, by q#0/s);
  });
});

describe("DiffView: a function whose ways in changed settings only", () => {
  it("lists each setting under the function, with its value before and now, as text", () => {
    const fn = { arn: "arn:aws:lambda:us-east-1:123456789012:function:api", name: "api", region: "us-east-1", nodeId: "fn:arn:aws:lambda:us-east-1:123456789012:function:api" };
    const none = { invokersGained: [], invokersLost: [], invokersChanged: [], invokersUnverified: [], invokersUnknownBefore: [], actionsGained: [], actionsLost: [], actionsChanged: [], actionsUnverified: [], actionsUnknownBefore: [], becamePublic: false };
    const settingsChanged = [{ text: "function URL · CORS", was: '{"AllowOrigins":["https://a.example"]}', now: '{"AllowOrigins":["<b>*</b>"]}' }];
    const html = render({ ...empty, functionsChanged: [{ ...fn, ...none, settingsChanged }] });
    expect(html).toMatch(/data-testid="diff-changed-function" data-name="api".*Settings changed.*function URL · CORS.*was: <span [^>]*data-testid="diff-was">\{&quot;AllowOrigins&quot;:\[&quot;https:\/\/a.example&quot;\]\}.*now: <span [^>]*data-testid="diff-now">\{&quot;AllowOrigins&quot;:\[&quot;&lt;b&gt;\*&lt;\/b&gt;&quot;\]\}/s);
  });
});

describe("DiffView: a setting's value of thousands of characters (a URL's CORS allowing 10,000 origins)", () => {
  it("is clamped with a button to show it whole, as the details panel clamps a long value; a short one is not", () => {
    const fn = { arn: "arn:aws:lambda:us-east-1:123456789012:function:api", name: "api", region: "us-east-1", nodeId: "fn:arn:aws:lambda:us-east-1:123456789012:function:api" };
    const none = { invokersGained: [], invokersLost: [], invokersChanged: [], invokersUnverified: [], invokersUnknownBefore: [], actionsGained: [], actionsLost: [], actionsChanged: [], actionsUnverified: [], actionsUnknownBefore: [], becamePublic: false };
    const origins = JSON.stringify({ AllowOrigins: Array.from({ length: 10_000 }, (_, i) => `https://o${i}.example`) });
    const settingsChanged = [{ text: "function URL · CORS", was: '{"AllowOrigins":["https://a.example"]}', now: origins }];
    const html = render({ ...empty, functionsChanged: [{ ...fn, ...none, settingsChanged }] });
    expect(html.match(/line-clamp-4/g)).toHaveLength(1);
    expect(html).toMatch(/now: <span [^>]*data-testid="diff-now" class="line-clamp-4">\{&quot;AllowOrigins&quot;:\[&quot;https:\/\/o0\.example&quot;/);
    expect(html).toMatch(/<button [^>]*aria-expanded="false"[^>]*>Show the whole value now<\/button>/);
    expect(html).not.toContain("Show the whole value before");
    // The whole value stays in the markup, for find-in-page and screen readers: its middle too, which a cut for
    // crafted words (LongText without `whole`) would leave out of a real setting.
    expect(html).toContain("https://o9999.example");
    expect(html).toContain("https://o5000.example");
  });
});

describe("DiffView: crafted text with spaces beside a setting's value", () => {
  it("cuts a 1 MB line (a crafted action or principal) past 65,536 characters; the values before and now stay whole", () => {
    const fn = { arn: "arn:aws:lambda:us-east-1:123456789012:function:api", name: "api", region: "us-east-1", nodeId: "fn:arn:aws:lambda:us-east-1:123456789012:function:api" };
    const none = { invokersGained: [], invokersLost: [], invokersChanged: [], invokersUnverified: [], invokersUnknownBefore: [], actionsLost: [], actionsChanged: [], actionsUnverified: [], actionsUnknownBefore: [], becamePublic: false };
    const spaced = `START ${"word ".repeat(209_715)}END`;
    const html = render({ ...empty, functionsChanged: [{ ...fn, ...none, actionsGained: [spaced], settingsChanged: [{ text: spaced, was: "a", now: spaced }] }] });
    const cut = /^START word .*…\(\d+ characters\)….* word END$/s;
    expect(/Actions gained.*?<li class="break-all font-mono text-xs">(.*?)<\/li>/s.exec(html)?.[1]).toMatch(cut);
    expect(/data-testid="diff-answer-changed"><span class="break-all font-mono text-xs">(.*?)<\/span>/s.exec(html)?.[1]).toMatch(cut);
    // The value now is a setting the user came to read: whole, a megabyte in the markup.
    expect(html).toContain(spaced);
    expect(html.length).toBeLessThan(spaced.length + 300_000);
  });
});

describe("DiffView: the functions a new, fixed or changed finding badges", () => {
  const arn = (name: string, region = "us-east-1") => `arn:aws:lambda:${region}:123456789012:function:${name}`;
  const finding = (id: string, functions: string[]) => ({ id, rule: "public-invoke", severity: "critical" as const, title: "Anyone can invoke this function", functions });

  it("names them beside the title, as text, linked to the newer scan's graph for new findings", () => {
    const html = render({ ...empty, findingsNew: [finding("a", [arn("<b>checkout</b>")])], findingsFixed: [finding("b", [arn("cart-api", "eu-west-1")])] });
    // Two findings with one title: without the names the list cannot say which function is newly public.
    expect(html).toMatch(/Anyone can invoke this function.*on (<!-- -->)?<a [^>]*href="\/graph\?snapshot=x&amp;focus=fn%3Aarn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3A%3Cb%3Echeckout%3C%2Fb%3E[^"]*">&lt;b&gt;checkout&lt;\/b&gt;<\/a>(<!-- -->)? · us-east-1/s);
    // A fixed finding's function may be gone from the newer scan: named, not linked.
    expect(html).toMatch(/data-testid="diff-finding-fixed".*on (<!-- -->)?cart-api(<!-- -->)? · eu-west-1/s);
    expect(html).not.toMatch(/<a [^>]*>cart-api/);
  });

  it("names the first three and counts the rest (a role shared by many functions)", () => {
    const html = render({ ...empty, findingsNew: [finding("a", ["f1", "f2", "f3", "f4", "f5"].map((n) => arn(n)))] });
    expect(html).toContain(">f3</a>");
    expect(html).not.toContain(">f4</a>");
    expect(html).toMatch(/and 2 more/);
  });
});

describe("DiffView: links to the graph stay short enough for a server to take", () => {
  const huge = "f".repeat(20_000);
  const arn = `arn:aws:lambda:us-east-1:123456789012:function:${huge}`;
  const ref = { name: huge, arn, region: "us-east-1", nodeId: `fn:${arn}` };

  it("draws a function whose link would pass MAX_LINK_URL by name, unlinked, saying why; a finding links by the short id", () => {
    const change = { ...ref, invokersGained: [], invokersLost: [], invokersChanged: [], invokersUnverified: [], invokersUnknownBefore: [], actionsGained: [], actionsLost: [], actionsChanged: [], actionsUnverified: [], actionsUnknownBefore: [] };
    const html = render({
      ...empty,
      functionsAdded: [ref],
      functionsChanged: [change as unknown as ReportDiff["functionsChanged"][number]],
      findingsNew: [{ id: "a", rule: "public-invoke", severity: "critical" as const, title: "Anyone can invoke this function", functions: [arn] }],
    });
    const hrefs = [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]!);
    expect(Math.max(...hrefs.map((h) => h.length))).toBeLessThan(8_000);
    // The two lists handed the whole id draw the name unlinked; a finding's function is linked by the graph's own id,
    // which shortens an id past the longest ARN (lib/graph/build.ts), so that link is short and drawn.
    expect(html.match(/data-testid="name-unlinked">\(no link to the graph: the name is 20,000 characters long\)</g)).toHaveLength(2);
    expect(hrefs.some((h) => h.includes(encodeURIComponent("…node:sha256:")) || h.includes("…node:sha256:"))).toBe(true);
  });

  it("a dead-letter queue the role already covers, moved: the compare page says where failed events go now", () => {
    const b = newBuilder();
    const queue = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
    b.fn({ region: REGION, name: "worker", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { all: policy(allow("sqs:SendMessage", "*")) } }), dlq: queue("dlq-a") });
    const then = parseSnapshot(b.build());
    const now = withDeadLetterQueue(then, "worker", queue("<b>dlq-b</b>"), "2026-12-01T00:00:00Z");
    const html = render(diffReports(analyzeSnapshot(then), analyzeSnapshot(now)));
    expect(html).toMatch(/data-testid="diff-changed-function" data-name="worker".*Settings changed.*asynchronous invocation · dead-letter queue.*was: <span [^>]*data-testid="diff-was">arn:aws:sqs:[^<]*:dlq-a.*now: <span [^>]*data-testid="diff-now">arn:aws:sqs:[^<]*:&lt;b&gt;dlq-b&lt;\/b&gt;/s);
  });

  it("a stream mapping that now reads four batches per shard and retries three times: the compare page says so", () => {
    const b = newBuilder();
    const stream = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/clicks`;
    const fn = b.fn({ region: REGION, name: "clicks", runtime: "nodejs22.x", role: b.role({ name: "r", inline: { all: policy(allow("*", "*")) } }) });
    b.esm({ sourceArn: stream, functionArn: fn });
    const then = parseSnapshot(b.build());
    const now = withMappingFields(then, "clicks", { ParallelizationFactor: 4, MaximumRetryAttempts: 3 }, "2026-12-01T00:00:00Z");
    const html = render(diffReports(analyzeSnapshot(then), analyzeSnapshot(now)));
    expect(html).toMatch(/data-testid="diff-changed-function" data-name="clicks".*Settings changed.*stream\/clicks · parallelization factor.*was: <span [^>]*data-testid="diff-was">1<.*now: <span [^>]*data-testid="diff-now">4<.*stream\/clicks · retry attempts.*was: <span [^>]*data-testid="diff-was">-1 \(infinite\)<.*now: <span [^>]*data-testid="diff-now">3</s);
  });
});
