/**
 * A new server process, as a test needs one: prints "accepted" or "refused" for the session cookie in argv[2],
 * checked as proxy.ts checks every request, under the environment it was started with. Nothing of the test's process
 * (its memory, its modules) reaches it. Run with `node --import tsx`.
 */
import { NextRequest } from "next/server";
import { signedInUser } from "@/lib/auth/identity";

const request = new NextRequest("http://127.0.0.1:3000/api/report", {
  headers: { host: "127.0.0.1:3000", cookie: `next-auth.session-token=${process.argv[2]}` },
});
process.stdout.write((await signedInUser(request)) ? "accepted" : "refused");
