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
