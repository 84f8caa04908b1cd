"use client";
/**
 * A dashboard view that failed to render: what went wrong, Try again, and the ways elsewhere (the latest snapshot,
 * the list of snapshots), since the header with the usual navigation is part of what failed. Plain links, so the
 * next page loads afresh rather than through the router state that just failed.
 */
import { useEffect } from "react";

/**
 * An error from the server (it carries a digest) reaches a production page with its message withheld, replaced by
 * React's ("Minified React error #441; visit https://react.dev/errors/441…"), which says nothing to the user; the
 * server's log has the real one under the reference shown below.
 */
function errorText(error: Error & { digest?: string }): string {
  if (error.digest) return "The server failed while building this view. Its log has the details, under the reference below.";
  return error.message || "An unexpected error occurred.";
}

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="flex h-screen flex-col">
      <div className="h-14 shrink-0 bg-slate-900" />
      {/* Still the page's main landmark, with the id the header's skip link targets (MAIN_ID, app-header.tsx: a server
          module a client page cannot import); only the message is announced, not the buttons. */}
      <main id="content" tabIndex={-1} className="mx-4 mt-24 max-w-lg rounded-xl sm:mx-auto border border-red-200 bg-white p-8 shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">This view could not be loaded</h1>
        <p role="alert" className="mt-2 text-sm text-slate-700">
          {errorText(error)}
        </p>
        {error.digest ? <p className="mt-1 font-mono text-xs text-slate-500">Reference {error.digest}</p> : null}
        <div className="mt-4 flex flex-wrap items-center gap-4 text-sm">
          <button
            type="button"
            onClick={reset}
            className="rounded-md bg-sky-700 px-3 py-1.5 forced-colors:border font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
          >
            Try again
          </button>
          <a href="/" className="font-medium text-sky-800 underline focus-visible:outline-2 focus-visible:outline-sky-600" data-testid="error-open-latest">
            Open the latest snapshot
          </a>
          <a href="/snapshots" className="font-medium text-sky-800 underline focus-visible:outline-2 focus-visible:outline-sky-600" data-testid="error-snapshots">
            All snapshots
          </a>
        </div>
      </main>
    </div>
  );
}
