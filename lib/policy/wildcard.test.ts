import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actionMatches, compileGlob, compileGlobList, compileResourceGlob, globListMatches, globMatches, globMayStartWith, globsOverlap, literalStart, LITERAL_QMARK, LITERAL_STAR, resourceListMatches, resourceMatches } from "./wildcard";

describe("reference_policies_elements_action: Action globs are case-insensitive", () => {
  it.each([
    ["s3:GetObject", "s3:getobject", true],
    ["S3:*", "s3:PutObject", true],
    ["s3:Get*", "s3:GetObjectAcl", true],
    ["s3:Get*", "s3:PutObject", false],
    ["s3:?etObject", "s3:GetObject", true],
    ["s3:?etObject", "s3:etObject", false],
    ["*", "anything:AtAll", true],
    ["lambda:Invoke*", "lambda:InvokeFunctionUrl", true],
    ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl", false],
    ["*:Get*", "dynamodb:GetItem", true],
  ])("%s vs %s → %s", (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });
});

describe("reference_policies_elements_resource: Resource globs are case-sensitive; * spans /, and : when last in its segment", () => {
  it.each([
    ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c", true],
    ["arn:aws:s3:::bucket/*", "arn:aws:s3:::Bucket/a", false],
    ["arn:aws:lambda:*:123456789012:function:fn*", "arn:aws:lambda:us-east-1:123456789012:function:fn:prod", true],
    ["arn:aws:lambda:us-east-1:123456789012:function:fn", "arn:aws:lambda:us-east-1:123456789012:function:fn:1", false],
    ["arn:aws:lambda:us-east-1:123456789012:function:fn:*", "arn:aws:lambda:us-east-1:123456789012:function:fn", false],
    ["arn:aws:logs:*:*:log-group:/aws/lambda/fn:*", "arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/fn:log-stream:x", true],
    ["arn:aws:s3:::b/?.txt", "arn:aws:s3:::b/a.txt", true],
    ["arn:aws:s3:::b/?.txt", "arn:aws:s3:::b/ab.txt", false],
    ["arn:aws:s3:::b/a.txt", "arn:aws:s3:::b/aXtxt", false],
    ["arn:aws:s3:::b/(x)+[y]$^|\\", "arn:aws:s3:::b/(x)+[y]$^|\\", true],
    ["*", "arn:aws:anything", true],
    [`arn:aws:s3:::b/${LITERAL_STAR}`, "arn:aws:s3:::b/*", true],
    [`arn:aws:s3:::b/${LITERAL_STAR}`, "arn:aws:s3:::b/x", false],
  ])("%s vs %s → %s", (pattern, arn, expected) => {
    expect(resourceMatches(pattern, arn)).toBe(expected);
  });
});

// reference_policies_elements_resource.html: "You can use wildcard characters (* and ?) within the individual segments
// of an ARN (the parts separated by colons)" and "If the * wildcard is the last character of a resource ARN segment, it
// can expand to match beyond colon boundaries." Any other `*`, and every `?`, stays inside its segment.
describe("reference_policies_elements_resource: wildcards stay within their ARN segment unless * ends it", () => {
  const fn = "arn:aws:lambda:us-east-1:123456789012:function";
  it.each([
    // A `*` inside a segment matches within it, never across `:`.
    ["arn:aws:lambda:us-*-1:123456789012:function:f", `${fn}:f`, true],
    ["arn:aws:lambda:us-*-1:123456789012:function:f", "arn:aws:lambda:us-east-2:9:x-1:123456789012:function:f", false],
    [`${fn}:*-prod`, `${fn}:api-prod`, true],
    [`${fn}:*-prod`, `${fn}:api:blue-prod`, false], // alias blue-prod of function api
    ["arn:aws:lambda:*:123456789012:function:a*b", `${fn}:axb`, true],
    ["arn:aws:lambda:*:123456789012:function:a*b", `${fn}:ax:b`, false],
    ["arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b/1/2/test/3/object.jpg", true],
    ["arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b/1:2/test/3", false],
    ["arn:aws:s3:::b/*/test/*", "arn:aws:s3:::b/1/test/3:4", true], // the last `*` ends its segment
    // A `*` that ends its segment may cross colons, whether `:` or the pattern's end follows it.
    ["arn:aws:lambda:us-*", `${fn}:f`, true],
    ["arn:aws:lambda:*:123456789012:function:f", "arn:aws:lambda:us-east-1:9:x:123456789012:function:f", true],
    [`${fn}:f**`, `${fn}:f:prod`, true],
    [`${fn}:f**x`, `${fn}:f:x`, false],
    // `?` is one character of its segment: never a `:`.
    [`${fn}:f?1`, `${fn}:f:1`, false],
    [`${fn}:f?1`, `${fn}:fx1`, true],
    ["arn:aws:s3:::b/?", "arn:aws:s3:::b/:", false],
    ["arn:aws:lambda:us-east-1:123456789012:function?f", `${fn}:f`, false],
    // Escaped wildcards from policy variables are literal characters, and a literal `:` after a segment `*` is kept.
    [`${fn}:${LITERAL_STAR}?`, `${fn}:*x`, true],
    [`${fn}:*${LITERAL_QMARK}`, `${fn}:a:?`, false],
  ])("%s vs %s → %s", (pattern, arn, expected) => {
    expect(resourceMatches(pattern, arn)).toBe(expected);
    expect(resourceListMatches([pattern], arn)).toBe(expected);
    expect(resourceListMatches(["arn:aws:sqs:*:1:q", pattern], arn)).toBe(expected);
  });
  it("Action and the *Like operators keep the plain glob: there * and ? match : anywhere", () => {
    expect(globMatches(`${fn}:*-prod`, `${fn}:api:blue-prod`)).toBe(true);
    expect(globMatches(`${fn}:f?1`, `${fn}:f:1`)).toBe(true);
  });
});

describe("globsOverlap: partial coverage of one glob by another", () => {
  it.each([
    ["arn:aws:s3:::b/secret/*", "arn:aws:s3:::b/*", true],
    ["arn:aws:s3:::b/secret/*", "arn:aws:s3:::c/*", false],
    ["arn:aws:s3:::b/*.txt", "arn:aws:s3:::b/secret/*", true],
    ["a?c", "ab*", true],
    ["a?c", "abd", false],
    ["*", "anything", true],
    ["x*", "*y", true],
    ["S3:Get*", "s3:getobject", false],
  ])("%s ∩ %s ≠ ∅ → %s", (a, b, expected) => {
    expect(globsOverlap(a, b)).toBe(expected);
  });
  it("case-insensitive overlap for actions", () => {
    expect(globsOverlap("S3:Get*", "s3:getobject", true)).toBe(true);
  });
});

const chars = fc.constantFrom(..."abcXYZ019:/-_.+()[]{}$^|\\*?".split(""));
const literalChars = fc.constantFrom(..."abcXYZ019:/-_.+()[]{}$^|\\".split(""));
const literal = fc.array(literalChars, { maxLength: 20 }).map((a) => a.join(""));
const glob = fc.array(chars, { maxLength: 12 }).map((a) => a.join(""));

/** Replace random substrings by `*` and single characters by `?`: the result always matches the original. */
const generalisation = literal.chain((s) =>
  fc
    .array(fc.tuple(fc.nat(s.length), fc.nat(4), fc.boolean()), { maxLength: 4 })
    .map((edits) => {
      const out = s.split("").map((c) => ({ c, wild: false }));
      for (const [pos, len, star] of edits) {
        const at = Math.min(pos, out.length);
        if (star) out.splice(at, Math.min(len, out.length - at), { c: "*", wild: true });
        else if (at < out.length && !out[at]!.wild) out[at] = { c: "?", wild: true };
      }
      return { s, pattern: out.map((x) => x.c).join("") };
    }),
);

