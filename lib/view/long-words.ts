/**
 * Very long words in a line of text: an argument pasted by mistake, a path of thousands of characters, an ARN or a
 * map key crafted to be a megabyte long. Printed whole they bury the sentence around them (and a terminal or CI log
 * with it), so they are cut in the middle: the start and end identify them, and the count says how much is left out.
 * Free of Node and zod: the CLI, the text report and the upload notice (a client component) all use it.
 */
import { visibleText } from "./visible-text";

/** The longest ARN IAM's API takes (its arnType): no ARN AWS gives is longer, so one this long is never cut. */
export const LONGEST_ARN = 2048;

/** Longest run of non-blank characters an error line shows whole; an ARN is at most 2,048, a path can be far longer. */
const LONGEST_WORD = 240;

/**
 * `line` with each run of non-blank characters longer than `longest` cut in the middle. The match may start only where
 * a run starts: unanchored, the regex was tried again at every character of a shorter run, reading on to its end each
 * time, so a megabyte of 2,048-character words (none of them cut) took 1.7 s where it takes milliseconds.
 */
export function shortenLongWords(line: string, longest = LONGEST_WORD): string {
  const keep = Math.floor((longest - 30) / 2);
  return line.replace(new RegExp(`(?<!\\S)\\S{${longest + 1},}`, "g"), (w) => `${w.slice(0, keep)}…(${w.length - 2 * keep} characters)…${w.slice(-keep)}`);
}

/**
 * Snapshot text as a report or the dashboard shows it: hidden characters escaped (visible-text.ts), and words longer
 * than any ARN AWS gives cut, so a real ARN is always whole and a crafted megabyte is not.
 */
export function printable(text: string, options?: { lines?: boolean }): string {
  return shortenLongWords(visibleText(text, options), LONGEST_ARN);
}
