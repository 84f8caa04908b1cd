"use client";

import { useEffect } from "react";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="flex h-screen flex-col">
      <div className="h-14 shrink-0 bg-slate-900" />
      <main className="mx-auto mt-24 max-w-lg rounded-xl border border-red-200 bg-white p-8 shadow-sm" role="alert">
        <h1 className="text-lg font-semibold text-slate-900">This view could not be loaded</h1>
        <p className="mt-2 text-sm text-slate-700">{error.message || "An unexpected error occurred."}</p>
        {error.digest ? <p className="mt-1 font-mono text-xs text-slate-500">Reference {error.digest}</p> : null}
        <button
          type="button"
          onClick={reset}
          className="mt-4 rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
        >
          Try again
        </button>
      </main>
    </div>
  );
}
