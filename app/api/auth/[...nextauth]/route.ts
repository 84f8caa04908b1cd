/** next-auth's endpoints (sign-in, callback, session, CSRF, sign-out); public by design (lib/auth/access.ts). */
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { SIGN_IN_PATH } from "@/lib/auth/access";
import { isCredentialsCallback, isPasswordAttempt, signInThrottle } from "@/lib/auth/sign-in-throttle";

async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
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
  if (nextauth.length === 1 && nextauth[0] === "error" && !new URL(req.url).searchParams.has("error")) {
    // next-auth would send the reader to /signin?error=undefined, which the page shows as an error named "undefined".
    return new Response(null, { status: 302, headers: { Location: SIGN_IN_PATH } });
  }
  return NextAuth(req as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };
