import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { Finding } from "@/lib/analysis/types";
import { FindingCard } from "./finding-card";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/b3e1d7c9-5a2f-4c68-8e04-7f9a1c3d5b26";
const FN = "arn:aws:lambda:us-east-1:123456789012:function:email-sender";

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
