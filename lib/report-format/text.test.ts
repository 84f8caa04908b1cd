import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { demoSnapshotPath } from "@/lib/snapshot/demo";
import { parseSnapshotValue } from "@/lib/snapshot/read";
import { formatText } from "./text";
import { ACCOUNT, newBuilder, REGION } from "@/lib/analysis/test-support";
import { LONGEST_ARN } from "@/lib/view/long-words";
import { builder } from "@/lib/findings/test-support";
import { allow, policy } from "@/lib/snapshot/fixtures/policy-documents";

describe("formatText", () => {
  const report = analyzeSnapshot(parseSnapshotValue(JSON.parse(readFileSync(demoSnapshotPath(), "utf8"))));
  const lines = formatText(report).split("\n");

  it("counts in words that agree with the number: 1 function, 1 finding", () => {
    const one = { ...report, functions: report.functions.slice(0, 1), findings: report.findings.slice(0, 1), suppressed: [] };
    expect(formatText(one).split("\n")[1]).toMatch(/^1 function · 1 finding: /);
    expect(lines[1]).toMatch(/^84 functions · 46 findings: /);
  });

  it("prints each finding's headline, then its detail, then its evidence", () => {
    const at = lines.findIndex((l) => l.startsWith("CRITICAL role-privilege-escalation"));
    expect(lines[at]).toContain("role ci-artifact-deployer-role (1 function): Role ci-artifact-deployer-role can escalate to admin: 2 paths");
    // What the headline counts is named on the detail line: every path, with its targets.
    expect(lines[at + 1]).toMatch(/^ {9}The evaluator allows iam:PassRole \+ lambda:UpdateFunctionConfiguration \(admin role ops-admin-toolkit-role\), /);
    expect(lines[at + 1]).toContain("lambda:UpdateFunctionCode on all 65 other functions in us-east-1 (2 with an admin role)");
    expect(lines[at + 2]).toMatch(/^ {9}- Allow in inline policy 'ci-artifact-deployer-role-policy'/);
  });

  it("names the roles that may invoke every function once, with the functions answered otherwise", () => {
    // The demo's recommendations-batch-role has a policy that cannot be read: it comes first.
    expect(lines[2]).toBe("1 role's policies could not be read, so it may invoke functions no list names: recommendations-batch-role");
    expect(lines[3]).toBe("3 roles and 1 IAM user may invoke every function (or every function of some regions) through their own policies:");
    // Each role with who may assume it (its trust policy): the scheduler service, Lambda for a function's own role.
    expect(lines[4]).toBe("  - eu-batch-scheduler-role (allowed, invoke-eu-jobs#0; every function in eu-west-1); assumed by scheduler.amazonaws.com");
    expect(lines[5]).toBe(
      "  - ops-admin-toolkit-role (allowed, AdministratorAccess#0; answered otherwise for 2: ledger-api explicitly-denied (InvokeAsync allowed), hr-payroll-export conditional); assumed by lambda.amazonaws.com",
    );
    expect(lines[6]).toMatch(/^ {2}- support-ticket-router-role \(allowed, /);
    // Conditional: the context key it waits on is named (a Deny of everything without MFA).
    expect(lines[7]).toBe("  - IAM user break-glass-admin (conditional on aws:MultiFactorAuthPresent, AdministratorAccess#0; answered otherwise for 1: ledger-api explicitly-denied (InvokeAsync conditional))");
    // The demo account's organization: its SCPs were applied to every answer above.
    expect(lines[8]).toBe("Organization o-acme7k2qx1: 2 SCPs applied to every answer from the root through 2 OUs to the account.");
    expect(lines[9]).toBe("");
  });

  it("says which roles' policies could not be read, as they may invoke what no list names", () => {
    const text = formatText({ ...report, accountInvokers: [], accountInvokersUnread: ["arn:aws:iam::123456789012:role/broken"] });
    expect(text.split("\n")[2]).toBe("1 role's policies could not be read, so it may invoke functions no list names: broken");
  });

  it("names IAM users as such, among the unreadable callers and those granted invoke on every function", () => {
    const user = "arn:aws:iam::123456789012:user/break-glass";
    const admin = report.accountInvokers!.find((a) => a.principal.endsWith("/ops-admin-toolkit-role"))!;
    const text = formatText({
      ...report,
      accountInvokersUnread: ["arn:aws:iam::123456789012:role/broken", "arn:aws:iam::123456789012:user/ci"],
      accountInvokers: [{ ...admin, exceptions: [] }, { ...admin, principal: user, principalType: "user", exceptions: [] }],
    }).split("\n");
    expect(text[2]).toBe("Policies of 1 role and 1 IAM user could not be read, so they may invoke functions no list names: broken, IAM user ci");
    expect(text[3]).toBe("1 role and 1 IAM user may invoke every function through their own policies:");
    expect(text[5]).toBe("  - IAM user break-glass (allowed, AdministratorAccess#0)");
  });

  it("says the regions of a role granted invoke on every function of some regions only", () => {
    const admin = report.accountInvokers!.find((a) => a.principal.endsWith("/ops-admin-toolkit-role"))!;
    const regional = { ...admin, exceptions: [], regions: ["us-east-1"] };
    const text = formatText({ ...report, accountInvokersUnread: [], accountInvokers: [regional] }).split("\n");
    expect(text[2]).toBe("1 role may invoke every function (or every function of some regions) through its own policies:");
    expect(text[3]).toBe("  - ops-admin-toolkit-role (allowed, AdministratorAccess#0; every function in us-east-1); assumed by lambda.amazonaws.com");
  });

  it("names the policy values AWS may read otherwise that a conditional role's answer turns on, as findings do", () => {
    const admin = report.accountInvokers!.find((a) => a.principal.endsWith("/ops-admin-toolkit-role"))!;
    const tiered = { ...admin, exceptions: [], decision: "conditional" as const, undocumentedValues: ['aws:PrincipalTag/tier "1e3"'] };
    const text = formatText({ ...report, accountInvokersUnread: [], accountInvokers: [tiered] }).split("\n");
    expect(text[3]).toBe('  - ops-admin-toolkit-role (conditional on how AWS reads aws:PrincipalTag/tier "1e3", AdministratorAccess#0); assumed by lambda.amazonaws.com');
    const keyed = formatText({ ...report, accountInvokersUnread: [], accountInvokers: [{ ...tiered, unknownKeys: ["aws:SourceIp"] }] }).split("\n");
    expect(keyed[3]).toContain('(conditional on aws:SourceIp, how AWS reads aws:PrincipalTag/tier "1e3", AdministratorAccess#0)');
  });

  it("says when a role's grant on every function is the deprecated InvokeAsync API only", () => {
    const admin = report.accountInvokers!.find((a) => a.principal.endsWith("/ops-admin-toolkit-role"))!;
    const text = formatText({ ...report, accountInvokersUnread: [], accountInvokers: [{ ...admin, exceptions: [], actions: ["lambda:InvokeAsync"] }] }).split("\n");
    expect(text[3]).toBe("  - ops-admin-toolkit-role (allowed, AdministratorAccess#0; InvokeAsync only); assumed by lambda.amazonaws.com");
  });

  it("lists every API call that failed and every document that could not be analysed, as the overview names them", () => {
    const at = lines.indexOf("Data the snapshot lacks, API calls that failed during the scan, and documents that could not be analysed:");
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^ {2}- GetPolicy on arn:aws:lambda:us-east-1:123456789012:function:hr-payroll-export \(us-east-1\): AccessDeniedException — User: /);
    // The payouts key's policy and grants, which the scan was refused (partner-payouts' environment key).
    expect(lines[at + 2]).toMatch(/^ {2}- GetKeyPolicy on arn:aws:kms:us-east-1:123456789012:key\/0b8f3d6e-91a4-4c27-b5e0-7d2c9f1a4e68 \(us-east-1\): AccessDeniedException — /);
    expect(lines[at + 3]).toMatch(/^ {2}- ListGrants on arn:aws:kms:us-east-1:123456789012:key\/0b8f3d6e-91a4-4c27-b5e0-7d2c9f1a4e68 \(us-east-1\): AccessDeniedException — /);
    // The data team's stream key (clickstream), refused the same way.
    expect(lines[at + 4]).toMatch(/^ {2}- GetKeyPolicy on arn:aws:kms:us-east-1:123456789012:key\/4d8e2b61-9c3a-4f05-b7e1-0a6c5d2f8e93 \(us-east-1\): AccessDeniedException — /);
    expect(lines[at + 5]).toMatch(/^ {2}- ListGrants on arn:aws:kms:us-east-1:123456789012:key\/4d8e2b61-9c3a-4f05-b7e1-0a6c5d2f8e93 \(us-east-1\): AccessDeniedException — /);
    expect(lines[at + 6]).toMatch(/^ {2}- role recommendations-batch-role inline policy model-artifacts: policy document is not valid JSON/);
  });

  it("caps a long list of exceptions", () => {
    const wide = { ...report.accountInvokers![0]!, exceptions: Array.from({ length: 8 }, (_, i) => ({ function: `arn:aws:lambda:us-east-1:123456789012:function:f${i}`, decision: "explicitly-denied" as const })) };
    const text = formatText({ ...report, accountInvokers: [wide] });
    expect(text).toContain("answered otherwise for 8: f0 explicitly-denied, f1 explicitly-denied, f2 explicitly-denied, f3 explicitly-denied, f4 explicitly-denied, and 3 more)");
  });

  it("prints each finding's fix under its evidence, every line of it, indented under the finding", () => {
    const f = report.findings.find((x) => x.rule === "execution-role-trust" && x.severity === "critical")!;
    const [first, ...rest] = f.remediation.split("\n");
    expect(rest.length).toBeGreaterThan(5);
    const at = lines.indexOf(`         Fix: ${first}`);
    expect(lines[at - 1]).toBe(`         - ${f.evidence[0]!.description}`);
    expect(lines.slice(at + 1, at + 1 + rest.length)).toEqual(rest.map((line) => `           ${line}`));
    // The next finding's headline follows the fix's last line.
    expect(lines[at + 1 + rest.length]).toMatch(/^(CRITICAL|HIGH|MEDIUM|LOW|INFO) /);
    // Every finding has one.
    expect(lines.filter((l) => l.startsWith("         Fix: "))).toHaveLength(report.findings.length);
  });

  it("counts the evidence it leaves out, as the Markdown report does", () => {
    const f = report.findings.find((x) => x.evidence.length > 3)!;
    const at = lines.indexOf(`         - ${f.evidence[0]!.description}`);
    expect(lines.slice(at, at + 4)).toEqual([
      ...f.evidence.slice(0, 3).map((e) => `         - ${e.description}`),
      `         - … and ${f.evidence.length - 3} more: the JSON report lists every one.`,
    ]);
  });

  it("gives every finding its detail line", () => {
    const headlines = lines.filter((l) => /^(CRITICAL|HIGH|MEDIUM|LOW|INFO) /.test(l)).length;
    expect(headlines).toBe(report.findings.length);
    for (const f of report.findings) expect(lines).toContain(`         ${f.detail}`);
  });
});

