/**
 * Hostile and malformed snapshots never crash the reader or the analysis: each one either is rejected with a
 * SnapshotReadError (a clear message) or gives a report, partial where parts were unreadable.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseSnapshot, readSnapshot, SnapshotReadError } from "@/lib/snapshot/read";
import { summarizeSetAside } from "@/lib/snapshot/set-aside";
import { formatText } from "@/lib/report-format/text";
import { LONGEST_ARN } from "@/lib/view/long-words";
import { deep, EVERY_EDIT, mutated, paths, setAt, type EditWeights } from "@/lib/snapshot/fixtures/mutations";
import { policy, serviceTrust } from "@/lib/snapshot/fixtures/policy-documents";
import { analyzeSnapshot } from "./analyze";
import { ACCOUNT, REGION, newBuilder } from "./test-support";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";

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
  // A second function with the shapes the first lacks: documents as objects (CLI, boto3), a managed policy with
  // earlier versions, a published version and alias, a URL on the alias; and the account's organization and a
  // failed call, so every section of the file is edited.
  const older = policy({ Effect: "Allow", Action: "sqs:*", Resource: "*" });
  const managed = b.managedPolicy({ name: "m", document: policy({ Effect: "Allow", Action: "logs:*", Resource: "*" }), versions: [older] });
  const other = b.fn({ region: REGION, name: "g", runtime: "python3.12", role: b.role({ name: "r2", trust: serviceTrust(), managed: [managed], encoding: "object" }) });
  b.version(other, "1");
  const live = b.alias(other, "live", "1");
  b.url(live, { authType: "AWS_IAM" });
  b.permission(live, { sid: "acct", principal: "arn:aws:iam::111122223333:root" });
  b.organization({ scps: { [ACCOUNT]: [{ id: "p-deny", name: "deny", document: policy({ Effect: "Deny", Action: "iam:*", Resource: "*" }) }] } });
  b.error({ region: REGION, operation: "ListTags", target: other, code: "AccessDeniedException", message: "not authorized" });
  return JSON.parse(JSON.stringify(b.build()));
}

const base = baseSnapshot();
const allPaths = paths(base);
const F = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`;
const G = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:g`;

/** The longest run of non-blank characters in `text`: a number to compare, never a megabyte to print. */
const longestWord = (text: string): number => Math.max(0, ...text.split(/\s+/).map((w) => w.length));

function check(input: unknown): "report" | "rejected" {
  try {
    const { snapshot, setAside } = readSnapshot(input);
    const report = analyzeSnapshot(snapshot);
    expect(Array.isArray(report.findings)).toBe(true);
    JSON.stringify(report); // the report must be serialisable for the API and the CLI
    // A crafted ARN or key of 100,000 characters is cut where it is printed: the text report past any ARN AWS gives,
    // the upload's notice as the CLI's warnings.
    expect(longestWord(formatText(report))).toBeLessThanOrEqual(LONGEST_ARN);
    const summary = summarizeSetAside(setAside);
    expect(longestWord(summary.entries.flatMap((e) => [e.field, e.target ?? "", e.message]).join(" "))).toBeLessThanOrEqual(240);
    // An alias listed twice is offered once (Run as keys its options by ARN).
    for (const fn of report.functions) {
      const arns = (fn.aliases ?? []).map((a) => a.arn);
      expect(new Set(arns).size).toBe(arns.length);
    }
    return "report";
  } catch (e: unknown) {
    if (e instanceof SnapshotReadError) {
      expect(e.message.length).toBeGreaterThan(10);
      return "rejected";
    }
    throw e;
  }
}

/** Runs `check` over generated mutations of `snapshot` and counts how each ended. */
function outcomesOf(snapshot: unknown, allPathsOf: ReturnType<typeof paths>, numRuns: number, seed: number): Record<"report" | "rejected", number> {
  const outcomes = { report: 0, rejected: 0 };
  fc.assert(
    fc.property(mutated(snapshot, allPathsOf, EVERY_EDIT), (snap) => {
      outcomes[check(snap)]++;
    }),
    { numRuns, seed },
  );
  return outcomes;
}

describe("hostile snapshots", () => {
  it("1,000 generated mutations: a clear error or a (partial) report, never a crash", () => {
    const outcomes = outcomesOf(base, allPaths, 1000, 20261128);
    // Both paths are exercised, not just one.
    expect(outcomes.report).toBeGreaterThan(100);
    expect(outcomes.rejected).toBeGreaterThan(100);
  });

  it("200 edits of one function's answers: the other function is still analysed, its findings as before", () => {
    const baseReport = analyzeSnapshot(parseSnapshot(base));
    const findingsOf = (report: ReturnType<typeof analyzeSnapshot>, arn: string) => report.findings.filter((f) => f.functions.includes(arn));
    const before = findingsOf(baseReport, G);
    expect(before.length).toBeGreaterThan(0);
    // Every answer kept per function and keyed by f's ARN (or a qualifier of it), f's entry in ListFunctions aside:
    // an edit there could leave the region's function list incomplete, which rightly makes g's gaps unknown too.
    const ofF = allPaths.filter((p) => p[0] === "regions" && p.length > 3 && typeof p[3] === "string" && (p[3] === F || p[3].startsWith(`${F}:`)));
    expect(ofF.length).toBeGreaterThan(15);
    let named = 0;
    fc.assert(
      fc.property(mutated(base, ofF, EVERY_EDIT), (snap) => {
        // Read as the CLI and the server read it: refusing the whole file would lose g too.
        const report = analyzeSnapshot(readSnapshot(snap).snapshot);
        expect(report.functions.map((f) => f.arn)).toContain(G);
        expect(findingsOf(report, G)).toEqual(before);
        // What was set aside is recorded against f, where the edit was.
        const setAside = report.errors.filter((e) => e.code === "MalformedResponse");
        for (const e of setAside) expect(e.target?.startsWith(F) ?? false).toBe(true);
        if (setAside.length > 0) named++;
      }),
      { numRuns: 200, seed: 20261207 },
    );
    expect(named).toBeGreaterThan(20);
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
    expect(report.functions).toHaveLength(2);
    expect(report.findings.some((f) => f.rule === "public-invoke" || f.rule === "confused-deputy")).toBe(true);
  });

  it("a 10,000-level deep resource policy is reported as a problem, and the report still serialises", () => {
    const snap = structuredClone(base) as Record<string, unknown>;
    const fnArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`;
    const nested = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const policyText = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Resource":"${fnArn}","Extra":${nested}}]}`;
    setAt(snap, ["regions", REGION, "GetPolicy", fnArn, "Policy"], policyText);
    const report = analyzeSnapshot(parseSnapshot(snap));
    expect(() => JSON.stringify(report)).not.toThrow();
    expect(report.problems.some((p) => p.where.includes("resource policy") && /nested more than 256 levels/.test(p.why))).toBe(true);
  });

  it("a 2,000-level deep document does not overflow the stack", () => {
    const snap = structuredClone(base) as Record<string, unknown>;
    setAt(snap, ["regions", REGION, "GetPolicy", `arn:aws:lambda:${REGION}:${ACCOUNT}:function:f`, "Policy"], JSON.stringify(deep(2000)));
    expect(check(snap)).toBe("report");
  });
});

describe("hostile published-version lists", () => {
  it("an entry that is not a version's configuration is named in problems, the versions beside it still read", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role: b.role({ name: "r", trust: serviceTrust() }) });
    for (const v of ["1", "2", "3"]) b.version(fn, v);
    const snap = JSON.parse(JSON.stringify(b.build())) as { regions: Record<string, { ListVersionsByFunction: Record<string, { Versions: unknown[] }> }> };
    const versions = snap.regions[REGION]!.ListVersionsByFunction[fn]!.Versions;
    versions[0] = 1;
    (versions[1] as { Version: unknown }).Version = { n: 2 };
    const report = analyzeSnapshot(parseSnapshot(snap));
    const named = report.problems.filter((p) => p.where.includes(fn)).map((p) => `${p.where}: ${p.why}`);
    expect(named).toContainEqual(expect.stringMatching(/Versions\.0 of .*function:f: .*not a version's configuration/));
    expect(named).toContainEqual(expect.stringMatching(/Versions\.1 of .*function:f: .*not a version's configuration/));
    expect(report.functions.find((f) => f.arn === fn)?.versions).toEqual(["3"]);
  });
});

describe("hostile schema registry blocks of Kafka mappings", () => {
  function kafkaBase(): unknown {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role: b.role({ name: "r", trust: serviceTrust() }) });
    const secret = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:registry-AbCdEf`;
    b.esm({ functionArn: fn, sourceArn: `arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/c/abc-1`, topics: ["t"], schemaRegistry: { uri: `arn:aws:glue:${REGION}:${ACCOUNT}:registry/g` } });
    b.esm({ functionArn: fn, selfManagedKafka: { bootstrapServers: ["b:9092"] }, topics: ["t"], schemaRegistry: { uri: "https://r.example.com", accessConfigs: [{ Type: "BASIC_AUTH", URI: secret }] } });
    return JSON.parse(JSON.stringify(b.build()));
  }
  const kafka = kafkaBase();
  const registryPaths = paths(kafka).filter((p) => p.includes("SchemaRegistryConfig") || p.some((k) => String(k).endsWith("KafkaEventSourceConfig")));

  it("200 generated mutations of the block: a report, never a crash, and what cannot be read is named", () => {
    const outcomes = { report: 0, rejected: 0 };
    let named = 0;
    fc.assert(
      fc.property(mutated(kafka, registryPaths), (snap) => {
        const outcome = check(snap);
        outcomes[outcome]++;
        if (outcome === "report" && analyzeSnapshot(parseSnapshot(snap)).problems.some((p) => p.why.includes("SchemaRegistryConfig"))) named++;
      }),
      { numRuns: 200, seed: 20261202 },
    );
    expect(outcomes.report).toBeGreaterThan(100);
    expect(named).toBeGreaterThan(10);
  });
});

describe("hostile edits of the demo account (versions, aliases, KMS keys, queues, streams, users)", () => {
  const demo = JSON.parse(JSON.stringify(buildAcmeRetailDemo().snapshot)) as unknown;
  const demoPaths = paths(demo);

  it("300 generated mutations: a clear error or a (partial) report, never a crash", () => {
    // Most edits land in a list entry or a per-resource answer, which the reader sets aside (salvage.ts): 263 of 300
    // read, where 159 did while a malformed function, mapping or IAM entry refused the file.
    expect(outcomesOf(demo, demoPaths, 300, 20261201).report).toBeGreaterThan(230);
    // 300 analyses of the whole demo: ~40 s on two quiet cores, past the 120 s default while other test files share them.
  }, 360_000);

  describe("edits of its maps keyed by function ARN and its alias lists", () => {
    const perFunction = ["ListAliases", "GetPolicy", "GetFunctionUrlConfig", "GetFunctionEventInvokeConfig", "ListVersionsByFunction"];
    const regionsOf = (snap: unknown) => Object.values((snap as { regions?: Record<string, Record<string, Record<string, unknown>>> }).regions ?? {});

    /** Runs `check` over `numRuns` edits at `at` and counts those whose snapshot has `shape`. */
    function withShape(at: ReturnType<typeof paths>, weights: EditWeights, shape: (snap: unknown) => boolean): number {
      let count = 0;
      fc.assert(
        fc.property(mutated(demo, at, weights), (snap) => {
          if (shape(snap)) count++;
          check(snap);
        }),
        { numRuns: 50, seed: 20261206 },
      );
      return count;
    }

    it("50 with their keys renamed (a crafted qualifier of 100,000 characters, control characters): cut where printed", () => {
      const keys = demoPaths.filter((p) => p[0] === "regions" && perFunction.includes(String(p[2])) && p.length === 4);
      const longKey = (snap: unknown) => regionsOf(snap).some((r) => perFunction.some((op) => Object.keys(r?.[op] ?? {}).some((k) => k.length > LONGEST_ARN)));
      // The shape was generated, not just possible.
      expect(withShape(keys, { value: 1, key: 4, repeat: 1 }, longKey)).toBeGreaterThan(5);
    });

    it("50 with alias entries listed twice: each alias offered once", () => {
      const entries = demoPaths.filter((p) => p[0] === "regions" && p[2] === "ListAliases" && p.length === 6);
      const repeated = (snap: unknown) =>
        regionsOf(snap).some((r) =>
          Object.values(r?.ListAliases ?? {}).some((answer) => {
            const list = (answer as { Aliases?: { AliasArn?: unknown }[] } | undefined)?.Aliases;
            return Array.isArray(list) && new Set(list.map((a) => a?.AliasArn)).size < list.length;
          }),
        );
      expect(withShape(entries, { value: 1, key: 1, repeat: 4 }, repeated)).toBeGreaterThan(20);
    });
  });

  it("a published version whose Role is not a string keeps its place, the field set aside and reported, its role unknown", () => {
    const snap = structuredClone(demo) as { regions: Record<string, { ListVersionsByFunction: Record<string, { Versions: { Version: string; Role: unknown }[] }> }> };
    const fnArn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:pricing-engine`;
    const version = snap.regions["us-east-1"]!.ListVersionsByFunction[fnArn]!.Versions[1]!;
    version.Role = ["not", "an", "arn"];
    const report = analyzeSnapshot(parseSnapshot(snap));
    expect(report.errors).toContainEqual(expect.objectContaining({ operation: "ListVersionsByFunction", target: `${fnArn}:${version.Version}` }));
    const fn = report.functions.find((f) => f.arn === fnArn);
    expect(fn?.unknown).toContainEqual(expect.stringContaining(`the execution role of version ${version.Version} is unknown: Versions.1.Role:`));
    expect(() => JSON.stringify(report)).not.toThrow();
  });
});
