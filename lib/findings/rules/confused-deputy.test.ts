import { describe, expect, it, vi } from "vitest";
import type { IamStatement } from "@/lib/snapshot/fixtures/policy-documents";
import { ACCOUNT, builder, findingsOf, grantsOn, oneFunction, REGION, testRuleCases, withPolicyUnread, withUrl, type RuleCase } from "../test-support";
import { confusedDeputy } from "./confused-deputy";

const read = vi.hoisted(() => ({ conditions: 0 }));
vi.mock("@/lib/analysis/invokers", async (original) => {
  const real = await original<typeof import("@/lib/analysis/invokers")>();
  return { ...real, conditionValues: (...args: Parameters<typeof real.conditionValues>) => (read.conditions++, real.conditionValues(...args)) };
});

const setup = () => oneFunction("handler", { runtime: "python3.13" });
const { permissions, policy } = grantsOn(setup);
/** An Allow of lambda:InvokeFunction to SNS under `condition`. */
const snsGrantWhen = (condition: IamStatement["Condition"]) =>
  policy({ Sid: "sns", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction", Condition: condition });
/** A Deny of every source account but the function's own, as a PutResourcePolicy document may pin a source. */
const OWN_SOURCES_ONLY: IamStatement = { Sid: "own-sources-only", Effect: "Deny", Principal: "*", Condition: { StringNotEquals: { "aws:SourceAccount": ACCOUNT } } };

const cases: RuleCase[] = [
  {
    name: "SNS grant without source conditions: high",
    build: permissions({ sid: "sns", principal: "sns.amazonaws.com" }),
    titles: ["sns.amazonaws.com may invoke this function without aws:SourceArn or aws:SourceAccount"],
    severities: ["high"],
  },
  {
    name: "Null aws:SourceAccount = false pins no account: any account's topic may still invoke",
    build: snsGrantWhen({ Null: { "aws:SourceAccount": "false" } }),
    titles: ["sns.amazonaws.com may invoke this function without aws:SourceArn or aws:SourceAccount"],
    severities: ["high"],
  },
  {
    name: "StringLike aws:SourceAccount with a * among its values matches any account: high",
    build: snsGrantWhen({ StringLike: { "aws:SourceAccount": ["111122223333", "*"] } }),
    titles: ["sns.amazonaws.com may invoke this function without aws:SourceArn or aws:SourceAccount"],
    severities: ["high"],
  },
  {
    // The data-perimeter idiom: ${aws:ResourceAccount} is the function's own account, as public-invoke reads it.
    name: "SNS grant pinned by aws:SourceAccount = ${aws:ResourceAccount}: fine",
    build: snsGrantWhen({ StringEquals: { "aws:SourceAccount": "${aws:ResourceAccount}" } }),
    titles: [],
  },
  {
    name: "SNS grant pinned by a topic ARN whose account is ${aws:ResourceAccount}: fine",
    build: snsGrantWhen({ ArnLike: { "aws:SourceArn": `arn:aws:sns:${REGION}:\${aws:ResourceAccount}:orders` } }),
    titles: [],
  },
  {
    name: "SNS grant pinned to the organization's topics by aws:SourceOrgID: fine",
    build: snsGrantWhen({ StringEquals: { "aws:SourceOrgID": "o-abc123def4" } }),
    titles: [],
  },
  {
    name: "an aws:SourceOrgPaths value that wildcards the organization pins nothing",
    build: snsGrantWhen({ "ForAnyValue:StringLike": { "aws:SourceOrgPaths": "*" } }),
    titles: ["sns.amazonaws.com may invoke this function without aws:SourceArn or aws:SourceAccount"],
  },
  {
    name: "SNS grant pinned by topic ARN (carries the account): fine",
    build: permissions({ sid: "sns", principal: "sns.amazonaws.com", sourceArn: `arn:aws:sns:${REGION}:${ACCOUNT}:orders` }),
    titles: [],
  },
  {
    name: "S3 grant with bucket SourceArn but no SourceAccount: medium",
    build: permissions({ sid: "s3", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads-bucket" }),
    titles: ["s3.amazonaws.com may invoke this function without aws:SourceAccount"],
    severities: ["medium"],
  },
  {
    name: "a SourceArn list whose bucket ARN carries no account pins no account, though its topic ARN does: medium",
    build: policy({ Sid: "s3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "lambda:InvokeFunction", Condition: { ArnLike: { "aws:SourceArn": ["arn:aws:s3:::b", "arn:aws:sns:us-east-1:111122223333:t"] } } }),
    titles: ["s3.amazonaws.com may invoke this function without aws:SourceAccount"],
    severities: ["medium"],
  },
  {
    name: "S3 grant with SourceArn and SourceAccount: fine",
    build: permissions({ sid: "s3", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads-bucket", sourceAccount: ACCOUNT }),
    titles: [],
  },
  {
    name: "wildcard account in SourceArn pins nothing",
    build: permissions({ sid: "ev", principal: "events.amazonaws.com", sourceArn: `arn:aws:events:${REGION}:*:rule/nightly` }),
    titles: ["events.amazonaws.com may invoke this function without aws:SourceArn or aws:SourceAccount"],
  },
  {
    name: "regional logs principal is recognised as a service",
    build: permissions({ sid: "logs", principal: "logs.us-east-1.amazonaws.com" }),
    titles: ["logs.us-east-1.amazonaws.com may invoke this function without aws:SourceArn or aws:SourceAccount"],
  },
  {
    name: "a Deny for the service cancels the grant",
    build: policy(
      { Sid: "sns", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction" },
      { Sid: "no", Effect: "Deny", Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction" },
    ),
    titles: [],
  },
  {
    // A PutResourcePolicy document may pin the source with a Deny instead of the Allow's own condition: another
    // account's topic sends its own account as aws:SourceAccount, which the Deny refuses (IAM global condition keys).
    name: "a Deny on every source account but the function's own pins the grant: no confused deputy",
    build: policy({ Sid: "sns", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "lambda:InvokeFunction" }, { ...OWN_SOURCES_ONLY, Action: "lambda:*", Resource: "*" }),
    titles: [],
  },
  {
    name: "S3 grant with SourceArn only, a Deny on every other source account: no re-created-bucket finding",
    build: policy(
      { Sid: "s3", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "lambda:InvokeFunction", Condition: { ArnLike: { "AWS:SourceArn": "arn:aws:s3:::uploads" } } },
      { ...OWN_SOURCES_ONLY, Action: "lambda:InvokeFunction" },
    ),
    titles: [],
  },
  {
    name: "GetPolicy throttled: no verdict",
    build: grantsOn(withPolicyUnread(setup, "TooManyRequestsException", "Rate exceeded")).permissions({ sid: "sns", principal: "sns.amazonaws.com" }),
    titles: [],
  },
  {
    name: "a Federated provider named like a service is not a service principal",
    build: policy({ Sid: "idp", Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "lambda:InvokeFunction" }),
    titles: [],
  },
];

describe("confused-deputy", () => {
  testRuleCases(confusedDeputy, cases);

  it("re-adds the pinned grant where it was (the alias), with the source it had, and highlights the action as written", () => {
    const { b, fn } = setup();
    b.alias(fn, "prod", "2");
    b.permission(fn, { sid: "s3-prod", principal: "s3.amazonaws.com", action: "lambda:*", sourceArn: "arn:aws:s3:::uploads", qualifier: "prod" });
    const f = findingsOf(confusedDeputy, b)[0]!;
    const addPermission = f.remediation.split("\n").find((l) => l.startsWith("aws lambda add-permission"))!;
    expect(addPermission).toContain("--qualifier prod");
    expect(addPermission).toContain("--source-arn arn:aws:s3:::uploads");
    expect(f.evidence[0]?.highlight).toContain("lambda:*");
    expect(f.evidence[0]?.highlight).not.toContain("lambda:InvokeFunction");
  });

  it("re-adds one statement per service and source, each with an id of its own (AddPermission takes one of each)", () => {
    const { b, fn } = setup();
    grantTwoBuckets(b, fn, "buckets");
    const [f] = findingsOf(confusedDeputy, b);
    const adds = f!.remediation.split("\n").filter((l) => l.startsWith("aws lambda add-permission"));
    // Only the first bucket was re-added: the second bucket's trigger broke once the fix was applied.
    expect(adds.map((l) => [/--statement-id (\S+)/.exec(l)?.[1], /--source-arn (\S+)/.exec(l)?.[1]])).toEqual([
      ["buckets-1", "arn:aws:s3:::uploads"],
      ["buckets-2", "arn:aws:s3:::imports"],
    ]);
  });

  it("keeps each re-added statement id within AddPermission's 100 characters, however long the original", () => {
    const { b, fn } = setup();
    const sid = "s".repeat(100);
    grantTwoBuckets(b, fn, sid);
    // findingsOf carries the fix out, and the applier refuses an id AWS refuses (ValidationException).
    const [f] = findingsOf(confusedDeputy, b);
    const ids = f!.remediation.split("\n").filter((l) => l.startsWith("aws lambda add-permission")).map((l) => /--statement-id (\S+)/.exec(l)?.[1]);
    expect(ids).toEqual([`${sid.slice(0, 98)}-1`, `${sid.slice(0, 98)}-2`]);
  });

  it("reports the services one statement lets in alike in one finding, naming the first and counting the rest", () => {
    const services = Array.from({ length: 300 }, (_, i) => `svc-${i}.amazonaws.com`);
    const { b, fn } = setup();
    b.resourcePolicy(fn, {
      Version: "2012-10-17",
      Statement: [
        { Sid: "services", Effect: "Allow", Principal: { Service: services }, Action: "lambda:InvokeFunction", Resource: fn },
        { Sid: "topics", Effect: "Allow", Principal: { Service: ["sns.amazonaws.com", "events.amazonaws.com"] }, Action: "lambda:InvokeFunction", Resource: fn, Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::uploads" } } },
        { Sid: "lone", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: fn },
      ],
    });
    const findings = findingsOf(confusedDeputy, b);
    expect(findings.map((f) => [f.id, f.severity, f.title])).toEqual([
      [`confused-deputy:${fn}#services/svc-0.amazonaws.com`, "high", "svc-0.amazonaws.com and 299 more may invoke this function without aws:SourceArn or aws:SourceAccount"],
      [`confused-deputy:${fn}#topics/sns.amazonaws.com`, "medium", "sns.amazonaws.com, events.amazonaws.com may invoke this function without aws:SourceAccount"],
      [`confused-deputy:${fn}#lone/s3.amazonaws.com`, "high", "s3.amazonaws.com may invoke this function without aws:SourceArn or aws:SourceAccount"],
    ]);
    expect(findings[0]!.detail).toMatch(/^Statement services lets 300 services \(svc-0\.amazonaws\.com, .* and \d+ more\) invoke the function with no condition/);
    expect(findings[0]!.detail.length).toBeLessThan(1000);
    expect(findings[0]!.remediation.length).toBeLessThan(1000);
    expect(findings[0]!.evidence).toHaveLength(1);
    expect(findings[0]!.evidence[0]!.highlight).toEqual(expect.arrayContaining(["svc-299.amazonaws.com", "lambda:InvokeFunction"]));
  });

  it("reads a statement's source conditions once, not once per service it lists", () => {
    const services = Array.from({ length: 300 }, (_, i) => `svc-${i}.amazonaws.com`);
    const buckets = Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::bucket-${i}`);
    const { b, fn } = setup();
    b.resourcePolicy(fn, {
      Version: "2012-10-17",
      Statement: [{ Sid: "services", Effect: "Allow", Principal: { Service: services }, Action: "lambda:InvokeFunction", Resource: fn, Condition: { ArnLike: { "aws:SourceArn": buckets } } }],
    });
    read.conditions = 0;
    expect(findingsOf(confusedDeputy, b).map((f) => f.severity)).toEqual(["medium"]);
    expect(read.conditions).toBeLessThan(100);
  });
});

/** The add-permission commands a finding's fix gives. */
function addPermissions(f: { remediation: string } | undefined): string[] {
  return (f?.remediation ?? "").split("\n").filter((l) => l.startsWith("aws lambda add-permission"));
}

describe("confused-deputy: the re-added statement grants what the statement granted", () => {
  const onIamUrl = grantsOn(withUrl(setup, "AWS_IAM"));
  // CloudFront origin access control in front of a function URL (CloudFront guide, "Restricting access to a Lambda
  // function URL origin"): re-added as InvokeFunction, the first grant no longer lets CloudFront call the URL, and the
  // second, re-added without its URL gate, lets CloudFront call Invoke directly.
  it("re-adds a CloudFront InvokeFunctionUrl grant as lambda:InvokeFunctionUrl", () => {
    const b = onIamUrl.permissions({ sid: "AllowCloudFrontServicePrincipal", principal: "cloudfront.amazonaws.com", action: "lambda:InvokeFunctionUrl" })();
    const adds = addPermissions(findingsOf(confusedDeputy, b)[0]);
    expect(adds).toHaveLength(1);
    expect(adds[0]).toContain("--action lambda:InvokeFunctionUrl --principal cloudfront.amazonaws.com");
    expect(adds[0]).not.toContain("--invoked-via-function-url");
  });

  it("keeps the lambda:InvokedViaFunctionUrl gate of an InvokeFunction grant (--invoked-via-function-url)", () => {
    const b = onIamUrl.permissions({ sid: "AllowCloudFrontServicePrincipalInvokeFunction", principal: "cloudfront.amazonaws.com", invokedViaUrl: true })();
    const adds = addPermissions(findingsOf(confusedDeputy, b)[0]);
    expect(adds).toHaveLength(1);
    expect(adds[0]).toContain("--action lambda:InvokeFunction --principal cloudfront.amazonaws.com");
    expect(adds[0]).toMatch(/ --invoked-via-function-url( |$)/);
  });

  it("keeps the lambda:FunctionUrlAuthType of a URL grant (--function-url-auth-type)", () => {
    const b = onIamUrl.permissions({ sid: "cf", principal: "cloudfront.amazonaws.com", action: "lambda:InvokeFunctionUrl", urlAuthType: "AWS_IAM" })();
    expect(addPermissions(findingsOf(confusedDeputy, b)[0])[0]).toContain("--action lambda:InvokeFunctionUrl --principal cloudfront.amazonaws.com --function-url-auth-type AWS_IAM");
  });

  it("re-adds a statement listing both URL actions as one add-permission per action, the URL gate on InvokeFunction", () => {
    const b = onIamUrl.policy({ Sid: "cf", Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: ["lambda:InvokeFunctionUrl", "lambda:InvokeFunction"], Condition: { Bool: { "lambda:InvokedViaFunctionUrl": "true" } } })();
    const [f] = findingsOf(confusedDeputy, b);
    // AddPermission takes --invoked-via-function-url with InvokeFunction only.
    expect(addPermissions(f).map((l) => [/--statement-id (\S+)/.exec(l)?.[1], /--action (\S+)/.exec(l)?.[1], l.includes("--invoked-via-function-url")])).toEqual([
      ["cf-1", "lambda:InvokeFunction", true],
      ["cf-2", "lambda:InvokeFunctionUrl", false],
    ]);
    expect(f?.remediation).toContain("one statement per action:");
  });

  it("does not re-grant the deprecated InvokeAsync that a wildcard happens to cover", () => {
    const b = permissions({ sid: "sns", principal: "sns.amazonaws.com", action: "lambda:*" })();
    expect(addPermissions(findingsOf(confusedDeputy, b)[0]).map((l) => /--action (\S+)/.exec(l)?.[1])).toEqual(["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"]);
  });
});

describe("confused-deputy: Alexa skills are pinned by their skill id", () => {
  it.each(["alexa-appkit.amazon.com", "alexa-connectedhome.amazon.com"])("%s without lambda:EventSourceToken: the fix is --event-source-token", (principal) => {
    const { b, fn } = setup();
    b.permission(fn, { sid: "alexa", principal });
    const [f, ...rest] = findingsOf(confusedDeputy, b);
    expect(rest).toEqual([]);
    expect(f?.severity).toBe("high");
    expect(f?.title).toBe(`${principal} may invoke this function without lambda:EventSourceToken (the skill id)`);
    expect(f?.detail).toContain("lambda:EventSourceToken");
    expect(f?.detail).not.toMatch(/aws:Source/);
    const adds = addPermissions(f);
    expect(adds).toHaveLength(1);
    expect(adds[0]).toContain(`--principal ${principal} --event-source-token '<skill id>'`);
    expect(adds[0]).not.toMatch(/--source-(arn|account)/);
  });

  it("an Alexa grant with the skill id as token: fine", () => {
    const { b, fn } = setup();
    b.permission(fn, { sid: "alexa", principal: "alexa-appkit.amazon.com", eventSourceToken: "amzn1.ask.skill.12345678-1234-1234-1234-123456789012" });
    expect(findingsOf(confusedDeputy, b)).toEqual([]);
  });
});

describe("confused-deputy: a * grant narrowed only by a source ARN that names no account", () => {
  // `add-permission --principal '*' --source-arn arn:aws:s3:::uploads`: * includes s3.amazonaws.com, and the bucket
  // ARN names no account, so a bucket of that name re-created in another account can invoke the function, as with
  // the same grant to s3.amazonaws.com. public-invoke leaves it (the fixed source ARN narrows the caller).
  const withGrant = (principal: string, extra: { sourceAccount?: string } = {}) => permissions({ sid: "uploads", principal, sourceArn: "arn:aws:s3:::uploads", ...extra })();

  it("is reported as the s3.amazonaws.com grant is (medium), citing its statement and re-added with --source-account of the bucket's owner", () => {
    const [control] = findingsOf(confusedDeputy, withGrant("s3.amazonaws.com"));
    const findings = findingsOf(confusedDeputy, withGrant("*"));
    expect(findings.map((f) => [f.severity, f.title])).toEqual([["medium", 'Principal "*" may invoke this function without aws:SourceAccount']]);
    expect(control?.severity).toBe("medium");
    const [f] = findings;
    expect(f?.evidence.map((e) => e.source?.sid)).toEqual(["uploads"]);
    expect(f?.detail).toContain("arn:aws:s3:::uploads, an ARN without an account");
    expect(addPermissions(f)).toEqual([expect.stringContaining("--principal '*' --source-arn arn:aws:s3:::uploads --source-account '<account that owns the bucket>'")]);
  });

  it("with aws:SourceAccount as well: fine", () => {
    expect(findingsOf(confusedDeputy, withGrant("*", { sourceAccount: "123456789012" }))).toEqual([]);
  });

  it("leaves a * grant with no source condition to public-invoke", () => {
    expect(findingsOf(confusedDeputy, permissions({ sid: "open", principal: "*" })())).toEqual([]);
  });

  it("leaves a * grant whose source ARN holds without the key (IfExists) to public-invoke", () => {
    const b = policy({ Sid: "ifexists", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Condition: { ArnLikeIfExists: { "aws:SourceArn": "arn:aws:s3:::uploads" } } })();
    expect(findingsOf(confusedDeputy, b)).toEqual([]);
  });
});

describe("confused-deputy: the re-added statement pins the account that owns the source", () => {
  const OTHER = "210987654321";
  const topic = `arn:aws:sns:${REGION}:${OTHER}:orders`;

  it("a topic of another account: its account, not this one (this one would shut the real topic out)", () => {
    const { b, fn } = setup();
    b.resourcePolicy(fn, {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "shared",
          Effect: "Allow",
          Principal: { Service: ["sns.amazonaws.com", "s3.amazonaws.com"] },
          Action: "lambda:InvokeFunction",
          Resource: fn,
          Condition: { ArnLike: { "aws:SourceArn": [topic, "arn:aws:s3:::uploads"] } },
        },
      ],
    });
    const [f] = findingsOf(confusedDeputy, b);
    const adds = addPermissions(f);
    expect(adds[0]).toContain(`--source-arn ${topic} --source-account ${OTHER}`);
    // The bucket's ARN names no account: its owner is a placeholder, and the fix says whose id goes there.
    expect(adds[1]).toContain("--source-arn arn:aws:s3:::uploads --source-account '<account that owns the bucket>'");
    expect(f?.remediation).toContain("S3 bucket ARNs name no account: put the id of the account that owns the bucket for <account that owns the bucket>.");
    expect(f?.remediation).not.toContain(`--source-account ${b.account}`);
  });

  it("a grant with no source at all: both placeholders, the account one named for a bucket or a source, and said", () => {
    for (const [principal, owner] of [
      ["s3.amazonaws.com", "<account that owns the bucket>"],
      ["sns.amazonaws.com", "<account that owns the source>"],
    ] as const) {
      const { b, fn } = setup();
      b.permission(fn, { sid: "open", principal });
      const [f] = findingsOf(confusedDeputy, b);
      expect(addPermissions(f)).toEqual([expect.stringContaining(`--source-arn '<source ARN>' --source-account '${owner}'`)]);
      expect(f?.remediation).toContain(`for ${owner}`);
      expect(f?.remediation).not.toContain(`--source-account ${b.account}`);
    }
  });

  // In aws-cn the .cn name is S3 itself (principal.ts, serviceNameOn), and so is a regional spelling anywhere.
  it("a grant with no source to S3 by another spelling of its name: the bucket owner's placeholder", () => {
    for (const [partition, region, principal] of [
      ["aws-cn", "cn-north-1", "s3.amazonaws.com.cn"],
      ["aws", REGION, `s3.${REGION}.amazonaws.com`],
    ] as const) {
      const b = builder({ partition });
      const fn = b.fn({ region, name: "handler", runtime: "python3.13", role: b.role({ name: "app" }) });
      b.resourcePolicy(fn, { Version: "2012-10-17", Statement: [{ Sid: "open", Effect: "Allow", Principal: { Service: principal }, Action: "lambda:InvokeFunction", Resource: fn }] });
      const [f] = findingsOf(confusedDeputy, b);
      expect(addPermissions(f)).toEqual([expect.stringContaining("--source-account '<account that owns the bucket>'")]);
    }
  });
});

/** One S3 statement narrowed to two buckets: the fix re-adds one statement per bucket. */
function grantTwoBuckets(b: ReturnType<typeof setup>["b"], fn: string, sid: string) {
  b.resourcePolicy(fn, {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: sid,
        Effect: "Allow",
        Principal: { Service: "s3.amazonaws.com" },
        Action: "lambda:InvokeFunction",
        Resource: fn,
        Condition: { ArnLike: { "aws:SourceArn": ["arn:aws:s3:::uploads", "arn:aws:s3:::imports"] } },
      },
    ],
  });
}
