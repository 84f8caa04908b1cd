/** next-auth's endpoints (sign-in, callback, session, CSRF, sign-out); public by design (lib/auth/access.ts). */
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { SIGN_IN_PATH } from "@/lib/auth/access";
import { readAuthSettings } from "@/lib/auth/settings";
import { isCredentialsCallback, isPasswordAttempt, signInThrottle } from "@/lib/auth/sign-in-throttle";

async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  // Local mode configures no sign-in: next-auth answered every one of its addresses with a 500 and logged a stack
  // trace (no secret), for anyone's request.
  if (!readAuthSettings().enabled) return Response.json({ error: "sign-in is not configured on this server (local mode)" }, { status: 404 });
  const { nextauth } = await ctx.params;
  // The segments next-auth itself acts on, so no spelling of the path reaches the password check unbudgeted.
  if (isPasswordAttempt(req.method, nextauth)) {
    const refused = signInThrottle(req);
    if (refused) return refused;
  } else if (isCredentialsCallback(nextauth)) {
    // A link or a crawler opening the form's target is a client's mistake, not a server error.
    return new Response("Sign in from /signin: this address takes the sign-in form's POST only.\n", {
      status: 405,
      headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  if (nextauth.length === 1 && nextauth[0] === "error") {
    // next-auth puts the parameter in Location as it came: a line break or a character beyond Latin-1 is an invalid
    // header, a 500 with a stack trace in the log for anyone's link; without one it sends the reader to
    // /signin?error=undefined. The page shows fixed text per code and takes the callback from next-auth's cookie.
    const error = new URL(req.url).searchParams.get("error");
    return new Response(null, { status: 302, headers: { Location: error ? `${SIGN_IN_PATH}?error=${encodeURIComponent(error)}` : SIGN_IN_PATH } });
  }
  return NextAuth(req as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };
