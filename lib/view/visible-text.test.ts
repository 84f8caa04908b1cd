import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { visibleText } from "./visible-text";

describe("visibleText", () => {
  it("shows bidirectional overrides, isolates, marks and control characters as escapes", () => {
    expect(visibleText("\u202eipa-tuokcehc")).toBe("\\u202eipa-tuokcehc");
    expect(visibleText("a\u2066b\u2069c\u200fd\u061ce")).toBe("a\\u2066b\\u2069c\\u200fd\\u061ce");
    expect(visibleText("line\r\nnext\tx\u001b[2J\u0085")).toBe("line\\r\\nnext\\tx\\u001b[2J\\u0085");
  });

  it("shows zero-width characters and Unicode line and paragraph separators as escapes: no two names look alike", () => {
    // "check\u200bout-api" read as the account's "checkout-api"; U+2028 breaks the line in some viewers and editors.
    expect(visibleText("check\u200bout-api")).toBe("check\\u200bout-api");
    expect(visibleText("a\u2060b\ufeffc\u00add\u180ee\u2028f\u2029g\u2063h")).toBe("a\\u2060b\\ufeffc\\u00add\\u180ee\\u2028f\\u2029g\\u2063h");
  });

  it("shows a lone surrogate as an escape: printed, each became U+FFFD, so names differing by one looked the same", () => {
    expect(visibleText("api\ud800-x\udfff")).toBe("api\\ud800-x\\udfff");
    expect(visibleText("api 😀 \ud83d\ude00")).toBe("api 😀 😀");
  });

  it("keeps line breaks and tabs of a block shown over several lines, and escapes the rest", () => {
    expect(visibleText("aws lambda remove-permission \\\n\t--statement-id \u202eab\r", { lines: true })).toBe("aws lambda remove-permission \\\n\t--statement-id \\u202eab\\r");
  });

  it("leaves every other text as it is, right-to-left scripts and emoji included", () => {
    // Joiners stay: emoji sequences and Persian or Indic text need them, and AWS names cannot hold them.
    for (const s of ["checkout-api", "arn:aws:lambda:us-east-1:123456789012:function:x", "طلبات", "עברית", "naïve 😀", "👩\u200d💻", "می\u200cخواهم", ""]) expect(visibleText(s)).toBe(s);
  });

  it("leaves no hidden character behind, and changes nothing else", () => {
    const hidden = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const shown = visibleText(s);
        expect(hidden.test(shown)).toBe(false);
        expect(shown.replace(/\\(u[0-9a-f]{4}|[nrt])/g, "")).toBe(s.replace(new RegExp(hidden, "g"), "").replace(/\\(u[0-9a-f]{4}|[nrt])/g, ""));
      }),
    );
  });
});
