import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { Finding, SuppressedFinding } from "@/lib/analysis/types";
import { FindingCard } from "./finding-card";
import { AcceptedFindings } from "./accepted-findings";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/b3e1d7c9-5a2f-4c68-8e04-7f9a1c3d5b26";
const FN = "arn:aws:lambda:us-east-1:123456789012:function:email-sender";

/** A public-invoke finding's fields that name the function as `shown` (a crafted name or ARN), evidence aside. */
function publicInvoke(shown: string): Omit<Finding, "evidence" | "remediation"> {
  return {
    id: "x",
    rule: "public-invoke",
    severity: "critical",
    function: FN,
    functions: [FN],
    title: `Anyone can invoke ${shown}`,
    detail: `The resource policy of ${shown} allows *.`,
  };
}

function card(source: Finding["evidence"][number]["source"]): string {
  const finding: Finding = {
    id: "x",
    rule: "async-target-permission-missing",
    severity: "medium",
    function: FN,
    functions: [FN],
    title: "Dead-letter queue lacks kms:GenerateDataKey",
    detail: "…",
    evidence: [{ kind: "resource-statement", description: "Allow in resource policy 'default' of the key", source }],
    remediation: "…",
  };
  return renderToStaticMarkup(createElement(FindingCard, { finding }));
}

/** The evidence source's facts as the card lists them: label → value. */
function facts(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<dt[^>]*>([^<]*)<\/dt><dd[^>]*>([^<]*)<\/dd>/g)) out[m[1]!] = m[2]!;
  return out;
}

describe("FindingCard evidence source", () => {
  it("names a key's (or queue's) ARN as the resource, never as a function", () => {
    const shown = facts(card({ policyName: "default", policyKind: "resource", statementIndex: 0, resourceArn: KEY }));
    expect(shown.Resource).toBe(KEY);
    expect(shown.Function).toBeUndefined();
  });

  it("names a function's ARN as the function", () => {
    const shown = facts(card({ policyName: "function policy", policyKind: "resource", statementIndex: 2, sid: "s3", functionArn: FN }));
    expect(shown).toMatchObject({ Function: FN, "Statement index": "2", Sid: "s3" });
    expect(shown.Resource).toBeUndefined();
  });
});

describe("FindingCard text from the snapshot", () => {
  it("shows bidirectional overrides as escapes: a crafted name cannot read as another", () => {
    const spoof = "\u202eipa-tuokcehc"; // reads "checkout-api" when the override is obeyed
    const finding: Finding = {
      ...publicInvoke(spoof),
      evidence: [
        {
          kind: "resource-statement",
          description: `Allow in ${spoof}`,
          source: { policyName: "function policy", policyKind: "resource", statementIndex: 0, sid: `s${spoof}`, functionArn: FN },
          document: { Sid: `s${spoof}`, Effect: "Allow", Principal: "*" },
          highlight: [`s${spoof}`],
        },
      ],
      remediation: `aws lambda remove-permission \\\n  --function-name ${spoof} --statement-id s${spoof}`,
    };
    const html = renderToStaticMarkup(createElement(FindingCard, { finding }));
    expect(html).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(html).toContain("Anyone can invoke \\u202eipa-tuokcehc");
    expect(facts(html).Sid).toBe("s\\u202eipa-tuokcehc");
    // The remediation keeps its lines.
    expect(html).toContain("remove-permission \\\n  --function-name \\u202eipa-tuokcehc");
  });
});

