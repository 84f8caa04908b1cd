/**
 * Counts as the dashboard, the PNG header and the CLI print them: "10,000 functions", never "10000 functions".
 * Fixed to en-US so server-rendered and browser-rendered text agree whatever the viewer's locale.
 */
export const formatCount = (n: number): string => n.toLocaleString("en-US");

/** "1 function", "2,500 functions": English plural by appending "s", so only for words that take one. */
export const plural = (n: number, word: string): string => `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;
