import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { parseSnapshot } from "@/lib/snapshot/read";
import { ACCOUNT, REGION, newBuilder } from "@/lib/analysis/test-support";
import { generateSyntheticSnapshot } from "@/bench/synthetic";
import { buildGraphModel } from "@/lib/view/graph-model";
import { invokerOutcome } from "@/lib/view/invoker-outcome";
import type { IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { serviceOfRef } from "@/lib/view/service";
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { demoSnapshotPath } from "@/lib/snapshot/demo";
import { MAX_NODE_ID, nodeId } from "./build";

function account(extraFunction = false) {
  const b = newBuilder();
  const role = b.role({
    name: "orders-role",
    inline: { q: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:*", Resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders` }] } },
  });
  const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs20.x", role });
  b.permission(fn, { sid: "sns", principal: "sns.amazonaws.com", sourceArn: `arn:aws:sns:${REGION}:${ACCOUNT}:t` });
  b.esm({ functionArn: fn, sourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders` });
  if (extraFunction) b.fn({ region: REGION, name: "aaa-first", runtime: "nodejs20.x", role });
  b.fn({ region: REGION, name: "orphan", runtime: "nodejs20.x", role: `arn:aws:iam::${ACCOUNT}:role/deleted` });
  return analyzeSnapshot(parseSnapshot(b.build())).graph;
}

describe("buildGraph", () => {
  it("draws invokers → function → role → resources with typed edges", () => {
    const g = account();
    const kinds = (k: string) => g.edges.filter((e) => e.kind === k).map((e) => `${e.source} -> ${e.target}`);
    const fn = `fn:arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`;
    expect(kinds("invokes")).toEqual([`p:service:sns.amazonaws.com@arn:aws:sns:${REGION}:${ACCOUNT}:t -> ${fn}`]);
    expect(kinds("polls")).toEqual([`src:arn:aws:sqs:${REGION}:${ACCOUNT}:orders -> ${fn}`]);
    expect(kinds("executes-as")).toContain(`${fn} -> role:arn:aws:iam::${ACCOUNT}:role/orders-role`);
    expect(kinds("can-access")).toEqual([`role:arn:aws:iam::${ACCOUNT}:role/orders-role -> res:sqs:arn:aws:sqs:${REGION}:${ACCOUNT}:orders`]);
    expect(g.nodes.find((n) => n.id === `role:arn:aws:iam::${ACCOUNT}:role/deleted`)?.label).toBe("deleted (missing)");
  });

  it("keeps node ids stable when the account changes around them", () => {
    const before = new Set(account().nodes.map((n) => n.id));
    const after = new Set(account(true).nodes.map((n) => n.id));
    for (const id of before) expect(after.has(id)).toBe(true);
  });

  it("gives a crafted megabyte queue's node a short id, the same on every read and apart from a near twin; real ids kept whole", () => {
    // Its id was the whole name: `?node=` of a megabyte was refused with 431 and the node could not be opened.
    const huge = (middle: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-${"y".repeat(500_000)}${middle}${"y".repeat(500_000)}`;
    const graph = (middle: string) => {
      const b = newBuilder();
      const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs20.x", role: b.role({ name: "orders-role" }) });
      b.esm({ functionArn: fn, sourceArn: huge(middle) });
      b.esm({ functionArn: fn, sourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:small` });
      return analyzeSnapshot(parseSnapshot(b.build())).graph;
    };
    const sourceId = (g: ReturnType<typeof graph>, ref: string) => g.nodes.find((n) => n.ref === ref)!.id;
    const id = sourceId(graph("-a-"), huge("-a-"));
    expect(id.length).toBeLessThanOrEqual(MAX_NODE_ID);
    expect(id.startsWith(`src:arn:aws:sqs:${REGION}:${ACCOUNT}:orders-yyy`)).toBe(true);
    expect(sourceId(graph("-a-"), huge("-a-"))).toBe(id);
    expect(sourceId(graph("-b-"), huge("-b-"))).not.toBe(id);
    const g = graph("-a-");
    expect(g.edges.filter((e) => e.source === id)).toHaveLength(1);
    expect(g.edges.every((e) => e.id.length < 3 * MAX_NODE_ID)).toBe(true);
    expect(sourceId(g, `arn:aws:sqs:${REGION}:${ACCOUNT}:small`)).toBe(`src:arn:aws:sqs:${REGION}:${ACCOUNT}:small`);
    // The longest id a real ARN makes is kept whole.
    const longest = `arn:aws:sqs:${REGION}:${ACCOUNT}:${"q".repeat(MAX_NODE_ID - `src:arn:aws:sqs:${REGION}:${ACCOUNT}:`.length)}`;
    expect(nodeId.source(longest)).toBe(`src:${longest}`);
  });

  it("has no dangling edges or duplicate ids", () => {
    const g = account(true);
    const ids = g.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of g.edges) {
      expect(ids).toContain(e.source);
      expect(ids).toContain(e.target);
    }
  });

  it("gives every edge its own id, on a varied synthetic account and with a principal granted twice", () => {
    const b = newBuilder();
    const role = b.role({ name: "r", inline: { q: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["sqs:*", "s3:GetObject"], Resource: "*" }] } } });
    const fn = b.fn({ region: REGION, name: "twice", runtime: "nodejs20.x", role });
    for (const sid of ["a", "b"]) b.permission(fn, { sid, principal: "sns.amazonaws.com", sourceArn: `arn:aws:sns:${REGION}:${ACCOUNT}:t` });
    for (const g of [analyzeSnapshot(parseSnapshot(b.build())).graph, analyzeSnapshot(parseSnapshot(generateSyntheticSnapshot({ functions: 400, roles: 150, seed: 3 }))).graph]) {
      const ids = g.edges.map((e) => e.id);
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("draws a resource, event source, principal or role that several functions share once", () => {
    const b = newBuilder();
    const queue = `arn:aws:sqs:${REGION}:${ACCOUNT}:shared-q`;
    const topic = `arn:aws:sns:${REGION}:${ACCOUNT}:shared-t`;
    const shared = b.role({ name: "shared", inline: { q: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:*", Resource: queue }] } } });
    const other = b.role({ name: "other", inline: { q: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:*", Resource: queue }] } } });
    for (const [name, role] of [["a", shared], ["b", shared], ["c", other]] as const) {
      const fn = b.fn({ region: REGION, name, runtime: "nodejs20.x", role });
      b.esm({ functionArn: fn, sourceArn: queue });
      b.permission(fn, { sid: "sns", principal: "sns.amazonaws.com", sourceArn: topic });
    }
    const g = analyzeSnapshot(parseSnapshot(b.build())).graph;
    const ids = g.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    const count = (kind: string) => g.nodes.filter((n) => n.kind === kind).length;
    expect([count("function"), count("role"), count("event-source"), count("principal"), count("resource")]).toEqual([3, 2, 1, 1, 1]);
    expect(g.edges.filter((e) => e.kind === "can-access")).toHaveLength(2);
  });
});

describe("buildGraph: principals as the grants name them", () => {
  function graphOf(configure: (b: ReturnType<typeof newBuilder>, role: string) => void) {
    const b = newBuilder();
    const role = b.role({ name: "r" });
    configure(b, role);
    return analyzeSnapshot(parseSnapshot(b.build()));
  }

  it("a wildcard grant narrowed by SourceAccount and a truly public one are different nodes, each with its own public flag", () => {
    const { graph } = graphOf((b, role) => {
      const narrow = b.fn({ region: REGION, name: "a-narrow", runtime: "nodejs20.x", role });
      const open = b.fn({ region: REGION, name: "b-public", runtime: "nodejs20.x", role });
      b.permission(narrow, { sid: "acct", principal: "*", sourceAccount: ACCOUNT });
      b.permission(open, { sid: "open", principal: "*" });
    });
    const principals = graph.nodes.filter((n) => n.kind === "principal").map((n) => [n.label, n.public]);
    expect(principals.sort()).toEqual([["* (narrowed by conditions)", false], ["Anyone (*)", true]]);
  });

  it("a service granted from one source under two accounts is two nodes: the account pins which grant it is", () => {
    const { graph } = graphOf((b, role) => {
      for (const [name, sourceAccount] of [["a", ACCOUNT], ["b", "111122223333"]] as const) {
        const fn = b.fn({ region: REGION, name, runtime: "nodejs20.x", role });
        b.permission(fn, { sid: "s3", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads", sourceAccount });
      }
    });
    expect(graph.nodes.filter((n) => n.kind === "principal").map((n) => n.id).sort()).toEqual([
      "p:service:s3.amazonaws.com@arn:aws:s3:::uploads~111122223333",
      `p:service:s3.amazonaws.com@arn:aws:s3:::uploads~${ACCOUNT}`,
    ]);
  });

  it("two mappings of one MSK cluster (different topics) onto one function: one event source, one polls edge", () => {
    const { graph } = graphOf((b, role) => {
      const fn = b.fn({ region: REGION, name: "consumer", runtime: "nodejs20.x", role });
      for (const topic of ["orders", "payments"]) b.esm({ functionArn: fn, sourceArn: `arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/events/6c3e0a5b-1111-2222-3333-444444444444-1`, topics: [topic] });
    });
    expect(graph.edges.filter((e) => e.kind === "polls").map((e) => e.id)).toEqual([
      `polls:src:arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/events/6c3e0a5b-1111-2222-3333-444444444444-1->fn:arn:aws:lambda:${REGION}:${ACCOUNT}:function:consumer`,
    ]);
  });

  it("two mappings of one source onto one function in different states: the one polls edge says both, not the first's alone", () => {
    const CLUSTER = `arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/events/6c3e0a5b-1111-2222-3333-444444444444-1`;
    const labels = (states: string[]) =>
      graphOf((b, role) => {
        const fn = b.fn({ region: REGION, name: "consumer", runtime: "nodejs20.x", role });
        states.forEach((state, i) => b.esm({ functionArn: fn, sourceArn: CLUSTER, topics: [`t${i}`], state }));
      }).graph.edges.filter((e) => e.kind === "polls").map((e) => e.label);
    expect(labels(["Disabled", "Enabled"])).toEqual(["2 mappings: Disabled, Enabled"]);
    expect(labels(["Enabled", "Enabled", "Disabled"])).toEqual(["3 mappings: Enabled, Enabled, Disabled"]);
    // One mapping's edge keeps saying its state alone.
    expect(labels(["Disabled"])).toEqual(["Disabled"]);
  });

  it("a wildcard grant narrowed to the account by aws:PrincipalAccount is not the public node, though it names no source", () => {
    const { graph } = graphOf((b, role) => {
      const narrow = b.fn({ region: REGION, name: "a-narrow", runtime: "nodejs20.x", role });
      const open = b.fn({ region: REGION, name: "b-public", runtime: "nodejs20.x", role });
      b.resourcePolicy(narrow, {
        Version: "2012-10-17",
        Statement: [{ Sid: "acct", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: narrow, Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } } }],
      });
      b.permission(open, { sid: "open", principal: "*" });
    });
    expect(graph.nodes.filter((n) => n.kind === "principal").map((n) => [n.id, n.public]).sort()).toEqual([
      ["p:public:*!narrowed", false],
      ["p:public:*", true],
    ]);
  });

  it("draws an IAM user that invokes through its group's policy like a role invoker, labelled as an IAM user", () => {
    const b = newBuilder();
    const role = b.role({ name: "exec", inline: { l: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "logs:*", Resource: "*" }] } } });
    const fn = b.fn({ region: REGION, name: "deploy-target", runtime: "nodejs20.x", role });
    b.group({ name: "deployers", inline: { invoke: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn }] } } });
    b.user({ name: "ci-deploy", groups: ["deployers"] });
    b.role({ name: "ci-role", inline: { invoke: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn }] } } });
    const g = analyzeSnapshot(parseSnapshot(b.build())).graph;
    const user = g.nodes.find((n) => n.id === `p:user:arn:aws:iam::${ACCOUNT}:user/ci-deploy`);
    expect(user).toMatchObject({ kind: "principal", label: "IAM user ci-deploy", principalType: "user" });
    expect(g.nodes.find((n) => n.id === `p:role:arn:aws:iam::${ACCOUNT}:role/ci-role`)?.label).toBe("ci-role");
    expect(g.edges.filter((e) => e.source === user?.id).map((e) => [e.kind, e.target, e.label])).toEqual([
      ["invokes", `fn:${fn}`, "identity policy"],
    ]);
  });

  it("labels a China service principal (.amazonaws.com.cn) by its service, as the global spelling is", () => {
    const b = new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-28T10:00:00Z", partition: "aws-cn" });
    const fn = b.fn({ region: "cn-north-1", name: "f", runtime: "nodejs20.x", role: b.role({ name: "exec" }) });
    b.permission(fn, { sid: "cn", principal: "s3.amazonaws.com.cn", sourceArn: "arn:aws-cn:s3:::uploads", sourceAccount: ACCOUNT });
    b.permission(fn, { sid: "global", principal: "sns.amazonaws.com", sourceArn: `arn:aws-cn:sns:cn-north-1:${ACCOUNT}:t` });
    const principals = analyzeSnapshot(parseSnapshot(b.build())).graph.nodes.filter((n) => n.kind === "principal");
    expect(principals.map((n) => [n.label, n.service]).sort()).toEqual([["s3 · uploads", "s3"], ["sns · t", "sns"]]);
    expect(serviceOfRef("s3.amazonaws.com.cn")).toBe("s3");
  });

  it("labels a grant to one session of a role with the role and the session, not the session alone", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role: b.role({ name: "exec" }) });
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/ci-run`;
    b.resourcePolicy(fn, { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: session }, Action: "lambda:InvokeFunction", Resource: fn }] });
    const g = analyzeSnapshot(parseSnapshot(b.build())).graph;
    expect(g.nodes.find((n) => n.id === `p:role:${session}`)?.label).toBe("deployer (session ci-run)");
  });

  it("an organization grant is labelled with the organization", () => {
    const { graph } = graphOf((b, role) => {
      b.permission(b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role }), { sid: "org", principal: "*", orgId: "o-abc123def4" });
    });
    expect(graph.nodes.filter((n) => n.kind === "principal").map((n) => n.label)).toEqual(["Organization o-abc123def4"]);
  });

  it("an Allow with NotPrincipal is an invoker (everyone but the listed), drawn as such", () => {
    const report = graphOf((b, role) => {
      const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [{ Sid: "most", Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "lambda:InvokeFunction", Resource: fn } as never],
      });
    });
    expect(report.functions[0]?.invokers).toEqual([
      expect.objectContaining({ principal: "*", principalType: "public", public: true, notPrincipal: true, sid: "most", conditionSummary: "NotPrincipal arn:aws:iam::111122223333:root" }),
    ]);
    expect(report.graph.edges.filter((e) => e.kind === "invokes")).toHaveLength(1);
    expect(report.graph.nodes.filter((n) => n.kind === "principal").map((n) => n.label)).toEqual(["Anyone but the NotPrincipal list"]);
  });

  it("everyone but a NotPrincipal list is not drawn as the \"Anyone (*)\" of a Principal \"*\" grant", () => {
    // reference_policies_elements_notprincipal.html: NotPrincipal names the principals "except" whom the statement
    // applies, so the listed ones are not let in by it; a `*` grant lets in anyone. One node for both would say the
    // listed principals get in through the NotPrincipal grant, or that the `*` grant excepts someone.
    const report = graphOf((b, role) => {
      const np = b.fn({ region: REGION, name: "a-np", runtime: "nodejs20.x", role });
      const star = b.fn({ region: REGION, name: "b-star", runtime: "nodejs20.x", role });
      b.resourcePolicy(np, {
        Version: "2012-10-17",
        Statement: [{ Sid: "most", Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "lambda:InvokeFunction", Resource: np } as never],
      });
      b.permission(star, { sid: "open", principal: "*" });
    });
    const principals = report.graph.nodes.filter((n) => n.kind === "principal").map((n) => [n.label, n.public]);
    expect(principals.sort()).toEqual([["Anyone (*)", true], ["Anyone but the NotPrincipal list", true]]);
    expect(report.functions.find((f) => f.name === "b-star")?.invokers[0]?.notPrincipal).toBeUndefined();
  });

  it("a grant that does not take effect (its Resource is another function) is listed, not drawn", () => {
    const report = graphOf((b, role) => {
      const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [{ Sid: "elsewhere", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: `${fn}-other` } as never],
      });
    });
    expect(report.functions[0]?.invokers.map((i) => i.decision)).toEqual(["implicitly-denied"]);
    expect(report.graph.edges.filter((e) => e.kind === "invokes")).toEqual([]);
  });

  it("a service granted a URL's call is drawn beside the URL: only Anyone's URL grant is the URL's own edge", () => {
    // CloudFront origin access control in front of an AWS_IAM URL: both grants are URL-only, and the distribution is
    // who calls the URL. Hiding its edge as Anyone's is hidden would leave "Function URL (AWS_IAM)" with no caller.
    const distribution = `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHEXAMPLE`;
    const report = graphOf((b, role) => {
      const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs22.x", role });
      b.url(fn, { authType: "AWS_IAM" });
      b.permission(fn, { sid: "AllowCloudFrontServicePrincipal", principal: "cloudfront.amazonaws.com", action: "lambda:InvokeFunctionUrl", sourceArn: distribution });
      b.permission(fn, { sid: "AllowCloudFrontServicePrincipalInvokeFunction", principal: "cloudfront.amazonaws.com", invokedViaUrl: true, sourceArn: distribution });
    });
    const labelOf = (id: string) => report.graph.nodes.find((n) => n.id === id)?.label;
    expect(report.graph.edges.filter((e) => e.kind === "invokes").map((e) => labelOf(e.source)).sort()).toEqual([
      "Function URL (AWS_IAM)",
      "cloudfront · distribution/E2QWRUHEXAMPLE",
    ]);
  });
});

