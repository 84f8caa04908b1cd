/**
 * The browser benchmark's baseline: React Flow drawing the nodes and edges the app draws (same ids, positions,
 * sizes and edge labels, read from the page's inline JSON), with default node and edge types and no app logic.
 * It marks "baseline:painted" in the first animation frame after the nodes are on screen, as the app marks
 * "lpg:graph-painted".
 */
import "@xyflow/react/dist/style.css";
import { ReactFlow, type Edge, type Node } from "@xyflow/react";
import { useEffect } from "react";
import { createRoot } from "react-dom/client";

export interface BaselineGraph {
  nodes: { id: string; label: string; x: number; y: number; width: number; height: number }[];
  edges: { id: string; source: string; target: string; label?: string }[];
}

const graph = JSON.parse(document.getElementById("graph")?.textContent ?? "{}") as BaselineGraph;
const nodes: Node[] = graph.nodes.map((n) => ({
  id: n.id,
  position: { x: n.x, y: n.y },
  // Named like the app's nodes for Element Timing, so both pages report their first node paint the same way (a
  // block element: Chromium aggregates text paints per block, so the attribute on an inline <span> reports nothing).
  data: { label: <div {...({ elementtiming: "graph-node" } as Record<string, string>)}>{n.label}</div> },
  width: n.width,
  height: n.height,
  style: { width: n.width, height: n.height },
}));
const edges: Edge[] = graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, label: e.label }));

function Baseline() {
  useEffect(() => {
    const frame = requestAnimationFrame(() => performance.mark("baseline:painted"));
    return () => cancelAnimationFrame(frame);
  }, []);
  return (
    <div style={{ width: "100vw", height: "100vh" }}>
      <ReactFlow nodes={nodes} edges={edges} fitView />
    </div>
  );
}

const root = document.getElementById("root");
if (root) createRoot(root).render(<Baseline />);
