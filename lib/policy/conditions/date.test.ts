import { describe, expect, it } from "vitest";
import { cases, itNamesUnreadableValues, runClauseCases } from "./clause-cases";
import { makeContext } from "../context";
import { parseDate, yearReading } from "./date";
import { evaluateClause } from "./evaluate";

const P = "reference_policies_elements_condition_operators";

describe("Date condition operators", () => {
  runClauseCases(
    cases([
      [`${P}: DateLessThan ISO-8601`, "DateLessThan", "aws:CurrentTime", ["2020-01-01T00:00:00Z"], "2019-12-31T23:59:59Z", "true"],
      [`${P}: DateGreaterThan ISO-8601`, "DateGreaterThan", "aws:CurrentTime", ["2020-01-01T00:00:00Z"], "2019-12-31T23:59:59Z", "false"],
      [`${P}: DateEquals epoch seconds vs ISO`, "DateEquals", "aws:EpochTime", ["1577836800"], "2020-01-01T00:00:00Z", "true"],
      [`${P}: DateEquals date-only is midnight UTC`, "DateEquals", "k", ["2020-01-01"], "2020-01-01T00:00:00Z", "true"],
      // W3C's "Complete date: YYYY-MM-DD" is a form the page admits, so AWS has no cause to refuse it: decided, not unknown.
      [`${P}: a date with no time is a documented form, decided as midnight UTC`, "DateLessThan", "k", ["2030-01-01"], "2029-12-31T23:00:00Z", "true"],
      [`${P}: so is a year and month`, "DateGreaterThanEquals", "k", ["2030-01"], "2030-01-01T00:00:00Z", "true"],
      [`${P}: DateEquals with an offset`, "DateEquals", "k", ["2020-01-01T01:00:00+01:00"], "2020-01-01T00:00:00Z", "true"],
      [`${P}: DateNotEquals`, "DateNotEquals", "k", ["2020-01-01"], "2020-01-02", "true"],
      [`${P}: DateNotEquals absent key is true`, "DateNotEquals", "k", ["2020-01-01"], undefined, "true"],
      [`${P}: DateLessThanEquals`, "DateLessThanEquals", "k", ["2020-01-01T00:00:00Z"], "2020-01-01T00:00:00.000Z", "true"],
      [`${P}: DateGreaterThanEquals`, "DateGreaterThanEquals", "k", ["2020-01-01"], "2021-06-01T12:00:00Z", "true"],
      [`${P}: W3C year-and-month (YYYY-MM) is the first of the month`, "DateEquals", "k", ["2020-06"], "2020-06-01T00:00:00Z", "true"],
      [`${P}: W3C year-and-month compares as a date`, "DateGreaterThan", "aws:CurrentTime", ["2020-06"], "2026-01-01T00:00:00Z", "true"],
      [`${P}: DateNotEquals does not hold against an invalid date`, "DateNotEquals", "k", ["yesterday"], "2020-01-01", "false"],
      [`${P}: invalid date never matches`, "DateLessThan", "k", ["not-a-date"], "2020-01-01", "false"],
      [`${P}: DateEquals is false for another instant`, "DateEquals", "k", ["2020-01-01T00:00:00Z"], "2020-01-01T00:00:01Z", "false"],
      [`${P}: DateNotEquals is false for the same instant, however written`, "DateNotEquals", "k", ["2020-01-01T00:00:00Z"], "1577836800", "false"],
      [`${P}: DateLessThanEquals is false after`, "DateLessThanEquals", "k", ["2020-01-01T00:00:00Z"], "2020-01-01T00:00:01Z", "false"],
      [`${P}: DateGreaterThan boundary`, "DateGreaterThan", "k", ["2020-01-01T00:00:00Z"], "2020-01-01T00:00:00Z", "false"],
      [`${P}: DateGreaterThanEquals boundary`, "DateGreaterThanEquals", "k", ["2020-01-01T00:00:00Z"], "2020-01-01T00:00:00Z", "true"],
      [`${P}: DateGreaterThanEquals before`, "DateGreaterThanEquals", "k", ["2020-01-01T00:00:00Z"], "2019-12-31T23:59:59Z", "false"],
      [`${P}: fractions of a second count`, "DateEquals", "k", ["2020-01-01T00:00:00.5Z"], "2020-01-01T00:00:00.500Z", "true"],
      [`${P}: fractions of a second are later than the whole second`, "DateGreaterThan", "k", ["2020-01-01T00:00:00Z"], "2020-01-01T00:00:00.25Z", "true"],
      [`${P}: a negative offset is behind UTC`, "DateEquals", "k", ["2020-01-01T00:00:00-05:00"], "2020-01-01T05:00:00Z", "true"],
      // Forms outside the W3C profile are read as ISO 8601 reads them when a request carries them…
      [`${P}: a request offset with minutes and no colon`, "DateEquals", "k", ["2020-01-01T00:00:00Z"], "2020-01-01T05:30:00+0530", "true"],
      [`${P}: a request's lower-case z is UTC`, "DateEquals", "k", ["2020-01-01T00:00:00Z"], "2020-01-01T00:00:00z", "true"],
      [`${P}: a request in ISO basic format compares by its time of day`, "DateEquals", "k", ["2020-01-01T12:34:56Z"], "20200101T123456Z", "true"],
      [`${P}: request epoch seconds with a fraction`, "DateEquals", "aws:EpochTime", ["2020-01-01T00:00:00.500Z"], "1577836800.5", "true"],
      // …but in a policy AWS may read them so or refuse them (matching nothing): a match is unknown, a miss stays false.
      [`${P}: a policy offset with no colon may be refused`, "DateEquals", "k", ["2020-01-01T05:30:00+0530"], "2020-01-01T00:00:00Z", "unknown"],
      [`${P}: a policy's lower-case z may be refused`, "DateEquals", "k", ["2020-01-01T00:00:00z"], "2020-01-01T00:00:00Z", "unknown"],
      [`${P}: a policy's lower-case t may be refused`, "DateLessThan", "k", ["2030-01-01t00:00:00Z"], "2029-06-01T00:00:00Z", "unknown"],
      [`${P}: a policy's space for T may be refused`, "DateLessThan", "k", ["2030-01-01 00:00:00Z"], "2029-06-01T00:00:00Z", "unknown"],
      [`${P}: a policy in ISO basic format may be refused`, "DateEquals", "k", ["20200101T123456Z"], "2020-01-01T12:34:56Z", "unknown"],
      [`${P}: policy epoch seconds with a fraction may be refused`, "DateEquals", "aws:EpochTime", ["1577836800.5"], "2020-01-01T00:00:00.500Z", "unknown"],
      [`${P}: policy epoch seconds with a leading zero may be refused`, "DateEquals", "aws:EpochTime", ["01577836800"], "2020-01-01T00:00:00Z", "unknown"],
      [`${P}: a four-digit value with a leading zero is still the W3C year, not epoch seconds alone`, "DateLessThan", "k", ["0050"], "0049-06-01T00:00:00Z", "true"],
      [`${P}: a policy leap second (W3C "ss" is 00–59) may be refused`, "DateEquals", "k", ["2019-12-31T23:59:60Z"], "2020-01-01T00:00:00Z", "unknown"],
      [`${P}: a miss is false whether AWS reads the undocumented form or refuses it`, "DateGreaterThan", "k", ["2030-01-01 00:00:00Z"], "2029-06-01T00:00:00Z", "false"],
      [`${P}: a negated operator's hold on an undocumented form may be refused`, "DateNotEquals", "k", ["2030-01-01 00:00:00Z"], "2029-06-01T00:00:00Z", "unknown"],
      // A time with no zone is a local time of some zone (UTC−12:00 to UTC+14:00): 14 hours before its UTC reading to 12 after.
      [`${P}: a zoneless time 5 hours from the request is some zone's reading`, "DateLessThan", "k", ["2030-01-01T00:00:00"], "2030-01-01T05:00:00Z", "unknown"],
      [`${P}: a zoneless time a day before the request is before it in every zone`, "DateLessThan", "k", ["2030-01-01T00:00:00"], "2030-01-02T00:00:00Z", "false"],
      [`${P}: a zoneless time equals no request more than 14 hours away`, "DateEquals", "k", ["2030-01-01T00:00"], "2030-01-01T14:00:01Z", "false"],
      [`${P}: a zoneless time may equal a request within a zone's offset`, "DateEquals", "k", ["2030-01-01T00:00"], "2029-12-31T23:00:00Z", "unknown"],
      // The W3C profile's own forms, seconds given or not, are read without doubt.
      [`${P}: W3C hh:mm with a zone equals the same time with seconds`, "DateEquals", "k", ["2030-01-01T00:00Z"], "2030-01-01T00:00:00Z", "true"],
      [`${P}: W3C hh:mm:ss with a zone equals the same time without`, "DateEquals", "k", ["2030-01-01T00:00:00+00:00"], "2030-01-01T00:00Z", "true"],
      [`${P}: text before a date is not a date`, "DateEquals", "k", ["x2020-01-01"], "2020-01-01", "false"],
      [`${P}: text after a date is not a date`, "DateEquals", "k", ["2020-01-01x"], "2020-01-01", "false"],
      [`${P}: text around ISO basic format is not a date`, "DateEquals", "k", ["x20200101T000000Z"], "2020-01-01", "false"],
      [`${P}: text after ISO basic format is not a date`, "DateEquals", "k", ["20200101T000000Zx"], "2020-01-01", "false"],
      [`${P}: a second sign on epoch seconds is not a date`, "DateEquals", "k", ["1577836800"], "x1577836800", "false"],
      [`${P}: epoch seconds with a point and no digits is not a date`, "DateEquals", "k", ["1577836800."], "2020-01-01", "false"],
      [`${P}: spaces around a request date are ignored`, "DateEquals", "k", ["2020-01-01"], " 2020-01-01 ", "true"],
      [`${P}: spaces around a policy date may make AWS refuse it`, "DateEquals", "k", [" 2020-01-01 "], "2020-01-01", "unknown"],
      // A fraction of a second keeps every digit: rounded to the millisecond, .0005 would be .001 and .9995 the next second.
      [`${P}: a fraction below a millisecond is after the whole second`, "DateGreaterThan", "k", ["2020-01-01T00:00:00.0005Z"], "2020-01-01T00:00:00.001Z", "true"],
      [`${P}: a fraction below a millisecond is not the next millisecond`, "DateEquals", "k", ["2020-01-01T00:00:00.0005Z"], "2020-01-01T00:00:00.001Z", "false"],
      [`${P}: .9995 of a second is before the next second`, "DateGreaterThan", "k", ["2020-01-01T00:00:00.9995Z"], "2020-01-01T00:00:01Z", "true"],
      [`${P}: trailing zeros of a fraction change nothing`, "DateEquals", "k", ["2020-01-01T00:00:00.5000000Z"], "2020-01-01T00:00:00.5Z", "true"],
      // ISO 8601 calendar dates name days that exist: 29 February 2021 is no date, not 1 March.
      [`${P}: a day the month does not have is not a date`, "DateGreaterThan", "aws:TokenIssueTime", ["2021-02-29T00:00:00Z"], "2021-03-01T00:00:01Z", "false"],
      [`${P}: DateNotEquals does not hold against a day the month does not have`, "DateNotEquals", "k", ["2020-04-31"], "2020-01-01", "false"],
      [`${P}: 29 February of a leap year is a date`, "DateEquals", "k", ["2020-02-29"], "2020-02-29T00:00:00Z", "true"],
    ]),
  );
  itNamesUnreadableValues("DateEquals", "yesterday", "2021-01-01", "2020-01-01", "is not a date");
  it(`${P}: a bare year whose two readings disagree is unknown, and the note says why`, () => {
    // "2020" is the W3C profile's "YYYY" and epoch seconds; a 2010 token is after the one and before the other.
    const e = evaluateClause({ operator: "DateGreaterThan", key: "aws:TokenIssueTime", values: ["2020"] }, makeContext({ "aws:TokenIssueTime": "2010-06-01T00:00:00Z" }, true), "2012-10-17");
    expect(e.result).toBe("unknown");
    expect(e.note).toContain('"2020" is a year (W3C "YYYY") or epoch seconds, and AWS does not document which');
    expect(yearReading(" 2020 ")).toBe(Date.UTC(2020, 0, 1));
    expect(yearReading("0050")).toBe(new Date("0050-01-01T00:00:00Z").getTime());
    expect(yearReading("20200")).toBeUndefined();
    expect(yearReading("2020-01")).toBeUndefined();
  });
  it("parses ISO basic format and rejects month 13", () => {
    expect(parseDate("20200101T000000Z")).toBe(Date.UTC(2020, 0, 1));
    expect(parseDate("2020-13-01")).toBeUndefined();
    expect(parseDate("2020-00-01")).toBeUndefined();
    expect(parseDate("2020-01-00")).toBeUndefined();
    expect(parseDate("2020-01-32")).toBeUndefined();
    expect(parseDate("2020-01-01T24:00:00Z")).toBeUndefined();
    expect(parseDate("2020-01-01T23:60:00Z")).toBeUndefined();
    expect(parseDate("2020-01-01T23:59:61Z")).toBeUndefined();
    // A leap second (60) is a time AWS may stamp.
    expect(parseDate("2020-01-01T23:59:60Z")).toBe(Date.UTC(2020, 0, 2));
    expect(parseDate("2020-01-01T23:59Z")).toBe(Date.UTC(2020, 0, 1, 23, 59));
  });
  it("rejects a zone offset past 23:59 instead of shifting the time by it", () => {
    // W3C-DTF's TZD is "+hh:mm or -hh:mm" with hh an hour (00–23) and mm a minute (00–59).
    expect(parseDate("2020-01-01T10:00:00+99:99")).toBeUndefined();
    expect(parseDate("2020-01-01T10:00:00+24:00")).toBeUndefined();
    expect(parseDate("2020-01-01T10:00:00-05:60")).toBeUndefined();
    expect(parseDate("2020-01-01T10:00:00+2400")).toBeUndefined();
    expect(parseDate("2020-01-01T10:00:00+23:59")).toBe(Date.UTC(2019, 11, 31, 10, 1));
    expect(parseDate("2020-01-01T10:00:00-00:00")).toBe(Date.UTC(2020, 0, 1, 10));
  });
  it("rejects epoch seconds too large to be a number instead of reading them as after every date", () => {
    expect(parseDate("9".repeat(400))).toBeUndefined();
    expect(parseDate("99999999999")).toBe(99999999999000);
  });
  it("keeps a year below 100 as written instead of reading it as 19xx", () => {
    // The instant of year 50, built without Date.UTC (which maps years 0–99 to 1900–1999).
    const year = (y: number, month = 0, day = 1) => new Date(0).setUTCFullYear(y, month, day);
    expect(parseDate("0050-01-01T00:00:00Z")).toBe(year(50));
    expect(parseDate("0050-01-01")).toBe(year(50));
    expect(parseDate("0099-12")).toBe(year(99, 11));
    expect(parseDate("00500101T000000Z")).toBe(year(50));
    // Year 0 of the proleptic Gregorian calendar is a leap year; 1900 is not.
    expect(parseDate("0000-02-29")).toBe(year(0, 1, 29));
    expect(parseDate("0050-01-01T00:00:00Z")).toBeLessThan(parseDate("1950-01-01T00:00:00Z")!);
  });
  it("rejects days and times that do not exist instead of rolling them into the next month or day", () => {
    expect(parseDate("2021-02-29")).toBeUndefined();
    expect(parseDate("2020-02-30T12:00:00Z")).toBeUndefined();
    expect(parseDate("2020-04-31")).toBeUndefined();
    expect(parseDate("2020-02-29")).toBe(Date.UTC(2020, 1, 29));
    expect(parseDate("20210229T000000Z")).toBeUndefined();
    expect(parseDate("20201301T000000Z")).toBeUndefined();
    expect(parseDate("20200101T250000Z")).toBeUndefined();
    expect(parseDate("20200101T236000Z")).toBeUndefined();
    expect(parseDate("20200131T235960Z")).toBe(Date.UTC(2020, 1, 1));
  });
});
