import { describe, expect, it } from "vitest";
import { actionConditionKeys, allServicePrefixes, serviceActions } from "./actions";
import { neverInRequestsOf } from "./condition-keys";

describe("neverInRequestsOf", () => {
  it.each([
    // [action, key, never in its requests]
    ["lambda:InvokeFunction", "lambda:FunctionArn", true], // event source mapping actions only
    ["lambda:CreateEventSourceMapping", "lambda:FunctionArn", false],
    ["lambda:InvokeFunction", "lambda:InvokedViaFunctionUrl", false],
    ["lambda:InvokeFunction", "lambda:FunctionUrlAuthType", true],
    ["lambda:InvokeFunctionUrl", "LAMBDA:functionurlauthtype", false], // case-insensitive
    ["s3:GetObject", "s3:prefix", true], // ListBucket's key
    ["s3:ListBucket", "s3:prefix", false],
    ["s3:GetObject", "s3:ExistingObjectTag/team", false], // the `s3:ExistingObjectTag/<key>` family
    ["s3:GetObject", "s3:DataAccessPointArn", false], // listed by its access-point resource type, not the action
    ["s3:GetObject", "kms:ViaService", true], // another service's key
    ["sts:AssumeRole", "sts:ExternalId", false],
    ["sts:AssumeRoleWithWebIdentity", "sts:ExternalId", true],
    ["secretsmanager:GetSecretValue", "secretsmanager:ResourceTag/env", false], // listed as `…/tag-key`
    ["ssm:DeregisterManagedInstance", "ssm:resourceTag/env", false], // `…/tag-key` here, `…/${TagKey}` elsewhere
    ["ssm:DeregisterManagedInstance", "ssm:Overwrite", true],
    ["s3:GetObject", "kms:CallerAccount", true], // a KMS key: never on S3's own requests
    ["kms:ListKeys", "kms:GrantIsForAWSResource", true], // a key of grant operations only
  ] as const)("%s, %s → %s", (action, key, expected) => {
    expect(neverInRequestsOf(action, key)).toBe(expected);
  });

  it.each([
    ["s3:GetObject", "aws:SourceIp", "global keys are in every request or absent by the caller's context"],
    ["s3:GetObject", "lambda:SourceFunctionArn", "set on every request made with a function's credentials"],
    ["s3:GetObject", "ec2:SourceInstanceARN", "set on every request made with an instance's credentials"],
    ["s3:GetObject", "ssm:SourceInstanceARN", "set on every request made with Systems Manager's host credentials"],
    ["s3:GetObject", "codebuild:buildArn", "set on every request made with a build's credentials; no action lists it"],
    ["sts:AssumeRoleWithWebIdentity", "token.actions.githubusercontent.com:sub", "identity-provider keys are listed incompletely"],
    ["s3:GetObject", "s3:prefx", "a key no action lists: misspelt or newer than the catalog"],
    ["s3:GetNewThing", "s3:prefix", "an action the catalog does not know"],
    ["kms:ListKeys", "kms:CallerAccount", "listed on 51 of KMS's 56 actions: a KMS key, omitted from a few lists"],
    ["s3:GetBucketObjectLockConfiguration", "s3:x-amz-content-sha256", "listed on most S3 actions"],
    ["sts:TagSession", "sts:ExternalId", "session tags ride on the AssumeRole call, with its keys"],
    ["s3:Get*", "s3:prefix", "a pattern, not an action"],
  ])("%s, %s stays unknown: %s", (action, key) => {
    expect(neverInRequestsOf(action, key)).toBe(false);
  });

  it("never decides absent a key an action lists, nor a member of a family it lists, for any action of the catalog", () => {
    let pairs = 0;
    const wrong: string[] = [];
    for (const prefix of allServicePrefixes()) {
      for (const { name } of serviceActions(prefix)) {
        for (const listed of actionConditionKeys(name) ?? []) {
          // A member of the family, as a policy names it: the placeholder replaced by a tag key or a field.
          const member = listed.replace(/\$\{[^}]*\}|<[^>]*>|tag-key$/, "team");
          for (const key of new Set([listed, member, listed.toUpperCase()])) {
            pairs++;
            if (neverInRequestsOf(name, key)) wrong.push(`${name} ${key}`);
          }
        }
      }
    }
    expect(pairs).toBeGreaterThan(20_000);
    expect(wrong).toEqual([]);
  });
});

// reference_policies_condition-keys.html, Availability of aws:ResourceAccount / ResourceOrgID / ResourceOrgPaths.
describe("neverInRequestsOf: the resource owner's global keys", () => {
  const cases: [string, string, boolean][] = [
    ["events:PutEvents", "aws:ResourceAccount", true], // "Amazon EventBridge – All actions"
    ["events:PutEvents", "aws:ResourceOrgID", true],
    ["EVENTS:PutEvents", "AWS:ResourceOrgPaths", true],
    ["ebs:StartSnapshot", "aws:ResourceAccount", true], // "Amazon Elastic Block Store – All actions"
    ["ec2:CopySnapshot", "aws:ResourceOrgID", true],
    ["ec2:DescribeInstances", "aws:ResourceAccount", false],
    ["workspaces:CopyWorkspaceImage", "aws:ResourceAccount", true],
    ["workspaces:CopyWorkspaceImage", "aws:ResourceOrgPaths", true],
    ["workspaces:CopyWorkspaceImage", "aws:ResourceOrgID", false], // not in aws:ResourceOrgID's list
    ["sqs:SendMessage", "aws:ResourceAccount", false],
    // The page names "Amazon EventBridge", the Service Authorization Reference's name for the `events` prefix; Pipes
    // ("Amazon EventBridge Pipes", prefix `pipes`) and Scheduler ("Amazon EventBridge Scheduler", `scheduler`) are
    // other services there, which the page's lists do not name.
    ["scheduler:CreateSchedule", "aws:ResourceAccount", false],
    ["scheduler:CreateSchedule", "aws:ResourceOrgID", false],
    ["pipes:CreatePipe", "aws:ResourceAccount", false],
    ["pipes:StartPipe", "aws:ResourceOrgPaths", false],
    ["events:PutEvents", "aws:PrincipalAccount", false],
  ];
  it.each(cases)("%s, %s → %s", (action, key, expected) => {
    expect(neverInRequestsOf(action, key)).toBe(expected);
  });
});
