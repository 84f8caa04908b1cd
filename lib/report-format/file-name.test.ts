/** A downloaded report's name: account and capture time in UTC to the second, safe as a file name on every OS. */
import { describe, expect, it } from "vitest";
import { reportFileName, type ReportExtension } from "./file-name";

describe("reportFileName", () => {
  it("names the account and the capture time to the second", () => {
    expect(reportFileName("123456789012", "2026-11-20T09:30:00Z", "png")).toBe("lambda-permissions-123456789012-20261120T093000Z.png");
  });

  it("drops a capture time's fraction of a second instead of reading its digits as part of the time", () => {
    // Uploaded snapshots may carry milliseconds (snapshot.md allows them): T0930001 would read as a wrong time.
    expect(reportFileName("123456789012", "2026-11-20T09:30:00.123Z", "png")).toBe("lambda-permissions-123456789012-20261120T093000Z.png");
  });

  it("gives a capture time with a UTC offset in UTC, as the header prints it", () => {
    expect(reportFileName("123456789012", "2026-11-20T11:30:00+02:00", "png")).toBe("lambda-permissions-123456789012-20261120T093000Z.png");
    expect(reportFileName("123456789012", "2026-11-20T09:30Z", "png")).toBe("lambda-permissions-123456789012-20261120T093000Z.png");
  });

  it("says undated for a time it cannot read, and keeps only safe characters of the account", () => {
    expect(reportFileName("12345/../6789012", "yesterday", "png")).toBe("lambda-permissions-123456789012-undated.png");
  });

  it("names every format of the same scan alike, only the extension differing", () => {
    expect((["png", "sarif", "md", "txt"] as ReportExtension[]).map((ext) => reportFileName("123456789012", "2026-11-20T09:30:00Z", ext))).toEqual([
      "lambda-permissions-123456789012-20261120T093000Z.png",
      "lambda-permissions-123456789012-20261120T093000Z.sarif",
      "lambda-permissions-123456789012-20261120T093000Z.md",
      "lambda-permissions-123456789012-20261120T093000Z.txt",
    ]);
  });
});
