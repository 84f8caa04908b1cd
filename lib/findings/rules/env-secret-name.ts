/**
 * env-secret-name: environment variable names that suggest a secret. Values are never in the snapshot, so this
 * is a name heuristic; names that point at a secret store (`…_SECRET_ARN`, `…_TOKEN_PARAM`) are not reported.
 */
import type { Finding } from "@/lib/analysis/types";
import { configEvidence } from "../evidence";
import type { Rule } from "../types";
import { titleWithList } from "../headline";
import { functionFinding } from "../function-finding";

/** Words that mark a secret anywhere in the name, and words that must stand alone (`TOKENIZER` is not a token). */
const SECRET_ANYWHERE = /PASSWORD|PASSWD|PASSPHRASE|SECRET/;
const SECRET_WORD = /(^|_)(PWD|TOKEN|TOKENS|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?|AUTH_?KEY|SIGNING_?KEY|ENCRYPTION_?KEY|CONN(ECTION)?_?STRING)(_|$)/;
/** Suffixes of names that hold a reference to a secret, not the secret. */
const REFERENCE_SUFFIX = /_(ARN|NAME|ID|PATH|PARAM|PARAMETER|SSM|KEY_ID|SECRET_ID|REF|URL_ARN|TTL|TABLE|REGION|ENDPOINT|HEADER|EXPIRY|LENGTH)$/;

/** `dbPassword` → `DB_PASSWORD`, `api-key` → `API_KEY`. */
function normalise(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();
}

/** Per name: accounts repeat a few dozen names (TABLE_NAME, LOG_LEVEL, …) across thousands of functions. */
const verdicts = new Map<string, boolean>();

export function looksSecret(name: string): boolean {
  let secret = verdicts.get(name);
  if (secret === undefined) {
    const n = normalise(name);
    secret = (SECRET_ANYWHERE.test(n) || SECRET_WORD.test(n)) && !REFERENCE_SUFFIX.test(n);
    if (verdicts.size >= 10_000) verdicts.clear();
    verdicts.set(name, secret);
  }
  return secret;
}

/** The name the remediation suggests for the secret's ARN: the function's own variable, as a reference to it. */
function referenceName(name: string): string {
  const n = normalise(name);
  return n.endsWith("_SECRET") ? `${n}_ARN` : `${n}_SECRET_ARN`;
}

export const envSecretName: Rule = {
  id: "env-secret-name",
  title: "Environment variable may hold a secret",
  severity: "medium",
  needs: [],
  description:
    "An environment variable name suggests a secret (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, …); values are never stored, so this is a name heuristic.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const fn of ctx.model.functions) {
      const names = Object.keys(fn.config.Environment?.Variables ?? {}).filter(looksSecret).sort();
      if (names.length === 0) continue;
      findings.push(functionFinding({
        rule: this.id,
        severity: this.severity,
        fn,
        title:
          names.length === 1
            ? `Environment variable ${names[0]} may hold a secret`
            : titleWithList(`${names.length} environment variables may hold secrets: `, names),
        detail:
          `${fn.name} has environment variables named ${names.join(", ")}. Environment values are readable by anyone with ` +
          "lambda:GetFunctionConfiguration and appear in deployment templates; secrets belong in Secrets Manager or SSM Parameter Store.",
        evidence: [configEvidence(fn.arn, `Environment variable names ${names.join(", ")}`, { Variables: names }, names)],
        remediation:
          `Store the value in AWS Secrets Manager, put the secret's ARN in the environment instead (e.g. ${referenceName(names[0] as string)} ` +
          `in place of ${names[0]}), allow secretsmanager:GetSecretValue on it for the role, and read it at startup.`,
      }));
    }
    return findings;
  },
};
