/**
 * Links that open the graph on one function. A function's node id holds its ARN, and a crafted snapshot may name a
 * function far past Lambda's 64 characters: a link of 20,000 characters came back 431 (request header fields too
 * large) from the server, on each prefetch and on the click. Such a link is not drawn at all.
 */

/**
 * The longest link URL drawn. Node refuses a request whose line and headers pass 16 KiB, and Next's client
 * navigation sends the URL more than once (the request and its router headers); nginx's default takes an 8 KiB line.
 */
export const MAX_LINK_URL = 8_000;

/**
 * The longest value a graph link's param may have, for the page and the PNG export alike: the longest link the
 * dashboard draws (MAX_LINK_URL), so every link it draws opens and exports. Longer is not read (url-state.ts's
 * parsers), the page says so (unread-link-values.ts) and the export refuses it: the export once had limits of its own
 * (2,048 for a focus) and answered 400 to links the page opened.
 */
export const MAX_LINK_VALUE = MAX_LINK_URL;

/**
 * `/graph?…focus=ID&node=ID`: the graph drawn around the function, its details open. `query` is the view's other
 * parameters, empty or ending in "&". Undefined when the link would be longer than MAX_LINK_URL.
 */
export function focusedNodeHref(query: string, nodeId: string): string | undefined {
  const id = encodeURIComponent(nodeId);
  const href = `/graph?${query}focus=${id}&node=${id}`;
  return href.length <= MAX_LINK_URL ? href : undefined;
}

/** Said where a function's name is drawn without its graph link (focusedNodeHref gave none): why there is no link. */
export const unlinkedNameText = (name: string): string => `(no link to the graph: the name is ${name.length.toLocaleString("en-US")} characters long)`;
