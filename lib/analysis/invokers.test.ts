import { describe, expect, it } from "vitest";
import type { IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { analyzeModel } from "./analyze";
import { invokeActionsOf, invokersOf } from "./invokers";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";

function setup(configure: (b: ReturnType<typeof newBuilder>, fn: string) => void) {
  const b = newBuilder();
  const role = b.role({ name: "r" });
  const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
  configure(b, fn);
  const model = modelOf(b);
  return { fn, invokers: invokersOf(model, model.functions[0]!) };
}

describe("invokersOf", () => {
  it("reads an AddPermission service grant with SourceArn and SourceAccount", () => {
    const { invokers } = setup((b, fn) =>
      b.permission(fn, { sid: "s3", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads", sourceAccount: ACCOUNT }),
    );
    expect(invokers).toEqual([
      expect.objectContaining({
        via: "resource-policy",
        principal: "s3.amazonaws.com",
        principalType: "service",
        sourceArn: "arn:aws:s3:::uploads",
        sourceAccount: ACCOUNT,
        public: false,
        sid: "s3",
        decision: "allowed",
      }),
    ]);
  });

  describe("source accounts: one way in per account a request of which gets in (callFromAccount, as cross-account-invoke asks)", () => {
    const A = "210987654321";
    const B = "310987654321";
    const sns = (fn: string, condition: IamStatement["Condition"]) => ({
      Version: "2012-10-17",
      Statement: [{ Sid: "sns", Effect: "Allow" as const, Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: fn, Condition: condition }],
    });
    const ways = (invokers: ReturnType<typeof setup>["invokers"]) => invokers.map((i) => ({ sourceArn: i.sourceArn, sourceAccount: i.sourceAccount, decision: i.decision }));

    it("StringEquals aws:SourceAccount [A, B]: both accounts can call, each its own way in", () => {
      const { invokers } = setup((b, fn) => b.resourcePolicy(fn, sns(fn, { StringEquals: { "aws:SourceAccount": [A, B] } })));
      expect(ways(invokers)).toEqual([
        { sourceArn: undefined, sourceAccount: A, decision: "allowed" },
        { sourceArn: undefined, sourceAccount: B, decision: "allowed" },
      ]);
    });

    it("SourceAccount A beside a SourceArn of B's: no request carries both, so no one gets in", () => {
      const topic = `arn:aws:sns:${REGION}:${B}:orders`;
      const { invokers } = setup((b, fn) => b.resourcePolicy(fn, sns(fn, { StringEquals: { "aws:SourceAccount": A }, ArnLike: { "aws:SourceArn": topic } })));
      expect(ways(invokers)).toEqual([{ sourceArn: topic, sourceAccount: undefined, decision: "implicitly-denied" }]);
      expect(invokers[0]!.reason).toContain(`account ${B}'s`);
    });

    it("topics of A and B with SourceAccount [A, B]: each topic's way in is its owner's", () => {
      const [ta, tb] = [`arn:aws:sns:${REGION}:${A}:orders`, `arn:aws:sns:${REGION}:${B}:orders`];
      const { invokers } = setup((b, fn) => b.resourcePolicy(fn, sns(fn, { StringEquals: { "aws:SourceAccount": [A, B] }, ArnLike: { "aws:SourceArn": [ta, tb] } })));
      expect(ways(invokers)).toEqual([
        { sourceArn: ta, sourceAccount: A, decision: "allowed" },
        { sourceArn: tb, sourceAccount: B, decision: "allowed" },
      ]);
    });

    it("one account with its own topic is the intended caller: one way in, as before", () => {
      const topic = `arn:aws:sns:${REGION}:${A}:orders`;
      const { invokers } = setup((b, fn) => b.resourcePolicy(fn, sns(fn, { StringEquals: { "aws:SourceAccount": A }, ArnLike: { "aws:SourceArn": topic } })));
      expect(ways(invokers)).toEqual([{ sourceArn: topic, sourceAccount: A, decision: "allowed" }]);
    });
  });

  it("lists a grant to a principal ARN with a wildcard inside as letting no one in (IAM does not expand it)", () => {
    const { invokers } = setup((b, fn) =>
      b.resourcePolicy(fn, { Version: "2012-10-17", Statement: [{ Sid: "any-deployer", Effect: "Allow", Principal: { AWS: "arn:aws:iam::*:role/deployer" }, Action: "lambda:InvokeFunction", Resource: fn }] }),
    );
    expect(invokers).toEqual([expect.objectContaining({ principal: "arn:aws:iam::*:role/deployer", sid: "any-deployer", decision: "implicitly-denied" })]);
  });

  it("reads an account id principal stored as arn:aws:iam::A:root", () => {
    const { invokers } = setup((b, fn) => b.permission(fn, { sid: "x", principal: "210987654321" }));
    expect(invokers[0]).toMatchObject({ principal: "210987654321", principalType: "account", public: false });
  });

  it.each([
    ["no condition", {}, true],
    ["SourceAccount", { sourceAccount: ACCOUNT }, false],
    ["PrincipalOrgID", { orgId: "o-abc123" }, false],
  ])("a * grant with %s is public: %s", (_n, extra, expected) => {
    const { invokers } = setup((b, fn) => b.permission(fn, { sid: "p", principal: "*", ...extra }));
    expect(invokers[0]?.public).toBe(expected);
  });

  it("sees that a Deny in a whole-document policy cancels a grant", () => {
    const { invokers } = setup((b, fn) =>
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [
          { Sid: "all", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn },
          { Sid: "deny", Effect: "Deny", Principal: "*", Action: "lambda:*", Resource: fn },
        ],
      }),
    );
    expect(invokers[0]?.decision).toBe("explicitly-denied");
  });

  it("marks a grant conditional when a Deny depends on context we do not know", () => {
    const { invokers } = setup((b, fn) =>
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [
          { Sid: "all", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn },
          { Sid: "ip", Effect: "Deny", Principal: "*", Action: "lambda:*", Resource: fn, Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
        ],
      }),
    );
    expect(invokers[0]?.decision).toBe("conditional");
  });

  it("asks a grant limited to a source-IP range for its own caller as conditional, not denied", () => {
    const { invokers } = setup((b, fn) =>
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [
          { Sid: "office", Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "lambda:InvokeFunction", Resource: fn, Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } },
        ],
      }),
    );
    expect(invokers[0]?.decision).toBe("conditional");
  });

  it("marks * URL grants public only when the URL they go through takes unsigned requests", () => {
    const publicFlags = (authType: "NONE" | "AWS_IAM") =>
      setup((b, fn) => {
        b.url(fn, { authType });
        b.permission(fn, { sid: "url", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: authType });
        b.permission(fn, { sid: "invoke", principal: "*", invokedViaUrl: true });
      }).invokers.filter((i) => i.via === "resource-policy").map((i) => [i.sid, i.public]);
    expect(publicFlags("NONE")).toEqual([["url", true], ["invoke", true]]);
    expect(publicFlags("AWS_IAM")).toEqual([["url", false], ["invoke", false]]);
  });

  it("marks a * URL-only grant public when the function's URL could not be read (its auth type may be NONE)", () => {
    const { invokers } = setup((b, fn) => {
      b.permission(fn, { sid: "url", principal: "*", action: "lambda:InvokeFunctionUrl", urlAuthType: "NONE" });
      b.error({ operation: "GetFunctionUrlConfig", target: fn, code: "AccessDeniedException", message: "denied" });
    });
    expect(invokers.map((i) => [i.via, i.sid, i.public])).toEqual([["resource-policy", "url", true]]);
  });

  it("answers the account granted only InvokeFunctionUrl on its AWS_IAM URL as conditional: its identity policies may grant InvokeFunction", () => {
    const { invokers } = setup((b, fn) => {
      b.url(fn, { authType: "AWS_IAM" });
      b.permission(fn, { sid: "url", principal: ACCOUNT, action: "lambda:InvokeFunctionUrl", urlAuthType: "AWS_IAM" });
    });
    expect(invokers.map((i) => [i.via, i.sid ?? i.authType, i.principalType, i.decision])).toEqual([
      ["resource-policy", "url", "account", "conditional"],
      ["function-url", "AWS_IAM", "unknown", undefined],
    ]);
  });

  it("draws a * grant as public unless a condition a keyless request fails pins its callers", () => {
    const drawn = (condition: Record<string, Record<string, string>>) => {
      const inv = setup((b, fn) =>
        b.resourcePolicy(fn, {
          Version: "2012-10-17",
          Statement: [{ Sid: "s", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn, Condition: condition }],
        }),
      ).invokers[0];
      return [inv?.public, inv?.principalType, inv?.orgId];
    };
    expect(drawn({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-abc123def4/r-ab12/*" } })).toEqual([false, "organization", "o-abc123def4"]);
    expect(drawn({ StringEquals: { "aws:SourceOrgID": "o-abc123def4" } })).toEqual([false, "organization", "o-abc123def4"]);
    expect(drawn({ ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/*` } })).toEqual([false, "public", undefined]);
    // A role name in any account is anyone's to take: public, as the public-invoke finding says.
    expect(drawn({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/ci" } })).toEqual([true, "public", undefined]);
    expect(drawn({ "ForAllValues:StringEquals": { "aws:SourceAccount": ACCOUNT } })[0]).toBe(true);
    expect(drawn({ Null: { "aws:SourceAccount": "false" } })[0]).toBe(true);
  });

  it("does not draw as public a * grant that a Deny 'unless SourceAccount is ours' shuts to direct calls, as public-invoke does not", () => {
    const { invokers } = setup((b, fn) =>
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [
          { Sid: "any", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn },
          { Sid: "ours", Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn, Condition: { StringNotEquals: { "aws:SourceAccount": ACCOUNT } } },
        ],
      }),
    );
    expect(invokers.map((i) => [i.sid, i.principal, i.public])).toEqual([["any", "*", false]]);
  });

  it("does not draw as public an Invoke grant gated on the URL's auth type when the function has no URL", () => {
    const { invokers } = setup((b, fn) =>
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [{ Sid: "url", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn, Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } } }],
      }),
    );
    expect(invokers.map((i) => [i.sid, i.public, i.decision])).toEqual([["url", false, "implicitly-denied"]]);
  });

  it("lists one way in per SourceArn value of a grant", () => {
    const topic = (n: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${n}`;
    const { invokers } = setup((b, fn) =>
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [{ Sid: "topics", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: fn, Condition: { ArnLike: { "AWS:SourceArn": [topic("t1"), topic("t2")] } } }],
      }),
    );
    expect(invokers.map((i) => [i.sid, i.sourceArn, i.decision])).toEqual([
      ["topics", topic("t1"), "allowed"],
      ["topics", topic("t2"), "allowed"],
    ]);
  });

  it("names the first values of a long SourceArn list in each way in's summary and counts the rest", () => {
    const topics = Array.from({ length: 200 }, (_, i) => `arn:aws:sns:${REGION}:${ACCOUNT}:t${i}`);
    const { invokers } = setup((b, fn) =>
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [{ Sid: "topics", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: fn, Condition: { ArnLike: { "AWS:SourceArn": topics } } }],
      }),
    );
    expect(invokers).toHaveLength(200);
    expect(invokers.map((i) => i.sourceArn)).toEqual(topics);
    expect(new Set(invokers.map((i) => i.conditionSummary))).toEqual(new Set([`SourceArn = ${topics.slice(0, 10).join(" | ")} | … (190 more)`]));
  });

  it("lists a statement of many principals and many sources once per principal, not once per pair", () => {
    const topics = Array.from({ length: 50 }, (_, i) => `arn:aws:sns:${REGION}:${ACCOUNT}:t${i}`);
    const services = Array.from({ length: 50 }, (_, i) => `svc-${i}.amazonaws.com`);
    const { invokers } = setup((b, fn) =>
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [
          { Sid: "many", Effect: "Allow", Principal: { Service: services }, Action: "lambda:InvokeFunction", Resource: fn, Condition: { ArnLike: { "AWS:SourceArn": topics } } },
          { Sid: "few", Effect: "Allow", Principal: { Service: services.slice(0, 3) }, Action: "lambda:InvokeFunction", Resource: fn, Condition: { ArnLike: { "AWS:SourceArn": topics.slice(0, 3) } } },
        ],
      }),
    );
    const many = invokers.filter((i) => i.sid === "many");
    expect(many.map((i) => [i.principal, i.sourceArn])).toEqual(services.map((s) => [s, undefined]));
    expect(new Set(many.map((i) => i.conditionSummary))).toEqual(new Set([`SourceArn = ${topics.slice(0, 10).join(" | ")} | … (40 more)`]));
    expect(invokers.filter((i) => i.sid === "few")).toHaveLength(9);
  });

  it("lists mappings and URLs as ways in", () => {
    const { invokers } = setup((b, fn) => {
      b.esm({ functionArn: fn, sourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:q` });
      b.url(fn, { authType: "NONE" });
    });
    // No function policy: even an AuthType NONE URL admits no one (Lambda still checks the policy, §3.4), so the
    // URL is listed as a way in but not as a public one (url-invokers.test.ts has the cases).
    expect(invokers.map((i) => [i.via, i.sourceType ?? i.authType, i.public ?? false])).toEqual([
      ["event-source-mapping", "sqs", false],
      ["function-url", "NONE", false],
    ]);
  });

  describe("principals the evaluator cannot place (CanonicalUser, Federated)", () => {
    const CANONICAL = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
    const doc = (fn: string, ...statements: Omit<IamStatement, "Action" | "Resource">[]) => ({
      Version: "2012-10-17",
      Statement: statements.map((s): IamStatement => ({ Action: "lambda:InvokeFunction", Resource: fn, ...s })),
    });

    it.each([
      ["CanonicalUser", { CanonicalUser: CANONICAL }, CANONICAL],
      ["Federated", { Federated: "cognito-identity.amazonaws.com" }, "cognito-identity.amazonaws.com"],
    ])("lists an Allow naming a %s as an unknown invoker that may get in, with its Sid", (_kind, principal, written) => {
      const { invokers } = setup((b, fn) => b.resourcePolicy(fn, doc(fn, { Sid: "odd", Effect: "Allow", Principal: principal })));
      expect(invokers).toEqual([
        expect.objectContaining({ via: "resource-policy", principal: written, principalType: "unknown", sid: "odd", public: false, decision: "conditional" }),
      ]);
    });

    it("keeps it beside the known principals of the same statement", () => {
      const { invokers } = setup((b, fn) =>
        b.resourcePolicy(fn, doc(fn, { Sid: "mixed", Effect: "Allow", Principal: { AWS: "210987654321", CanonicalUser: CANONICAL } })),
      );
      expect(invokers.map((i) => [i.principal, i.principalType, i.decision])).toEqual([
        ["210987654321", "account", "allowed"],
        [CANONICAL, "unknown", "conditional"],
      ]);
    });

    it("reads it as refused when a Deny covers every caller", () => {
      const { invokers } = setup((b, fn) =>
        b.resourcePolicy(fn, doc(fn, { Sid: "odd", Effect: "Allow", Principal: { CanonicalUser: CANONICAL } }, { Sid: "none", Effect: "Deny", Principal: "*" })),
      );
      expect(invokers.map((i) => [i.sid, i.principalType, i.decision])).toEqual([["odd", "unknown", "explicitly-denied"]]);
    });

    it.each([
      ["CanonicalUser", { CanonicalUser: CANONICAL }],
      ["Federated", { Federated: "cognito-identity.amazonaws.com" }],
    ])("reads it as refused when a Deny names the same %s", (_kind, principal) => {
      const { invokers } = setup((b, fn) =>
        b.resourcePolicy(fn, doc(fn, { Sid: "odd", Effect: "Allow", Principal: principal }, { Sid: "not-them", Effect: "Deny", Principal: principal })),
      );
      expect(invokers.map((i) => [i.sid, i.principalType, i.decision])).toEqual([["odd", "unknown", "explicitly-denied"]]);
    });

    it("does not read a Deny naming one as a grant, nor let it cancel other grants", () => {
      const { invokers } = setup((b, fn) =>
        b.resourcePolicy(
          fn,
          doc(
            fn,
            { Sid: "acct", Effect: "Allow", Principal: { AWS: "210987654321" } },
            { Sid: "no-s3-user", Effect: "Deny", Principal: { CanonicalUser: CANONICAL } },
            { Sid: "no-idp", Effect: "Deny", Principal: { Federated: "cognito-identity.amazonaws.com" } },
          ),
        ),
      );
      expect(invokers.map((i) => [i.sid, i.principalType, i.decision])).toEqual([["acct", "account", "allowed"]]);
    });

    it("is drawn as a conditional way in and is not reported public", () => {
      const b = newBuilder();
      const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role: b.role({ name: "r" }) });
      b.resourcePolicy(fn, doc(fn, { Sid: "odd", Effect: "Allow", Principal: { CanonicalUser: CANONICAL } }));
      const report = analyzeModel(modelOf(b));
      const edge = report.graph.edges.find((e) => e.kind === "invokes");
      expect(edge).toMatchObject({ conditional: true });
      expect(report.graph.nodes.find((n) => n.id === edge?.source)).toMatchObject({ principalType: "unknown", public: false });
      expect(report.findings.filter((f) => /public/.test(f.rule))).toEqual([]);
    });
  });

  it("gives grants with the same invoke actions one shared, frozen list (the report keeps one per grant)", () => {
    const model = modelOf(
      (() => {
        const b = newBuilder();
        const fn = b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role: b.role({ name: "r" }) });
        for (const sid of ["a", "b"]) b.permission(fn, { sid, principal: "sns.amazonaws.com", sourceArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${sid}` });
        return b;
      })(),
    );
    const [a, b] = invokersOf(model, model.functions[0]!);
    expect(a?.actions).toEqual(["lambda:InvokeFunction"]);
    expect(b?.actions).toBe(a?.actions);
    expect(Object.isFrozen(a?.actions)).toBe(true);
    const [statement] = model.functions[0]!.policies[0]!.policy.statements;
    expect(invokeActionsOf(statement!)).toBe(a?.actions);
  });

  describe("lambda:InvokeAsync (the deprecated asynchronous invoke API)", () => {
    it("lists a principal granted only InvokeAsync, with that action and its own decision", () => {
      const { invokers } = setup((b, fn) => b.permission(fn, { sid: "async", principal: "210987654321", action: "lambda:InvokeAsync" }));
      expect(invokers).toEqual([
        expect.objectContaining({ principal: "210987654321", sid: "async", actions: ["lambda:InvokeAsync"], decision: "allowed", public: false }),
      ]);
    });

    it("draws an InvokeAsync-only grant to * as public, as public-invoke reports it", () => {
      const { invokers } = setup((b, fn) => b.permission(fn, { sid: "async", principal: "*", action: "lambda:InvokeAsync" }));
      expect(invokers[0]).toMatchObject({ principal: "*", actions: ["lambda:InvokeAsync"], decision: "allowed", public: true });
    });

    it("answers a grant of both with the most open of the two, and lists both actions", () => {
      const { invokers } = setup((b, fn) =>
        b.resourcePolicy(fn, {
          Version: "2012-10-17",
          Statement: [
            { Sid: "both", Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: ["lambda:InvokeFunction", "lambda:InvokeAsync"], Resource: fn },
            { Sid: "ip", Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn, Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
          ],
        }),
      );
      // InvokeFunction depends on the caller's IP; InvokeAsync is allowed whatever it is: the caller gets in.
      expect(invokers[0]).toMatchObject({ actions: ["lambda:InvokeFunction", "lambda:InvokeAsync"], decision: "allowed" });
    });

    it("keeps the InvokeFunction answer for a grant of both where InvokeAsync is no more open", () => {
      const { invokers } = setup((b, fn) =>
        b.resourcePolicy(fn, {
          Version: "2012-10-17",
          Statement: [
            { Sid: "both", Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: ["lambda:InvokeFunction", "lambda:InvokeAsync"], Resource: fn },
            { Sid: "ip", Effect: "Deny", Principal: "*", Action: "lambda:Invoke*", Resource: fn, Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } },
          ],
        }),
      );
      expect(invokers[0]).toMatchObject({ decision: "conditional" });
    });

    it("answers for InvokeAsync where a Deny shuts InvokeFunction only", () => {
      const { invokers } = setup((b, fn) =>
        b.resourcePolicy(fn, {
          Version: "2012-10-17",
          Statement: [
            { Sid: "all", Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: "lambda:*", Resource: fn },
            { Sid: "no-sync", Effect: "Deny", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn },
          ],
        }),
      );
      expect(invokers[0]).toMatchObject({ sid: "all", decision: "allowed" });
      expect(invokers[0]?.actions).toContain("lambda:InvokeAsync");
    });

    it("does not let an InvokeAsync grant gated on the URL (whose keys async calls never carry) in", () => {
      const { invokers } = setup((b, fn) =>
        b.resourcePolicy(fn, {
          Version: "2012-10-17",
          Statement: [{ Sid: "url", Effect: "Allow", Principal: "*", Action: "lambda:InvokeAsync", Resource: fn, Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "true" } } }],
        }),
      );
      expect(invokers[0]).toMatchObject({ actions: ["lambda:InvokeAsync"], public: false });
      expect(invokers[0]?.decision).not.toMatch(/allowed|conditional/);
    });
  });

  describe("lambda:InvokeAsync calls carry neither URL key", () => {
    const urlKeyed = (principal: IamStatement["Principal"], condition: IamStatement["Condition"]) => (b: ReturnType<typeof newBuilder>, fn: string) =>
      b.resourcePolicy(fn, { Version: "2012-10-17", Statement: [{ Sid: "async", Effect: "Allow", Principal: principal, Action: "lambda:InvokeAsync", Resource: fn, Condition: condition }] });

    it("lets no one in through an InvokeAsync grant that asks for InvokedViaFunctionUrl = false", () => {
      const { invokers } = setup(urlKeyed("*", { Bool: { "lambda:InvokedViaFunctionUrl": "false" } }));
      expect(invokers[0]).toMatchObject({ actions: ["lambda:InvokeAsync"], public: false });
      expect(invokers[0]?.decision).not.toMatch(/allowed|conditional/);
    });
  });

  it("does not answer an InvokeAsync grant gated on the URL with the URL call, which it is no part of", () => {
    const { invokers } = setup((b, fn) => {
      b.url(fn, { authType: "NONE" });
      b.resourcePolicy(fn, {
        Version: "2012-10-17",
        Statement: [
          { Sid: "url", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunctionUrl", Resource: fn, Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } } },
          { Sid: "via-url", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn, Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "true" } } },
          { Sid: "async", Effect: "Allow", Principal: "*", Action: "lambda:InvokeAsync", Resource: fn, Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "true" } } },
        ],
      });
    });
    expect(invokers.filter((i) => i.via === "resource-policy").map((i) => [i.sid, i.public])).toEqual([["url", true], ["via-url", true], ["async", false]]);
    expect(invokers.find((i) => i.sid === "async")?.decision).not.toMatch(/allowed|conditional/);
  });

  it.each([
    ["BoolIfExists InvokedViaFunctionUrl = true", { BoolIfExists: { "lambda:InvokedViaFunctionUrl": "true" } }],
    ["StringEqualsIfExists FunctionUrlAuthType = NONE", { StringEqualsIfExists: { "lambda:FunctionUrlAuthType": "NONE" } }],
    ["StringNotEquals FunctionUrlAuthType = AWS_IAM", { StringNotEquals: { "lambda:FunctionUrlAuthType": "AWS_IAM" } }],
  ])("draws an InvokeAsync grant to * whose URL condition (%s) holds without the key as public: async calls lack it", (_, condition) => {
    const { invokers } = setup((b, fn) =>
      b.resourcePolicy(fn, { Version: "2012-10-17", Statement: [{ Sid: "async", Effect: "Allow", Principal: "*", Action: "lambda:InvokeAsync", Resource: fn, Condition: condition as IamStatement["Condition"] }] }),
    );
    expect(invokers[0]).toMatchObject({ actions: ["lambda:InvokeAsync"], decision: "allowed", public: true });
  });

  it("ignores statements that grant no invoke action", () => {
    const { invokers } = setup((b, fn) => b.permission(fn, { sid: "g", principal: "210987654321", action: "lambda:GetFunction" }));
    expect(invokers).toEqual([]);
  });
});
