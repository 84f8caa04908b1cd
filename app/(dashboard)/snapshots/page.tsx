import type { Metadata } from "next";
import type { ReactNode } from "react";
import { connection } from "next/server";
import { AppHeader, MAIN_ID } from "@/components/app-header";
import { CompareForm } from "@/components/snapshots/compare-form";
import { SnapshotHistory } from "@/components/snapshots/snapshot-history";
import { BackFocus } from "@/components/back-focus";
import { StoreUnusable } from "@/components/snapshots/store-unusable";
import { UploadZone } from "@/components/snapshots/upload-zone";
import { getAppStore } from "@/lib/store/app-store";
import type { SnapshotMeta } from "@/lib/store/file-store";
import { listSnapshotsOrWhy } from "@/lib/store/store-error";
import { uploadLimitBytes } from "@/lib/snapshot/upload-limit";
import { servingOneFile } from "@/lib/store/read-only";
import { loadSnapshotsState } from "@/lib/view/url-state";
import type { SearchParams } from "@/lib/view/params";
import { requirePageUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Snapshots · Lambda Permissions Graph" };

export default async function SnapshotsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Here, not only in the layout: a client-side navigation renders the page without it (app/pages-access.test.ts).
  await requirePageUser();
  await connection();
  const listed = await listSnapshotsOrWhy(getAppStore().store);
  const { page } = loadSnapshotsState(await searchParams);
  return (
    <>
      <AppHeader current="snapshots" />
      <main id={MAIN_ID} tabIndex={-1} className="mx-auto max-w-7xl space-y-6 px-6 py-6 focus:outline-none">
        {/* Back from a snapshot's overview or graph puts focus on the link that opened it. */}
        <BackFocus />
        <h1 className="text-xl font-semibold text-slate-900">Snapshots</h1>
        {listed.ok ? <StoreContents snapshots={listed.snapshots} page={page} /> : <StoreUnusable error={listed.error} />}
      </main>
    </>
  );
}

function StoreContents({ snapshots, page }: { snapshots: SnapshotMeta[]; page: number }): ReactNode {
  return (
    <>
      {servingOneFile() ? (
        <p className="text-sm text-slate-600">This dashboard shows one file read-only; start it without FILE to upload and compare snapshots.</p>
      ) : (
        <UploadZone limitBytes={uploadLimitBytes()} />
      )}
      <section aria-labelledby="compare-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="compare-title" className="mb-3 text-base font-semibold text-slate-900">
          Compare two scans
        </h2>
        <CompareForm snapshots={snapshots} />
      </section>
      <SnapshotHistory snapshots={snapshots} page={page} />
    </>
  );
}
