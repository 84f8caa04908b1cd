/** A one-line progress bar on stderr (redrawn in place on a terminal, a line every few seconds otherwise). */
import { progressPercent, progressText, type ScanProgressView } from "@/lib/scan/progress";

export function createProgressBar(stream: NodeJS.WriteStream = process.stderr, width = 24) {
  const tty = Boolean(stream.isTTY);
  let lastLine = 0;
  let drawn = false;
  return {
    update(p: ScanProgressView) {
      const pct = progressPercent(p);
      const filled = Math.round((pct / 100) * width);
      const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(pct).padStart(3)}% ${progressText(p)}`;
      if (tty) {
        stream.write(`\r${line}\u001b[K`);
        drawn = true;
      } else if (Date.now() - lastLine > 2000 || pct === 100) {
        stream.write(`${line}\n`);
        lastLine = Date.now();
      }
    },
    done() {
      if (tty && drawn) stream.write("\n");
    },
  };
}
