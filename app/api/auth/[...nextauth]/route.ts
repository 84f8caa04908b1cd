/** next-auth's endpoints (sign-in, callback, session, CSRF, sign-out); public by design (lib/auth/access.ts). */
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { isPasswordAttempt, signInThrottle } from "@/lib/auth/sign-in-throttle";

async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  // The segments next-auth itself acts on, so no spelling of the path reaches the password check unbudgeted.
  if (isPasswordAttempt(req.method, (await ctx.params).nextauth)) {
    const refused = signInThrottle(req);
    if (refused) return refused;
  }
  return NextAuth(req as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };
