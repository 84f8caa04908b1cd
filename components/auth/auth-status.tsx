/**
 * The header's access badge: who is signed in (with sign-out), or that the server runs in local mode and only
 * this machine can open it. Server component: reads the session cookie, never shows tokens.
 */
import { requestUser } from "@/lib/auth/guard";
import { readAuthSettings, unauthenticatedAllowed } from "@/lib/auth/settings";
import { SignOutButton } from "./sign-out-button";

export async function AuthStatus() {
  const settings = readAuthSettings();
  if (!settings.enabled) {
    const proxied = unauthenticatedAllowed();
    return (
      <p
        className="shrink-0 whitespace-nowrap rounded-full border border-amber-300/40 bg-amber-400/10 px-2.5 py-0.5 text-xs font-medium text-amber-200"
        data-testid="auth-mode"
        data-mode={proxied ? "proxy" : "local"}
        title={
          proxied
            ? "No sign-in configured; LPG_ALLOW_UNAUTHENTICATED=1 says a proxy in front authenticates users."
            : "No sign-in configured, so the server only answers on this computer's loopback address."
        }
      >
        {proxied ? "No sign-in (proxy mode)" : "Local mode: loopback only"}
      </p>
    );
  }
  const user = await requestUser();
  return (
    <div className="flex shrink-0 items-center gap-2 text-sm" data-testid="auth-mode" data-mode="signed-in">
      <span className="text-slate-400">Signed in as</span>
      <span className="max-w-48 truncate font-medium" data-testid="signed-in-user">
        {user?.label ?? "unknown"}
      </span>
      <SignOutButton />
    </div>
  );
}
