/** next-auth's endpoints (sign-in, callback, session, CSRF, sign-out); public by design (lib/auth/access.ts). */
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };
