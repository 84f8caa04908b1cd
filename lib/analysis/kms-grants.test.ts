import { describe, expect, it } from "vitest";
import { grantsDocument } from "./kms-grants";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const principalOf = (grantee: string) => grantsDocument([{ GrantId: "g1", GranteePrincipal: grantee, Operations: ["Decrypt"] }], KEY, {}).document?.statements[0]?.principal;

describe("grantsDocument", () => {
  // The matcher reads service names in any case (normaliseServicePrincipal); a grant read as an AWS principal
  // instead would name no service caller.
  it("reads a grantee as a service by the one service-name reading, whatever its case or partition", () => {
    for (const grantee of ["sqs.amazonaws.com", "SQS.amazonaws.com", "logs.us-east-1.amazonaws.com", "s3.amazonaws.com.cn"]) {
      expect(principalOf(grantee)).toMatchObject({ service: [grantee], aws: [] });
    }
    expect(principalOf("arn:aws:iam::123456789012:role/r")).toMatchObject({ service: [], aws: ["arn:aws:iam::123456789012:role/r"] });
  });
});
