/**
 * Glob matching for Action/NotAction, Resource/NotResource and the `*Like` condition operators:
 * `*` matches any run of characters (including `:` and `/`), `?` exactly one character, everything else
 * is literal (reference_policies_elements_action.html, reference_policies_elements_resource.html).
 *
 * Resource/NotResource entries are the exception (`resourceMatches`, `resourceListMatches`): there wildcards stand
 * "within the individual segments of an ARN (the parts separated by colons)", and only a `*` that is "the last
 * character of a resource ARN segment … can expand to match beyond colon boundaries"
 * (reference_policies_elements_resource.html). So a `?`, and a `*` followed by anything but `:` or the end, never
 * match a `:` there.
 *
 * Patterns are compiled once and cached: the evaluator calls these functions millions of times.
 *
 * Two private-use characters stand for a *literal* `*` and `?`. They are produced by policy-variable
 * substitution (`${*}`, `${?}` and substituted context values must not act as wildcards) and never occur
 * in real policy text.
 */

export const LITERAL_STAR = "\uE000";
export const LITERAL_QMARK = "\uE001";

export interface GlobMatcher {
  test(s: string): boolean;
}

const MATCH_ALL: GlobMatcher = { test: () => true };
const MAX_CACHE = 50_000;
const sensitiveCache = new Map<string, GlobMatcher>();
const insensitiveCache = new Map<string, GlobMatcher>();

// SyntaxCharacter plus `/`: exactly the identity escapes allowed with the `u` flag.
const REGEX_META = /[.*+?^${}()|[\]\\/]/;

function escapeChar(c: string): string {
  if (c === LITERAL_STAR) return "\\*";
  if (c === LITERAL_QMARK) return "\\?";
  return REGEX_META.test(c) ? "\\" + c : c;
}

function hasWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

/** Replaces the literal-wildcard placeholders by the characters they stand for. */
export function unescapeGlobText(text: string): string {
  if (!text.includes(LITERAL_STAR) && !text.includes(LITERAL_QMARK)) return text;
  return text.replaceAll(LITERAL_STAR, "*").replaceAll(LITERAL_QMARK, "?");
}

const NON_ASCII = /[^\x00-\x7f]/;
const SURROGATE = /[\uD800-\uDFFF]/;

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Greedy glob match with single-star backtracking, O(|p|·|s|) worst case and linear in practice. Analysis
 * compiles tens of thousands of distinct patterns (one per ARN in a big account) and tests most of them only a
 * few times; a RegExp costs far more to build than this costs to run. `?` is one code point, like `.` with the
 * `u` flag.
 */
const NEEDS_CODE_POINTS = -1;

function globMatch(p: string, s: string, foldCase: boolean): boolean | typeof NEEDS_CODE_POINTS {
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  const pn = p.length;
  const sn = s.length;
  while (si < sn) {
    const pc = pi < pn ? p.charCodeAt(pi) : -1;
    if (pc === 42 /* * */) {
      star = pi++;
      mark = si;
      continue;
    }
    if (pc === 63 /* ? */) {
      si += isHigh(s.charCodeAt(si)) && isLow(s.charCodeAt(si + 1)) ? 2 : 1;
      pi++;
      continue;
    }
    if (pc !== -1) {
      const want = pc === 0xe000 ? 42 : pc === 0xe001 ? 63 : pc;
      let c = s.charCodeAt(si);
      if (foldCase) {
        // Patterns are lower-cased ASCII here; beyond ASCII, Unicode case folding is codePointMatcher's job.
        if (c > 127) return NEEDS_CODE_POINTS;
        if (c >= 65 && c <= 90) c += 32;
      }
      if (want === c) {
        pi++;
        si++;
        continue;
      }
    }
    if (star < 0) return false;
    pi = star + 1;
    si = ++mark;
  }
  while (pi < pn && p.charCodeAt(pi) === 42) pi++;
  return pi === pn;
}

/** Stand for `*` and `?` in a code-point pattern; anything else there is one literal code point. */
const ANY_RUN = 0;
const ANY_ONE = 1;