describe("wildcard properties (fast-check)", () => {
  it("a generalised pattern always matches its source string", () => {
    fc.assert(
      fc.property(generalisation, ({ s, pattern }) => {
        expect(globMatches(pattern, s)).toBe(true);
        expect(actionMatches(pattern, s.toUpperCase())).toBe(true);
        // As a Resource entry too, unless a wildcard took the place of a colon.
        if (!s.includes(":")) expect(resourceMatches(pattern, s)).toBe(true);
      }),
    );
  });
  it("a pattern without wildcards matches only itself (regex metacharacters are literal)", () => {
    fc.assert(
      fc.property(literal, literal, (a, b) => {
        expect(resourceMatches(a, b)).toBe(a === b);
        expect(actionMatches(a, b)).toBe(a.toLowerCase() === b.toLowerCase());
      }),
    );
  });
  it("resource matching is case-sensitive, action matching is not", () => {
    fc.assert(
      fc.property(literal.filter((s) => s.toLowerCase() !== s.toUpperCase()), (s) => {
        expect(resourceMatches(s.toLowerCase(), s.toUpperCase())).toBe(false);
        expect(actionMatches(s.toLowerCase(), s.toUpperCase())).toBe(true);
      }),
    );
  });
  it("globsOverlap(p, s) agrees with globMatches(p, s) when s has no wildcard", () => {
    fc.assert(
      fc.property(glob, literal, (p, s) => {
        expect(globsOverlap(p, s)).toBe(globMatches(p, s));
      }),
    );
  });
  it("globsOverlap is symmetric", () => {
    fc.assert(fc.property(glob, glob, (a, b) => globsOverlap(a, b) === globsOverlap(b, a)));
  });
  it("globMayStartWith(p, prefix) agrees with globsOverlap(p, prefix + '*')", () => {
    const near = fc.array(fc.constantFrom(..."arn:x*?${}".split("")), { maxLength: 8 }).map((a) => a.join(""));
    const prefix = fc.array(fc.constantFrom(..."arn:x".split("")), { maxLength: 5 }).map((a) => a.join(""));
    fc.assert(fc.property(near, prefix, (p, pre) => globMayStartWith(p, pre) === globsOverlap(p, `${pre}*`)), { numRuns: 2000 });
    fc.assert(fc.property(glob, (p) => globMayStartWith(p, "arn:") === globsOverlap(p, "arn:*")));
  });
  it("a glob overlaps itself and any generalisation of a string it matches", () => {
    fc.assert(fc.property(glob, (p) => globsOverlap(p, p)));
    fc.assert(fc.property(generalisation, ({ s, pattern }) => globsOverlap(pattern, s)));
  });
});

/** The regex reading of a glob, as the IAM docs define it: the reference the fast matcher must agree with. */
function referenceRegex(pattern: string, caseInsensitive: boolean): RegExp {
  const source = [...pattern]
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.*+?^${}()|[\]\\/]/, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, caseInsensitive ? "isu" : "su");
}

describe("compileGlob agrees with the regex reading (fast-check, differential)", () => {
  const unicodeChars = fc.constantFrom(..."aAbB:/*?-ßİK\u212A\uD83D\uDE00\uD800é".split(""), "\uD83D\uDE00");
  const text = fc.array(unicodeChars, { maxLength: 10 }).map((a) => a.join(""));
  it("case-sensitive (Resource)", () => {
    fc.assert(
      fc.property(text, text, (p, s) => {
        expect(compileGlob(p, false).test(s)).toBe(referenceRegex(p, false).test(s));
      }),
      { numRuns: 3000 },
    );
  });
  it("case-insensitive (Action)", () => {
    fc.assert(
      fc.property(text, text, (p, s) => {
        expect(compileGlob(p, true).test(s)).toBe(referenceRegex(p, true).test(s));
      }),
      { numRuns: 3000 },
    );
  });
  it("ASCII globs against ARN-like strings", () => {
    fc.assert(
      fc.property(glob, literal, fc.boolean(), (p, s, ci) => {
        expect(compileGlob(p, ci).test(s)).toBe(referenceRegex(p, ci).test(s));
      }),
      { numRuns: 3000 },
    );
  });
  it("globMatches and globListMatches (literals compared directly) agree too", () => {
    const withPlaceholders = fc.array(fc.oneof(unicodeChars, fc.constantFrom(LITERAL_STAR, LITERAL_QMARK)), { maxLength: 10 }).map((a) => a.join(""));
    fc.assert(
      fc.property(fc.oneof(text, withPlaceholders, literal), fc.oneof(text, literal), fc.boolean(), (p, s, ci) => {
        expect(globMatches(p, s, ci)).toBe(compileGlob(p, ci).test(s));
        expect(globListMatches([p], s, ci)).toBe(compileGlob(p, ci).test(s));
      }),
      { numRuns: 3000 },
    );
    // The same text in another case: equal for actions (case-insensitive), not for resources.
    fc.assert(
      fc.property(fc.oneof(text, literal), fc.boolean(), (p, ci) => {
        const other = p.toUpperCase() === p ? p.toLowerCase() : p.toUpperCase();
        expect(globMatches(p, other, ci)).toBe(compileGlob(p, ci).test(other));
        expect(globListMatches([p], other, ci)).toBe(compileGlob(p, ci).test(other));
      }),
      { numRuns: 1000 },
    );
    // A literal ARN matches itself and nothing else.
    expect(globMatches("arn:aws:s3:::b/k", "arn:aws:s3:::b/k")).toBe(true);
    expect(globMatches("arn:aws:s3:::b/k", "arn:aws:s3:::b/K")).toBe(false);
  });
});