describe("formatText on hostile strings", () => {
  const report = analyzeSnapshot(parseSnapshotValue(JSON.parse(readFileSync(demoSnapshotPath(), "utf8"))));

  it("shows control characters from the snapshot (policy condition values, names) escaped, so they cannot rewrite or forge report lines", () => {
    const [first, ...rest] = report.findings;
    const hostile = {
      ...first!,
      title: "repo:*\u001b[1A\u001b[2K\rall fine",
      detail: "x\nCRITICAL forged-rule\u009b2K",
      evidence: first!.evidence.map((e) => ({ ...e, description: `${e.description}\r\u0007` })),
    };
    const text = formatText({ ...report, findings: [hostile, ...rest], problems: [{ where: "w\u001b]0;t\u0007", why: "y\rz" }] });
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text.split("\n").filter((l) => /^(CRITICAL|HIGH|MEDIUM|LOW|INFO) /.test(l))).toHaveLength(report.findings.length);
    expect(text).toContain("repo:*\\u001b[1A\\u001b[2K\\rall fine");
    expect(text).toContain("x\\nCRITICAL forged-rule\\u009b2K");
  });

  it("shows bidirectional overrides escaped, so a name cannot display reversed (\"Trojan Source\")", () => {
    const [first, ...rest] = report.findings;
    const text = formatText({ ...report, findings: [{ ...first!, title: "role \u202eelor-nimda\u202c ok\u2066x\u2069" }, ...rest] });
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain("role \\u202eelor-nimda\\u202c ok\\u2066x\\u2069");
  });

  it("lists accepted findings apart with their reasons, counted apart in the summary; a reason cannot forge lines", () => {
    const [first, second, ...rest] = report.findings;
    const suppressed = [
      { ...first!, suppression: { reason: "accepted by the platform team", expires: "2027-01-31", entry: 0 } },
      { ...second!, suppression: { reason: "ok\nCRITICAL forged", entry: 1 } },
    ];
    const text = formatText({ ...report, findings: rest, suppressed }).split("\n");
    expect(text[1]).toMatch(new RegExp(`^84 functions · ${rest.length} findings: .* · 2 suppressed$`));
    const at = text.indexOf("Suppressed (2, accepted in the suppressions file; not counted above or by --fail-on):");
    expect(at).toBeGreaterThan(0);
    expect(text[at + 1]).toMatch(new RegExp(`^${first!.severity.toUpperCase()} +${first!.rule} .*: ${first!.title.replace(/[()*+?.[\]\\^$|{}]/g, "\\$&")}$`));
    expect(text[at + 2]).toBe("         accepted: accepted by the platform team (until 2027-01-31)");
    expect(text[at + 4]).toBe("         accepted: ok\\nCRITICAL forged");
    // The accepted findings' details are not repeated: only the unsuppressed ones have detail lines.
    expect(text.filter((l) => l === `         ${first!.detail}`)).toHaveLength(0);
    // Without suppressions, no such section and no count.
    expect(formatText(report)).not.toMatch(/suppressed/i);
  });
});