/**
 * The pattern and string as code points (a lone surrogate is one, as under the regex `u` flag), matched with the same
 * single-star backtracking as `globMatch`: O(|p|·|s|), where a RegExp of `*?*?…` backtracks for hours on a long
 * string. For lone surrogates and, case-insensitively, characters beyond ASCII, whose case folding `sameFolded`
 * leaves to the regex engine one character at a time. Not one loop with `globMatch`: that one is the evaluator's hot
 * path, on UTF-16 code units without arrays or callbacks, and every such pattern is rare.
 */
function codePointMatcher(pattern: string, caseInsensitive: boolean): GlobMatcher {
  const p = [...pattern].map((c) => (c === "*" ? ANY_RUN : c === "?" ? ANY_ONE : c === LITERAL_STAR ? "*" : c === LITERAL_QMARK ? "?" : c));
  const same = caseInsensitive ? sameFolded : (a: string, b: string) => a === b;
  return {
    test(text) {
      const s = [...text];
      let pi = 0;
      let si = 0;
      let star = -1;
      let mark = 0;
      while (si < s.length) {
        const pc = p[pi];
        if (pc === ANY_RUN) {
          star = pi++;
          mark = si;
          continue;
        }
        if (pc === ANY_ONE || (pc !== undefined && same(pc, s[si] as string))) {
          pi++;
          si++;
          continue;
        }
        if (star < 0) return false;
        pi = star + 1;
        si = ++mark;
      }
      while (p[pi] === ANY_RUN) pi++;
      return pi === p.length;
    },
  };
}

const foldedRegex = new Map<string, RegExp>();

/** Equal under the regex engine's Unicode case folding (the `iu` flags): one tiny anchored regex per pattern character. */
function sameFolded(patternChar: string, c: string): boolean {
  if (patternChar === c) return true;
  let re = foldedRegex.get(patternChar);
  if (!re) {
    if (foldedRegex.size >= MAX_CACHE) foldedRegex.clear();
    re = new RegExp(`^${escapeChar(patternChar)}$`, "iu");
    foldedRegex.set(patternChar, re);
  }
  return re.test(c);
}

function build(pattern: string, caseInsensitive: boolean): GlobMatcher {
  if (pattern === "*") return MATCH_ALL;
  if (!caseInsensitive && !hasWildcard(pattern)) {
    const literal = unescapeGlobText(pattern);
    return { test: (s) => s === literal };
  }
  // Lone surrogates in a pattern and case folding beyond ASCII take the code-point matcher.
  if (!SURROGATE.test(pattern) && !(caseInsensitive && NON_ASCII.test(pattern))) {
    if (!caseInsensitive) return starOnlyMatcher(pattern) ?? { test: (s) => globMatch(pattern, s, false) === true };
    const lower = pattern.toLowerCase();
    let byCodePoint: GlobMatcher | undefined;
    return {
      test: (s) => {
        const hit = globMatch(lower, s, true);
        return hit === NEEDS_CODE_POINTS ? (byCodePoint ??= codePointMatcher(pattern, true)).test(s) : hit;
      },
    };
  }
  return codePointMatcher(pattern, caseInsensitive);
}

/**
 * A case-sensitive glob whose only wildcard is `*` (most Resource ARNs): its literal head and tail must start and
 * end the string, and the literal runs between them occur in order, each found by the leftmost native search
 * (leftmost is never worse for the runs after it). Several times faster than the character loop on long ARNs,
 * which the log-stream and reach questions test hundreds of thousands of times. `?` (one code point) keeps the loop.
 */
function starOnlyMatcher(pattern: string): GlobMatcher | undefined {
  if (pattern.includes("?")) return undefined;
  const parts = pattern.split("*").map(unescapeGlobText);
  const head = parts[0] as string;
  const tail = parts[parts.length - 1] as string;
  const middle = parts.slice(1, -1).filter((p) => p.length > 0);
  const min = middle.reduce((n, p) => n + p.length, head.length + tail.length);
  return {
    test(s) {
      if (s.length < min || !s.startsWith(head) || !s.endsWith(tail)) return false;
      let at = head.length;
      const end = s.length - tail.length;
      for (const run of middle) {
        const i = s.indexOf(run, at);
        if (i < 0 || i + run.length > end) return false;
        at = i + run.length;
      }
      return true;
    },
  };
}

