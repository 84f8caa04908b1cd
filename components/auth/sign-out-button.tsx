"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      // Not next-auth's redirect, which it builds from NEXTAUTH_URL (http://localhost:3000 when unset), not from the
      // address this page was opened at.
      onClick={() => void signOut({ redirect: false }).then(() => window.location.assign("/signin"))}
      className="rounded-md px-2 py-1 text-sm text-slate-300 hover:bg-white/5 hover:text-white focus-visible:outline-2 focus-visible:outline-sky-400"
      data-testid="sign-out"
    >
      Sign out
    </button>
  );
}
