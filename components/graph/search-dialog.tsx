/**
 * `/` search: find any node (not only the drawn ones) by name or ARN and jump to it. Matching runs on the server
 * (GET /api/graph/search), so the browser does not need the whole graph.
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { GraphNodeView } from "@/lib/view/graph-model";
import { SignInAgainLink } from "@/components/auth/sign-in-again-link";
import { sessionEnded, sessionEpoch, useSessionEnded, useSessionRestored, useSignInAgainHere } from "@/components/auth/session-ended";
import { KIND_TILE, KindIcon } from "./node-icons";
import { KIND_LABEL } from "@/lib/view/node-kind";
import { useSlashShortcut } from "./slash-shortcut";
import { printable } from "@/lib/view/long-words";
import { searchTooLong } from "@/lib/view/search-limit";
import { answerErrorText } from "@/lib/http/answer-error";

const DEBOUNCE_MS = 80;

export interface SearchDialogProps {
  snapshotId: string;
  query: string;
  onQueryChange: (q: string) => void;
  onPick: (node: GraphNodeView) => void;
  onClose: () => void;
}

export function SearchDialog({ snapshotId, query, onQueryChange, onPick, onClose }: SearchDialogProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [slashShortcut, setSlashShortcut] = useSlashShortcut();
  const [active, setActive] = useState(0);
  const [text, setText] = useState(query);
  /** Results and the text they answer; shown (marked busy) while newer text is being searched. */
  const [found, setFound] = useState<{ text: string; nodes: GraphNodeView[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** This or another request answered 401: the page's notice says so; the dialog, which covers it, has its link. */
  const signedOut = useSessionEnded();
  /** Signed in again in another tab: the text is searched again, in place of "your session has ended". */
  const restored = useSessionRestored();
  useSignInAgainHere();
  /** Enter pressed before the results for the current text arrived: pick the first one when they do. */
  const [pickWhenReady, setPickWhenReady] = useState(false);
  /** Text longer than any name or ARN is not sent: the dialog says why, where the server would only refuse it. */
  const tooLong = searchTooLong(text.length);
  const results = tooLong ? [] : (found?.nodes ?? []);
  const fresh = found?.text === text;
  const listId = useId();

  /** A result was picked: focus goes to its node (the caller's part), not back to the opener. */
  const pickedRef = useRef(false);
  const choose = useCallback(
    (n: GraphNodeView) => {
      pickedRef.current = true;
      onPick(n);
    },
    [onPick],
  );
  // Focus moves into the dialog, and back to where it was (the search button, a node) when the dialog is dismissed.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    inputRef.current?.focus();
    return () => {
      if (!pickedRef.current && opener?.isConnected) opener.focus();
    };
  }, []);
  useEffect(() => setActive(0), [text]);
  // aria-activedescendant moves no scroll position: the option the arrows reach is brought into the list's view.
  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [active, listId, found]);

  useEffect(() => {
    if (tooLong) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const url = `/api/graph/search?snapshot=${encodeURIComponent(snapshotId)}&q=${encodeURIComponent(text)}`;
      const sentUnder = sessionEpoch();
      fetch(url, { signal: controller.signal })
        .then(async (res) => {
          if (res.status === 401) {
            // Sent before the session was restored: the restore searches again, this answer is dropped as an aborted one.
            if (!sessionEnded(sentUnder)) controller.abort();
            throw new Error("search failed: your session has ended");
          }
          if (!res.ok) throw new Error(`search failed: ${answerErrorText(res.status, await res.json().catch(() => null))}`);
          return ((await res.json()) as { results: GraphNodeView[] }).results;
        })
        .then((nodes) => {
          setError(null);
          setFound({ text, nodes });
        })
        .catch((e: unknown) => {
          if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
        });
    }, found ? DEBOUNCE_MS : 0);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // Only the text (or a restored session) starts a search; `found` just decides whether to debounce.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, snapshotId, restored]);

  useEffect(() => {
    if (!pickWhenReady || !fresh) return;
    setPickWhenReady(false);
    const pick = results[0];
    if (pick) choose(pick);
  }, [pickWhenReady, fresh, results, choose]);

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, results.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (tooLong) return;
      const pick = fresh ? results[active] : undefined;
      if (pick) choose(pick);
      else if (!fresh) setPickWhenReady(true);
    }
  }

  /**
   * On the dialog, so they work wherever focus is inside it: Escape closes, Tab and Shift+Tab cycle its controls
   * (the search box, a "Sign in again" link when shown, the shortcut switch) without leaving the dialog.
   */
  function onDialogKeyDown(e: React.KeyboardEvent<HTMLElement>) {
    if (e.key === "Escape") {
      e.preventDefault();
      onClose();
    } else if (e.key === "Tab") {
      e.preventDefault();
      const stops = [...e.currentTarget.querySelectorAll<HTMLElement>("input, a[href]")];
      const at = stops.indexOf(document.activeElement as HTMLElement);
      stops[(at + (e.shiftKey ? -1 : 1) + stops.length) % stops.length]?.focus();
    }
  }

  // The last answer's, kept while a newer search runs (the list says it is busy): "Searching…" between every two
  // answers had the screen reader say it after each key typed.
  const status = tooLong || error || !found ? "" : found.nodes.length === 0 ? "No node matches." : `${found.nodes.length} node${found.nodes.length === 1 ? "" : "s"} found`;

  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-slate-900/30 pt-[12vh]" onMouseDown={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Find a node"
        data-testid="search-dialog"
        // No taller than the window below its top margin (200 % zoom leaves 400 CSS px): the list gives way and scrolls.
        className="flex max-h-[calc(100%-1rem)] w-full max-w-xl flex-col overflow-hidden rounded-xl bg-white shadow-2xl ring-1 ring-slate-200"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={onDialogKeyDown}
      >
        <input
          ref={inputRef}
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={results[active] ? `${listId}-${active}` : undefined}
          aria-label="Node name or ARN"
          data-testid="search-input"
          placeholder="Function, role, principal or resource…"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            // The URL keeps the last text that is searched: a longer one is never searched, and would make every
            // link and history entry of the page as long as the paste.
            if (!searchTooLong(e.target.value.length)) onQueryChange(e.target.value);
          }}
          onKeyDown={onKeyDown}
          className="w-full shrink-0 border-b border-slate-200 px-4 py-3 text-base text-slate-900 outline-none placeholder:text-slate-500 focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-sky-600"
        />
        {/* Announced when results change; the list itself is read by moving through it. */}
        <p className="sr-only" role="status" data-testid="search-status">
          {status}
        </p>
        {tooLong ? (
          // Only the reason is live: the count changes with each key, and would be said again each time.
          <p className="px-4 py-3 text-sm text-red-700" data-testid="search-too-long">
            <span role="alert">{tooLong.reason}</span> {tooLong.count}
          </p>
        ) : signedOut ? (
          // Not an alert: the page's notice says the session ended, once.
          <p className="px-4 py-3 text-sm text-red-700" data-testid="search-signed-out">
            {error ?? "Your session has ended"}. <SignInAgainLink className="font-medium text-sky-800 underline" />
          </p>
        ) : error ? (
          <p className="px-4 py-3 text-sm text-red-700" role="alert">
            {error}
          </p>
        ) : null}
        <ul id={listId} role="listbox" aria-label="Matching nodes" aria-busy={!fresh && !tooLong} className="max-h-96 min-h-0 overflow-y-auto py-1">
          {error || tooLong ? null : results.length === 0 ? (
            <li className="px-4 py-3 text-sm text-slate-600" role="presentation">
              {fresh ? "No node matches." : "Searching…"}
            </li>
          ) : (
            results.map((n, i) => (
              <li
                key={n.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                data-testid="search-result"
                data-name={printable(n.label)}
                onMouseEnter={() => setActive(i)}
                onClick={() => choose(n)}
                className={`flex cursor-pointer items-center gap-3 px-4 py-2 ${i === active ? "bg-sky-100 ring-2 ring-inset ring-sky-600" : ""}`}
              >
                <span className={`flex h-6 w-6 shrink-0 items-center justify-center rounded ring-1 [&_svg]:h-3.5 [&_svg]:w-3.5 ${KIND_TILE[n.kind]}`}>
                  <KindIcon kind={n.kind} isPublic={n.public} />
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium text-slate-900">{printable(n.label)}</span>
                  <span className="block truncate text-xs text-slate-600">
                    {KIND_LABEL[n.kind]}
                    {n.region ? ` · ${n.region}` : ""}
                    {n.badge ? ` · ${printable(n.badge.title)}` : ""}
                  </span>
                </span>
              </li>
            ))
          )}
        </ul>
        <div className="flex shrink-0 flex-wrap items-center justify-between gap-2 border-t border-slate-200 bg-slate-50 px-4 py-1.5 text-xs text-slate-600">
          <p>↑↓ to move · Enter to jump · Esc to close</p>
          <label className="inline-flex items-center gap-1.5">
            <input
              type="checkbox"
              data-testid="slash-shortcut"
              checked={slashShortcut}
              onChange={(e) => setSlashShortcut(e.target.checked)}
              className="focus-visible:outline-2 focus-visible:outline-sky-600"
            />
            Open search with the <kbd className="font-mono">/</kbd> key
          </label>
        </div>
      </div>
    </div>
  );
}
