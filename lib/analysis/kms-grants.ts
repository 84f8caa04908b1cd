/**
 * A KMS key's grants (ListGrants) as one policy document, each grant an Allow statement, so the one evaluator
 * decides them: the grantee principal is the Principal, its operations the actions on the key, its constraints
 * conditions on the request's encryption context (kms:EncryptionContext:<key>, unknown to the analysis: an answer
 * resting on a constrained grant is conditional). Each statement's Sid is the grant id and its text the grant as
 * ListGrants returned it, so evidence names the grant that decided.
 */
import { parsePolicyDocument, type PolicyReading } from "@/lib/policy/parse";
import { serviceStem } from "@/lib/policy/principal";
import type { PolicyDocument } from "@/lib/policy/types";

type Json = Record<string, unknown>;

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
const isStringMap = (v: unknown): v is Record<string, string> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string");

/**
 * EncryptionContextSubset: the request's context holds these pairs. EncryptionContextEquals: exactly these, so no
 * other key either (ForAllValues on kms:EncryptionContextKeys). Undefined when the constraints are malformed.
 */
function constraintConditions(constraints: unknown): Json | undefined {
  if (constraints === undefined || constraints === null) return {};
  if (typeof constraints !== "object" || Array.isArray(constraints)) return undefined;
  const { EncryptionContextSubset: subset, EncryptionContextEquals: equals } = constraints as Json;
  if ((subset != null && !isStringMap(subset)) || (equals != null && !isStringMap(equals))) return undefined;
  const pairs: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...(subset ?? {}), ...(equals ?? {}) })) pairs[`kms:EncryptionContext:${k}`] = v;
  const out: Json = {};
  if (Object.keys(pairs).length > 0) out.StringEquals = pairs;
  if (equals) out["ForAllValues:StringEquals"] = { "kms:EncryptionContextKeys": Object.keys(equals) };
  return out;
}

/**
 * A service principal names the service (`*.amazonaws.com`, China's `*.amazonaws.com.cn`, in any case as the matcher
 * reads it: serviceStem); anything else is an AWS principal (ARN or account).
 */
function principalOf(grantee: string): Json {
  return serviceStem(grantee) !== undefined ? { Service: grantee } : { AWS: grantee };
}

/**
 * The grants' document, or none when the key has no usable grant; `malformed` names the first grant that could not be
 * read (its id, or its position), which leaves the answer unknown where only a grant could allow it.
 */
export function grantsDocument(grants: unknown[], keyArn: string, reading: PolicyReading): { document?: PolicyDocument; malformed?: string } {
  const statements: Json[] = [];
  const raws: unknown[] = [];
  let malformed: string | undefined;
  grants.forEach((grant, i) => {
    const g = (typeof grant === "object" && grant !== null ? grant : {}) as Json;
    const id = typeof g.GrantId === "string" && g.GrantId !== "" ? g.GrantId : `#${i + 1}`;
    const condition = constraintConditions(g.Constraints);
    if (typeof g.GranteePrincipal !== "string" || !isStringList(g.Operations) || g.Operations.length === 0 || condition === undefined) {
      malformed ??= id;
      return;
    }
    statements.push({
      Sid: id,
      Effect: "Allow",
      Principal: principalOf(g.GranteePrincipal),
      Action: g.Operations.map((op) => `kms:${op}`),
      Resource: keyArn,
      ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
    });
    raws.push(grant);
  });
  if (statements.length === 0) return { malformed };
  const parsed = parsePolicyDocument({ Version: "2012-10-17", Statement: statements }, { kind: "resource", policyName: "grants", resourceArn: keyArn }, reading);
  if (!parsed.ok) return { malformed: malformed ?? "(all)" };
  for (const st of parsed.policy.statements) st.raw = raws[st.index];
  return { document: parsed.policy, malformed };
}