describe("formatText on a crafted ARN of 100,000 characters", () => {
  const FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`;
  const crafted = `${FN}:${"a".repeat(50_000)}${"z".repeat(50_000)}`;

  function reportWithUrlUnder(key: string) {
    const b = newBuilder();
    b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    const snap = JSON.parse(JSON.stringify(b.build())) as { regions: Record<string, Record<string, Record<string, unknown>>> };
    snap.regions[REGION]!.GetFunctionUrlConfig = { [key]: { FunctionArn: key, FunctionUrl: "https://u.lambda-url.us-east-1.on.aws/", AuthType: "NONE" } };
    return analyzeSnapshot(parseSnapshotValue(snap));
  }

  it("cuts it in the middle (its start and end kept, the rest counted); the report, and so --format json, keeps it whole", () => {
    const report = reportWithUrlUnder(crafted);
    const text = formatText(report);
    // Booleans and numbers, not the text: a failure would print 100,000 characters.
    expect(Math.max(...text.split(/\s+/).map((w) => w.length))).toBeLessThanOrEqual(LONGEST_ARN);
    expect(/a…\(\d+ characters\)…z/.test(text)).toBe(true);
    expect(JSON.stringify(report).includes(crafted)).toBe(true);
  });

  it("prints a word as long as the longest ARN AWS gives whole", () => {
    const longest = `${FN}:${"q".repeat(LONGEST_ARN - FN.length - 1)}`;
    const [first, ...rest] = readDemoReport().findings;
    expect(formatText({ ...readDemoReport(), findings: [{ ...first!, detail: `see ${longest} here` }, ...rest] })).toContain(`see ${longest} here`);
  });
});

function readDemoReport() {
  return analyzeSnapshot(parseSnapshotValue(JSON.parse(readFileSync(demoSnapshotPath(), "utf8"))));
}

/** A disabled SQS mapping whose role cannot poll the queue: re-enabling it waits for event-source-missing-permissions's fix. */
function reenableFirst(): ReturnType<typeof analyzeSnapshot> {
  const b = builder();
  const role = b.role({ name: "worker", inline: { logs: policy(allow(["logs:CreateLogStream", "logs:PutLogEvents"], "*")) } });
  const fn = b.fn({ region: REGION, name: "worker", runtime: "nodejs22.x", role });
  b.esm({ functionArn: fn, sourceArn: b.arn("sqs", REGION, "q"), state: "Disabled", stateTransitionReason: "User action" });
  return analyzeSnapshot(parseSnapshotValue(b.build()));
}

describe("formatText: the fixes that come first", () => {
  it("says under a finding which rules' fixes to apply before its own, and under no other", () => {
    const out = formatText(reenableFirst()).split("\n");
    const at = out.findIndex((l) => /^\S+ +event-source-mapping-failing /.test(l));
    const next = out.findIndex((l, i) => i > at && /^\S/.test(l));
    expect(out.slice(at, next === -1 ? undefined : next)).toContain("         Apply first: the fix of event-source-missing-permissions on the same function (AWS refuses this one until then)");
    expect(out.filter((l) => l.includes("Apply first"))).toHaveLength(1);
  });
});
