/**
 * The report of the snapshot on screen, to save: the formats of `analyze --format`, from GET /api/report (which
 * honours sign-in like every route). Plain links: they work without script and from the keyboard.
 */
const FORMATS = [
  { format: "json", label: "JSON", title: "the whole report, as analyze --format json" },
  { format: "sarif", label: "SARIF", title: "SARIF 2.1.0, for code scanning" },
  { format: "markdown", label: "Markdown", title: "a summary for a pull request or a CI job" },
  { format: "text", label: "Text", title: "as analyze prints it" },
] as const;

/**
 * From this many functions the JSON report is warned of before the click: it holds every function's invokers and
 * reach, ~6.7 KB a function on the synthetic accounts (65 MiB at 10,000), which a browser tab opens inline.
 */
export const LARGE_REPORT_FUNCTIONS = 1_000;

const NOTE_ID = "report-json-size";

/** The warning beside the JSON link, or null for an account whose report is small. */
export function jsonSizeNote(functionCount: number): string | null {
  if (functionCount < LARGE_REPORT_FUNCTIONS) return null;
  const mib = Math.max(1, Math.round((functionCount * 6.7) / 1024));
  return `large: ${functionCount.toLocaleString("en-US")} functions, about ${mib.toLocaleString("en-US")} MB`;
}

/** `snapshotId`: the stored snapshot on screen, not "latest", which a scan landing meanwhile would change. */
export function ReportDownloads({ snapshotId, functionCount }: { snapshotId: string; functionCount: number }) {
  const note = jsonSizeNote(functionCount);
  return (
    <p className="mt-1 text-sm text-slate-600" data-testid="report-downloads">
      Report:{" "}
      {FORMATS.map((f, i) => (
        <span key={f.format}>
          {i > 0 ? " · " : null}
          <a
            href={`/api/report?snapshot=${encodeURIComponent(snapshotId)}&format=${f.format}`}
            title={f.title}
            {...(f.format === "json" ? {} : { download: "" })}
            {...(f.format === "json" && note ? { "aria-describedby": NOTE_ID } : {})}
            className="text-sky-800 underline underline-offset-2 hover:text-sky-900 focus-visible:outline-2 focus-visible:outline-sky-600"
          >
            {f.label}
          </a>
          {f.format === "json" && note ? (
            <span id={NOTE_ID} data-testid="report-json-size">
              {" "}
              ({note})
            </span>
          ) : null}
        </span>
      ))}
    </p>
  );
}
