import { LONGEST_ARN } from "./long-words";

/**
 * How long the `/` search's text may be, for the route that refuses longer (app/api/graph/search) and the dialog
 * that says so before asking: the longest ARN IAM's API takes (its arnType). A pasted ARN, however long its role
 * path, is searched in full, since a cut one matches every node that shares its start; nothing longer can name a
 * node, so it is refused, not cut.
 */
export const MAX_SEARCH_TEXT = LONGEST_ARN;

const n = (x: number) => x.toLocaleString("en-US");

/**
 * Why text this long is not searched, in two parts: `reason`, the same whatever the length, for a live region to say
 * once; `count`, which changes with each key typed, shown beside it but not announced again and again.
 */
export function searchTooLong(length: number): { reason: string; count: string } | undefined {
  if (length <= MAX_SEARCH_TEXT) return undefined;
  return {
    reason: `Too long to search: no node name or ARN is longer than ${n(MAX_SEARCH_TEXT)} characters, so the search takes at most ${n(MAX_SEARCH_TEXT)} characters.`,
    count: `This text has ${n(length)} characters; remove ${n(length - MAX_SEARCH_TEXT)}.`,
  };
}
