/**
 * "A finding is only as good as its evidence": every piece of evidence a finding cites, and every statement, mapping
 * or URL a function's invoker and reach lists or a what-if answer point at, must be found in the snapshot where it
 * says, as it says (./evidence-audit.ts holds them to the raw snapshot), on the demo, a synthetic account and
 * hostile edits of the demo.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { buildAccountModel } from "@/lib/analysis/account-model";
import { ask, type Answer } from "@/lib/analysis/what-if";
import type { AnalysisReport, Evidence, EvidenceSource, Invoker } from "@/lib/analysis/types";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { parseSnapshot, SnapshotReadError } from "@/lib/snapshot/read";
import { EVERY_EDIT, mutated, paths } from "@/lib/snapshot/fixtures/mutations";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { REGION, newBuilder } from "./test-support";
import { auditLists, auditReport, evidenceProblems, invokerProblems, RawSnapshot, type Json } from "./evidence-audit";

describe("finding evidence is found in the snapshot where it says", () => {
  it("on the demo account, for every kind of evidence it cites", () => {
    const { problems, checked } = auditReport(buildAcmeRetailDemo().snapshot);
    expect(problems).toEqual([]);
    for (const kind of ["identity-statement", "resource-statement", "trust-statement", "event-source-mapping", "function-url", "missing-action", "api-error", "configuration"]) {
      expect(checked[kind] ?? 0, kind).toBeGreaterThan(0);
    }
  });

  it("on a synthetic 1,000-function account (managed policies, boundaries, conditional denies)", () => {
    const { problems, checked } = auditReport(generateSyntheticSnapshot({ functions: 1_000, roles: 500, seed: 42 }));
    expect(problems.slice(0, 20)).toEqual([]);
    expect(Object.values(checked).reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
  });

  it("catches evidence that names the wrong statement", () => {
    const snapshot = buildAcmeRetailDemo().snapshot as unknown as Json;
    const raw = RawSnapshot.asRead(snapshot);
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    const cited = report.findings.flatMap((f) => f.evidence).find((e) => e.kind === "identity-statement" && e.source?.sid);
    expect(cited).toBeDefined();
    const shifted: Evidence = { ...cited!, source: { ...cited!.source, statementIndex: (cited!.source?.statementIndex ?? 0) + 1 } };
    expect(evidenceProblems(raw, cited!)).toEqual([]);
    expect(evidenceProblems(raw, shifted).length).toBeGreaterThan(0);
  });
});

describe("evidence of what the reader set aside or found absent", () => {
  const demoFunctions = (snapshot: Json) => ((snapshot.regions as Json)[REGION] as { ListFunctions: { Functions: Json[] } }).ListFunctions.Functions;

  it("a function set aside for a field of the wrong type: its region's list gap is recorded, and the audit agrees", () => {
    const snapshot = structuredClone(buildAcmeRetailDemo().snapshot) as unknown as Json;
    demoFunctions(snapshot)[0]!.Handler = ["index.handler"];
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    const gaps = report.findings.flatMap((f) => f.evidence).filter((e) => e.kind === "api-error" && (e.document as Json | undefined)?.operation === "ListFunctions");
    expect(gaps.length).toBeGreaterThan(0);
    expect(auditReport(snapshot, report).problems).toEqual([]);
  });

  it("a function with an environment value of the wrong type is kept, redacted as the reader does: no gap, and the audit agrees", () => {
    // The reader redacts before it validates (a value it never shows cannot set its function aside); the audit redacts
    // as the reader does, so the evidence it checks is the function as read.
    const snapshot = structuredClone(buildAcmeRetailDemo().snapshot) as unknown as Json;
    const fn = demoFunctions(snapshot).find((f) => Object.keys(((f.Environment as Json | undefined)?.Variables ?? {}) as Json).length > 0)!;
    ((fn.Environment as Json).Variables as Json).LOG_LEVEL = [["debug"]];
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    const gaps = report.findings.flatMap((f) => f.evidence).filter((e) => e.kind === "api-error" && (e.document as Json | undefined)?.operation === "ListFunctions");
    expect(gaps).toEqual([]);
    expect(report.functions.map((f) => f.arn)).toContain(fn.FunctionArn);
    expect(auditReport(snapshot, report).problems).toEqual([]);
  });

  it("a function listed without a Role: the configuration cited as naming none (null) is the snapshot's", () => {
    const snapshot = structuredClone(buildAcmeRetailDemo().snapshot) as unknown as Json;
    const fn = demoFunctions(snapshot)[0]!;
    delete fn.Role;
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    const cited = report.findings.flatMap((f) => f.evidence).find((e) => e.kind === "configuration" && e.source?.functionArn === fn.FunctionArn && isDeepStrictEqual(e.document, { Role: null }));
    expect(cited).toBeDefined();
    expect(auditReport(snapshot, report).problems).toEqual([]);
    // Only an absent field passes for null: a Role the configuration names is not "none".
    expect(evidenceProblems(RawSnapshot.asRead(buildAcmeRetailDemo().snapshot), cited!)).toEqual([expect.stringContaining(`configuration {"Role":null} is not in ${String(fn.FunctionArn)}`)]);
  });
});

describe("evidence of an answer the snapshot lacks with no error recorded", () => {
  it("a queue left out of the queues read is cited as not in the snapshot (NotRead), and held to its absence", () => {
    const snapshot = structuredClone(buildAcmeRetailDemo().snapshot) as unknown as Json;
    const queues = ((snapshot.regions as Json)[REGION] as Json).GetQueueAttributes as Json;
    const queue = Object.keys(queues).find((arn) => arn.endsWith(":orders-queue"))!;
    const answer = queues[queue];
    delete queues[queue];
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    const cited = report.findings.flatMap((f) => f.evidence).find((e) => e.kind === "api-error" && (e.document as Json | undefined)?.target === queue);
    expect(cited?.document).toMatchObject({ operation: "GetQueueAttributes", code: "NotRead" });
    expect(auditReport(snapshot, report).problems).toEqual([]);
    // Cited as not read while the snapshot holds the answer: caught.
    queues[queue] = answer;
    expect(evidenceProblems(RawSnapshot.asRead(snapshot), cited!)).toEqual([`GetQueueAttributes ${queue}: cited as not in the snapshot, which holds that answer`]);
  });
});

describe("invoker and reach lists point at statements, mappings and URLs the snapshot holds", () => {
  it("on the demo account", () => {
    const { problems, checked } = auditLists(buildAcmeRetailDemo().snapshot);
    expect(problems).toEqual([]);
    for (const kind of ["resource-policy", "event-source-mapping", "function-url", "identity-policy", "reach", "reach-denied-by", "reach-other-account", "invoker-denied-by"]) expect(checked[kind] ?? 0, kind).toBeGreaterThan(0);
  });

  it("catches a reach's deniedBy that names no Deny", () => {
    const snapshot = buildAcmeRetailDemo().snapshot as unknown as Json;
    const raw = RawSnapshot.asRead(snapshot);
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    const fn = report.functions.find((f) => f.reaches.some((r) => r.deniedBy?.length))!;
    const ref = fn.reaches.find((r) => r.deniedBy?.length)!.deniedBy![0]!;
    expect(raw.denierProblem(fn.role, ref)).toBeUndefined();
    expect(raw.denierProblem(fn.role, `${ref}-x`)).toBeDefined();
    // A granting statement cited as a Deny, and a boundary the role does not have.
    const grant = fn.reaches[0]!.via[0]!;
    expect(raw.denierProblem(fn.role, grant)).toMatch(/is not a Deny$/);
    expect(raw.denierProblem(fn.role, "Other (permissions boundary)")).toMatch(/^the role's boundary is/);
  });

  it("catches a way in's deniedBy that names no Deny, or the wrong policy", () => {
    const b = newBuilder();
    const fnArn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
    b.resourcePolicy(fnArn, {
      Version: "2012-10-17",
      Statement: [
        { Sid: "S3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: fnArn },
        { Sid: "DenyOthers", Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", Resource: fnArn, Condition: { ArnNotLike: { "aws:SourceArn": "arn:aws:s3:::uploads" } } },
      ] as never,
    });
    const snapshot = b.build();
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    const { problems, checked } = auditLists(snapshot, report);
    expect(problems).toEqual([]);
    expect(checked["invoker-denied-by"]).toBe(1);
    const inv = report.functions[0]!.invokers[0]!;
    expect(inv.deniedBy).toEqual([`function policy of ${fnArn}#DenyOthers`]);
    const withDeniedBy = (deniedBy: string[]) => ({
      ...report,
      functions: [{ ...report.functions[0]!, invokers: [{ ...inv, deniedBy }] }],
    });
    // A Sid the policy does not hold, the grant itself cited as a Deny, another function's policy, a role policy.
    for (const wrong of [`function policy of ${fnArn}#DenyOther`, `function policy of ${fnArn}#S3`, `function policy of ${fnArn}:live#DenyOthers`, "p#DenyOthers"]) {
      expect(auditLists(snapshot, withDeniedBy([wrong])).problems, wrong).toEqual([expect.stringContaining("denied by:")]);
    }
    // The demo's account-wide entries are held to the snapshot too.
    const demo = buildAcmeRetailDemo().snapshot;
    const demoReport = analyzeSnapshot(parseSnapshot(JSON.stringify(demo)));
    const wide = demoReport.accountInvokers!.find((a) => a.deniedBy?.length)!;
    expect(auditLists(demo, demoReport).problems).toEqual([]);
    const tampered = { ...demoReport, accountInvokers: [{ ...wide, deniedBy: ["AdministratorAccess#0"] }] };
    expect(auditLists(demo, tampered).problems).toEqual([expect.stringMatching(/denied by: AdministratorAccess#0 is not a Deny$/)]);
  });

  it("catches a way in that names the wrong statement, mapping or grant", () => {
    const snapshot = buildAcmeRetailDemo().snapshot as unknown as Json;
    const raw = RawSnapshot.asRead(snapshot);
    const report = analyzeSnapshot(parseSnapshot(JSON.stringify(snapshot)));
    const find = (via: Invoker["via"]) => {
      for (const fn of report.functions) for (const inv of fn.invokers) if (inv.via === via && (via !== "resource-policy" || inv.sid)) return { fn, inv };
      throw new Error(`no ${via} way in`);
    };
    const grant = find("resource-policy");
    const mapping = find("event-source-mapping");
    const identity = find("identity-policy");
    expect(invokerProblems(raw, grant.fn, grant.inv)).toEqual([]);
    expect(invokerProblems(raw, grant.fn, { ...grant.inv, sid: `${grant.inv.sid}-x` }).length).toBeGreaterThan(0);
    expect(invokerProblems(raw, grant.fn, { ...grant.inv, actions: ["lambda:DeleteFunction"] }).length).toBeGreaterThan(0);
    expect(invokerProblems(raw, mapping.fn, { ...mapping.inv, uuid: "00000000-0000-0000-0000-000000000000" }).length).toBeGreaterThan(0);
    expect(invokerProblems(raw, identity.fn, { ...identity.inv, statements: ["no-such-policy#0"] }).length).toBeGreaterThan(0);
  });

  it("on a synthetic 1,000-function account", () => {
    const { problems, checked } = auditLists(generateSyntheticSnapshot({ functions: 1_000, roles: 500, seed: 42 }));
    expect(problems.slice(0, 20)).toEqual([]);
    expect(checked["identity-policy"] ?? 0).toBeGreaterThan(100);
  });
});

describe("under hostile edits of the demo account", () => {
  it("whatever a report still cites is exact (150 generated snapshots)", () => {
    const base = buildAcmeRetailDemo().snapshot;
    const problems: string[] = [];
    let reports = 0;
    fc.assert(
      fc.property(mutated(base, paths(base), EVERY_EDIT), (snap) => {
        let report: AnalysisReport;
        try {
          report = analyzeSnapshot(parseSnapshot(JSON.stringify(snap)));
        } catch (e) {
          if (e instanceof SnapshotReadError) return;
          throw e;
        }
        reports++;
        problems.push(...auditReport(snap, report).problems, ...auditLists(snap, report).problems);
      }),
      { numRuns: 150, seed: 7 },
    );
    expect(problems).toEqual([]);
    expect(reports).toBeGreaterThan(30);
  });
});

const KIND_OF: Record<string, Evidence["kind"]> = {
  inline: "identity-statement",
  managed: "identity-statement",
  boundary: "boundary-statement",
  resource: "resource-statement",
  trust: "trust-statement",
};

/** A what-if answer's deciding statements, as evidence the audit can hold to the snapshot. */
function answerEvidence(answer: Answer): Evidence[] {
  return answer.statements.map((st) => ({
    kind: KIND_OF[st.policyKind] ?? "identity-statement",
    description: "",
    source: {
      policyName: st.policy,
      policyKind: st.policyKind as EvidenceSource["policyKind"],
      statementIndex: st.statementIndex,
      ...(st.sid !== undefined ? { sid: st.sid } : {}),
      ...(st.policyArn ? { policyArn: st.policyArn } : {}),
      ...(st.policyKind === "resource"
        ? answer.resource.split(":")[2] === "lambda" ? { functionArn: answer.resource } : { resourceArn: answer.resource }
        : { roleArn: answer.principal.role, roleName: st.role }),
    },
    document: st.statement,
  }));
}

