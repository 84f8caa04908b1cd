/** next-auth's endpoints (sign-in, callback, session, CSRF, sign-out); public by design (lib/auth/access.ts). */
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { isPasswordAttempt, signInThrottle } from "@/lib/auth/sign-in-throttle";

function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  if (isPasswordAttempt(req.method, new URL(req.url).pathname)) {
    const refused = signInThrottle(req);
    if (refused) return refused;
  }
  return NextAuth(req as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };
