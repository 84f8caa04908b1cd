/**
 * The what-if box: a "Run as" choice of the function's current role and its aliases (only when it has aliases), and
 * an answer view that says whom it answered for; a weighted alias's answer shows each version's role and decision.
 */
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { policy } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, REGION, modelOf, newBuilder } from "@/lib/analysis/test-support";
import { analyzeModel } from "@/lib/analysis/analyze";
import type { AccountModel } from "@/lib/analysis/account-model";
import type { FunctionReport } from "@/lib/analysis/types";
import { ask } from "@/lib/analysis/what-if";
import { principalAsker, runAsChoices, suggestResource } from "@/lib/view/run-as";
import { AnswerView, CanBox } from "./can-box";
import { formatAnswerText } from "@/cli/commands/can";
import { DETAILS_PAGE } from "@/lib/view/paging";

const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;
const FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`;

/** orders runs as stable-role; version 4 was published with canary-role; "live" sends 10 % of calls to 4. */
function ordersModel(withAliases = true): AccountModel {
  const b = newBuilder();
  const stable = b.role({ name: "stable-role", inline: { q: policy({ Sid: "queue", Effect: "Allow", Action: "sqs:DeleteMessage", Resource: QUEUE }) } });
  const canary = b.role({ name: "canary-role", inline: { l: policy({ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }) } });
  const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: stable });
  b.version(fn, "3", stable);
  b.version(fn, "4", canary);
  if (withAliases) {
    b.alias(fn, "live", "3", undefined, { "4": 0.1 });
    b.alias(fn, "plain", "3");
    b.alias(fn, "next", "4");
  }
  return modelOf(b);
}

function answerFor(principal: string) {
  return ask(ordersModel(), { principal, action: "sqs:DeleteMessage", resource: QUEUE });
}

function reportOf(model: AccountModel): FunctionReport {
  return analyzeModel(model).functions.find((f) => f.arn === FN) as FunctionReport;
}

function box(fn: FunctionReport, asPrincipal?: string): string {
  const aliases = fn.aliases?.length ? { items: fn.aliases, total: fn.aliases.length } : undefined;
  return renderToStaticMarkup(createElement(CanBox, { fn, nodeId: `fn:${asPrincipal ?? FN}`, aliases, askAbout: suggestResource(fn), snapshotId: "latest", asPrincipal }));
}

function options(html: string): string[] {
  const select = /<select[^>]*data-testid="can-run-as"[^>]*>(.*?)<\/select>/.exec(html)?.[1] ?? "";
  return [...select.matchAll(/<option value="([^"]*)"( selected="")?>(.*?)<\/option>/g)].map((m) => `${m[2] ? "* " : ""}${m[3]} = ${m[1]}`);
}

describe("AnswerView", () => {
  it("a weighted alias: one line per version and role with its decision, and whose policy each statement is", () => {
    const html = renderToStaticMarkup(createElement(AnswerView, { answer: answerFor(`${FN}:live`) }));
    expect(html).toContain('data-decision="conditional"');
    const list = /<ul[^>]*data-testid="can-per-role"[^>]*>(.*?)<\/ul>/.exec(html)?.[1] ?? "";
    const items = [...list.matchAll(/<li data-decision="([^"]+)">(.*?)<\/li>/g)].map((m) => `${m[1]} | ${m[2]}`);
    expect(items).toEqual([
      "allowed | version 3 (90 %) as stable-role: allowed",
      "implicitly-denied | version 4 (10 %) as canary-role: implicitly-denied",
    ]);
    expect(html).toMatch(/<dt[^>]*>Role<\/dt><dd[^>]*>stable-role<\/dd>/);
  });

  it("names a value AWS may read otherwise in the words of the CLI's text answer (no context line settles it)", () => {
    const b = newBuilder();
    const deny = { Effect: "Deny" as const, Action: "s3:ListBucket", Resource: "*", Condition: { NumericGreaterThan: { "s3:max-keys": "1e3" } } };
    const role = b.role({ name: "app-role", inline: { p: policy({ Effect: "Allow", Action: "s3:*", Resource: "*" }, deny) } });
    b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    const q = { principal: "app", action: "s3:ListBucket", resource: "arn:aws:s3:::reports" };
    // A context value for the key leaves only the value's reading to decide.
    const answer = ask(modelOf(b), { ...q, context: { "s3:max-keys": "5000" } });
    expect(answer.decision).toBe("conditional");
    const html = renderToStaticMarkup(createElement(AnswerView, { answer }));
    expect(html).toContain('Decided by how AWS reads policy values it does not document: <span class="font-mono">s3:max-keys &quot;1e3&quot;</span>');
    expect(html).not.toContain("can-unknown-keys");
    expect(formatAnswerText(answer)).toContain('  decided by how AWS reads policy values it does not document: s3:max-keys "1e3"');
  });

  it("one role: no breakdown and no role fact, as before", () => {
    const html = renderToStaticMarkup(createElement(AnswerView, { answer: answerFor(`${FN}:plain`) }));
    expect(html).toContain('data-decision="allowed"');
    expect(html).not.toContain("can-per-role");
    expect(html).not.toMatch(/>Role<\/dt>/);
  });

  it("says whom it answered for: the alias and the role its version was published with, or the function's role", () => {
    const asked = (principal: string) =>
      /data-testid="can-principal">Asked as <span[^>]*>(.*?)<\/span>/.exec(renderToStaticMarkup(createElement(AnswerView, { answer: answerFor(principal) })))?.[1];
    expect(asked(`${FN}:next`)).toBe("alias next of orders, as role canary-role");
    expect(asked(`${FN}:4`)).toBe("version 4 of orders, as role canary-role");
    expect(asked(FN)).toBe("orders, as role stable-role");
    expect(asked(`${FN}:live`)).toBe("alias live of orders, as the role of each version it routes to");
    expect(asked(`arn:aws:iam::${ACCOUNT}:role/canary-role`)).toBe("role canary-role");
  });

  it("a version whose role is unknown (versions not listed) is asked as an unknown role, not the current one", () => {
    const b = newBuilder();
    const role = b.role({ name: "app-role" });
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    b.error({ region: REGION, operation: "ListVersionsByFunction", target: fn, code: "AccessDeniedException", message: "not authorized" });
    const html = renderToStaticMarkup(createElement(AnswerView, { answer: ask(modelOf(b), { principal: `${fn}:4`, action: "sqs:DeleteMessage", resource: QUEUE }) }));
    expect(/data-testid="can-principal">Asked as <span[^>]*>(.*?)<\/span>/.exec(html)?.[1]).toBe("version 4 of app, as an unknown role");
  });

  it("Run as an alias routing to a version that could not be read: unknown with why, not the current role's answer", () => {
    const b = newBuilder();
    // The current role may do it: an answer as that role would read "Allowed".
    const role = b.role({ name: "app-role", inline: { q: policy({ Effect: "Allow", Action: "sqs:DeleteMessage", Resource: QUEUE }) } });
    const fn = b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    const prod = b.alias(fn, "prod", "4");
    b.error({ region: REGION, operation: "ListVersionsByFunction", target: fn, code: "AccessDeniedException", message: "not authorized" });
    const html = renderToStaticMarkup(createElement(AnswerView, { answer: ask(modelOf(b), { principal: prod, action: "sqs:DeleteMessage", resource: QUEUE }) }));
    expect(/data-testid="can-principal">Asked as <span[^>]*>(.*?)<\/span>/.exec(html)?.[1]).toBe("alias prod of app, as an unknown role");
    expect(html).toContain("Conditional");
    expect(html).not.toContain("Allowed");
    expect(html).toContain("version 4 (100 %) of app:prod runs as the role it was published with, unknown because the function&#x27;s versions could not be listed: its answer is unknown");
    expect(html).not.toContain("app-role");
  });
});

describe("CanBox run-as choice", () => {
  it("a function with aliases: labelled select, current role first, then each alias with the versions it routes to", () => {
    const html = box(reportOf(ordersModel()));
    const id = /<select id="([^"]+)"[^>]*data-testid="can-run-as"/.exec(html)?.[1];
    expect(id).toBeTruthy();
    expect(html).toContain(`<label for="${id}" class="block text-xs font-medium text-slate-700">Run as</label>`);
    expect(options(html)).toEqual([
      `* orders: current role stable-role = ${FN}`,
      `alias live → version 3 (90 %), version 4 (10 %) = ${FN}:live`,
      `alias plain → version 3 = ${FN}:plain`,
      `alias next → version 4 = ${FN}:next`,
    ]);
    // The choice comes before the question, in focus order.
    expect(html.indexOf("can-run-as")).toBeLessThan(html.indexOf("Action</label>"));
  });

  it("opened from an alias's node: that alias is chosen; an ARN that is not a choice falls back to the function", () => {
    const fn = reportOf(ordersModel());
    expect(options(box(fn, `${FN}:next`)).filter((o) => o.startsWith("* "))).toEqual([`* alias next → version 4 = ${FN}:next`]);
    expect(options(box(fn, `${FN}:nosuch`)).filter((o) => o.startsWith("* "))).toEqual([`* orders: current role stable-role = ${FN}`]);
    expect(options(box(fn, `${FN}x:live`)).filter((o) => o.startsWith("* "))).toEqual([`* orders: current role stable-role = ${FN}`]);
  });

  it("opened from a published version's node: that version is a choice and chosen, with or without aliases", () => {
    expect(options(box(reportOf(ordersModel()), `${FN}:7`)).slice(-1)).toEqual([`* version 7 = ${FN}:7`]);
    const plain = reportOf(ordersModel(false));
    expect(options(box(plain, `${FN}:4`))).toEqual([`orders: current role stable-role = ${FN}`, `* version 4 = ${FN}:4`]);
  });

  it("a function whose report names no role ARN (its Role set aside): its current role is unknown, never none", () => {
    const fn = { ...reportOf(ordersModel()), role: "" };
    expect(runAsChoices(fn, [{ name: "live", arn: `${FN}:live`, version: "4" }])[0]?.label).toBe("orders: current role unknown");
  });

  it("a function without aliases: no choice, the box asks as the function", () => {
    const fn = reportOf(ordersModel(false));
    expect(runAsChoices(fn, [])).toEqual([]);
    expect(box(fn)).not.toContain("can-run-as");
    expect(box(fn)).not.toContain("Run as");
  });

  it("more aliases than a page: the first page's are choices, a pager reaches the others, the alias opened from stays one", () => {
    const fn = reportOf(ordersModel());
    const many = Array.from({ length: 120 }, (_, i) => ({ name: `b${i}`, arn: `${FN}:b${i}`, version: "3" }));
    const aliases = { items: many.slice(0, DETAILS_PAGE), total: many.length };
    const html = renderToStaticMarkup(createElement(CanBox, { fn, nodeId: `fn:${FN}:b119`, aliases, openedAlias: many[119], askAbout: "*", snapshotId: "latest", asPrincipal: `${FN}:b119` }));
    expect(html).toContain('aria-label="Pages of the function&#x27;s aliases"');
    expect(html).toContain("Showing 1–50 of 120 aliases (page 1 of 3)");
    const choices = options(html);
    expect(choices).toHaveLength(1 + DETAILS_PAGE + 1);
    expect(choices.slice(1, 3)).toEqual([`alias b0 → version 3 = ${FN}:b0`, `alias b1 → version 3 = ${FN}:b1`]);
    expect(choices.at(-1)).toBe(`* alias b119 → version 3 = ${FN}:b119`);
  });

  it("opened from an alias on page 3: the pager starts there, the alias chosen in its place, once", () => {
    const fn = reportOf(ordersModel());
    const many = Array.from({ length: 120 }, (_, i) => ({ name: `b${i}`, arn: `${FN}:b${i}`, version: "3" }));
    const aliases = { items: many.slice(2 * DETAILS_PAGE), total: many.length, page: 3 };
    const html = renderToStaticMarkup(createElement(CanBox, { fn, nodeId: `fn:${FN}:b110`, aliases, openedAlias: many[110], askAbout: "*", snapshotId: "latest", asPrincipal: `${FN}:b110` }));
    expect(html).toContain("Showing 101–120 of 120 aliases (page 3 of 3)");
    const choices = options(html);
    expect(choices).toHaveLength(1 + 20);
    expect(choices[1]).toBe(`alias b100 → version 3 = ${FN}:b100`);
    expect(choices.filter((c) => c.startsWith("* "))).toEqual([`* alias b110 → version 3 = ${FN}:b110`]);
    expect(choices.at(-1)).toBe(`alias b119 → version 3 = ${FN}:b119`);
  });

  it("alias names are text, not markup", () => {
    const fn = { ...reportOf(ordersModel()), aliases: [{ name: "<img src=x onerror=alert(1)>", arn: `${FN}:x`, version: "3" }] };
    const html = box(fn);
    expect(html).not.toContain("<img");
    expect(html).toContain("alias &lt;img src=x onerror=alert(1)&gt; → version 3");
  });
});

describe("CanBox as an IAM user (a user's node)", () => {
  const USER = `arn:aws:iam::${ACCOUNT}:user/ci/ci-deploy`;

  function userAnswer() {
    const b = newBuilder();
    b.group({ name: "deployers", inline: { smoke: policy({ Sid: "Smoke", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: FN }) } });
    b.user({ name: "ci-deploy", path: "/ci/", groups: ["deployers"] });
    b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role: b.role({ name: "stable-role" }) });
    return ask(modelOf(b), { principal: USER, action: "lambda:InvokeFunction", resource: FN });
  }

  it("a user's node of the account asks as the user, about the first function it invokes; other nodes have no user box", () => {
    const fnNode = { kind: "function" as const, ref: FN };
    const user = { kind: "principal" as const, principalType: "user" as const, ref: USER };
    expect(principalAsker(user, [{ kind: "role", ref: "x" }, fnNode], ACCOUNT)).toEqual({ kind: "user", arn: USER, resource: FN });
    expect(principalAsker(user, [], ACCOUNT)).toEqual({ kind: "user", arn: USER, resource: "*" });
    // Another account's user: the snapshot holds none of its policies.
    expect(principalAsker(user, [fnNode], "210987654321")).toBeUndefined();
    expect(principalAsker({ kind: "function", ref: FN }, [], ACCOUNT)).toBeUndefined();
  });

  it("names the user and what applies, with no run-as choice and an invoke placeholder; the form is described by it", () => {
    const html = renderToStaticMarkup(createElement(CanBox, { principal: { kind: "user", arn: USER, resource: FN }, snapshotId: "latest" }));
    expect(html).toContain("Can this IAM user…?");
    expect(html).not.toContain("can-run-as");
    expect(html).toContain('placeholder="e.g. lambda:InvokeFunction"');
    expect(/<input id="[^"]+-resource"[^>]* value="([^"]*)"/.exec(html)?.[1]).toBe(FN);
    const help = /<p id="([^"]+)"[^>]*data-testid="can-as-help">(.*?)<\/p>/.exec(html);
    expect(help?.[2]).toContain(USER);
    expect(html).toContain(`<form class="space-y-2" noValidate="" aria-describedby="${help?.[1]}">`);
  });

  it("the answer says it was asked as the user, and which group's policy decided it", () => {
    const answer = userAnswer();
    expect(answer.decision).toBe("allowed");
    const html = renderToStaticMarkup(createElement(AnswerView, { answer }));
    expect(/data-testid="can-principal">Asked as <span[^>]*>(.*?)<\/span>/.exec(html)?.[1]).toBe("IAM user ci-deploy");
    expect(html).toMatch(/<dt[^>]*>Group<\/dt><dd[^>]*>deployers<\/dd>/);
    expect(html).not.toMatch(/>Role<\/dt>/);
  });
});

describe("CanBox as an IAM role (an execution role's node, or a role's invoker node)", () => {
  const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/orders-role`;
  const LOG_GROUP = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/orders:*`;
  const fnNode = { kind: "function" as const, ref: FN };
  const queueNode = { kind: "resource" as const, ref: QUEUE };
  const logsNode = { kind: "resource" as const, ref: LOG_GROUP };

  it("an execution role's node asks as the role, about a resource it reaches that names one thing, else one by pattern, else *", () => {
    const role = { kind: "role" as const, ref: ROLE };
    // Its functions come first among the neighbours: the role acts on what they touch, not on them.
    expect(principalAsker(role, [fnNode, logsNode, queueNode], ACCOUNT)).toEqual({ kind: "role", arn: ROLE, resource: QUEUE });
    expect(principalAsker(role, [fnNode, logsNode], ACCOUNT)).toEqual({ kind: "role", arn: ROLE, resource: LOG_GROUP });
    expect(principalAsker(role, [fnNode], ACCOUNT)).toEqual({ kind: "role", arn: ROLE, resource: "*" });
    expect(principalAsker({ kind: "role" }, [queueNode], ACCOUNT)).toBeUndefined();
  });

  it("a role's invoker node of the account asks about the function it invokes; service, public, other accounts' and session principals get none", () => {
    const invoker = { kind: "principal" as const, principalType: "role" as const, ref: ROLE };
    expect(principalAsker(invoker, [fnNode], ACCOUNT)).toEqual({ kind: "role", arn: ROLE, resource: FN });
    expect(principalAsker({ ...invoker, ref: "arn:aws:iam::210987654321:role/partner" }, [fnNode], ACCOUNT)).toBeUndefined();
    expect(principalAsker({ ...invoker, ref: `arn:aws:sts::${ACCOUNT}:assumed-role/orders-role/session` }, [fnNode], ACCOUNT)).toBeUndefined();
    expect(principalAsker({ kind: "principal", principalType: "service", ref: "sqs.amazonaws.com" }, [fnNode], ACCOUNT)).toBeUndefined();
    expect(principalAsker({ kind: "principal", principalType: "public", ref: "*" }, [fnNode], ACCOUNT)).toBeUndefined();
    expect(principalAsker({ kind: "principal", principalType: "account", ref: `arn:aws:iam::${ACCOUNT}:root` }, [fnNode], ACCOUNT)).toBeUndefined();
    expect(principalAsker({ kind: "principal", principalType: "role" }, [fnNode], ACCOUNT)).toBeUndefined();
    // A user's ARN on a node said to be a role's is not asked as either.
    expect(principalAsker({ ...invoker, ref: `arn:aws:iam::${ACCOUNT}:user/ci` }, [fnNode], ACCOUNT)).toBeUndefined();
  });

  it("names the role and what applies, prefilled with its resource; an invoker role's box suggests an invoke", () => {
    const html = renderToStaticMarkup(createElement(CanBox, { principal: { kind: "role", arn: ROLE, resource: QUEUE }, snapshotId: "latest" }));
    expect(html).toContain("Can this role…?");
    expect(html).not.toContain("can-run-as");
    expect(html).toContain('placeholder="e.g. sqs:ReceiveMessage"');
    expect(/<input id="[^"]+-resource"[^>]* value="([^"]*)"/.exec(html)?.[1]).toBe(QUEUE);
    const help = /<p id="([^"]+)"[^>]*data-testid="can-as-help">(.*?)<\/p>/.exec(html);
    expect(help?.[2]).toContain(`Asks as the role <span class="break-all font-mono">${ROLE}</span>`);
    expect(html).toContain(`<form class="space-y-2" noValidate="" aria-describedby="${help?.[1]}">`);
    expect(html).toContain('aria-live="polite"');
    const invoker = renderToStaticMarkup(createElement(CanBox, { principal: { kind: "role", arn: ROLE, resource: FN }, snapshotId: "latest" }));
    expect(invoker).toContain('placeholder="e.g. lambda:InvokeFunction"');
  });

  it("the answer says it was asked as the role, by its name without the path", () => {
    const b = newBuilder();
    b.role({ name: "orders-role", path: "/service-role/", inline: { q: policy({ Effect: "Allow", Action: "sqs:DeleteMessage", Resource: QUEUE }) } });
    const answer = ask(modelOf(b), { principal: ROLE, action: "sqs:DeleteMessage", resource: QUEUE });
    expect(answer.decision).toBe("allowed");
    const html = renderToStaticMarkup(createElement(AnswerView, { answer }));
    expect(/data-testid="can-principal">Asked as <span[^>]*>(.*?)<\/span>/.exec(html)?.[1]).toBe("role orders-role");
  });
});

describe("CanBox as a role with a crafted 1 MB name", () => {
  it("cuts the ARN it says it asks as, keeping start, end and the count", () => {
    const arn = `arn:aws:iam::${ACCOUNT}:role/${"q".repeat(1_000_000)}`;
    const html = renderToStaticMarkup(createElement(CanBox, { principal: { kind: "role", arn, resource: "*" }, snapshotId: "latest" }));
    expect(html.length).toBeLessThan(40_000);
    expect(/data-testid="can-as-help">(.*?)<\/p>/.exec(html)?.[1]).toMatch(/^Asks as the role <span[^>]*>arn:aws:iam::\d+:role\/q+…\(\d+ characters\)…q+<\/span>, /);
  });
});

describe("AnswerView of crafted text with spaces", () => {
  /** A megabyte of short words: no word is past any ARN's length, so only the whole-text limit cuts it. */
  const spaced = (start: string, words = 209_715) => `${start} ${"word ".repeat(words)}END`;

  it("cuts the resource, Asked as, the unknown keys, the reasons and the condition notes, each to start…(N characters)…end", () => {
    const b = newBuilder();
    // 600 KB: a policy document is read up to 1,000,000 characters (lib/policy/parse.ts), URL-encoded as IAM gives it.
    const key = `aws:RequestTag/${spaced("KEY", 120_000)}`;
    const role = b.role({ name: "app-role", inline: { p: policy({ Effect: "Allow", Action: "sqs:*", Resource: "*", Condition: { StringEquals: { [key]: "x" } } }) } });
    b.fn({ region: REGION, name: "app", runtime: "nodejs22.x", role });
    const answer = ask(modelOf(b), { principal: "app", action: "sqs:DeleteMessage", resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:${spaced("Q")}` });
    expect(answer.decision).toBe("conditional");
    expect(answer.unknownKeys).toEqual([key]);
    // The snapshot's schema keeps a role's name to 64 characters; the view does not count on it (the answer is JSON from
    // /api/can), so "Asked as" is given a crafted one.
    const html = renderToStaticMarkup(createElement(AnswerView, { answer: { ...answer, principal: { function: answer.principal.function, role: `arn:aws:iam::${ACCOUNT}:role/${spaced("ROLE")}` } } }));
    // The key is in the unknown keys, the reasons, the condition and its notes, and the statement: each cut, or 5 MB.
    expect(html.length).toBeLessThan(1_000_000);
    const cut = /…\(\d+ characters\)…/;
    const decision = /data-testid="can-decision"[^>]*>.*?<span class="break-all font-mono">(.*?)<\/span>/s.exec(html)?.[1] ?? "";
    expect(decision).toMatch(cut);
    expect(decision.startsWith(`arn:aws:sqs:${REGION}:${ACCOUNT}:Q word`)).toBe(true);
    expect(decision.endsWith("word END")).toBe(true);
    const asked = /data-testid="can-principal">Asked as <span[^>]*>(.*?)<\/span>/s.exec(html)?.[1] ?? "";
    expect(asked).toMatch(/^app, as role ROLE word .*…\(\d+ characters\)….* word END$/s);
    const keys = /data-testid="can-unknown-keys">.*?<span class="font-mono">(.*?)<\/span>/s.exec(html)?.[1] ?? "";
    expect(keys).toMatch(/^aws:RequestTag\/KEY word .*…\(\d+ characters\)….* word END$/s);
    const lists = [...html.matchAll(/<li>(.*?)<\/li>/gs)].map((m) => m[1] ?? "");
    expect(lists.length).toBeGreaterThan(0);
    for (const item of lists) expect(item.length).toBeLessThan(70_000);
  });
});
