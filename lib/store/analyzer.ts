/** The analysis the dashboard runs on a stored snapshot (one place, so tests and tools can see what runs). */
export { analyzeSnapshot as analyze } from "@/lib/analysis/analyze";
