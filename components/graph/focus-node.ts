/**
 * Keyboard focus on graph nodes. React Flow draws only the nodes near the view, and draws a node a frame or more after
 * the view or the selection changes, so focus waits for the node to be in the page.
 */

/** The details panel's title: keyboard focus lands here when the panel opens over the graph, or on a second Enter on its node. */
export const DETAILS_TITLE_ID = "details-title";

/**
 * Whether the details panel lies over the graph (below 1,024 px in a short window, see panel-place.ts), hiding every
 * node under it; in a tall one it lies below the graph, which stays in sight.
 */
export function panelOverGraph(panel: Element | null | undefined): panel is HTMLElement {
  return !!panel && getComputedStyle(panel).position === "absolute";
}

/** The graph node an event happened on (React Flow's focusable wrapper), if any. */
export function nodeIdOf(target: EventTarget | null): string | undefined {
  return (target as HTMLElement | null)?.closest?.<HTMLElement>(".react-flow__node")?.dataset.id;
}

/**
 * Puts keyboard focus on node `id`, or, if it cannot (the node is not in the graph), on `orElse()` should focus have
 * dropped to the page.
 */
export type FocusNode = (id: string, orElse?: () => HTMLElement | null | undefined) => void;

/** Frames a node asked for is waited for: React Flow draws it a frame or two after the view or selection changes. */
const DRAW_FRAMES = 30;

/**
 * Focuses node `id` once it is drawn, giving up after a few frames (then `orElse`, if focus has dropped to the page).
 * No scrolling: the canvas clips its content, and a focused node the browser scrolled into view would shift the whole
 * graph out of React Flow's reckoning. Where the details panel lies over the graph, its title takes focus instead: on
 * the node under it, focus sat where no one could see it (a node picked in the search, at 200 % zoom).
 */
export const focusWhenDrawn: FocusNode = (id, orElse) => {
  const selector = `.react-flow__node[data-id="${CSS.escape(id)}"]`;
  const attempt = (left: number) => {
    const el = document.querySelector<HTMLElement>(selector);
    const title = document.getElementById(DETAILS_TITLE_ID);
    if (el) (title && panelOverGraph(title.closest("aside")) ? title : el).focus({ preventScroll: true });
    else if (left > 0) requestAnimationFrame(() => attempt(left - 1));
    // Only if focus was lost meanwhile (the control that asked is gone): a user who moved on keeps their place.
    else if (document.activeElement === document.body || !document.activeElement) orElse?.()?.focus();
  };
  requestAnimationFrame(() => attempt(DRAW_FRAMES));
};

/**
 * Whether focus is still free for a node asked for before its view was drawn: it dropped to the page (the control
 * that asked is gone), or rests on the details title, where a panel opening meanwhile put focus that had dropped (a
 * node picked in the search opens its panel before the node is drawn). Anywhere else, the user has moved on.
 */
export function focusIsFree(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || active.id === DETAILS_TITLE_ID;
}
