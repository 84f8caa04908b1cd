"use client";
/**
 * Snapshot upload: drop a file on the zone, or pick one with the file input (keyboard and screen readers).
 * The server validates (POST /api/snapshots); this only pre-checks the size so a huge file is refused without
 * sending it, and reports every outcome in a live region, including what was set aside to read a stored file.
 */
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type DragEvent } from "react";
import { tooLargeMessage } from "@/lib/snapshot/upload-limit";
import { setAsideSentence, type SetAsideSummary } from "@/lib/snapshot/set-aside";
import { uploadAnswer } from "./upload-answer";
import { UploadResult } from "./upload-result";

type Status =
  | { kind: "idle" }
  | { kind: "uploading"; name: string }
  | { kind: "error"; message: string }
  | { kind: "done"; id: string; duplicate: boolean; name: string; scan?: { account: string; capturedAt: string }; setAside?: SetAsideSummary };

export function UploadZone({ limitBytes }: { limitBytes: number }) {
  const router = useRouter();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [over, setOver] = useState(false);

  async function upload(file: File) {
    if (file.size > limitBytes) {
      setStatus({ kind: "error", message: tooLargeMessage(file.name, file.size, limitBytes) });
      return;
    }
    setStatus({ kind: "uploading", name: file.name });
    const body = new FormData();
    body.set("file", file);
    try {
      const res = await fetch("/api/snapshots", { method: "POST", body });
      const answer = uploadAnswer(res.status, await res.json().catch(() => null));
      if (answer.kind === "error") {
        setStatus(answer);
        return;
      }
      setStatus({ kind: "done", id: answer.id, duplicate: answer.duplicate, name: file.name, scan: answer.scan, setAside: answer.setAside });
      router.refresh();
    } catch (e: unknown) {
      setStatus({ kind: "error", message: `the upload failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      if (inputRef.current) inputRef.current.value = "";
    }
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setOver(false);
    const files = e.dataTransfer.files;
    if (files.length !== 1) {
      setStatus({ kind: "error", message: files.length ? "drop one snapshot file at a time" : "that was not a file" });
      return;
    }
    void upload(files[0]!);
  }

  return (
    <section aria-labelledby={`${inputId}-title`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={`${inputId}-title`} className="text-base font-semibold text-slate-900">
        Upload a snapshot
      </h2>
      <div
        data-testid="upload-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        className={`mt-3 flex flex-col items-center gap-2 rounded-lg border-2 border-dashed px-4 py-6 text-center text-sm ${
          over ? "border-sky-500 bg-sky-50" : "border-slate-300 bg-slate-50"
        }`}
      >
        <p className="text-slate-700">Drop a snapshot file here (.json or .json.gz, up to {Math.round(limitBytes / 1024 / 1024)} MB), or</p>
        <label htmlFor={inputId} className="cursor-pointer rounded-md bg-sky-700 px-3 py-1.5 forced-colors:border font-medium text-white focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-sky-600 hover:bg-sky-800">
          Choose a file
          <input
            ref={inputRef}
            id={inputId}
            type="file"
            data-testid="upload-input"
            accept=".json,.gz,application/json,application/gzip"
            className="sr-only"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
            }}
          />
        </label>
        <p className="text-xs text-slate-600">Environment variable values are replaced by “&lt;redacted&gt;” before the file is stored.</p>
      </div>
      {/* The one region that says the upload's progress and outcome: a role="status" inside it was a second one, heard
          twice by some screen readers. The refusal is an alert below, outside it, for the same reason. */}
      <div aria-live="polite" className="mt-3 text-sm">
        {status.kind === "uploading" ? (
          <p data-testid="upload-status">
            Uploading and checking {status.name}…
          </p>
        ) : null}
        {status.kind === "done" ? (
          <UploadResult id={status.id} duplicate={status.duplicate} name={status.name} scan={status.scan} />
        ) : null}
        {status.kind === "done" && status.setAside && status.setAside.count > 0 ? (
          <p data-testid="upload-set-aside" className="mt-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
            {setAsideSentence(status.setAside)}
          </p>
        ) : null}
      </div>
      {status.kind === "error" ? (
        <p role="alert" data-testid="upload-error" className="mt-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          Not stored: {status.message}
        </p>
      ) : null}
    </section>
  );
}