/** The cached matcher for `pattern`. */
export function compileGlob(pattern: string, caseInsensitive = false): GlobMatcher {
  const cache = caseInsensitive ? insensitiveCache : sensitiveCache;
  let m = cache.get(pattern);
  if (m === undefined) {
    if (cache.size >= MAX_CACHE) cache.clear();
    m = build(pattern, caseInsensitive);
    cache.set(pattern, m);
  }
  return m;
}

const listCaches = { true: new WeakMap<readonly string[], GlobMatcher>(), false: new WeakMap<readonly string[], GlobMatcher>() };

function buildList(patterns: readonly string[], caseInsensitive: boolean): GlobMatcher {
  if (patterns.includes("*")) return MATCH_ALL;
  if (patterns.length === 0) return { test: () => false };
  if (patterns.length === 1) return compileGlob(patterns[0]!, caseInsensitive);
  if (!caseInsensitive && !patterns.some(hasWildcard)) {
    const set = new Set(patterns.map(unescapeGlobText));
    return { test: (s) => set.has(s) };
  }
  const matchers = patterns.map((p) => compileGlob(p, caseInsensitive));
  return { test: (s) => matchers.some((m) => m.test(s)) };
}

/**
 * One matcher for "any of these patterns" (a statement's Action or Resource list), cached by the
 * array's identity: parsed statements are immutable.
 */
export function compileGlobList(patterns: readonly string[], caseInsensitive = false): GlobMatcher {
  const cache = caseInsensitive ? listCaches.true : listCaches.false;
  let m = cache.get(patterns);
  if (m === undefined) {
    m = buildList(patterns, caseInsensitive);
    cache.set(patterns, m);
  }
  return m;
}

/**
 * A pattern that can only match itself, compared without the matcher cache: most Resource entries of function
 * and trust policies (and ARN condition segments) are one-off literal ARNs, and hashing each into the cache cost
 * more than comparing it. Placeholders and wildcards take the compiled path.
 */
export function isPlainLiteral(pattern: string): boolean {
  return !pattern.includes("*") && !pattern.includes("?") && !pattern.includes(LITERAL_STAR) && !pattern.includes(LITERAL_QMARK);
}

/**
 * What every string a pattern matches starts with: the pattern up to its first wildcard, escaped ones included (the
 * matcher reads those apart), or the whole pattern when it has none.
 */
export function literalStart(pattern: string): string {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*" || c === "?" || c === LITERAL_STAR || c === LITERAL_QMARK) return pattern.slice(0, i);
  }
  return pattern;
}

/** Does `s` match the glob? compileGlob(pattern).test(s), with literal case-sensitive patterns compared directly. */
export function globMatches(pattern: string, s: string, caseInsensitive = false): boolean {
  if (!caseInsensitive && isPlainLiteral(pattern)) return pattern === s;
  return compileGlob(pattern, caseInsensitive).test(s);
}

/** Does `s` match any glob of the list? compileGlobList(patterns).test(s), a lone literal compared directly. */
export function globListMatches(patterns: readonly string[], s: string, caseInsensitive = false): boolean {
  if (!caseInsensitive && patterns.length === 1 && isPlainLiteral(patterns[0] as string)) return patterns[0] === s;
  return compileGlobList(patterns, caseInsensitive).test(s);
}

/** Action/NotAction entry vs request action: case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  return compileGlob(pattern, true).test(action);
}

/**
 * Whether a Resource-entry glob has a wildcard that may not match `:`: a `?`, or a run of `*` followed by anything
 * but `:` or the pattern's end. Patterns without one (nearly all: `*`, `…:function:*`, `arn:aws:s3:::b/*`) keep the
 * plain glob matchers above.
 */
function hasSegmentBoundWildcard(pattern: string): boolean {
  const n = pattern.length;
  for (let i = 0; i < n; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 63 /* ? */) return true;
    if (c !== 42 /* * */) continue;
    while (i + 1 < n && pattern.charCodeAt(i + 1) === 42) i++;
    if (i + 1 < n && pattern.charCodeAt(i + 1) !== 58 /* : */) return true;
  }
  return false;
}

/**
 * Tokens of the segment-aware matcher: a literal is its code point (0 or more), the wildcards negative. A `*` that ends
 * its segment or the pattern (ANY_CODE_POINTS) may match `:`; another (SEGMENT_CODE_POINTS) and `?` may not.
 */
const ANY_CODE_POINTS = -1;
const SEGMENT_CODE_POINTS = -2;
const ONE_CODE_POINT = -3;

/**
 * A Resource glob with segment-bound wildcards, matched by simulating its automaton over the string's code points:
 * with two kinds of `*` the single-star backtracking of `globMatch` is no longer exact, and a RegExp can backtrack
 * for hours. O(|p|·|s|) at worst, but each character visits only the states still live, rarely more than a few: a
 * DynamoDB stream grant (a table `orders-*` and then `/stream/*`), which generated policies hold for every stream
 * function, is no longer the analysis's slowest matcher (docs/analysis-performance.md, fifty-seventh session).
 */
function segmentMatcher(pattern: string): GlobMatcher {
  const chars = [...pattern];
  const p: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === "*") {
      while (chars[i + 1] === "*") i++;
      const next = chars[i + 1];
      p.push(next === undefined || next === ":" ? ANY_CODE_POINTS : SEGMENT_CODE_POINTS);
    } else p.push(c === "?" ? ONE_CODE_POINT : c === LITERAL_STAR ? 42 : c === LITERAL_QMARK ? 63 : (c.codePointAt(0) as number));
  }
  const n = p.length;
  // The live states as a list, each once: `seen[state] === stamp` where it is in the list being built. A list, not a
  // flag per state, so a character visits only the few live states, not every state of the pattern.
  const seen = new Uint32Array(n + 1);
  let stamp = 0;
  let cur = new Int32Array(n + 1);
  let next = new Int32Array(n + 1);
  const newStamp = () => {
    if (++stamp === 0xffffffff) {
      seen.fill(0);
      stamp = 1;
    }
    return stamp;
  };
  // Adds `state` to `list`, and what follows it while it is a star, which may match nothing.
  const reach = (list: Int32Array, length: number, state: number, mark: number) => {
    for (let s = state; s <= n && seen[s] !== mark; s++) {
      seen[s] = mark;
      list[length++] = s;
      const t = p[s];
      if (t !== ANY_CODE_POINTS && t !== SEGMENT_CODE_POINTS) break;
    }
    return length;
  };
  return {
    test(text) {
      let mark = newStamp();
      let live = reach(cur, 0, 0, mark);
      for (let k = 0; k < text.length; ) {
        const c = text.codePointAt(k) as number;
        k += c > 0xffff ? 2 : 1;
        const colon = c === 58;
        mark = newStamp();
        let reached = 0;
        for (let j = 0; j < live; j++) {
          const i = cur[j] as number;
          const t = p[i];
          if (t === ANY_CODE_POINTS || (t === SEGMENT_CODE_POINTS && !colon)) reached = reach(next, reached, i, mark);
          else if ((t === ONE_CODE_POINT && !colon) || t === c) reached = reach(next, reached, i + 1, mark);
        }
        if (reached === 0) return false;
        [cur, next] = [next, cur];
        live = reached;
      }
      return seen[n] === mark;
    },
  };
}

const resourceCache = new Map<string, GlobMatcher>();

/** The cached matcher for a Resource/NotResource entry: the plain glob's unless a wildcard is segment-bound. */
export function compileResourceGlob(pattern: string): GlobMatcher {
  let m = resourceCache.get(pattern);
  if (m === undefined) {
    if (resourceCache.size >= MAX_CACHE) resourceCache.clear();
    m = hasSegmentBoundWildcard(pattern) ? segmentMatcher(pattern) : compileGlob(pattern);
    resourceCache.set(pattern, m);
  }
  return m;
}

const resourceListCache = new WeakMap<readonly string[], GlobMatcher>();

function buildResourceList(patterns: readonly string[]): GlobMatcher {
  if (!patterns.some(hasSegmentBoundWildcard)) return compileGlobList(patterns);
  if (patterns.length === 1) return compileResourceGlob(patterns[0] as string);
  const matchers = patterns.map(compileResourceGlob);
  return { test: (s) => matchers.some((m) => m.test(s)) };
}

/** compileGlobList for a Resource/NotResource list, cached by the array's identity. */
export function compileResourceGlobList(patterns: readonly string[]): GlobMatcher {
  let m = resourceListCache.get(patterns);
  if (m === undefined) {
    m = buildResourceList(patterns);
    resourceListCache.set(patterns, m);
  }
  return m;
}

/** Resource/NotResource entry vs request ARN: case-sensitive, with segment-bound wildcards kept off `:`. */
export function resourceMatches(pattern: string, arn: string): boolean {
  if (isPlainLiteral(pattern)) return pattern === arn;
  return compileResourceGlob(pattern).test(arn);
}

/** Does the ARN match any entry of a Resource/NotResource list? A lone literal entry is compared directly. */
export function resourceListMatches(patterns: readonly string[], arn: string): boolean {
  if (patterns.length === 1 && isPlainLiteral(patterns[0] as string)) return patterns[0] === arn;
  return compileResourceGlobList(patterns).test(arn);
}

const enum Tok {
  Star,
  One,
  Lit,
}

function tokenize(p: string, caseInsensitive: boolean): { kinds: Tok[]; chars: string[] } {
  const kinds: Tok[] = [];
  const chars: string[] = [];
  for (const c of p) {
    if (c === "*") {
      if (kinds[kinds.length - 1] === Tok.Star) continue;
      kinds.push(Tok.Star);
      chars.push("");
    } else if (c === "?") {
      kinds.push(Tok.One);
      chars.push("");
    } else {
      const lit = c === LITERAL_STAR ? "*" : c === LITERAL_QMARK ? "?" : c;
      kinds.push(Tok.Lit);
      chars.push(caseInsensitive ? lit.toLowerCase() : lit);
    }
  }
  return { kinds, chars };
}

/**
 * True when some string matches both globs, e.g. a Deny on `arn:aws:s3:::b/secret/*` overlaps an Allow on
 * `arn:aws:s3:::b/*`. Reachability in the product of the two patterns' automata, O(|a|·|b|).
 */
export function globsOverlap(a: string, b: string, caseInsensitive = false): boolean {
  if (a === "*" || b === "*") return true;
  const A = tokenize(a, caseInsensitive);
  const B = tokenize(b, caseInsensitive);
  const n = A.kinds.length;
  const m = B.kinds.length;
  const width = m + 1;
  const seen = new Uint8Array((n + 1) * width);
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number) => {
    const k = i * width + j;
    if (seen[k] === 0) {
      seen[k] = 1;
      stack.push(k);
    }
  };
  while (stack.length > 0) {
    const k = stack.pop() as number;
    const i = Math.floor(k / width);
    const j = k % width;
    if (i === n && j === m) return true;
    const ka = i < n ? A.kinds[i] : undefined;
    const kb = j < m ? B.kinds[j] : undefined;
    // A star may match the empty string.
    if (ka === Tok.Star) push(i + 1, j);
    if (kb === Tok.Star) push(i, j + 1);
    if (ka === undefined || kb === undefined) continue;
    // Consume one common character: literals must agree; `?` and `*` accept any character.
    if (ka === Tok.Lit && kb === Tok.Lit && A.chars[i] !== B.chars[j]) continue;
    const ni = ka === Tok.Star ? i : i + 1;
    const nj = kb === Tok.Star ? j : j + 1;
    if (ni !== i || nj !== j) push(ni, nj);
  }
  return false;
}

/**
 * `globsOverlap(pattern, prefix + "*")` for a literal prefix, read off the pattern's first characters: asked of
 * every Resource of every role, where building two automata per pattern was measurable.
 */
export function globMayStartWith(pattern: string, prefix: string): boolean {
  if (pattern.includes("${")) return globsOverlap(pattern, `${prefix}*`);
  for (let i = 0; i < prefix.length; i++) {
    const c = pattern[i];
    if (c === undefined) return false;
    if (c === "*") return true;
    if (c !== "?" && c !== prefix[i]) return false;
  }
  return true;
}
