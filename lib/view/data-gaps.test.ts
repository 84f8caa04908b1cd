import { describe, expect, it } from "vitest";
import { DATA_GAPS_SHOWN, dataGaps } from "./data-gaps";

const FN = "arn:aws:lambda:us-east-1:123456789012:function:hr-payroll-export";

describe("dataGaps", () => {
  it("is absent when the scan read everything and every document parsed", () => {
    expect(dataGaps({ errors: [], problems: [] })).toBeUndefined();
  });

  it("names each failed call (operation, target, region, AWS's code and message) and each document that did not parse", () => {
    const gaps = dataGaps({
      errors: [
        { region: "us-east-1", operation: "GetPolicy", target: FN, code: "AccessDeniedException", message: "explicit deny in a service control policy" },
        { operation: "GetAccountAuthorizationDetails", code: "ThrottlingException" },
      ],
      problems: [{ where: "role batch-role inline policy model-artifacts", why: "policy document is not valid JSON" }],
    });
    expect(gaps).toEqual({
      summary: "2 API calls failed during the scan · 1 document could not be analysed",
      parts: [
        { count: 2, text: "2 API calls failed during the scan" },
        { count: 1, text: "1 document could not be analysed" },
      ],
      items: [
        `GetPolicy on ${FN} (us-east-1): AccessDeniedException — explicit deny in a service control policy`,
        "GetAccountAuthorizationDetails: ThrottlingException",
        "role batch-role inline policy model-artifacts: policy document is not valid JSON",
      ],
      more: 0,
    });
  });

  it("says first what the snapshot lacks for the whole account: IAM users of a snapshot taken before they were read", () => {
    const unknown = ["GetAccountAuthorizationDetails: IAM users and groups were not read (…): users that may invoke through their own policies are not listed"];
    expect(dataGaps({ errors: [], problems: [], unknown })).toEqual({
      summary: "1 part of the account was not read",
      parts: [{ count: 1, text: "1 part of the account was not read" }],
      items: unknown,
      more: 0,
    });
  });

  it("shows the first ones of a long list and says how many more", () => {
    const errors = Array.from({ length: DATA_GAPS_SHOWN + 7 }, (_, i) => ({ region: "eu-west-1", operation: "ListAliases", target: `${FN}-${i}`, code: "ThrottlingException" }));
    const gaps = dataGaps({ errors, problems: [] })!;
    expect(gaps.summary).toBe(`${DATA_GAPS_SHOWN + 7} API calls failed during the scan`);
    expect(gaps.items).toHaveLength(DATA_GAPS_SHOWN);
    expect(gaps.more).toBe(7);
  });

  it("counts answers the reader set aside apart from failed calls: they were received, and are as unknown", () => {
    const gaps = dataGaps({
      errors: [
        { region: "us-east-1", operation: "GetPolicy", target: FN, code: "MalformedResponse", message: "RevisionId: Invalid input: expected string, received array (set aside when the snapshot was read)" },
        { region: "us-east-1", operation: "ListAliases", target: FN, code: "ThrottlingException" },
      ],
      problems: [],
    })!;
    expect(gaps.summary).toBe("1 API call failed during the scan · 1 answer in the snapshot could not be read");
    expect(gaps.items[0]).toBe(`GetPolicy on ${FN} (us-east-1): MalformedResponse — RevisionId: Invalid input: expected string, received array (set aside when the snapshot was read)`);
  });
});