describe("FindingCard evidence documents", () => {
  it("names each document by its finding and place, so two findings citing one statement are regions told apart", () => {
    const base = { id: "a", severity: "critical" as const, function: FN, functions: [FN], detail: "…", remediation: "…" };
    const evidence = [{ kind: "resource-statement" as const, description: "Statement 0 of the function policy", document: { Sid: "open" } }];
    const labels = [
      { ...base, rule: "public-invoke", title: "Anyone can invoke <this>", evidence },
      { ...base, id: "b", rule: "function-url-public", title: "Public URL", evidence },
    ].flatMap((finding) => [...renderToStaticMarkup(createElement(FindingCard, { finding })).matchAll(/role="region" aria-label="([^"]*)"/g)].map((m) => m[1]));
    expect(labels).toEqual([
      "Document: Statement 0 of the function policy (evidence 1 of 1, public-invoke: Anyone can invoke &lt;this&gt;)",
      "Document: Statement 0 of the function policy (evidence 1 of 1, function-url-public: Public URL)",
    ]);
  });
});

describe("FindingCard evidence document with a crafted 1 MB Sid of short words", () => {
  it("cuts the document in the middle past any policy's length, keeping its start, its end and the count", () => {
    const sid = `START ${"word ".repeat(209_715)}END`;
    const finding: Finding = {
      ...publicInvoke("orders"),
      evidence: [{ kind: "resource-statement", description: "Statement 0 of the function policy", document: { Sid: sid, Effect: "Allow", Principal: "*" } }],
      remediation: "…",
    };
    const html = renderToStaticMarkup(createElement(FindingCard, { finding }));
    expect(html.length).toBeLessThan(200_000);
    const doc = /<pre data-testid="evidence-json"[^>]*><code>(.*?)<\/code><\/pre>/s.exec(html)?.[1] ?? "";
    expect(doc).toMatch(/^\{\n  &quot;Sid&quot;: &quot;START word .*…\(\d+ characters\)….*&quot;Principal&quot;: &quot;\*&quot;\n\}$/s);
  });
});

describe("FindingCard copy buttons", () => {
  it("name what each copies, after their visible label, so a panel's list of buttons tells them apart", () => {
    const base = { severity: "critical" as const, function: FN, functions: [FN], detail: "…", evidence: [] };
    const remediation = 'If it should be public:\naws lambda add-permission --x 1\nIf not:\naws lambda delete-function-url-config --y 2\n{\n  "Sid": "a"\n}';
    const markups = [
      { ...base, id: "a", rule: "function-url-public", title: "Public URL", remediation },
      { ...base, id: "b", rule: "public-invoke", title: "Anyone can invoke", remediation: "aws lambda remove-permission --z 3" },
    ].map((finding) => renderToStaticMarkup(createElement(FindingCard, { finding })));
    const names = markups.flatMap((html) => [...html.matchAll(/<button[^>]*aria-label="([^"]*)"/g)].map((m) => m[1]));
    // The names are names, not text: the card's text says its title once (a screen reader's browse mode, find-in-page
    // and the e2e tests' getByText read text, and heard the title again after every button).
    expect(markups[0]!.replace(/<[^>]*>/g, " ").match(/Public URL/g)).toHaveLength(1);
    expect(names).toEqual([
      "Copy fix for Public URL",
      "Copy command 1 of 2 for Public URL",
      "Copy command 2 of 2 for Public URL",
      "Copy JSON for Public URL",
      "Copy fix for Anyone can invoke",
      "Copy command for Anyone can invoke",
    ]);
  });
});

describe("FindingCard conditional label", () => {
  const base = { id: "x", rule: "role-privilege-escalation", severity: "medium" as const, functions: [FN], detail: "…", evidence: [], remediation: "…" };
  const text = (finding: Finding) => renderToStaticMarkup(createElement(FindingCard, { finding })).replace(/<[^>]*>/g, " ");

  it("says a finding is conditional from its conditional field, whatever its title's words", () => {
    expect(text({ ...base, title: "Role r can escalate privileges", conditional: true })).toContain("Conditional: rests on an answer the snapshot cannot decide");
    expect(text({ ...base, title: "Role r may escalate privileges" })).not.toContain("Conditional");
  });
});

describe("FindingCard: the fixes that come first", () => {
  const finding: Finding = {
    id: "event-source-mapping-failing:x",
    rule: "event-source-mapping-failing",
    severity: "high",
    function: FN,
    functions: [FN],
    title: "SQS trigger disabled: mapping is Disabled",
    detail: "…",
    evidence: [],
    remediation: "aws lambda update-event-source-mapping --uuid u --enabled --region us-east-1",
  };
  const applyFirst = (f: Finding) => /data-testid="finding-apply-first"[^>]*>([^<]*)</.exec(renderToStaticMarkup(createElement(FindingCard, { finding: f })))?.[1];

  it("says which rules' fixes to apply before the card's own, above its remediation", () => {
    expect(applyFirst({ ...finding, fixesFirst: ["event-source-missing-permissions"] })).toBe(
      "Apply first: the fix of event-source-missing-permissions on the same function (AWS refuses this one until then)",
    );
    expect(applyFirst(finding)).toBeUndefined();
  });
});

describe("FindingCard with a crafted 1 MB qualifier", () => {
  const QUALIFIER = "q".repeat(1_000_000);
  const ARN = `${FN}:${QUALIFIER}`;
  const finding: Finding = {
    ...publicInvoke(ARN),
    evidence: [{ kind: "resource-statement", description: `Allow in the policy of ${ARN}`, source: { policyName: "function policy", policyKind: "resource", statementIndex: 0, functionArn: ARN }, document: { Resource: ARN } }],
    remediation: `aws lambda remove-permission --function-name ${ARN} --statement-id s`,
  };
  const html = renderToStaticMarkup(createElement(FindingCard, { finding }));

  it("cuts it in the title, detail, evidence and every accessible name: start, end and how much is left out", () => {
    const attributes = [...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]!);
    expect(attributes.length).toBeGreaterThan(2);
    // A document's name says its description and its finding's title: two cut ARNs at most, not a megabyte.
    for (const name of attributes) expect(name.length, name.slice(0, 80)).toBeLessThan(5_000);
    const text = html.replace(/<[^>]*>/g, " ");
    expect(text).toContain(`Anyone can invoke ${FN}:qqq`);
    expect(text).toMatch(/…\(\d[\d,]* characters\)…q+/);
    // The copy button's text is not in the markup: what shows is at most a few cut ARNs long.
    expect(html.length).toBeLessThan(40_000);
    expect(facts(html).Function).toMatch(/^arn:aws:lambda:.*…\(\d+ characters\)…q+$/);
  });

  it("an ARN as long as AWS allows is shown whole", () => {
    const longest = `${FN}:${"v".repeat(2048 - FN.length - 1)}`;
    const whole = renderToStaticMarkup(createElement(FindingCard, { finding: { ...finding, title: `Anyone can invoke ${longest}` } }));
    expect(whole).toContain(`<h4 class="text-sm font-semibold text-slate-900">Anyone can invoke ${longest}</h4>`);
  });
});

describe("AcceptedFindings with a crafted 1 MB qualifier", () => {
  it("cuts it in the accepted finding's summary too", () => {
    const title = `Anyone can invoke ${FN}:${"q".repeat(1_000_000)}`;
    const accepted: SuppressedFinding[] = [{ id: "x", rule: "public-invoke", severity: "critical", function: FN, functions: [FN], title, detail: "…", evidence: [], remediation: "…", suppression: { reason: "known", entry: 0 } }];
    const html = renderToStaticMarkup(createElement(AcceptedFindings, { accepted }));
    expect(html.length).toBeLessThan(40_000);
    expect(html).toMatch(/<summary[^>]*>.*Anyone can invoke arn:aws:lambda:[^<]*…\(\d+ characters\)…q+<\/span><\/summary>/);
  });
});

describe("AcceptedFindings with a crafted 1 MB reason of short words", () => {
  it("cuts the suppressions file's reason as the overview's note does", () => {
    const reason = `START ${"word ".repeat(209_715)}END`;
    const accepted: SuppressedFinding[] = [{ id: "x", rule: "public-invoke", severity: "critical", function: FN, functions: [FN], title: "t", detail: "…", evidence: [], remediation: "…", suppression: { reason, entry: 0 } }];
    const html = renderToStaticMarkup(createElement(AcceptedFindings, { accepted }));
    expect(html.length).toBeLessThan(200_000);
    expect(/Accepted: (.*?)<\/p>/s.exec(html)?.[1]).toMatch(/^START word .*…\(\d+ characters\)….* word END$/s);
  });
});
