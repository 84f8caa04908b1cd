/**
 * Share links: the graph view in the URL, pinned to a concrete snapshot. The viewport is `vp=x,y,zoom`
 * (pan in screen pixels, zoom factor), rounded so links stay short; anything malformed is ignored rather than
 * trusted. Pure: used by the client button and by tests.
 */
export interface ViewportParam {
  x: number;
  y: number;
  zoom: number;
}

/** React Flow's own zoom bounds in graph-canvas.tsx. */
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 2;
const MAX_PAN = 1e7;

export function parseViewport(value: string | null | undefined): ViewportParam | null {
  if (!value) return null;
  const parts = value.split(",");
  if (parts.length !== 3 || parts.some((p) => !/^-?\d+(\.\d+)?$/.test(p))) return null;
  const [x, y, zoom] = parts.map(Number) as [number, number, number];
  if (Math.abs(x) > MAX_PAN || Math.abs(y) > MAX_PAN || zoom < MIN_ZOOM || zoom > MAX_ZOOM) return null;
  return { x, y, zoom };
}

export function formatViewport(v: ViewportParam): string {
  const round = (n: number, d: number) => String(Number(n.toFixed(d)));
  return `${round(v.x, 0)},${round(v.y, 0)},${round(Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom)), 3)}`;
}

/** Same viewport as a link would write it (rounded): a gesture that ends where it started moved nothing. */
export function sameViewport(a: ViewportParam | null, b: ViewportParam | null): boolean {
  return !!a && !!b && formatViewport(a) === formatViewport(b);
}

/**
 * The link to copy: the current URL with the snapshot pinned to the id being shown (so a later scan does not
 * change what the teammate sees), and the scan compared with (`compare=`) to `compareId` when the page compares
 * with one, and the current viewport. Only view state is in it: no tokens, no secrets.
 */
export function shareUrl(current: string, snapshotId: string, viewport: ViewportParam | null, compareId?: string): string {
  const url = pinnedUrl(current, { snapshot: snapshotId });
  if (compareId && url.searchParams.has("compare")) url.searchParams.set("compare", compareId);
  if (viewport) url.searchParams.set("vp", formatViewport(viewport));
  url.searchParams.delete("q"); // an open search box is transient, not part of the shared view
  return url.toString();
}

/**
 * `current` with each of `ids` set to the concrete snapshot id it shows ("latest", or a side left out, stands for
 * whichever scan is newest when the link is opened: a teammate would see another comparison tomorrow), and no
 * fragment. The compare page's link is this with `from` and `to`.
 */
export function pinnedUrl(current: string, ids: Record<string, string>): URL {
  const url = new URL(current);
  for (const [param, id] of Object.entries(ids)) url.searchParams.set(param, id);
  url.hash = "";
  return url;
}

/** The same view on the newest snapshot: for links whose snapshot was deleted or whose node no longer exists. */
export function latestSnapshotHref(pathname: string, search: string): string {
  const params = new URLSearchParams(search);
  params.delete("snapshot");
  const qs = params.toString();
  return `${pathname}${qs ? `?${qs}` : ""}`;
}