describe("buildGraph: a principal with several ways into one function", () => {
  const invokes = (b: ReturnType<typeof newBuilder>) => analyzeSnapshot(parseSnapshot(b.build())).graph.edges.filter((e) => e.kind === "invokes");

  it("draws one edge as its most open way in: a role allowed by its own policy, also granted under a condition", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs20.x", role: b.role({ name: "r" }) });
    const ci = b.role({ name: "ci", inline: { inv: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn }] } as never } });
    b.resourcePolicy(fn, { Version: "2012-10-17", Statement: [{ Sid: "when", Effect: "Allow", Principal: { AWS: ci }, Action: "lambda:InvokeFunction", Resource: fn, Condition: { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } } }] });
    const edges = invokes(b).filter((e) => e.id.includes("role/ci"));
    expect(edges).toHaveLength(1);
    expect(edges[0]).toMatchObject({ conditional: false, label: "identity policy" });
  });

  it("the edge does not depend on the order of the statements", () => {
    const account = "111122223333";
    const labels = [false, true].map((reversed) => {
      const b = newBuilder();
      const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs20.x", role: b.role({ name: "r" }) });
      const tagged = { Sid: "tagged", Effect: "Allow" as const, Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "lambda:InvokeFunction", Resource: fn, Condition: { StringEquals: { "aws:PrincipalTag/team": "payments" } } };
      const plain = { Sid: "plain", Effect: "Allow" as const, Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "lambda:InvokeFunction", Resource: fn };
      b.resourcePolicy(fn, { Version: "2012-10-17", Statement: reversed ? [plain, tagged] : [tagged, plain] });
      return invokes(b).map((e) => [e.label, e.conditional]);
    });
    expect(labels[0]).toEqual([["no condition", false]]);
    expect(labels[1]).toEqual(labels[0]);
  });

  // The invoker list asks for decisions without evidence: they must be the evaluator's "may" for a principal spelled in
  // other case (lib/policy/arn-case.test.ts), not a certain "no condition" edge.
  it.each([["ARN:aws"], ["arn:AWS"]])("an edge from a principal spelled %s:… is conditional", (head) => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs20.x", role: b.role({ name: "r" }) });
    b.resourcePolicy(fn, { Version: "2012-10-17", Statement: [{ Sid: "odd", Effect: "Allow", Principal: { AWS: `${head}:iam::111122223333:root` }, Action: "lambda:InvokeFunction", Resource: fn }] });
    expect(invokes(b).map((e) => e.conditional)).toEqual([true]);
  });

  // Its edge reads "may be denied", as any way in whose doubt lies outside its conditions: the details panel's outcome
  // line says why, where it says a missing role's (Invoker.reason).
  it.each([["direct", false], ["URL-only", true]])("a %s grant to a principal spelled ARN:… says why it may be denied", (_, urlOnly) => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs20.x", role: b.role({ name: "r" }) });
    b.url(fn, { authType: "AWS_IAM" });
    const principal = { AWS: "ARN:aws:iam::111122223333:root" };
    const statements: IamStatement[] = urlOnly
      ? [
          { Sid: "odd", Effect: "Allow", Principal: principal, Action: "lambda:InvokeFunctionUrl", Resource: fn, Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "AWS_IAM" } } },
          { Sid: "odd2", Effect: "Allow", Principal: principal, Action: "lambda:InvokeFunction", Resource: fn, Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "true" } } },
        ]
      : [{ Sid: "odd", Effect: "Allow", Principal: principal, Action: "lambda:InvokeFunction", Resource: fn }];
    b.resourcePolicy(fn, { Version: "2012-10-17", Statement: statements });
    const report = analyzeSnapshot(parseSnapshot(b.build()));
    const grants = report.functions[0]!.invokers.filter((i) => i.via === "resource-policy");
    expect(grants.length).toBeGreaterThan(0);
    for (const inv of grants) {
      expect(invokerOutcome(inv)).toContain('may get in (conditional: Principal names the caller only as ARN:aws:iam::111122223333:root, which begins with other case than "arn"');
    }
    if (!urlOnly) expect(report.graph.edges.filter((e) => e.kind === "invokes" && e.source.startsWith("p:account:")).map((e) => e.label)).toEqual(["may be denied"]);
  });

  it("labels a role granted as arn:AWS:… by its whole ARN, apart from the role AWS's spelling names", () => {
    const b = newBuilder();
    const fn = b.fn({ region: REGION, name: "api", runtime: "nodejs20.x", role: b.role({ name: "r" }) });
    const grant = (sid: string, head: string) => ({ Sid: sid, Effect: "Allow" as const, Principal: { AWS: `${head}:iam::111122223333:role/caller` }, Action: "lambda:InvokeFunction", Resource: fn });
    b.resourcePolicy(fn, { Version: "2012-10-17", Statement: [grant("odd", "arn:AWS"), grant("plain", "arn:aws")] });
    const g = analyzeSnapshot(parseSnapshot(b.build())).graph;
    const labels = g.nodes.filter((n) => n.kind === "principal").map((n) => n.label);
    expect(labels.sort()).toEqual(["arn:AWS:iam::111122223333:role/caller", "caller"]);
  });
});

describe("buildGraph: aliases with their own ways in", () => {
  it("draws an alias node for grants, URLs and mappings on an alias, running as the function's role", () => {
    const b = newBuilder();
    const role = b.role({ name: "r" });
    const fn = b.fn({ region: REGION, name: "pricing", runtime: "nodejs20.x", role });
    b.version(fn, "3");
    b.alias(fn, "live", "3");
    b.permission(fn, { sid: "live-api", principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:api/*`, qualifier: "live" });
    b.permission(fn, { sid: "direct", principal: "sns.amazonaws.com", sourceArn: `arn:aws:sns:${REGION}:${ACCOUNT}:t` });
    const { graph } = analyzeSnapshot(parseSnapshot(b.build()));
    const alias = `fn:${fn}:live`;
    expect(graph.nodes.find((n) => n.id === alias)).toMatchObject({ kind: "function", label: "pricing:live", ref: `${fn}:live`, aliasOf: fn });
    const edge = (kind: string) => graph.edges.filter((e) => e.kind === kind).map((e) => `${e.source} -> ${e.target}`).sort();
    expect(edge("invokes")).toEqual([
      `p:service:apigateway.amazonaws.com@arn:aws:execute-api:${REGION}:${ACCOUNT}:api/* -> ${alias}`,
      `p:service:sns.amazonaws.com@arn:aws:sns:${REGION}:${ACCOUNT}:t -> fn:${fn}`,
    ].sort());
    expect(edge("executes-as")).toEqual([`${alias} -> role:${role}`, `fn:${fn} -> role:${role}`].sort());
  });

  it("draws no role for an alias whose version the version list lacks: which role it runs as is unknown", () => {
    const b = newBuilder();
    const role = b.role({ name: "r" });
    const fn = b.fn({ region: REGION, name: "pricing", runtime: "nodejs20.x", role });
    b.version(fn, "2");
    b.alias(fn, "live", "3");
    b.permission(fn, { sid: "live-api", principal: "apigateway.amazonaws.com", sourceArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:api/*`, qualifier: "live" });
    const { graph } = analyzeSnapshot(parseSnapshot(b.build()));
    const alias = `fn:${fn}:live`;
    expect(graph.nodes.some((n) => n.id === alias)).toBe(true);
    expect(graph.edges.filter((e) => e.kind === "executes-as").map((e) => `${e.source} -> ${e.target}`)).toEqual([`fn:${fn} -> role:${role}`]);
  });

  it("draws no role for a qualifier only a way in names: an alias the alias list lacks, or could not give, and a version the version list lacks", () => {
    const cases: [string, (b: ReturnType<typeof newBuilder>, fn: string) => void][] = [
      ["live", (b, fn) => b.alias(fn, "stable", "2")],
      ["live", (b, fn) => b.error({ region: REGION, operation: "ListAliases", target: fn, code: "AccessDeniedException", message: "denied" })],
      ["12", () => undefined],
    ];
    for (const [qualifier, gap] of cases) {
      const b = newBuilder();
      const role = b.role({ name: "r" });
      const fn = b.fn({ region: REGION, name: "pricing", runtime: "nodejs20.x", role });
      b.version(fn, "2", role);
      gap(b, fn);
      b.esm({ functionArn: `${fn}:${qualifier}`, sourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs` });
      const { graph } = analyzeSnapshot(parseSnapshot(b.build()));
      expect(graph.nodes.some((n) => n.id === `fn:${fn}:${qualifier}`), qualifier).toBe(true);
      expect(graph.edges.filter((e) => e.kind === "executes-as").map((e) => `${e.source} -> ${e.target}`)).toEqual([`fn:${fn} -> role:${role}`]);
    }
  });

  it("says on a can-access edge that a Deny takes part of the reach away, as the reach list does", () => {
    const b = newBuilder();
    const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement }) as never;
    const topics = `arn:aws:sns:${REGION}:${ACCOUNT}:*`;
    const denied = b.role({ name: "denied", inline: { p: doc({ Effect: "Allow", Action: "sns:Publish", Resource: topics }, { Effect: "Deny", Action: "sns:Publish", Resource: "arn:aws:sns:*:*:*-failures" }) } });
    const plain = b.role({ name: "plain", inline: { p: doc({ Effect: "Allow", Action: "sns:Publish", Resource: topics }) } });
    b.fn({ region: REGION, name: "denied-fn", runtime: "nodejs20.x", role: denied });
    b.fn({ region: REGION, name: "plain-fn", runtime: "nodejs20.x", role: plain });
    const report = analyzeSnapshot(parseSnapshot(b.build()));
    const access = (role: string) => report.graph.edges.find((e) => e.kind === "can-access" && e.source === `role:${role}`);
    // One resource node for the pattern, shared: only the denied role's edge says it.
    expect(access(denied)?.target).toBe(access(plain)?.target);
    expect(access(denied)?.partiallyDenied).toBe(true);
    expect(access(plain)?.partiallyDenied).toBeUndefined();
    const labels = buildGraphModel(report).edges.filter((e) => e.kind === "can-access").map((e) => [e.source, e.label]);
    expect(labels).toEqual(expect.arrayContaining([[`role:${denied}`, "Write · partly denied"], [`role:${plain}`, "Write"]]));
  });

  it("says on a conditional edge that it is conditional, in words and not only as a dotted line", () => {
    const b = newBuilder();
    const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement }) as never;
    const metrics = { Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*" };
    const keyed = b.role({ name: "keyed", inline: { p: doc({ ...metrics, Condition: { StringEquals: { "cloudwatch:namespace": "App" } } }) } });
    const plain = b.role({ name: "plain", inline: { p: doc(metrics) } });
    b.fn({ region: REGION, name: "keyed-fn", runtime: "nodejs20.x", role: keyed });
    b.fn({ region: REGION, name: "plain-fn", runtime: "nodejs20.x", role: plain });
    const report = analyzeSnapshot(parseSnapshot(b.build()));
    const labels = buildGraphModel(report).edges.filter((e) => e.kind === "can-access").map((e) => [e.source, e.label]);
    expect(labels).toEqual(expect.arrayContaining([[`role:${keyed}`, "Write · conditional"], [`role:${plain}`, "Write"]]));

    // Ways in too: the demo's AWS_IAM URL, whose callers' own policies the snapshot may not hold, and a role's identity
    // policy under a Deny that may apply; and no edge that is not conditional says it.
    const demo = buildGraphModel(analyzeSnapshot(parseSnapshot(readFileSync(demoSnapshotPath(), "utf8"))));
    const conditional = demo.edges.filter((e) => e.conditional);
    expect(new Set(conditional.map((e) => e.kind))).toEqual(new Set(["invokes", "can-access"]));
    // A way in with no condition of its own says "may be denied" alone: "may be denied · conditional" said it twice.
    for (const e of conditional) expect(e.label, e.id).toMatch(/(^| · )conditional($| · partly denied$)|^may be denied$/);
    for (const e of demo.edges.filter((e) => !e.conditional)) expect(e.label ?? "", e.id).not.toContain("conditional");
  });
});
