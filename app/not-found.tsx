/**
 * An address no page answers (a mistyped /overview, an old bookmark): Next's default is a bare "404" with no
 * landmark and no way back. This one says so in the dashboard's own look, as error.tsx does, with every view's link,
 * since no header with the usual navigation is drawn here. Plain links: nothing of the dashboard is loaded yet.
 */
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Page not found · Lambda Permissions Graph" };

const link = "font-medium text-sky-800 underline focus-visible:outline-2 focus-visible:outline-sky-600";

export default function NotFound() {
  return (
    <div className="flex h-screen flex-col">
      <div className="h-14 shrink-0 bg-slate-900" />
      <main id="content" tabIndex={-1} className="mx-4 mt-24 max-w-lg rounded-xl sm:mx-auto border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">Page not found</h1>
        <p className="mt-2 text-sm text-slate-700">No page of the dashboard has this address. Its views are:</p>
        <ul className="mt-4 flex flex-wrap items-center gap-4 text-sm">
          <li>
            <a href="/" className={link}>
              Overview
            </a>
          </li>
          <li>
            <a href="/graph" className={link}>
              Graph
            </a>
          </li>
          <li>
            <a href="/snapshots" className={link}>
              Snapshots
            </a>
          </li>
        </ul>
      </main>
    </div>
  );
}
