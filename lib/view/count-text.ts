/**
 * Counts as the dashboard, the PNG header and the CLI print them: "10,000 functions", never "10000 functions".
 * Fixed to en-US so server-rendered and browser-rendered text agree whatever the viewer's locale.
 */
export const formatCount = (n: number): string => n.toLocaleString("en-US");

/** "1 function", "2,500 functions": English plural by appending "s" unless `words` says otherwise ("aliases"). */
export const plural = (n: number, word: string, words = `${word}s`): string => `${formatCount(n)} ${n === 1 ? word : words}`;

/** "8 of 84 functions": a part of a count, saying what is counted (a live region read alone has no heading to say it). */
export const countOf = (part: number, whole: number, word: string, words?: string): string => `${formatCount(part)} of ${plural(whole, word, words)}`;

/**
 * The functions of a focused view: "3 functions", or "the 150 riskiest of 10,000 functions" when the node has more
 * than the graph draws. The graph's count and the PNG header say it alike: "150 functions" alone in an image read as
 * all the node has.
 */
export const focusFunctionsText = (shown: number, matching: number): string =>
  matching > shown ? `the ${formatCount(shown)} riskiest of ${plural(matching, "function")}` : plural(shown, "function");

/**
 * The functions of an unfocused view: "the 25 riskiest of 84 matching functions" when the view's limit leaves some out,
 * else "all 3 matching functions". The page's banner and the PNG header say it alike: "25 of 84" alone in an image
 * left its reader to guess which 25, and that the rest were left out rather than clean.
 */
export const viewFunctionsText = (shown: number, matching: number): string =>
  matching > shown
    ? `the ${formatCount(shown)} riskiest of ${plural(matching, "matching function")}`
    : shown === 0
      ? "no matching functions"
      : `all ${plural(shown, "matching function")}`;

/**
 * "2 of 3" where `items[i]` has twins (items of the same `key`), else undefined: what tells apart controls that would
 * otherwise share an accessible name (two findings of one title on a node, two commands in one fix).
 */
export function positionAmongTwins<T>(items: readonly T[], i: number, key: (item: T) => string): string | undefined {
  const own = key(items[i]!);
  const twins = items.filter((item) => key(item) === own);
  return twins.length > 1 ? `${twins.indexOf(items[i]!) + 1} of ${twins.length}` : undefined;
}
