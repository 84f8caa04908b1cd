/**
 * As in the demo (recommendations-batch): an inline policy in the snapshot is truncated JSON. The data-unavailable
 * remediation ends "a malformed document has to be fixed in IAM". IAM never stores such a document: PutRolePolicy,
 * CreatePolicyVersion and the other writes reject it (IAM API reference: MalformedPolicyDocument, "The request was
 * rejected because the policy document was malformed"), and GetAccountAuthorizationDetails returns what IAM stores.
 * A document that does not parse was damaged after it left IAM (the scan, a transfer, a hand edit): the fix is to scan
 * again, and there is nothing to fix in IAM.
 */
import { describe, expect, it } from "vitest";
import { allow, policy, RawDocument } from "@/lib/snapshot/fixtures/policy-documents";
import { builder, findingsOf, REGION } from "../test-support";
import { RULES } from "./registry";

const dataUnavailable = RULES.find((r) => r.id === "data-unavailable")!;

describe("data-unavailable: a policy document that is not valid JSON", () => {
  it("does not tell the reader to fix in IAM a document IAM could not have stored", () => {
    const b = builder();
    const role = b.role({
      name: "batch",
      inline: {
        table: policy(allow("dynamodb:BatchWriteItem", "*")),
        broken: new RawDocument('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"}'),
      },
    });
    b.fn({ region: REGION, name: "batch", runtime: "python3.12", role });
    const [f] = findingsOf(dataUnavailable, b);
    expect(f?.title).toContain("inline policy broken");
    expect(f?.remediation).not.toMatch(/fixed in IAM/);
  });
});
