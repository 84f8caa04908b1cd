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
 * The longest policy document a snapshot holds: a KMS key policy (32 KiB; a Lambda function's, a queue's or a bucket's
 * is 20 KiB, a role's inline policies 10,240 characters together, a managed policy 6,144). No one value of a real
 * snapshot (a Sid, a condition, a description, a tag) is longer than the document holding it.
 */
const LONGEST_DOCUMENT = 32_768;

/**
 * Longest text the dashboard and the reports show whole: twice the longest document, room for the escapes visibleText
 * writes and a document formatted over lines. Text with spaces has no long word to cut, so a crafted megabyte Sid or
 * description made of short words is cut as a whole past this.
 */
export const LONGEST_TEXT = 2 * LONGEST_DOCUMENT;

/** `text` cut in the middle to about `longest` characters, saying how many were left out; whole when no longer. */
function cutMiddle(text: string, longest: number): string {
  if (text.length <= longest) return text;
  const keep = Math.floor((longest - 30) / 2);
  return `${text.slice(0, keep)}…(${text.length - 2 * keep} characters)…${text.slice(-keep)}`;
}

/**
 * `line` with each run of non-blank characters longer than `longest` cut in the middle. The match may start only where
 * a run starts: unanchored, the regex was tried again at every character of a shorter run, reading on to its end each
 * time, so a megabyte of 2,048-character words (none of them cut) took 1.7 s where it takes milliseconds.
 */
export function shortenLongWords(line: string, longest = LONGEST_WORD): string {
  return line.replace(new RegExp(`(?<!\\S)\\S{${longest + 1},}`, "g"), (w) => cutMiddle(w, longest));
}

/**
 * `text` as shown to a reader: words longer than any ARN AWS gives cut, then the whole past LONGEST_TEXT, each in the
 * middle the same visible way. For text whose hidden characters are escaped later (a highlighted document).
 */
export function shortenLongText(text: string): string {
  return cutMiddle(shortenLongWords(text, LONGEST_ARN), LONGEST_TEXT);
}

/**
 * Snapshot text as a report or the dashboard shows it: hidden characters escaped (visible-text.ts), words longer
 * than any ARN AWS gives cut, and the whole past LONGEST_TEXT, so a real ARN or policy is always whole and a crafted
 * megabyte is not, with or without spaces.
 */
export function printable(text: string, options?: { lines?: boolean }): string {
  return shortenLongText(visibleText(text, options));
}