/**
 * The regex reading of a Resource entry (reference_policies_elements_resource.html): `?` is one character other than
 * `:`, a run of `*` before `:` or the end is any run, any other `*` a run without `:`.
 */
function referenceResourceRegex(pattern: string): RegExp {
  const cs = [...pattern];
  let source = "";
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i] as string;
    if (c === "*") {
      while (cs[i + 1] === "*") i++;
      source += cs[i + 1] === undefined || cs[i + 1] === ":" ? ".*" : "[^:]*";
    } else if (c === "?") source += "[^:]";
    else source += (c === LITERAL_STAR ? "*" : c === LITERAL_QMARK ? "?" : c).replace(/[.*+?^${}()|[\]\\/]/, "\\$&");
  }
  return new RegExp(`^${source}$`, "su");
}

describe("resourceMatches agrees with the segment-aware regex reading (fast-check, differential)", () => {
  const unicodeChars = fc.constantFrom(..."aAb::/*?-\uD83D\uDE00\uD800é".split(""), "\uD83D\uDE00", LITERAL_STAR, LITERAL_QMARK);
  const text = fc.array(unicodeChars, { maxLength: 10 }).map((a) => a.join(""));
  const arnish = fc.array(fc.constantFrom(..."ab:::/*?-".split("")), { maxLength: 14 }).map((a) => a.join(""));
  const arnText = fc.array(fc.constantFrom(..."ab:::/-".split("")), { maxLength: 14 }).map((a) => a.join(""));
  it("on unicode, placeholder and colon-heavy patterns", () => {
    fc.assert(
      fc.property(fc.oneof(text, glob, arnish), fc.oneof(text, literal, arnText), (p, s) => {
        const want = referenceResourceRegex(p).test(s);
        expect(resourceMatches(p, s)).toBe(want);
        expect(compileResourceGlob(p).test(s)).toBe(want);
        expect(resourceListMatches([p], s)).toBe(want);
        expect(resourceListMatches(["b:*:a", p], s)).toBe(want || referenceResourceRegex("b:*:a").test(s));
      }),
      { numRuns: 4000 },
    );
  });
  it("narrows the plain glob, and equals it on strings without a colon", () => {
    fc.assert(
      fc.property(fc.oneof(glob, arnish), fc.oneof(literal, arnText), (p, s) => {
        if (resourceMatches(p, s)) expect(globMatches(p, s)).toBe(true);
        if (!s.includes(":")) expect(resourceMatches(p, s)).toBe(globMatches(p, s));
      }),
      { numRuns: 3000 },
    );
  });
  it("a pattern whose every * ends its segment and has no ? reads as the plain glob", () => {
    const segmentFinal = fc.array(fc.constantFrom("a", "b", ":", "/", "*:", "x*"), { maxLength: 8 }).map((a) => a.join(""));
    fc.assert(
      fc.property(segmentFinal.filter((p) => !/\*[^:*]/.test(p)), fc.oneof(literal, arnText), (p, s) => {
        expect(resourceMatches(p, s)).toBe(globMatches(p, s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("reference_policies_elements_resource: ? matches exactly one character (a code point)", () => {
  it("one ? covers an astral character, two do not", () => {
    expect(resourceMatches("arn:aws:s3:::b/a?b", "arn:aws:s3:::b/a\u{1F600}b")).toBe(true);
    expect(resourceMatches("arn:aws:s3:::b/a??b", "arn:aws:s3:::b/a\u{1F600}b")).toBe(false);
    expect(resourceMatches("*?", "\u{1F600}")).toBe(true);
    expect(resourceMatches("*??", "\u{1F600}")).toBe(false);
  });
});

describe("literalStart", () => {
  it.each([
    ["arn:aws:sqs:us-east-1:1:orders", "arn:aws:sqs:us-east-1:1:orders"],
    ["arn:aws:s3:::b/*", "arn:aws:s3:::b/"],
    ["arn:aws:sqs:?s-east-1:1:q", "arn:aws:sqs:"],
    [`arn:aws:s3:::b/${LITERAL_STAR}/k`, "arn:aws:s3:::b/"], // an escaped wildcard ends it too
    [`a${LITERAL_QMARK}b*`, "a"],
    ["*", ""],
  ])("%s starts with %s", (pattern, start) => {
    expect(literalStart(pattern)).toBe(start);
  });

  it("every string a pattern matches starts with it", () => {
    const text = fc.stringMatching(/^[ab*?:/]{0,8}$/);
    fc.assert(
      fc.property(text, text, (pattern, s) => {
        if (globMatches(pattern, s)) expect(s.startsWith(literalStart(pattern))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("policy text never becomes a backtracking RegExp", () => {
  // `*?` repeated, then a character beyond ASCII: once a RegExp `^.*..*.…é$`, which took minutes on an 80-character
  // action and would not finish on these. Each must be answered (vitest's time-out fails a hang).
  const heavy = "*?".repeat(40);
  it("case-insensitive patterns beyond ASCII (Action, NotAction)", () => {
    expect(actionMatches(`${heavy}é`, `lambda:${"a".repeat(2000)}`)).toBe(false);
    expect(actionMatches(`${heavy}é`, `lambda:${"a".repeat(2000)}É`)).toBe(true);
    expect(actionMatches("*?*?é", "lambda:É")).toBe(true);
    // Unicode case folding as the `iu` flags define it: the Kelvin sign is a K.
    expect(actionMatches("*k", "s3:\u212A")).toBe(true);
  });
  it("patterns with a lone surrogate (Resource)", () => {
    expect(resourceMatches(`${heavy}\uD800`, "a".repeat(2000))).toBe(false);
    expect(resourceMatches(`${heavy}\uD800`, `${"a".repeat(80)}\uD800`)).toBe(true);
  });
});

/**
 * The code-point matcher (patterns with a lone surrogate or an astral character; case-insensitive patterns beyond
 * ASCII) against strings they match or nearly match: the differential test above draws pattern and string apart, so it rarely
 * meets a match, and a matcher that answers "no" too often passes it.
 */
describe("the code-point matcher on strings at or near a match", () => {
  it("a star backtracks over one code point at a time", () => {
    expect(resourceMatches("*ab\uD800", "aab\uD800")).toBe(true);
    expect(actionMatches("s3:*ab\u00e9", "s3:aab\u00c9")).toBe(true);
  });
  it("a trailing star matches the empty rest", () => {
    expect(resourceMatches("\uD800*", "\uD800")).toBe(true);
    expect(actionMatches("s3:\u00e9*", "s3:\u00c9")).toBe(true);
  });
  it("an astral character in the pattern is one code point, like the string's", () => {
    expect(resourceMatches("\u{1F600}*", "\u{1F600}x")).toBe(true);
    expect(resourceMatches("*\u{1F600}", "ab\u{1F600}")).toBe(true);
  });
  it("Resource patterns stay case-sensitive there", () => {
    expect(resourceMatches("\uD800A*", "\uD800a")).toBe(false);
    expect(resourceMatches("\u{1F600}A*", "\u{1F600}a")).toBe(false);
  });
  it("a lone surrogate never matches half of a surrogate pair (the `u` reading)", () => {
    // The string's pair is one code point: the pattern's lone high surrogate is not its first half.
    expect(resourceMatches("\uD83D?", "\u{1F600}")).toBe(false);
    expect(resourceMatches("\uD83D*", "\u{1F600}")).toBe(false);
    expect(resourceMatches("\uD83D*", "\uD83Dx")).toBe(true);
  });
  it("case folding beyond ASCII in the pattern: the long s is an s (Unicode folding, not toLowerCase)", () => {
    expect(actionMatches("s3:\u017F*", "s3:S")).toBe(true);
    expect(actionMatches("s3:\u017F*", "s3:get")).toBe(false);
  });
  it("a literal * or ? (a substituted variable) is literal there too", () => {
    // With a real wildcard beside them: a pattern without one is compared as a plain string.
    expect(resourceMatches(`\uD800${LITERAL_STAR}?`, "\uD800xy")).toBe(false);
    expect(resourceMatches(`\uD800${LITERAL_STAR}?`, "\uD800*y")).toBe(true);
    expect(resourceMatches(`\uD800${LITERAL_QMARK}*`, "\uD800xy")).toBe(false);
    expect(resourceMatches(`\uD800${LITERAL_QMARK}*`, "\uD800?y")).toBe(true);
  });
});

/**
 * Strings at or near a match for the fast paths the differential tests above rarely reach with a match: random
 * pattern/string pairs almost never match, so a path that answers "yes" too often can pass them.
 */
describe("reference_policies_elements_resource: ? is one code point on the UTF-16 fast path", () => {
  // The regex reading (`u` flag): a surrogate pair is one character, a lone surrogate is one too.
  it.each([
    ["\u{10000}", true], // U+D800 U+DC00: the lowest pair
    ["\u{10FFFF}", true], // U+DBFF U+DFFF: the highest pair
    ["\u{1F600}", true],
    ["a\uDE00", false], // a, then a lone low surrogate: two characters
    ["\uDC00\uDC01", false], // two lone low surrogates
    ["\uD800a", false], // a lone high surrogate, then a
    ["\uD800\uFF21", false], // a lone high surrogate, then a character above the surrogates
    ["\uDFFF", true],
  ])("arn:aws:s3:::b/? vs arn:aws:s3:::b/%j → %s", (tail, expected) => {
    expect(resourceMatches("arn:aws:s3:::b/?", `arn:aws:s3:::b/${tail}`)).toBe(expected);
    expect(referenceRegex("arn:aws:s3:::b/?", false).test(`arn:aws:s3:::b/${tail}`)).toBe(expected);
  });
});

describe("a * between literal runs (the star-only fast path)", () => {
  it.each([
    // Head and tail may not overlap: "ab*ba" needs four characters.
    ["ab*ba", "aba", false],
    ["ab*ba", "abba", true],
    // Each run between stars must lie between the head and the tail, in order, without overlapping the previous one.
    ["a*x*x", "aax", false],
    ["a*x*x", "axx", true],
    ["*ab*ab*", "abxb", false],
    ["*ab*ab*", "abab", true],
    ["a*x*b", "aqb", false],
    ["a*x*b", "axb", true],
    // A run at the very start of the string.
    ["*x*", "xa", true],
    ["arn:aws:s3:::*/logs/*.gz", "arn:aws:s3:::b/logs/a.gz", true],
    ["arn:aws:s3:::*/logs/*.gz", "arn:aws:s3:::b/logs.gz", false],
  ])("%s vs %s → %s", (pattern, s, expected) => {
    expect(resourceMatches(pattern, s)).toBe(expected);
    expect(referenceRegex(pattern, false).test(s)).toBe(expected);
  });
});

describe("literal * and ? (substituted variables) beside a ? on the UTF-16 fast path", () => {
  it.each([
    [`arn:aws:s3:::b/${LITERAL_STAR}?`, "arn:aws:s3:::b/*x", true],
    [`arn:aws:s3:::b/${LITERAL_STAR}?`, "arn:aws:s3:::b/yx", false],
    [`arn:aws:s3:::b/${LITERAL_QMARK}?`, "arn:aws:s3:::b/?x", true],
    [`arn:aws:s3:::b/${LITERAL_QMARK}?`, "arn:aws:s3:::b/yx", false],
  ])("%s vs %s → %s", (pattern, s, expected) => {
    expect(resourceMatches(pattern, s)).toBe(expected);
  });
});

describe("reference_policies_elements_action: case folding beyond ASCII in the action, from its first character", () => {
  // An ASCII pattern, a string whose first character needs Unicode folding (the `iu` reading): the Kelvin sign is a K,
  // the long s an s.
  it.each([
    ["k*", "\u212Ax", true],
    ["s*", "\u017F3:x", true],
    ["k*", "\u00e9x", false],
  ])("%s vs %j → %s", (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
    expect(referenceRegex(pattern, true).test(action)).toBe(expected);
  });
  it("globsOverlap folds the same way: the Kelvin sign overlaps k", () => {
    expect(globsOverlap("s3:\u212A*", "s3:k*", true)).toBe(true);
    expect(actionMatches("s3:k*", "s3:\u212A")).toBe(true);
  });
});

describe("compileGlob and compileGlobList defaults and edge cases", () => {
  it("are case-sensitive unless asked (Resource is the default reading)", () => {
    expect(compileGlob("arn:aws:s3:::B*").test("arn:aws:s3:::b")).toBe(false);
    expect(compileGlob("arn:aws:s3:::B*", true).test("arn:aws:s3:::b")).toBe(true);
    expect(compileGlobList(["arn:aws:s3:::B*", "x"]).test("arn:aws:s3:::b")).toBe(false);
    expect(compileGlobList(["arn:aws:s3:::B*", "x"], true).test("arn:aws:s3:::b")).toBe(true);
  });
  it("`*` matches everything, an empty list nothing", () => {
    expect(compileGlob("*").test("")).toBe(true);
    expect(compileGlob("*", true).test("anything:At/all")).toBe(true);
    expect(compileGlobList(["x", "*"]).test("arn:aws:sqs:us-east-1:1:q")).toBe(true);
    expect(compileGlobList([]).test("")).toBe(false);
    expect(compileGlobList([], true).test("s3:GetObject")).toBe(false);
  });
});
