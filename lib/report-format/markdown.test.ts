/**
 * The Markdown report, rendered the way GitHub renders it (micromark with GFM: tables, autolinks, strikethrough,
 * HTML passed through): what a crafted snapshot puts in names and messages must come out as the same text.
 */
import { readFileSync } from "node:fs";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import type { AnalysisReport, Finding } from "@/lib/analysis/types";
import { demoSnapshotPath } from "@/lib/snapshot/demo";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { applySuppressions } from "@/lib/suppressions/apply";
import { formatMarkdown, MARKDOWN_COMMENT_LIMIT, MARKDOWN_DETAILS, MARKDOWN_TABLE_ROWS, mdText } from "./markdown";
import { severityCounts } from "./text";
import { dataGapItems } from "@/lib/view/data-gaps";
import { CRAFTED_NAMES, hostileSnapshot, RTL_NAME, ZW_NAME } from "@/test/hostile/hostile-snapshot";

const report = analyzeSnapshot(parseSnapshotValue(JSON.parse(readFileSync(demoSnapshotPath(), "utf8"))));

/** GitHub's rendering, raw HTML allowed as GitHub allows some: anything the text forges would show up as tags. */
const html = (md: string) => micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
const textOf = (h: string) =>
  h
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
const rowsOf = (h: string, table: number) => [...(h.split("<table>")[table + 1] ?? "").matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => textOf(c[1]!)));

const HOSTILE =
  "a|b <img src=x onerror=alert(1)> [click](https://evil.example) **bold** ~~gone~~ `code` &amp; @octocat www.evil.example HTTP://x.example me@evil.example\n# not a heading\\";

