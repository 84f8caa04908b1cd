/**
 * The analysis the dashboard runs on a stored snapshot (one place, so tests and tools can see what runs): in turns,
 * so the server answers other requests between its steps.
 */
export { analyzeSnapshotInTurns as analyze } from "@/lib/analysis/analyze";
