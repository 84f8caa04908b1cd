/**
 * Progress on stderr (cli.md): one line redrawn in place on a terminal; when stderr is a file or a pipe (CI logs), a
 * line every few seconds at most (the first after as long), so a log keeps a trace of long work without a line per
 * step, and quick work logs only its final line, if it has one.
 */
import { progressPercent, progressText, type ScanProgressView } from "@/lib/scan/progress";

/**
 * The line cut to the terminal's width, one column spare (some terminals wrap on the last one): `\r` returns to the
 * start of the last row only, so a wrapped line left its first row behind at every redraw, a screenful on an
 * 80-column terminal. The lines are ASCII and one-column symbols (·, …), so length is width.
 */
function fitted(line: string, columns: number | undefined): string {
  if (!columns || line.length < columns) return line;
  return `${line.slice(0, Math.max(0, columns - 2))}…`;
}

export function createStatusLine(stream: NodeJS.WriteStream = process.stderr, everyMs = 2000) {
  const tty = Boolean(stream.isTTY);
  let lastLine = Date.now();
  let lastWritten: string | undefined;
  let drawn = false;
  return {
    /** `final`: the line a log should hold even when the last one was written a moment ago. */
    show(line: string, final = false) {
      if (tty) {
        stream.write(`\r${fitted(line, stream.columns)}\u001b[K`);
        drawn = true;
      } else if ((final || Date.now() - lastLine > everyMs) && line !== lastWritten) {
        // A log already holding this line gains nothing from it again (the scan's last updates all read 100 %).
        stream.write(`${line}\n`);
        lastLine = Date.now();
        lastWritten = line;
      }
    },
    /** Ends the redrawn line, so what is printed next starts on its own. */
    done() {
      if (tty && drawn) stream.write("\n");
      drawn = false;
    },
  };
}

export function barOf(percent: number, width = 24): string {
  const pct = Math.max(0, Math.min(100, percent));
  const filled = Math.round((pct / 100) * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round(pct)).padStart(3)}%`;
}

/** The scan's bar: regions, functions, calls and errors. */
export function createProgressBar(stream: NodeJS.WriteStream = process.stderr) {
  const line = createStatusLine(stream);
  return {
    update(p: ScanProgressView) {
      const pct = progressPercent(p);
      line.show(`${barOf(pct)} ${progressText(p)}`, pct === 100);
    },
    done: line.done,
  };
}
