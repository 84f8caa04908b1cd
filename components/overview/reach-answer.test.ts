/** A row's answer to the "Can do" question, in words (server-rendered markup, tags dropped). */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Reach } from "@/lib/analysis/types";
import type { ReachAnswer } from "@/lib/view/reach-question";
import { DeniedFunctions, ReachAnswerLine } from "./reach-answer";
import { IDENTITY_SIDE_ONLY } from "@/lib/analysis/resource-side";
import { POLICY_NOT_WEIGHED } from "@/lib/view/reach-filter";

const text = (answer: ReachAnswer) =>
  renderToStaticMarkup(createElement(ReachAnswerLine, { answer }))
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .replace(/ ([:,])/g, "$1")
    .trim();

const reach: Reach = { service: "s3", actions: ["s3:PutObject"], patterns: ["s3:PutObject"], accessLevels: ["Write"], conditional: false, resource: "*", via: ["p#0"] };

describe("a row's answer", () => {
  it("says the evaluator could not answer, and why, beside the grant it could not settle", () => {
    const said = text({ state: "unknown", reach, actionCount: 1, why: "the execution role of f could not be read", exact: { action: "s3:PutObject", resource: "arn:aws:s3:::b/*" } });
    expect(said).toMatch(/^Unknown s3:PutObject on \*/);
    expect(said).toContain("Granted by p#0");
    expect(said).toContain("Evaluated as one request, s3:PutObject on arn:aws:s3:::b/* — unknown; the execution role of f could not be read.");
  });

  it("words the evaluator's verdict as one sentence, not a run of colons, whatever the verdict", () => {
    const exact = { action: "s3:PutObject", resource: "arn:aws:s3:::b/*" };
    const allowed = text({ state: "allowed", reach, actionCount: 1, exact: { ...exact, resourcePolicy: ["bucket policy#0"] } });
    expect(allowed).toContain("Evaluated as one request, s3:PutObject on arn:aws:s3:::b/* — allowed; no Deny takes it; let in by bucket policy#0.");
    const conditional = text({ state: "conditional", reach, actionCount: 1, exact: { ...exact, why: "depends on aws:SourceIp" } });
    expect(conditional).toContain("Evaluated as one request, s3:PutObject on arn:aws:s3:::b/* — conditional; depends on aws:SourceIp.");
    for (const said of [allowed, conditional]) expect(said).not.toMatch(/b\/\*: (allowed|conditional)/);
  });

  it("names the other resources answered alike, the first few and how many more", () => {
    const said = text({ state: "allowed", reach: { ...reach, resource: "arn:aws:s3:::a/*" }, actionCount: 1, alsoOn: ["arn:aws:s3:::b/*", "arn:aws:s3:::c/*", "arn:aws:s3:::d/*"], alsoOnCount: 5 });
    expect(said).toContain("Also allowed on arn:aws:s3:::b/*, arn:aws:s3:::c/*, arn:aws:s3:::d/* and 2 more");
    expect(text({ state: "allowed", reach, actionCount: 1 })).not.toContain("Also");
  });

  it("says which ARN a name typed was asked as, as text", () => {
    const said = text({ state: "allowed", reach, actionCount: 1, askedAs: "asked as arn:aws:sqs:us-east-1:123456789012:orders (the only queue named <b>orders</b>)" });
    expect(said).toContain("Asked as arn:aws:sqs:us-east-1:123456789012:orders (the only queue named &lt;b&gt;orders&lt;/b&gt;).");
    expect(text({ state: "allowed", reach, actionCount: 1 })).not.toContain("Asked as");
  });

  it("warns of a Deny in a policy never read, and says of a policy read but unweighed only that", () => {
    const unread = text({ state: "allowed", reach, actionCount: 1, resourceSide: IDENTITY_SIDE_ONLY });
    expect(unread).toContain("own policy was not read: a Deny there would still refuse it.");
    const unweighed = text({ state: "conditional", reach, actionCount: 1, resourceSide: POLICY_NOT_WEIGHED });
    expect(unweighed).toContain("Its own policy was read but not weighed");
    expect(unweighed).not.toContain("still refuse it");
  });
});

describe("the functions a Deny refuses it to", () => {
  const said = (count: number, names: string[]) =>
    renderToStaticMarkup(createElement(DeniedFunctions, { count, denied: names.map((name) => ({ arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`, name, resource: "*", deniedBy: [`SCP NoDeletes#${name}`] })) }))
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .replace(/ ([:,.])/g, "$1")
      .trim();

  it("folds them under a summary that counts them, each with the Deny that refuses it", () => {
    const text = said(2, ["cleaner", "purger"]);
    expect(text).toMatch(/^2 more are granted it, but a Deny refuses it: which, and by which Deny/);
    expect(text).toContain("cleaner on *: denied by SCP NoDeletes#cleaner");
    expect(text).toContain("purger on *: denied by SCP NoDeletes#purger");
    expect(text).not.toContain("more: the search");
  });

  it("says how many it does not list", () => {
    expect(said(120, ["cleaner"])).toContain("And 119 more: the search and filters narrow the list.");
  });

  it("renders a function's name as text", () => {
    const html = renderToStaticMarkup(createElement(DeniedFunctions, { count: 1, denied: [{ arn: "a", name: "<img src=x>", resource: "*", deniedBy: [] }] }));
    expect(html).not.toContain("<img");
  });
});
