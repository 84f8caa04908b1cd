/**
 * `scan [--profile P] [--regions r1,r2|all] [--out FILE] [--version-policies N|all] [--no-organizations]`: reads the
 * account (lib/aws) and writes the snapshot to FILE (`.json`, or gzipped when it ends in `.gz`, any case; `-` for standard
 * output), or stores it for the dashboard. Progress on stderr, the file path or stored snapshot id on stdout.
 * Credential and region problems are user errors (one line).
 */
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { makeDirectory } from "@/lib/store/make-directory";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { z } from "zod";
import { scanAccount, parseRegionList, parseVersionPolicies } from "@/lib/aws/collect";
import { AwsCredentialsError, ScanSetupError } from "@/lib/aws/errors";
import { getAppStore } from "@/lib/store/app-store";
import { storeErrorMessage } from "@/lib/store/store-error";
import { failedCallsLine, isFailedCall, skippedReadsLine, unlistedRegions } from "@/lib/scan/failed-calls";
import { incompleteListing } from "@/lib/scan/progress";
import { interruptedLine } from "@/lib/store/interrupted";
import { parseOptions, UserError } from "../errors";
import { checkOutputFile, writeOutputFile } from "../output-file";
import { finishingBeforeInterrupt } from "../interrupts";
import { createProgressBar } from "../progress-bar";
import { jsonForStdout } from "../json-output";

const ScanCliOptions = z.object({
  profile: z.string().trim().min(1, "--profile needs a profile name").optional(),
  regions: z.string().optional(),
  out: z.string().trim().min(1, "--out needs a file name").optional(),
  versionPolicies: z.string().optional(),
  /** Commander's `--no-organizations`: false when given, else true. */
  organizations: z.boolean().optional(),
});

function storeError(dir: string, e: unknown): UserError {
  return new UserError(`${storeErrorMessage("write", dir, e, "operator")}, or pass --out FILE`);
}

/** The store's directory, made and checked before the scan: a bad LPG_DATA_DIR lost a finished scan to an internal error. */
async function checkStore(dir: string): Promise<void> {
  try {
    await makeDirectory(join(dir, "snapshots"));
    await access(join(dir, "snapshots"), constants.W_OK);
  } catch (e: unknown) {
    throw storeError(dir, e);
  }
}

export async function scanCommand(rawOptions: unknown): Promise<number> {
  const opts = parseOptions(ScanCliOptions, rawOptions);
  // Before the scan: one of a large account takes minutes, and must not end in "cannot write".
  // `-` is standard output, as it is standard input for analyze and can: `scan --out - | analyze -`.
  const toStdout = opts.out === "-";
  if (opts.out && !toStdout) await checkOutputFile("--out", opts.out, "snapshot.json.gz");
  if (!opts.out) await checkStore(getAppStore().store.dir);
  const bar = createProgressBar();
  let result;
  try {
    const regions = opts.regions === undefined ? undefined : parseRegionList(opts.regions);
    const versionPolicies = opts.versionPolicies === undefined ? undefined : parseVersionPolicies(opts.versionPolicies);
    result = await scanAccount({ profile: opts.profile, regions, versionPolicies, organizations: opts.organizations, onProgress: (p) => bar.update(p) });
  } catch (e: unknown) {
    if (e instanceof AwsCredentialsError || e instanceof ScanSetupError) throw new UserError(e.message);
    throw e;
  } finally {
    bar.done();
  }
  const { snapshot, stats } = result;
  const functions = Object.values(snapshot.regions).reduce((n, r) => n + (r.ListFunctions?.Functions.length ?? 0), 0);
  const calls = Object.entries(stats.callsByOperation).map(([op, n]) => `${op} ${n}`).join(", ");
  const notAll = incompleteListing(unlistedRegions(snapshot.errors));
  process.stderr.write(
    `Scanned account ${snapshot.account}: ${functions} functions in ${Object.keys(snapshot.regions).length} region(s)${notAll}, ` +
      `${stats.calls} calls (${calls}), ${stats.retried} retried, ${snapshot.errors.filter(isFailedCall).length} calls failed, ${(stats.durationMs / 1000).toFixed(1)} s\n`,
  );
  for (const line of [failedCallsLine(snapshot.errors), skippedReadsLine(snapshot.errors)]) {
    if (line) process.stderr.write(`${line}\n`);
  }
  if (toStdout) {
    // A description or policy value holding a C1 control (CSI, OSC) would be obeyed by the terminal: escaped (json-output.ts).
    process.stdout.write(jsonForStdout(snapshot, 2) + "\n");
  } else if (opts.out) {
    const json = JSON.stringify(snapshot, null, 2) + "\n";
    // SNAP.JSON.GZ too: a file so named holding plain JSON surprises every tool that goes by the name.
    await writeOutputFile("--out", opts.out, /\.gz$/i.test(opts.out) ? gzipSync(json) : Buffer.from(json));
    process.stdout.write(`${opts.out}\n`);
  } else {
    const save = () =>
      getAppStore().store.saveSnapshot(snapshot).catch((e: unknown) => {
        throw storeError(getAppStore().store.dir, e);
      });
    const { meta, duplicate } = await finishingBeforeInterrupt(save, (saved) => interruptedLine(saved?.meta.id));
    // A snapshot's id is its capture second and content: the same account read twice within one second, or saved
    // by another process meanwhile, is already there, and saying it was stored now would be untrue.
    process.stderr.write(
      duplicate
        ? `Already stored as snapshot ${meta.id} (the same snapshot, read in the same second): nothing new was stored.\n`
        : `Stored as snapshot ${meta.id}; the dashboard shows it as the latest.\n`,
    );
    process.stdout.write(`${meta.id}\n`);
  }
  return 0;
}
