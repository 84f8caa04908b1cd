"use client";
/**
 * Lays out the visible graph with ELK in a Web Worker. Results are cached per graph shape, stale answers are
 * dropped, and if workers are unavailable a simple column layout is used so the graph still renders. A layout the
 * server already computed (the page's first view) is used as is, and the worker is then started when the browser
 * is idle, so loading ELK (1.6 MB) neither delays the first paint nor the first click.
 */
import { useEffect, useRef, useState } from "react";
import { columnLayout, type KnownLayout, type LayoutInput, type Positions } from "@/lib/view/elk-graph";

type Reply = { id: number; positions?: Positions; error?: string };

const cache = new Map<string, Positions>();
const CACHE_SIZE = 24;
const WARM_UP_AFTER_MS = 1000;

function remember(key: string, positions: Positions) {
  cache.set(key, positions);
  while (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
}

export interface LayoutResult {
  key: string;
  positions: Positions;
  engine: "elk" | "columns";
}

function startWorker(): Worker {
  return new Worker(new URL("./elk-layout.worker.ts", import.meta.url), { type: "module", name: "elk-layout" });
}

export function useElkLayout(
  input: LayoutInput,
  key: string,
  known?: KnownLayout | null,
): { layout: LayoutResult | null; pending: boolean } {
  const workerRef = useRef<Worker | null>(null);
  const requestRef = useRef(0);
  const [layout, setLayout] = useState<LayoutResult | null>(() =>
    known && known.key === key ? { key, positions: known.positions, engine: "elk" } : null,
  );

  useEffect(() => {
    if (known) remember(known.key, known.positions);
  }, [known]);

  useEffect(() => {
    // Warm the worker when the page has settled (a second after mount, in idle time), off the first paint's path.
    const idle = window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 0));
    const cancelIdle = window.cancelIdleCallback ?? window.clearTimeout;
    let handle: number | undefined;
    const timer = window.setTimeout(() => {
      handle = idle(() => {
        try {
          workerRef.current ??= startWorker();
        } catch {
          // No workers: layouts fall back to columns when needed.
        }
      });
    }, WARM_UP_AFTER_MS);
    return () => {
      window.clearTimeout(timer);
      if (handle !== undefined) cancelIdle(handle);
      workerRef.current?.terminate();
      workerRef.current = null;
    };
  }, []);

  useEffect(() => {
    const cached = cache.get(key) ?? (known?.key === key ? known.positions : undefined);
    if (cached) {
      setLayout((l) => (l?.key === key && l.positions === cached ? l : { key, positions: cached, engine: "elk" }));
      return;
    }
    if (input.nodes.length === 0) {
      setLayout({ key, positions: {}, engine: "elk" });
      return;
    }
    const id = ++requestRef.current;
    let worker = workerRef.current;
    if (!worker) {
      try {
        worker = startWorker();
        workerRef.current = worker;
      } catch {
        setLayout({ key, positions: columnLayout(input), engine: "columns" });
        return;
      }
    }
    const onMessage = (event: MessageEvent<Reply>) => {
      if (event.data.id !== id) return;
      worker?.removeEventListener("message", onMessage);
      if (event.data.positions) {
        remember(key, event.data.positions);
        setLayout({ key, positions: event.data.positions, engine: "elk" });
      } else {
        setLayout({ key, positions: columnLayout(input), engine: "columns" });
      }
    };
    worker.addEventListener("message", onMessage);
    worker.postMessage({ id, input });
    return () => worker?.removeEventListener("message", onMessage);
    // `key` identifies `input`; re-running on a new array identity with the same key would only repeat work.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return { layout, pending: layout?.key !== key };
}
