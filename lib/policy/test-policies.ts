/** Policy documents and statements for the evaluator's tests, written as IAM JSON and parsed as the analysis parses them. */
import { parsePolicyDocument } from "./parse";
import type { PolicyDocument, PolicySource } from "./types";

export function doc(kind: PolicySource["kind"], name: string, ...statements: object[]): PolicyDocument {
  const r = parsePolicyDocument({ Version: "2012-10-17", Statement: statements }, { kind, policyName: name });
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}

export const allow = (action: string, resource = "*", extra: object = {}) => ({ Effect: "Allow", Action: action, Resource: resource, ...extra });
export const deny = (action: string, resource = "*", extra: object = {}) => ({ Effect: "Deny", Action: action, Resource: resource, ...extra });
/** An inline identity policy named "id", and a permissions boundary named "b". */
export const identity = (...s: object[]) => doc("inline", "id", ...s);
export const boundary = (...s: object[]) => doc("boundary", "b", ...s);
