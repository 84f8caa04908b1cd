import { describe, expect, it } from "vitest";
import { cases, runClauseCases } from "./clause-cases";
import { parseDate } from "./date";

const P = "reference_policies_elements_condition_operators";

describe("Date condition operators", () => {
  runClauseCases(
    cases([
      [`${P}: DateLessThan ISO-8601`, "DateLessThan", "aws:CurrentTime", ["2020-01-01T00:00:00Z"], "2019-12-31T23:59:59Z", "true"],
      [`${P}: DateGreaterThan ISO-8601`, "DateGreaterThan", "aws:CurrentTime", ["2020-01-01T00:00:00Z"], "2019-12-31T23:59:59Z", "false"],
      [`${P}: DateEquals epoch seconds vs ISO`, "DateEquals", "aws:EpochTime", ["1577836800"], "2020-01-01T00:00:00Z", "true"],
      [`${P}: DateEquals date-only is midnight UTC`, "DateEquals", "k", ["2020-01-01"], "2020-01-01T00:00:00Z", "true"],
      [`${P}: DateEquals with an offset`, "DateEquals", "k", ["2020-01-01T01:00:00+01:00"], "2020-01-01T00:00:00Z", "true"],
      [`${P}: DateNotEquals`, "DateNotEquals", "k", ["2020-01-01"], "2020-01-02", "true"],
      [`${P}: DateNotEquals absent key is true`, "DateNotEquals", "k", ["2020-01-01"], undefined, "true"],
      [`${P}: DateLessThanEquals`, "DateLessThanEquals", "k", ["2020-01-01T00:00:00Z"], "2020-01-01T00:00:00.000Z", "true"],
      [`${P}: DateGreaterThanEquals`, "DateGreaterThanEquals", "k", ["2020-01-01"], "2021-06-01T12:00:00Z", "true"],
      [`${P}: W3C year-and-month (YYYY-MM) is the first of the month`, "DateEquals", "k", ["2020-06"], "2020-06-01T00:00:00Z", "true"],
      [`${P}: W3C year-and-month compares as a date`, "DateGreaterThan", "aws:CurrentTime", ["2020-06"], "2026-01-01T00:00:00Z", "true"],
      [`${P}: invalid date never matches`, "DateLessThan", "k", ["not-a-date"], "2020-01-01", "false"],
    ]),
  );
  it("parses ISO basic format and rejects month 13", () => {
    expect(parseDate("20200101T000000Z")).toBe(Date.UTC(2020, 0, 1));
    expect(parseDate("2020-13-01")).toBeUndefined();
  });
});
