"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/signin" })}
      className="rounded-md px-2 py-1 text-sm text-slate-300 hover:bg-white/5 hover:text-white focus-visible:outline-2 focus-visible:outline-sky-400"
      data-testid="sign-out"
    >
      Sign out
    </button>
  );
}
