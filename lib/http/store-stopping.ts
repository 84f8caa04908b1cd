/**
 * A read the store could not answer because the server began to stop (serve's Ctrl-C or SIGTERM): an empty store
 * imports the bundled demo at its first read, a write the stop refuses (lib/store/writes-in-flight.ts). Answered 503
 * saying so, as a refused upload or scan is, rather than a bare 500 or an empty store the next start would not show.
 */
import { NextResponse } from "next/server";
import { isStopRefusal } from "@/lib/store/writes-in-flight";
import { DEMO_NOT_IMPORTED_ANSWER } from "@/lib/store/interrupted";

/** `read`'s result, or the 503 when the stop refused the store's first write; any other failure is thrown on. */
export async function unlessStoreStopping<T>(read: Promise<T>, headers?: Record<string, string>): Promise<T | NextResponse> {
  try {
    return await read;
  } catch (e: unknown) {
    if (!isStopRefusal(e)) throw e;
    return NextResponse.json({ error: DEMO_NOT_IMPORTED_ANSWER }, { status: 503, headers: { ...headers, "Cache-Control": "no-store" } });
  }
}
