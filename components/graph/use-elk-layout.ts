"use client";
/**
 * Lays out the visible graph with ELK in a Web Worker. Results are cached per graph shape, stale answers are
 * dropped, and if workers are unavailable a simple column layout is used so the graph still renders.
 */
import { useEffect, useRef, useState } from "react";
import { columnLayout, type LayoutInput, type Positions } from "@/lib/view/elk-graph";

type Reply = { id: number; positions?: Positions; error?: string };

const cache = new Map<string, Positions>();
const CACHE_SIZE = 24;

export function layoutKey(input: LayoutInput): string {
  return `${input.nodes.map((n) => `${n.id}${n.badge ? "*" : ""}`).join("|")}#${input.edges.map((e) => e.id).join("|")}`;
}

export interface LayoutResult {
  key: string;
  positions: Positions;
  engine: "elk" | "columns";
}

export function useElkLayout(input: LayoutInput, key: string): { layout: LayoutResult | null; pending: boolean } {
  const workerRef = useRef<Worker | null>(null);
  const requestRef = useRef(0);
  const [layout, setLayout] = useState<LayoutResult | null>(null);

  useEffect(() => {
    return () => {
      workerRef.current?.terminate();
      workerRef.current = null;
    };
  }, []);

  useEffect(() => {
    const cached = cache.get(key);
    if (cached) {
      setLayout({ key, positions: cached, engine: "elk" });
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
        worker = new Worker(new URL("./elk-layout.worker.ts", import.meta.url), { type: "module", name: "elk-layout" });
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
        cache.set(key, event.data.positions);
        while (cache.size > CACHE_SIZE) {
          const oldest = cache.keys().next().value;
          if (oldest === undefined) break;
          cache.delete(oldest);
        }
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
