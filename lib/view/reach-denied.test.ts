/**
 * The "Can do" answer's functions that are granted the action but refused it by a Deny (an SCP, a queue's policy):
 * counted as "N denied" and listed apart with the Deny, never rows of the table; a Deny that takes only part of a
 * grant leaves the row as it was.
 */
import { describe, expect, it } from "vitest";
import { allow, deny, policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { parseSnapshot } from "@/lib/snapshot/read";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { buildAccountModel } from "@/lib/analysis/account-model";
import { ACCOUNT, REGION, builder, scpsOnOu } from "@/lib/findings/test-support";
import { FULL_AWS_ACCESS } from "@/lib/snapshot/fixtures/builder";
import { reachAnswersWithDenied } from "./reach-filter";
import { exactAsker, type ExactAsk } from "./reach-exact";
import { buildOverview, tablePage } from "./overview";
import { reachCountsText, type ReachQuestion } from "./reach-question";

const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`;
const BUCKET = "arn:aws:s3:::orders-prod";
const SCP_CITED = `SCP NoDeletes#NoObjectDeletes (attached to ou-a1b2-prod2222)`;

function world() {
  const b = builder();
  const roles: Record<string, ReturnType<typeof policy>> = {
    // Granted exactly the action the SCP denies: nothing of it is left in the reach list.
    cleaner: policy(allow("s3:DeleteObject", `${BUCKET}/*`)),
    // Granted every S3 action: the SCP takes s3:DeleteObject out of it.
    "bucket-admin": policy(allow("s3:*", `${BUCKET}/*`)),
    // Its own Deny takes one prefix of the bucket: the rest stays allowed.
    writer: policy(allow("s3:PutObject", `${BUCKET}/*`), deny("s3:PutObject", `${BUCKET}/locked/*`)),
    // Granted the queue itself: the queue policy's Deny refuses it, in the reach list.
    sender: policy(allow("sqs:SendMessage", QUEUE)),
    // Granted every queue: only the evaluator, asked about this queue, meets the queue policy's Deny.
    "any-sender": policy(allow("sqs:SendMessage", "*")),
  };
  for (const [name, doc] of Object.entries(roles)) b.fn({ region: REGION, name, runtime: "nodejs22.x", role: b.role({ name, trust: serviceTrust(), inline: { p: doc } }) });
  b.queuePolicy(QUEUE, { Version: "2012-10-17", Statement: [{ Sid: "NoSends", Effect: "Deny", Principal: "*", Action: "sqs:SendMessage", Resource: QUEUE }] });
  b.organization(
    scpsOnOu([
      FULL_AWS_ACCESS,
      { id: "p-nodeletes", name: "NoDeletes", document: { Version: "2012-10-17", Statement: [{ Sid: "NoObjectDeletes", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" }] } },
    ]),
  );
  const snapshot = parseSnapshot(b.build());
  return { report: analyzeSnapshot(snapshot), exact: exactAsker(buildAccountModel(snapshot)) };
}

/** The answers and the denied functions, by function name; `asked` counts the evaluator's requests. */
async function ask(q: ReachQuestion) {
  const { report, exact } = world();
  const asked: string[] = [];
  const counting: ExactAsk = (fn, action, resource) => {
    asked.push(fn.name);
    return exact(fn, action, resource);
  };
  const got = await reachAnswersWithDenied(report, q, async () => counting);
  const byName = <T>(m: Map<string, T>) => Object.fromEntries(report.functions.filter((f) => m.has(f.arn)).map((f) => [f.name, m.get(f.arn)!]));
  return { report, answers: byName(got.answers), denied: byName(got.denied), got, asked };
}

describe("functions a Deny refuses the Can do question's action to", () => {
  it("lists those an SCP's Deny of the exact action refuses, with the SCP's statement, and answers none of them", async () => {
    const { answers, denied } = await ask({ action: "s3:DeleteObject", resource: BUCKET });
    expect(Object.keys(answers)).toEqual([]);
    expect(Object.keys(denied).sort()).toEqual(["bucket-admin", "cleaner"]);
    expect(denied.cleaner).toEqual({ name: "cleaner", resource: `${BUCKET}/*`, deniedBy: [SCP_CITED] });
    expect(denied["bucket-admin"]?.deniedBy).toEqual([SCP_CITED]);
  });

  it("lists one a queue policy's Deny refuses, from the reach list for a grant of the queue, from the evaluator's answer for a grant of every queue", async () => {
    const { answers, denied, asked } = await ask({ action: "sqs:SendMessage", resource: QUEUE });
    expect(Object.keys(answers)).toEqual([]);
    expect(denied.sender).toEqual({ name: "sender", resource: QUEUE, deniedBy: [`queue policy of ${QUEUE}#NoSends`] });
    expect(denied["any-sender"]).toEqual({ name: "any-sender", resource: QUEUE, deniedBy: [`queue policy of ${QUEUE}#NoSends`] });
    // The evaluator was asked only what the row's answer already needed: once, for the grant of every queue.
    expect(asked).toEqual(["any-sender"]);
  });

  it("does not count a function whose Deny takes only part of the grant: it stays a row, allowed", async () => {
    const { answers, denied } = await ask({ action: "s3:PutObject", resource: BUCKET });
    expect(answers.writer?.state).toBe("allowed");
    expect(denied.writer).toBeUndefined();
    const onAny = await ask({ action: "s3:PutObject" });
    expect(onAny.answers.writer?.state).toBe("allowed");
    expect(onAny.denied).toEqual({});
  });

  it("says them in the counts and under them, not as rows, and leaves the paging as it was", async () => {
    const { report, got } = await ask({ action: "sqs:SendMessage", resource: QUEUE });
    const rows = buildOverview(report).rows;
    const page = tablePage(rows, { q: "", sort: "name", dir: "asc", sev: [], reach: got.answers, denied: got.denied });
    expect(page.rows).toEqual([]);
    expect(page.matched).toBe(0);
    expect(page.pages).toBe(1);
    expect(page.reachCounts).toEqual({ allowed: 0, conditional: 0, unknown: 0, denied: 2 });
    expect(reachCountsText(page.reachCounts!)).toBe("0 allowed, 0 conditional, 0 unknown, 2 denied");
    expect(page.denied?.map((d) => d.name)).toEqual(["any-sender", "sender"]);
    // The search narrows them as it narrows the rows.
    const searched = tablePage(rows, { q: "any-", sort: "name", dir: "asc", sev: [], reach: got.answers, denied: got.denied });
    expect(searched.reachCounts?.denied).toBe(1);
    expect(searched.denied?.map((d) => d.name)).toEqual(["any-sender"]);
  });

  it("says no denied count when none are", () => {
    expect(reachCountsText({ allowed: 5, conditional: 0, unknown: 1 })).toBe("5 allowed, 0 conditional, 1 unknown");
    expect(reachCountsText({ allowed: 5, conditional: 0, unknown: 1, denied: 0 })).toBe("5 allowed, 0 conditional, 1 unknown");
  });
});