describe("formatMarkdown", () => {
  const out = formatMarkdown(report);
  const rendered = html(out);

  it("gives the account, the counts by severity and one table row per finding, worst first", () => {
    expect(out.split("\n")[0]).toBe("## Lambda Permissions Graph · account 123456789012");
    const counts = severityCounts(report.findings);
    expect(rowsOf(rendered, 0)).toEqual([["Critical", "High", "Medium", "Low", "Info"], Object.values(counts).map(String)]);
    const rows = rowsOf(rendered, 1);
    expect(rows[0]).toEqual(["Severity", "Rule", "Where", "Finding"]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual(report.findings.map((f) => [f.severity.toUpperCase(), f.rule, f.title]));
    expect(rows.find((r) => r[1] === "public-invoke")?.[2]).toBe("debug-echo (us-east-1)");
  });

  it("counts in words that agree with the number: 1 function, 1 finding", () => {
    const one = { ...report, functions: report.functions.slice(0, 1), findings: report.findings.slice(0, 1), suppressed: [] };
    expect(formatMarkdown(one)).toContain(" · 1 function · 1 finding\n");
    expect(formatMarkdown(report)).toContain(" · 84 functions · 46 findings\n");
  });

  it("says which organization's guardrails the answers were judged against", () => {
    expect(rendered).toContain("<p>Organization o-acme7k2qx1: 2 SCPs applied to every answer from the root through 2 OUs to the account.</p>");
  });

  it("details the first findings with evidence and remediation in code blocks, folded away", () => {
    expect(rendered).toContain("<details><summary>Evidence and remediation of the first 25</summary>");
    expect((rendered.match(/<h4>/g) ?? []).length).toBe(Math.min(MARKDOWN_DETAILS, report.findings.length));
    const first = report.findings[0]!;
    expect(textOf(rendered)).toContain(first.evidence[0]!.description);
    expect(rendered).toContain(`<pre><code>${first.remediation.split("\n")[0]!.replace(/'/g, "'")}`);
  });

  it("says above a finding's remediation which rules' fixes to apply before it, as the text report and the dashboard do, and above no other", () => {
    const [first, second] = report.findings as [Finding, Finding];
    const ordered = { ...report, findings: [{ ...first, fixesFirst: ["event-source-missing-permissions"] }, second] };
    const h = html(formatMarkdown(ordered));
    expect(h).toContain("<p>Apply first: the fix of event-source-missing-permissions on the same function (AWS refuses this one until then)</p>\n<p>Remediation:</p>");
    expect(h.match(/Apply first/g)).toHaveLength(1);
  });

  it("lists what the scan could not read", () => {
    expect(rendered).toMatch(/<h3>Not read or not analysed: 5 API calls failed during the scan · 1 document could not be analysed<\/h3>/);
    expect(textOf(rendered)).toContain("GetPolicy on arn:aws:lambda:us-east-1:123456789012:function:hr-payroll-export (us-east-1): AccessDeniedException");
  });

  it("lists accepted findings apart with their reasons", () => {
    const { report: filtered } = applySuppressions(report, [{ rule: "public-invoke", function: "debug-echo", reason: "load test", expires: "2027-01-31" }], "2026-12-01");
    const h = html(formatMarkdown(filtered));
    expect(h).toContain(`<h3>Accepted (1, in the suppressions file)</h3>`);
    expect(rowsOf(h, 2)[1]).toEqual(["CRITICAL", "public-invoke", "debug-echo (us-east-1)", "Anyone can invoke this function", "load test", "2027-01-31"]);
    expect(rowsOf(h, 1).some((r) => r[1] === "public-invoke")).toBe(false);
  });

  it("renders crafted names, titles, details, evidence and reasons as the same text: no tag, link, cell or mention", () => {
    const [first, ...rest] = report.findings;
    const hostile: Finding = {
      ...first!,
      title: HOSTILE,
      detail: `- ${HOSTILE}`,
      evidence: [{ ...first!.evidence[0]!, description: HOSTILE }],
      remediation: "```\n<script>alert(1)</script>\n````",
    };
    const suppressed = [{ ...rest[0]!, suppression: { reason: HOSTILE, entry: 0 } }];
    const md = formatMarkdown({ ...report, account: HOSTILE, findings: [hostile, ...rest.slice(1)], suppressed });
    const h = html(md);
    expect(h).not.toMatch(/<img|<a |<strong>bold|<del>|<code>code|<script|<h1>/);
    expect(h).not.toMatch(/href/);
    // Each row keeps its four cells, the title whole in the last.
    expect(rowsOf(h, 1)[1]).toEqual(["CRITICAL", hostile.rule, expect.any(String), HOSTILE.replace("\n", " ").replace(/@/g, "@\u200b")]);
    expect(rowsOf(h, 2)[1]![4]).toBe(HOSTILE.replace("\n", " ").replace(/@/g, "@\u200b"));
    // A detail starting with "- " is a paragraph, not a list.
    expect(h).toContain(`<p>- a|b &lt;img`);
    // No one is mentioned: the @ is followed by a zero-width space.
    expect(md).not.toMatch(/@octocat/);
    // The remediation stays one code block, its fences and tags inside it as text.
    expect(h).toContain("<pre><code>```\n&lt;script&gt;alert(1)&lt;/script&gt;\n````\n</code></pre>");
  });

  it("caps the table and says how many more, for GitHub's size limits", () => {
    const many: AnalysisReport = { ...report, findings: Array.from({ length: MARKDOWN_TABLE_ROWS + 7 }, (_, i) => ({ ...report.findings[0]!, id: `x${i}` })) };
    const md = formatMarkdown(many);
    expect(rowsOf(html(md), 1)).toHaveLength(MARKDOWN_TABLE_ROWS + 1);
    expect(md).toContain("… and 7 more findings: the JSON, text and SARIF reports list every one.");
    expect(md.length).toBeLessThan(65_536 * 2);
  });

  it("stays within GitHub's 65,536 characters for a comment when findings have long details, evidence and fixes", () => {
    // A role shared by hundreds of functions, a long escalation list: each detail runs to thousands of characters.
    const long = (f: Finding, i: number): Finding => ({
      ...f,
      id: `long${i}`,
      detail: `${f.detail} ${"arn:aws:lambda:us-east-1:123456789012:function:some-function-name ".repeat(60)}`,
      evidence: Array.from({ length: 40 }, (_, j) => ({ ...f.evidence[0]!, description: `Allow in inline policy 'p${j}' of role r, statement #${j}` })),
    });
    const md = formatMarkdown({ ...report, findings: report.findings.map(long) });
    expect(md.length).toBeLessThanOrEqual(65_536);
    // Every row of the table is kept; details stop where the budget does, and the summary says how many it holds.
    const h = html(md);
    expect(rowsOf(h, 1)).toHaveLength(report.findings.length + 1);
    const detailed = (h.match(/<h4>/g) ?? []).length;
    expect(detailed).toBeGreaterThan(0);
    expect(detailed).toBeLessThan(MARKDOWN_DETAILS);
    expect(h).toContain(`<summary>Evidence and remediation of the first ${detailed}</summary>`);
    // A finding's evidence list is capped too, and says how much more there is.
    expect(textOf(h)).toContain("… and 30 more: the JSON report lists every one.");
  });

  it("stays within GitHub's comment limit whatever the names: tables and lists are cut by length, saying how many rows are left out", () => {
    // A crafted account: 10 kB names in every title, reason and failed call.
    const big = (i: number) => `n${i}-${"x".repeat(10_000)}`;
    const findings = Array.from({ length: 300 }, (_, i) => ({ ...report.findings[0]!, id: `big${i}`, title: big(i) }));
    const suppressed = Array.from({ length: 300 }, (_, i) => ({ ...report.findings[1]!, id: `acc${i}`, title: big(i), suppression: { reason: big(i), entry: 0 } }));
    const errors = Array.from({ length: 60 }, (_, i) => ({ operation: "GetPolicy", target: big(i), code: "AccessDeniedException" }));
    const md = formatMarkdown({ ...report, findings, suppressed, errors });
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_COMMENT_LIMIT);
    const h = html(md);
    const shown = rowsOf(h, 1).length - 1;
    expect(shown).toBeGreaterThan(0);
    expect(md).toContain(`… and ${300 - shown} more findings: the JSON, text and SARIF reports list every one.`);
    const accepted = rowsOf(h, 2).length - 1;
    expect(accepted).toBeGreaterThan(0);
    expect(md).toContain(`… and ${300 - accepted} more accepted findings:`);
    const gaps = (md.split("### Not read or not analysed")[1] ?? "").split("\n").filter((l) => l.startsWith("- ")).length;
    expect(gaps).toBeGreaterThan(0);
    expect(md).toContain(`… and ${dataGapItems({ ...report, errors }).length - gaps} more gaps:`);
  });

  it("shows hidden characters of AWS's text as escapes, as the text report and dashboard do: a look-alike cannot pass for checkout-api", () => {
    const md = formatMarkdown(analyzeSnapshot(parseSnapshotValue(hostileSnapshot())));
    const rendered = html(md);
    const places = rowsOf(rendered, 1).slice(1).map((row) => row[2]);
    expect(places).toContain("checkout-api (us-east-1)");
    expect(places.filter((p) => p === "checkout-api (us-east-1)")).toHaveLength(places.filter((p) => p?.startsWith("checkout-api (")).length);
    // The failed call's message names both look-alikes: the list of what was not read shows what hides in them.
    const gaps = textOf(rendered.split("Not read or not analysed")[1] ?? "");
    expect(gaps).toContain(ZW_NAME.replace("\u200b", "\\u200b"));
    expect(gaps).toContain(RTL_NAME.replace("\u202e", "\\u202e"));
    expect(md).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u2028\u2029\u202a-\u202e]/);
  });

  it("a function named as Lambda names none (a look-alike of checkout-api, `checkout-api:prod`): no row or place, listed as set aside", () => {
    const report = analyzeSnapshot(parseSnapshotValue(hostileSnapshot()));
    const rendered = html(formatMarkdown(report));
    const places = rowsOf(rendered, 1).slice(1).map((row) => row[2]!);
    expect(places).toContain("checkout-api (us-east-1)");
    // Each finding is the account's, a role's or a function's named as Lambda names one.
    expect(places.filter((p) => p !== "account" && !p.startsWith("role ") && !/^[A-Za-z0-9_-]{1,64} \(us-east-1\)$/.test(p))).toEqual([]);
    const gaps = textOf(rendered.split("Not read or not analysed")[1] ?? "");
    expect(gaps.match(/ListFunctions \(us-east-1\): MalformedResponse — Functions\.\d+\.FunctionName: not a Lambda function name/g)).toHaveLength(CRAFTED_NAMES.length);
  });

  it("escapes every character with a meaning, and only line breaks change", () => {
    expect(mdText("a_b*c`d[e]f<g>h|i~j&k#l\\m")).toBe("a\\_b\\*c\\`d\\[e\\]f\\<g\\>h\\|i\\~j\\&k\\#l\\\\m");
    expect(mdText("x (y) !z\r\nw")).toBe("x (y) !z w");
    expect(mdText("https://a.example www.b.example shttp:x")).toBe("https\\://a.example www\\.b.example shttp:x");
  });
});
