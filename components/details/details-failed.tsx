"use client";
/**
 * The details panel's place when a node's details could not be fetched (the server refused the request, the network
 * failed): what the server said, and the ways on, again or closed. It said "Loading the details of …" for ever.
 */
import { CloseDetailsButton } from "./close-details-button";
import { PANEL_PLACE } from "./panel-place";
import { useFocusFallback } from "@/components/use-focus-fallback";
import { printable } from "@/lib/view/long-words";

/**
 * What the details panel's live region says of it (graph-explorer.tsx), as the panel shows it; `message` null when
 * the reason is the session's end, which the page's one notice says (session-ended.ts).
 */
export function detailsFailedText(label: string | undefined, message: string | null): string {
  const node = label === undefined ? "this node" : printable(label);
  return message === null ? `Could not load the details of ${node}.` : `Could not load the details of ${node}: ${printable(message)}.`;
}

/**
 * `label`: the node's name when it is drawn (a node picked in the search may not be, and its name came with the
 * details that failed); `signedOut`: the server answered 401, so signing in again (the page's notice) is the way on
 * rather than retrying;
 * `focusAfterClose`: where keyboard focus goes when Close removes this, as the details panel's Close sends it.
 */
export function DetailsFailed({
  label,
  message,
  signedOut,
  onRetry,
  onClose,
  focusAfterClose,
}: {
  label: string | undefined;
  message: string;
  signedOut: boolean;
  onRetry: () => void;
  onClose: () => void;
  focusAfterClose?: () => HTMLElement | null | undefined;
}) {
  const keepFocus = useFocusFallback<HTMLButtonElement>(() => focusAfterClose?.());
  return (
    <aside
      data-testid="details-failed"
      aria-label="Details not loaded"
      className={`flex flex-col gap-3 px-4 py-3 ${PANEL_PLACE}`}
    >
      <div className="flex items-start gap-3">
        <p className="min-w-0 flex-1 text-sm text-red-900 [overflow-wrap:anywhere]" data-testid="details-failed-text">
          {detailsFailedText(label, signedOut ? null : message)}
        </p>
        <CloseDetailsButton ref={keepFocus} onClose={onClose} />
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {signedOut ? (
          <p className="text-slate-800" data-testid="details-signed-out">
            Your session has ended: sign in again to load them.
          </p>
        ) : (
          <button type="button" onClick={onRetry} className="rounded-md border border-slate-300 bg-white px-3 py-1 font-medium text-slate-800 hover:bg-slate-100" data-testid="details-retry">
            Try again
          </button>
        )}
      </div>
    </aside>
  );
}
