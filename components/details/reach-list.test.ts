/**
 * Every reach in a function's panel names the statement that grants it, as the JSON report does (`via`): a claim
 * without its statement cannot be checked. A partly denied or conditional reach says so in words, not only with a tag.
 */
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import type { Reach } from "@/lib/analysis/types";
import { readSnapshotFile } from "@/lib/snapshot/read";
import { ReachList } from "./reach-list";

const ACCOUNT = "123456789012";

describe("Can reach: the granting statements", async () => {
  const report = analyzeSnapshot(await readSnapshotFile(path.resolve(__dirname, "../../data/demo-snapshot.json")));
  const reachesOf = (name: string) => report.functions.find((f) => f.name === name)!.reaches;
  /** Each reach entry's text, tags dropped. */
  const entries = (reaches: readonly Reach[]) =>
    [...renderToStaticMarkup(createElement(ReachList, { reaches, account: ACCOUNT })).matchAll(/<li[^>]*>(.*?)<\/li>/g)].map((m) =>
      (m[1] ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim(),
    );

  it("names each reach's statement, a key policy's included", () => {
    const reaches = reachesOf("order-history-api");
    const texts = entries(reaches);
    expect(texts).toHaveLength(reaches.length);
    reaches.forEach((r, i) => {
      for (const v of r.via) expect(texts[i]).toContain(v);
    });
    expect(texts.join("\n")).toContain(
      "Granted by key policy of arn:aws:kms:us-east-1:123456789012:key/6c1e9a52-3b7d-4f08-9e21-5a4d8c0b7f13#OrderHistoryApiDecrypts",
    );
  });

  it("says \"Full access\" for all five levels, as the graph's edge and the PNG do, and a shorter list as it is", () => {
    const texts = entries(reachesOf("ops-admin-toolkit"));
    expect(texts.find((t) => t.includes("AdministratorAccess#0"))).toMatch(
      /^all services · all resources Full access \(Permissions management, Write, Tagging, Read, List\) · partly denied /,
    );
    expect(texts.find((t) => t.includes("ops-admin-toolkit-role-policy#1"))).toMatch(/^logs: log-group:\/aws\/lambda\/ops-admin-toolkit:\* Write /);
  });

  it("says in words where a partly denied or conditional reach may be less, naming the Deny, keys or unread policy", () => {
    // The admin role's * on * does not hold where the Production OU's SCP denies deleting data stores, nor on
    // ledger-api, whose own policy denies everyone but API Gateway.
    const denied = entries(reachesOf("ops-admin-toolkit")).find((t) => t.includes("AdministratorAccess#0"))!;
    expect(denied).toContain(
      `Partly denied by SCP ProtectProductionData#DenyDataStoreDeletion (attached to ou-7k2q-pr9c3e1a) ; function policy of arn:aws:lambda:us-east-1:${ACCOUNT}:function:ledger-api#DenyEveryoneElse : they cover some`,
    );
    const unread = entries(reachesOf("recommendations-batch")).find((t) => t.includes("recommendations-table#0"))!;
    expect(unread).toContain("Depends on inline policy model-artifacts , which could not be read");
    const keyed = entries(reachesOf("eu-log-metrics-extractor")).find((t) => t.includes("cloudwatch"))!;
    expect(keyed).toContain("Conditional on cloudwatch:namespace : the snapshot has no value for this key.");
    // Another account's role it may assume: that account's trust policy decides, outside this account's snapshot.
    const trust = entries(reachesOf("public-status-page")).find((t) => t.includes("ReadMemberAccountMetrics"))!;
    expect(trust).toContain("Another account must allow it too: the trust policy of its role is outside this snapshot, which reads one account.");
    expect(trust).not.toContain("Conditional: conditions the snapshot cannot judge");
    expect(entries(reachesOf("order-history-api")).join("\n")).not.toMatch(/Partly denied|Conditional|Depends on/);
  });

  it("names the other account a conditional reach waits on, beside the keys it lacks", () => {
    const base: Reach = { service: "sqs", resource: "arn:aws:sqs:us-east-1:210987654321:q", actions: ["sqs:SendMessage"], patterns: ["sqs:SendMessage"], accessLevels: ["Write"], conditional: true, via: ["p#Send"] };
    const [text] = entries([{ ...base, otherAccounts: ["210987654321"], conditionKeys: ["aws:SourceIp"] }]);
    expect(text).toContain("Conditional on aws:SourceIp : the snapshot has no value for this key. Account 210987654321 must allow it too: the queue&#x27;s policy is outside");
    expect(entries([{ ...base, otherAccounts: ["2109876543??"] }])[0]).toContain("Accounts matching 2109876543?? must allow it too: the queue&#x27;s policy");
    expect(entries([{ ...base, service: "dynamodb", otherAccounts: ["210987654321", "310987654321"] }])[0]).toContain("Accounts 210987654321 ; 310987654321 must allow it too: their policy on the resource");
  });

  it("names the policy values AWS may read otherwise that decide a conditional reach, beside its keys, as text", () => {
    const base: Reach = { service: "sqs", resource: "*", actions: ["sqs:SendMessage"], patterns: ["sqs:SendMessage"], accessLevels: ["Write"], conditional: true, via: ["p#0"] };
    const [alone] = entries([{ ...base, undocumentedValues: ['aws:PrincipalTag/tier "1e3"'] }]);
    expect(alone).toContain("Conditional on how AWS reads aws:PrincipalTag/tier &quot;1e3&quot; : AWS does not document how it reads this value.");
    expect(alone).not.toContain("conditions the snapshot cannot judge");
    const [both] = entries([{ ...base, conditionKeys: ["aws:SourceIp"], undocumentedValues: ['aws:PrincipalTag/tier "1e3"', 's3:max-keys "0x10"'] }]);
    expect(both).toContain(
      "Conditional on aws:SourceIp , and on how AWS reads aws:PrincipalTag/tier &quot;1e3&quot; ; s3:max-keys &quot;0x10&quot; : the snapshot has no value for this key, and AWS does not document how it reads these values.",
    );
    const html = renderToStaticMarkup(createElement(ReachList, { reaches: [{ ...base, undocumentedValues: ['aws:PrincipalTag/x "<img src=x>"'] }], account: ACCOUNT }));
    expect(html).toContain("&lt;img src=x&gt;");
    expect(html).not.toContain("<img");
  });

  it("names a way that grants only conditionally what another grants for certain, with its keys, as text", () => {
    const fs = `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/fs-0a1b2c3d`;
    const reach: Reach = {
      service: "elasticfilesystem",
      resource: fs,
      actions: ["elasticfilesystem:ClientMount"],
      patterns: ["elasticfilesystem:ClientMount"],
      accessLevels: ["Write"],
      conditional: false,
      via: [`file system policy of ${fs}#Always`, `file system policy of ${fs}#<b>OnSite</b>`],
      conditionalWays: [{ via: `file system policy of ${fs}#<b>OnSite</b>`, conditionKeys: ["aws:SourceIp"] }],
    };
    const [text] = entries([reach]);
    expect(text).toContain(`file system policy of ${fs}#&lt;b&gt;OnSite&lt;/b&gt; grants it only under conditions the snapshot cannot judge ( aws:SourceIp ); another statement grants it for certain.`);
    expect(text).not.toMatch(/Conditional on/);
  });

  it("shows a crafted statement name as text, its hidden characters escaped", () => {
    const reach: Reach = { service: "s3", resource: "*", actions: ["s3:GetObject"], patterns: ["s3:GetObject"], accessLevels: ["Read"], conditional: false, via: ["<b>p</b>\u202e#0"] };
    const html = renderToStaticMarkup(createElement(ReachList, { reaches: [reach], account: ACCOUNT }));
    expect(html).toContain("&lt;b&gt;p&lt;/b&gt;\\u202e#0");
    expect(html).not.toContain("<b>");
  });
});

describe("ReachList with a crafted 1 MB resource", () => {
  it("cuts it in the label, the ARN shown for copying and the statement named, keeping start, end and the count", () => {
    const big = `arn:aws:sqs:us-east-1:${ACCOUNT}:${"q".repeat(1_000_000)}`;
    const reach: Reach = { service: "sqs", resource: big, actions: ["sqs:SendMessage"], patterns: ["sqs:SendMessage"], accessLevels: ["Write"], conditional: true, via: [`p#${"s".repeat(1_000_000)}`], conditionKeys: [`aws:${"k".repeat(1_000_000)}`] };
    const html = renderToStaticMarkup(createElement(ReachList, { reaches: [reach], account: ACCOUNT }));
    expect(html.length).toBeLessThan(40_000);
    expect(html).toMatch(/data-testid="reach-arn"[^>]*>arn:aws:sqs:us-east-1:123456789012:q+…\(\d+ characters\)…q+<\/span>/);
    expect(html).toMatch(/p#s+…\(\d+ characters\)…s+/);
    expect(html).toMatch(/aws:k+…\(\d+ characters\)…k+/);
  });

  it("shows an ARN as long as AWS allows whole", () => {
    const longest = `arn:aws:sqs:us-east-1:${ACCOUNT}:`;
    const arn = longest + "v".repeat(2048 - longest.length);
    const reach: Reach = { service: "sqs", resource: arn, actions: ["sqs:SendMessage"], patterns: ["sqs:SendMessage"], accessLevels: ["Write"], conditional: false, via: ["p#0"] };
    expect(renderToStaticMarkup(createElement(ReachList, { reaches: [reach], account: ACCOUNT }))).toMatch(new RegExp(`data-testid="reach-arn"[^>]*>${arn}</span>`));
  });
});
