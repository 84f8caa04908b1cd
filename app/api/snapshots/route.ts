/**
 * GET  /api/snapshots: the stored snapshots, newest capture first, and the upload limit.
 * POST /api/snapshots: upload one snapshot file (multipart field `file`, or the raw JSON / gzip body with
 * `?name=` for scripts). Validated, size-limited and redacted by lib/snapshot/upload.ts before anything is
 * stored; a rejected file gets a 400/413 with one clear sentence and nothing is written. A store directory the
 * server cannot use (missing, not writable, disk full) is a 500 that says so, for the list and the upload alike. A
 * stored file's answer says what was set aside to read it (`setAside`: how many, the first few), which the analysis
 * shows as unknown. An upload the server cannot store because it is stopping (serve's Ctrl-C or SIGTERM came while the
 * body was still arriving, or before its write began) is a 503 that says so, and the server's log says it too.
 */
import { NextResponse, type NextRequest } from "next/server";
import { checkUpload } from "@/lib/snapshot/upload";
import { summarizeSetAside } from "@/lib/snapshot/set-aside";
import { tooLargeMessage, uploadLimitBytes } from "@/lib/snapshot/upload-limit";
import { getAppStore } from "@/lib/store/app-store";
import { readOnlyMessage, servingOneFile } from "@/lib/store/read-only";
import { fileSystemCode, listSnapshotsOrWhy, storeErrorMessage } from "@/lib/store/store-error";
import { isStopRefusal, unlessStopping } from "@/lib/store/writes-in-flight";
import { UPLOAD_NOT_STORED, UPLOAD_STOPPING_ANSWER } from "@/lib/store/interrupted";
import { checkRateLimit } from "@/lib/http/rate-limit-hook";
import { proxyBodyLimitBytes } from "@/lib/snapshot/upload-max-mb.mjs";
import { guardApi } from "@/lib/auth/guard";

const noStore = { "Cache-Control": "no-store" };

export async function GET(request: NextRequest) {
  // Behind proxy.ts's central check already; repeated here (defence in depth, lib/auth/guard.ts).
  const denied = await guardApi(request);
  if (denied) return denied;
  const listed = await listSnapshotsOrWhy(getAppStore().store);
  if (!listed.ok) return reject(listed.status, listed.error);
  return NextResponse.json({ snapshots: listed.snapshots, uploadLimitBytes: uploadLimitBytes() }, { headers: noStore });
}

function reject(status: number, error: string) {
  return NextResponse.json({ error }, { status, headers: noStore });
}

/** The server began to stop before the upload was stored: said to its client and, for the operator, in serve's log. */
function stopping() {
  console.error(UPLOAD_NOT_STORED);
  return reject(503, UPLOAD_STOPPING_ANSWER);
}

/**
 * The file's bytes and name from a multipart form or a raw body. A body of the proxy's whole limit was cut there
 * (Next cuts a chunked body it cannot measure beforehand, lib/http/early-refusal.ts refuses the announced ones):
 * "too large", not "not a valid form".
 */
async function readUpload(request: NextRequest): Promise<{ bytes: Uint8Array; name: string } | { error: string } | { cutAt: number }> {
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.length >= proxyBodyLimitBytes(process.env)) return { cutAt: body.length };
  // Media types are case-insensitive (RFC 9110 §8.3.1).
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
    } catch {
      return { error: "the upload is not a valid multipart form; send the file in a field named “file”" };
    }
    const file = form.get("file");
    if (!(file instanceof File)) return { error: "no file in the upload; send the snapshot in a field named “file”" };
    return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name };
  }
  const name = request.nextUrl.searchParams.get("name") ?? "uploaded file";
  return { bytes: body, name };
}

export async function POST(request: NextRequest) {
  const limited = await checkRateLimit("upload", request);
  if (limited) return limited;
  if (servingOneFile()) return reject(409, readOnlyMessage("upload snapshots"));
  const limit = uploadLimitBytes();
  // Refuse an announced oversize body before reading it (multipart framing adds a little, hence the margin).
  const announced = Number(request.headers.get("content-length") ?? 0);
  if (announced > limit + 64 * 1024) return reject(413, tooLargeMessage("the upload", announced, limit));

  let upload;
  try {
    upload = await unlessStopping(readUpload(request));
  } catch (e: unknown) {
    if (isStopRefusal(e)) return stopping();
    throw e;
  }
  if ("cutAt" in upload) return reject(413, `${tooLargeMessage("the upload", upload.cutAt, limit).replace(/ is /, " is more than ")}`);
  if ("error" in upload) return reject(400, upload.error);
  const checked = await checkUpload(upload.bytes, upload.name, limit);
  if (!checked.ok) return reject(checked.status, checked.error);

  const { store } = getAppStore();
  let saved;
  try {
    saved = await store.saveSnapshot(checked.snapshot);
  } catch (e: unknown) {
    if (isStopRefusal(e)) return stopping();
    // The server's directory, not the file: production builds would answer a bare 500 and hide why.
    if (!fileSystemCode(e)) throw e;
    return reject(500, `not stored: ${storeErrorMessage("write", store.dir, e, "web")}`);
  }
  const { meta, duplicate } = saved;
  const setAside = summarizeSetAside(checked.setAside);
  return NextResponse.json({ snapshot: meta, duplicate, setAside }, { status: duplicate ? 200 : 201, headers: noStore });
}
