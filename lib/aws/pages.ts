/**
 * Every page of a paginated List call, through the SDK's paginator, with the two answers it does not guard against.
 * The paginator ends quietly when a page carries no token, even one that says more pages follow (IAM's
 * IsTruncated, KMS's Truncated): the list read so far would pass for the whole list. And it asks again with a
 * token the service handed back unchanged, for ever (stopOnSameToken is off by default, and would stop as quietly).
 * Both throw a MalformedResponse once the pages read are handed on, so the caller's catch records the list as
 * incomplete (an `errors` entry: the analysis says unknown) and keeps what it has, as after any failed page.
 */
import { MalformedResponse } from "./errors";

interface PagingFields {
  /** Lambda's and KMS's token for the next page. */
  NextMarker?: string;
  /** IAM's (in the response, too). */
  Marker?: string;
  NextToken?: string;
  /** IAM: more pages follow. */
  IsTruncated?: boolean;
  /** KMS: more pages follow. */
  Truncated?: boolean;
}

function nextToken(page: PagingFields): string | undefined {
  return page.NextMarker || page.Marker || page.NextToken || undefined;
}

export async function* allPages<P extends object>(pages: AsyncIterable<P>): AsyncGenerator<P> {
  const seen = new Set<string>();
  let last: PagingFields | undefined;
  for await (const page of pages) {
    yield page;
    last = page as PagingFields;
    const token = nextToken(last);
    if (token === undefined) continue;
    // A token seen before leads to pages already read: asking again would never end.
    if (seen.has(token)) throw new MalformedResponse("the answer gave a page token it had given before, so later pages could not be asked for");
    seen.add(token);
  }
  if (last && (last.IsTruncated === true || last.Truncated === true) && nextToken(last) === undefined) {
    throw new MalformedResponse("the answer said more pages follow but gave no Marker to ask for them");
  }
}

/** The items of a paged list as far as it could be read. */
export interface PagedItems<T> {
  items: T[];
  /** What stopped the reading before the last page; the caller records it. Absent when every page was read. */
  error?: unknown;
  /** With `error`: the last page read's token for the next, the service's own word that more pages follow. */
  nextToken?: string;
}

/**
 * Every item of a paged list (allPages), with the pages read kept when a later one fails (denied, throttled past the
 * SDK's retries, a token that leads nowhere): those items exist, and the caller records the error beside them so the
 * rest reads as unknown, never as absent. `itemsOf` takes one page's items (and may record the ones it sets aside);
 * `read` is what earlier pages gave.
 */
export async function pagedItems<P extends object, T>(pages: AsyncIterable<P>, itemsOf: (page: P, read: readonly T[]) => readonly T[]): Promise<PagedItems<T>> {
  const items: T[] = [];
  let last: P | undefined;
  try {
    for await (const page of allPages(pages)) {
      last = page;
      items.push(...itemsOf(page, items));
    }
    return { items };
  } catch (error: unknown) {
    const token = last && nextToken(last);
    return { items, error, ...(token ? { nextToken: token } : {}) };
  }
}
