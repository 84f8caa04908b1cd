import { describe, expect, it } from "vitest";
import { plain } from "./plain";

describe("plain (SDK output → snapshot JSON)", () => {
  it("drops the SDK's metadata and paging fields of the response, and writes dates as ISO text", () => {
    const out = plain({
      $metadata: { httpStatusCode: 200 },
      NextMarker: "m",
      IsTruncated: true,
      Functions: [{ FunctionName: "f", LastModified: new Date("2026-01-02T03:04:05.000Z") }],
    });
    expect(out).toEqual({ Functions: [{ FunctionName: "f", LastModified: "2026-01-02T03:04:05Z" }] });
  });

  it("keeps fields inside the data that happen to share those names (environment variables, tags)", () => {
    const fn = { FunctionName: "f", Environment: { Variables: { Marker: "<redacted>", NextToken: "<redacted>", IsTruncated: "<redacted>", API_KEY: "<redacted>" } } };
    expect(plain({ Functions: [fn] })).toEqual({ Functions: [fn] });
    expect(plain([fn])).toEqual([fn]);
  });
});