describe("what-if answers cite statements the snapshot holds", () => {
  it("every role of the demo account, asked about functions, queues, keys and everything", () => {
    const snapshot = buildAcmeRetailDemo().snapshot as unknown as Json;
    const raw = RawSnapshot.asRead(snapshot);
    const model = buildAccountModel(parseSnapshot(JSON.stringify(snapshot)));
    const keys = model.functions.flatMap((f) => (f.config.KMSKeyArn ? [f.config.KMSKeyArn] : []));
    const resources = ["*", ...model.functions.slice(0, 12).map((f) => f.arn), `arn:aws:sqs:us-east-1:${model.account}:orders-queue`, ...keys.slice(0, 3)];
    const actions = ["lambda:InvokeFunction", "lambda:UpdateFunctionCode", "sqs:ReceiveMessage", "logs:PutLogEvents", "iam:PassRole", "kms:Decrypt", "s3:GetObject", "sts:AssumeRole"];
    const problems: string[] = [];
    let cited = 0;
    for (const role of model.roles.values()) {
      for (const action of actions) {
        for (const resource of resources) {
          const answer = ask(model, { principal: role.arn, action, resource });
          for (const e of answerEvidence(answer)) {
            cited++;
            for (const p of evidenceProblems(raw, e)) problems.push(`${role.name} ${action} ${resource}: ${p}`);
          }
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(cited).toBeGreaterThan(400);
  });
});
