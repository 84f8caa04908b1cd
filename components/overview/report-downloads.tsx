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

/** `snapshotId`: the stored snapshot on screen, not "latest", which a scan landing meanwhile would change. */
export function ReportDownloads({ snapshotId }: { snapshotId: string }) {
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
            className="text-sky-800 underline underline-offset-2 hover:text-sky-900 focus-visible:outline-2 focus-visible:outline-sky-600"
          >
            {f.label}
          </a>
        </span>
      ))}
    </p>
  );
}
