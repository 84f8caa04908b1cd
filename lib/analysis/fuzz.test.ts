/**
 * Hostile and malformed snapshots never crash the reader or the analysis: each one either is rejected with a
 * SnapshotReadError (a clear message) or gives a report, partial where parts were unreadable.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseSnapshot, SnapshotReadError } from "@/lib/snapshot/read";
import { policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { analyzeSnapshot } from "./analyze";
import { ACCOUNT, REGION, newBuilder } from "./test-support";

function baseSnapshot(): unknown {
  const b = newBuilder();
  const q = `arn:aws:sqs:${REGION}:${ACCOUNT}:q`;
  const role = b.role({
    name: "r",
    trust: serviceTrust(),
    inline: { p: policy({ Effect: "Allow", Action: ["sqs:ReceiveMessage", "logs:*"], Resource: "*" }) },
    boundary: b.managedPolicy({ name: "b", document: policy({ Effect: "Allow", Action: "*", Resource: "*" }) }),
  });
  const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role, env: ["DB_PASSWORD"], vpc: { subnetIds: ["s"], securityGroupIds: ["g"], vpcId: "v" } });
  b.permission(fn, { sid: "s3", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::b" });
  b.permission(fn, { sid: "pub", principal: "*" });
  b.esm({ functionArn: fn, sourceArn: q });
  b.url(fn, { authType: "NONE" });
  b.eventInvokeConfig(fn, { onFailure: q });
  return JSON.parse(JSON.stringify(b.build()));
}

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, Array.isArray(value) ? Number(k) : k], out);
  }
  return out;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
  return root;
}

const deep = (n: number): unknown => (n === 0 ? "x" : { Statement: [deep(n - 1)] });
const hostile = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    null,
    "",
    "%7B%22Statement%22%3A",
    '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NoSuchOperator":{"k":"v"}}}}',
    '{"Statement":[{"Effect":"Allow","Action":["sqs:*"],"Resource":"*","Principal":{"AWS":["*",7]}}]}',
    "arn:aws:lambda:us-east-1:123456789012:function:\u202e\u0000\ud83d\ude00",
    deep(2000),
    [[[[[[[[]]]]]]]],
    { Statement: "not-a-list" },
    -1,
    1e308,
  ),
  fc.string({ unit: "grapheme", maxLength: 50 }),
);

const base = baseSnapshot();
const allPaths = paths(base);

function check(input: unknown): "report" | "rejected" {
  try {
    const report = analyzeSnapshot(parseSnapshot(input));
    expect(Array.isArray(report.findings)).toBe(true);
    JSON.stringify(report); // the report must be serialisable for the API and the CLI
    return "report";
  } catch (e: unknown) {
    if (e instanceof SnapshotReadError) {
      expect(e.message.length).toBeGreaterThan(10);
      return "rejected";
    }
    throw e;
  }
}

describe("hostile snapshots", () => {
  it("1,000 generated mutations: a clear error or a (partial) report, never a crash", () => {
    const outcomes = { report: 0, rejected: 0 };
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(allPaths.length - 1), hostile), { minLength: 1, maxLength: 4 }), (mutations) => {
        let snap = structuredClone(base);
        for (const [i, value] of mutations) {
          const path = allPaths[i] ?? [];
          try {
            snap = setAt(snap, path, structuredClone(value));
          } catch {
            // an earlier mutation removed the parent: skip this one
          }
        }
        outcomes[check(snap)]++;
      }),
      { numRuns: 1000, seed: 20261128 },
    );
    // Both paths are exercised, not just one.
    expect(outcomes.report).toBeGreaterThan(100);
    expect(outcomes.rejected).toBeGreaterThan(100);
  });

  it("truncated text at every 97th byte is rejected cleanly", () => {
    const text = JSON.stringify(base);
    for (let cut = 1; cut < text.length; cut += 97) expect(check(text.slice(0, cut))).toBe("rejected");
  });

  it("a 10 MB policy string is reported as a problem, the rest still analysed", () => {
    const snap = structuredClone(base) as { iam: { GetAccountAuthorizationDetails: { RoleDetailList: { RolePolicyList: { PolicyDocument: unknown }[] }[] } } };
    const role = snap.iam.GetAccountAuthorizationDetails.RoleDetailList[0]!;
    role.RolePolicyList[0]!.PolicyDocument = "%7B".repeat(3_500_000);
    const report = analyzeSnapshot(parseSnapshot(snap));
    expect(report.problems.some((p) => p.where.includes("inline policy p"))).toBe(true);
    expect(report.functions).toHaveLength(1);
    expect(report.findings.some((f) => f.rule === "public-invoke" || f.rule === "confused-deputy")).toBe(true);
  });

  it("a 2,000-level deep document does not overflow the stack", () => {
    const snap = structuredClone(base) as Record<string, unknown>;
    setAt(snap, ["regions", REGION, "GetPolicy", `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`, "Policy"], JSON.stringify(deep(2000)));
    expect(check(snap)).toBe("report");
  });
});
