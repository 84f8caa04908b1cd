"use client";
/**
 * The drawn graph for the current URL state. The server page renders the first view; each later state is fetched
 * from the server (the browser never holds the whole model; view-request.ts: only the selection's details when its
 * graph is drawn already) and kept in a small cache, so back/forward to a seen view is instant. While a fetch runs the previous view stays on screen and `pending` is true; `redrawing` too
 * unless the fetch is for another node's details on the same drawing (a click on an invoker, role or resource). A failed fetch
 * is an `error` until `retry` asks again, or, for a 401, until the session is restored (signed in in another tab),
 * which asks again by itself, so the view comes back where the URL left it.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { KnownLayout } from "@/lib/view/elk-graph";
import type { GraphView } from "@/lib/view/graph-view";
import { drawingKey, loadGraphViewState, serializeGraphViewState, type GraphViewState } from "@/lib/view/url-state";
import { sessionEnded, sessionEpoch, useSessionRestored } from "@/components/auth/session-ended";
import { ViewRequestError } from "./graph-view-answer";
import { viewRequest, type Drawing } from "./view-request";

const CACHE_SIZE = 20;

export interface InitialGraphView {
  /** serializeGraphViewState of the state the view was made for. */
  key: string;
  view: GraphView;
  /** The server's ELK layout of this view, when it made one. */
  layout?: KnownLayout | null;
}

export interface GraphViewError {
  message: string;
  /** The server answered 401: the session ended, which the page's notice says (session-ended.ts), with the way on. */
  signedOut: boolean;
}

export function useGraphView(
  initial: InitialGraphView,
  snapshotId: string,
  state: GraphViewState,
): { view: GraphView; pending: boolean; redrawing: boolean; error: GraphViewError | null; retry: () => void } {
  const key = serializeGraphViewState(state);
  const drawing = drawingKey(state);
  // `initial`'s own drawing, read from its key, not from the URL's state: Back to a graph whose filters changed in
  // the page (shallow URL updates) renders the page the server made for its first URL, under the later URL. Filed
  // under the URL's drawing, that first view passed for the filtered one, and only the selection was asked for.
  const [initialDrawing] = useState(() => drawingKey(loadGraphViewState(initial.key)));
  const cache = useRef(new Map([[initial.key, initial.view]]));
  /** Drawings seen, by drawingKey: a new selection on one of them fetches its details alone. */
  const drawings = useRef(new Map<string, Drawing>([[initialDrawing, initial.view]]));
  const [current, setCurrent] = useState<{ key: string; drawing: string; view: GraphView }>(() => ({ ...initial, drawing: initialDrawing }));
  const [error, setError] = useState<{ key: string; error: GraphViewError } | null>(null);
  /** Counts the user's "Try again": a new value runs the fetch of the same state again. */
  const [attempt, setAttempt] = useState(0);
  const restored = useSessionRestored();

  useEffect(() => {
    const hit = cache.current.get(key);
    if (hit) {
      setCurrent((c) => (c.key === key && c.view === hit ? c : { key, drawing, view: hit }));
      return;
    }
    // Asked again (the same state revisited): its last failure is not the answer of this request.
    setError((e) => (e?.key === key ? null : e));
    const controller = new AbortController();
    const request = viewRequest(snapshotId, state, drawings.current.get(drawing));
    const sentUnder = sessionEpoch();
    fetch(request.url, { signal: controller.signal })
      .then(request.read)
      .then((view) => {
        remember(cache.current, key, view);
        remember(drawings.current, drawing, view);
        setCurrent({ key, drawing, view });
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        const message = e instanceof Error ? e.message : String(e);
        const signedOut = e instanceof ViewRequestError && e.status === 401;
        // Sent before the session was restored: the restore runs this effect again, which asks anew.
        if (signedOut && !sessionEnded(sentUnder)) return;
        setError({ key, error: { message, signedOut } });
      });
    return () => controller.abort();
    // `key` identifies `state`; a restored session asks again for a view not yet answered (a cached one is not sent).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, snapshotId, attempt, restored]);

  const failed = error?.key === key ? error.error : null;
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  const pending = current.key !== key && !failed;
  return { view: current.view, pending, redrawing: pending && current.drawing !== drawing, error: failed, retry };
}

function remember<T>(cache: Map<string, T>, key: string, value: T) {
  cache.set(key, value);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value ?? "");
}
