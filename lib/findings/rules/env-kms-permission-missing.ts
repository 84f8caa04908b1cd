/**
 * env-kms-permission-missing: environment variables encrypted with a customer managed key (KMSKeyArn) the execution
 * role may not decrypt; also for a routed-to version published with another role or key (deployments.ts).
 *
 * Lambda decrypts them with the execution role when it starts an execution environment, and a refusal fails every
 * cold start with KMSAccessDeniedException (lambda-permissions.md, "Env-var encryption"). Where the scan read the
 * key policy and grants, KMS's rule decides (role-access.ts, keyPolicy), and a disabled or deleted key fails every
 * decrypt. Where it did not, every answer depends on the key policy: with no identity policy allowing kms:Decrypt
 * the role "may lack" it; a Deny in the role's own policies, or their silence on another account's key (both sides
 * must allow across accounts), makes it certain.
 */
import type { FunctionConfiguration } from "@/lib/snapshot/schema";
import { configEvidence } from "../evidence";
import { deploymentFindings } from "../deployments";
import { kmsKeyRef, type KeyHome } from "@/lib/analysis/kms-key";
import { kmsKeyNeeds, unusableKeyEvidence, unusableKeySentence } from "../kms-key-needs";
import type { KmsReads } from "@/lib/analysis/kms-keys";
import type { Need } from "../role-needs";
import type { Rule } from "../types";

/** The customer managed key of a configuration whose environment has variables to decrypt. */
function environmentKey(config: FunctionConfiguration): string | undefined {
  const key = config.KMSKeyArn;
  if (!key) return undefined;
  return Object.keys(config.Environment?.Variables ?? {}).length > 0 ? key : undefined;
}

/**
 * kms:Decrypt on the key: KMSKeyArn is a key ARN, but read like any configuration's key (an alias resolves only
 * through DescribeKey). Which service Lambda's decrypt request names as kms:ViaService is not documented: unknown.
 */
function environmentKeyNeeds(reads: KmsReads, key: string, home: KeyHome): Need[] {
  const ref = kmsKeyRef(key, home);
  return ref ? kmsKeyNeeds(reads, ref, ["kms:Decrypt"]) : [{ action: "kms:Decrypt", resources: [key] }];
}

export const envKmsPermissionMissing: Rule = {
  id: "env-kms-permission-missing",
  title: "Encrypted environment the role cannot decrypt",
  severity: "high",
  needs: ["GetAccountAuthorizationDetails"],
  description:
    "Environment variables are encrypted with a customer managed KMS key (KMSKeyArn, on the function or a version an alias routes to) but its role cannot kms:Decrypt with that key (the key policy and grants decide with the role's policies, and a disabled key refuses every decrypt); \"may\" where only a key policy the snapshot does not hold could allow it.",
  check(ctx) {
    return deploymentFindings(ctx, this, (c) => environmentKey(c) ?? "", (fn, { config, versionArn, label }) => {
      const key = environmentKey(config);
      if (!key) return undefined;
      const needs = environmentKeyNeeds(ctx.model.kms, key, { partition: ctx.model.partition, region: fn.region, account: ctx.model.account });
      const keyArns = [...new Set(needs.flatMap((n) => n.resources))];
      const unusable = keyArns.map((arn) => unusableKeySentence(ctx.model.kms, arn)).filter((s) => s !== undefined);
      return {
        needs,
        // Lambda decrypts before the function's code runs, and the refusal comes back from the Invoke API, so the
        // request is taken to be Lambda's own, without lambda:SourceFunctionArn (unverified).
        requester: "lambda",
        subject: label ? `Encrypted environment of ${label}` : "Encrypted environment",
        intro: `The environment variables${label ? ` of the function's ${label}, as published,` : ""} are encrypted with the customer managed KMS key ${key}, which Lambda decrypts with the execution role whenever it starts an execution environment.${unusable.map((s) => ` ${s}`).join("")}`,
        impact:
          "Every cold start fails: invocations return KMSAccessDeniedException (\"Lambda was unable to decrypt the environment variables because KMS access was denied\").",
        context: [
          configEvidence(versionArn ?? fn.arn, `KMSKeyArn of the environment${label ? ` of ${label}` : ""}`, { KMSKeyArn: key, Environment: config.Environment }, ["KMSKeyArn", key]),
          ...keyArns.flatMap((arn) => unusableKeyEvidence(ctx.model.kms, arn)),
        ],
      };
    });
  },
};
