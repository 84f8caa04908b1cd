import { describe, expect, it } from "vitest";
import { describeSuppression, parseSuppressions, SuppressionFileError, type Suppression } from "./parse";

const file = (...entries: unknown[]) => JSON.stringify({ suppressions: entries });
const error = (text: string) => {
  try {
    parseSuppressions(text);
  } catch (e) {
    expect(e).toBeInstanceOf(SuppressionFileError);
    return (e as Error).message;
  }
  throw new Error("parsed");
};

describe("suppressions file", () => {
  it("reads entries with any selector, a reason and an optional expiry", () => {
    const entries = [
      { rule: "public-invoke", function: "debug-echo", reason: "load test", expires: "2027-01-31" },
      { id: "role-admin-access:arn:aws:iam::123456789012:role/x", reason: "break-glass" },
      { role: "ops-*", reason: "ops roles" },
      { rule: "execution-role-trust", severity: "medium", reason: "partner account" },
    ];
    expect(parseSuppressions(file(...entries))).toEqual(entries);
    expect(parseSuppressions(file())).toEqual([]);
  });

  it.each([
    ["not JSON", "nope", /^not JSON: /],
    ["a list instead of the object", "[]", /^expected an object \{"suppressions": \[\.\.\.\]\}$/],
    ["no list", "{}", /^suppressions: missing "suppressions"/],
    ["a misspelt top-level key, named before the missing list", `{"suppresions": []}`, /^unknown key "suppresions"/],
    ["a list that is not one", `{"suppressions": {}}`, /^suppressions: "suppressions" must be a list$/],
    ["an entry that is not an object", file(3), /^suppression 1: each suppression must be an object$/],
    ["no reason", file({ rule: "public-invoke" }), /^suppression 1, reason: reason is required/],
    ["a blank reason", file({ rule: "public-invoke", reason: "  " }), /^suppression 1, reason: reason must not be empty$/],
    ["no selector: it would accept every finding", file({ reason: "all" }), /^suppression 1: names no finding/],
    ["a misspelt key, which would widen the entry", file({ rule: "public-invoke", fucntion: "a", reason: "x" }), /^suppression 1: unknown key "fucntion"/],
    ["an unknown rule", file({ rule: "public-invok", reason: "x" }), /^suppression 1, rule: "public-invok" is not a rule of this tool \(rule ids: .*public-invoke,/],
    ["a date that does not exist", file({ rule: "public-invoke", reason: "x", expires: "2027-02-30" }), /^suppression 1, expires: expires must be a date, YYYY-MM-DD$/],
    ["a date in another format", file({ rule: "public-invoke", reason: "x", expires: "31/01/2027" }), /expires must be a date/],
    ["an unknown severity", file({ rule: "public-invoke", reason: "x", severity: "severe" }), /^suppression 1, severity: severity must be one of critical, high, medium, low, info$/],
    ["an empty function", file({ function: "", reason: "x" }), /^suppression 1, function: function must not be empty$/],
    ["the second entry at fault", file({ rule: "public-invoke", reason: "x" }, { role: 7, reason: "y" }), /^suppression 2, role: role must be a string$/],
  ])("%s is an error naming the entry and field", (_name, text, message) => {
    expect(error(text)).toMatch(message);
  });

  it("numbers entries in errors as its warnings do, from 1 as people count them", () => {
    const entries = [{ rule: "public-invoke", reason: "x" }, { rule: "public-invoke", reason: "y" }, { function: "f", reason: " " }];
    expect(error(file(...entries))).toBe("suppression 3, reason: reason must not be empty");
    expect(describeSuppression(entries[2] as Suppression, 2)).toMatch(/^suppression 3 /);
  });

  it("reads a file saved with a byte order mark (Windows editors, PowerShell's Out-File), as snapshots are read", () => {
    expect(parseSuppressions(`\ufeff${file({ rule: "public-invoke", reason: "x" })}`)).toEqual([{ rule: "public-invoke", reason: "x" }]);
  });

  it("says on which line and column a file stops being JSON, as editors count them", () => {
    // A comma forgotten between two fields of the second line's entry.
    const text = `{"suppressions": [\n  {"rule": "public-invoke" "reason": "x"}\n]}`;
    expect(error(text)).toBe("not JSON: Expected ',' or '}' after property value (line 2, column 28)");
    expect(error(text.replace(/\n/g, "\r\n"))).toMatch(/\(line 2, column 28\)$/);
  });

  it("names an entry by its position as people count and what it selects", () => {
    expect(describeSuppression({ rule: "public-invoke", function: "debug-*", reason: "x" }, 0)).toBe("suppression 1 (public-invoke, function debug-*)");
    expect(describeSuppression({ id: "a:b", role: "r", reason: "x" }, 4)).toBe("suppression 5 (id a:b, role r)");
  });
});
