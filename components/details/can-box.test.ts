/** The what-if box's answer view: a weighted alias's answer shows each version's role and its decision, as text. */
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { policy } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, REGION, modelOf, newBuilder } from "@/lib/analysis/test-support";
import { ask } from "@/lib/analysis/what-if";
import { AnswerView } from "./can-box";

const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;

function answerFor(alias: "live" | "plain") {
  const b = newBuilder();
  const stable = b.role({ name: "stable-role", inline: { q: policy({ Sid: "queue", Effect: "Allow", Action: "sqs:DeleteMessage", Resource: QUEUE }) } });
  const canary = b.role({ name: "canary-role", inline: { l: policy({ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }) } });
  const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: stable });
  b.version(fn, "3", stable);
  b.version(fn, "4", canary);
  b.alias(fn, "live", "3", undefined, { "4": 0.1 });
  b.alias(fn, "plain", "3");
  return ask(modelOf(b), { principal: `${fn}:${alias}`, action: "sqs:DeleteMessage", resource: QUEUE });
}

describe("AnswerView", () => {
  it("a weighted alias: one line per version and role with its decision, and whose policy each statement is", () => {
    const html = renderToStaticMarkup(createElement(AnswerView, { answer: answerFor("live") }));
    expect(html).toContain('data-decision="conditional"');
    const list = /<ul[^>]*data-testid="can-per-role"[^>]*>(.*?)<\/ul>/.exec(html)?.[1] ?? "";
    const items = [...list.matchAll(/<li data-decision="([^"]+)">(.*?)<\/li>/g)].map((m) => `${m[1]} | ${m[2]}`);
    expect(items).toEqual([
      "allowed | version 3 (90 %) as stable-role: allowed",
      "implicitly-denied | version 4 (10 %) as canary-role: implicitly-denied",
    ]);
    expect(html).toMatch(/<dt[^>]*>Role<\/dt><dd[^>]*>stable-role<\/dd>/);
  });

  it("one role: no breakdown and no role fact, as before", () => {
    const html = renderToStaticMarkup(createElement(AnswerView, { answer: answerFor("plain") }));
    expect(html).toContain('data-decision="allowed"');
    expect(html).not.toContain("can-per-role");
    expect(html).not.toMatch(/>Role<\/dt>/);
  });
});
