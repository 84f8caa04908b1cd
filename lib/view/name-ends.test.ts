import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { FITS_WHOLE, middleEllipsis, NAME_TAIL, nameEnds, TWO_LINES } from "./name-ends";

const isLoneSurrogate = (s: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe("middleEllipsis", () => {
  it("keeps a function name's start and end", () => {
    expect(middleEllipsis("orders-payment-reconciliation-processor", 19)).toBe("orders…on-processor");
    expect(middleEllipsis("arn:aws:sns:us-east-1:123456789012:order-events", 19)).toBe("arn:aw…order-events");
    expect(middleEllipsis("short", 19)).toBe("short");
  });

  it("is never longer than its limit, keeps text that fits whole, and keeps both ends of text that does not", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }).filter((s) => !s.includes("…")), fc.integer({ min: 5, max: 60 }), (text, max) => {
        const out = middleEllipsis(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (text.length <= max) {
          expect(out).toBe(text);
          return;
        }
        const [head, tail] = out.split("…");
        expect(head!.length).toBeGreaterThan(0);
        expect(tail!.length).toBeGreaterThan(0);
        expect(text.startsWith(head!)).toBe(true);
        expect(text.endsWith(tail!)).toBe(true);
        // No emoji split in half: a lone surrogate draws as "�".
        expect(isLoneSurrogate(out)).toBe(false);
      }),
    );
  });
});

describe("nameEnds", () => {
  it("keeps the last whole parts of a long name as its tail", () => {
    expect(nameEnds("orders-payment-reconciliation-processor")).toEqual({ head: "orders-payment-reconciliation", tail: "-processor" });
    expect(nameEnds("eu-order-events-consumer-role")).toEqual({ head: "eu-order-events", tail: "-consumer-role" });
    expect(nameEnds("log-group:/aws/lambda/eu-checkout-api:*").tail).toBe("checkout-api:*");
    expect(nameEnds("a".repeat(40))).toEqual({ head: "a".repeat(40 - NAME_TAIL), tail: "a".repeat(NAME_TAIL) });
    expect(nameEnds("checkout-api")).toEqual({ head: "checkout-api", tail: "" });
  });

  it("splits a name into two pieces that make it whole, the tail its end and at most NAME_TAIL long", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 120 }), (name) => {
        const { head, tail } = nameEnds(name);
        expect(head + tail).toBe(name);
        expect(tail.length).toBeLessThanOrEqual(NAME_TAIL);
        if (name.length > 2 * NAME_TAIL) expect(tail.length).toBeGreaterThan(0);
        expect(isLoneSurrogate(head) || isLoneSurrogate(tail)).toBe(isLoneSurrogate(name));
      }),
    );
  });
});

describe("nameEnds on two lines", () => {
  it("keeps the last whole parts, up to a line of them, for the second line", () => {
    expect(nameEnds("logs: log-group:/aws/lambda/nightly-inventory-reconcile:*", TWO_LINES)).toEqual({
      head: "logs: log-group:/aws/lambda/nightly-inventory",
      tail: "-reconcile:*",
    });
    expect(nameEnds("kafka-cluster: topic/acme-inventory/3f1c2b9e-8d4a-4c1e-9b7f-2a6d5e8c1f04-2/*", TWO_LINES).tail).toBe("-2a6d5e8c1f04-2/*");
    // A space parts a group's name: its kind first, its count under it.
    expect(nameEnds("account · 1,000 invokers", TWO_LINES)).toEqual({ head: "account", tail: " · 1,000 invokers" });
    expect(nameEnds("s3: uploads/*", TWO_LINES)).toEqual({ head: "s3: uploads/*", tail: "" });
  });

  it("splits a name into two pieces that make it whole, the tail its end and at most a line long", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 120 }), (name) => {
        const { head, tail } = nameEnds(name, TWO_LINES);
        expect(head + tail).toBe(name);
        expect(tail.length).toBeLessThanOrEqual(FITS_WHOLE);
        expect(tail.length > 0).toBe(name.length > FITS_WHOLE);
        expect(isLoneSurrogate(head) || isLoneSurrogate(tail)).toBe(isLoneSurrogate(name));
      }),
    );
  });
});
