/** Shown while a snapshot is read and analysed (see app/(dashboard)/when-ready.tsx). */
export function ReportLoading() {
  return (
    <div className="flex h-screen flex-col">
      <div className="h-14 shrink-0 bg-slate-900" />
      <div role="status" className="flex flex-1 items-center justify-center gap-3 text-sm text-slate-600">
        <span className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-sky-600" aria-hidden="true" />
        Loading and analysing the snapshot…
      </div>
    </div>
  );
}
