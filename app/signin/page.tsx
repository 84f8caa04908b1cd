/** The sign-in page (public): one button per configured provider, and the password form when enabled. */
import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm, type ProviderButton } from "@/components/auth/sign-in-form";
import { requestUser } from "@/lib/auth/guard";
import { CALLBACK_COOKIE_NAMES, signInCallbackPath, signInErrorMessage } from "@/lib/auth/callback-url";
import { signInCookieHint } from "@/lib/auth/secure-cookies";
import { readAuthSettings } from "@/lib/auth/settings";
import type { SearchParams } from "@/lib/view/params";

export const metadata: Metadata = { title: "Sign in · Lambda Permissions Graph" };

const NAMES = { github: "GitHub", google: "Google" } as const;

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const settings = readAuthSettings();
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const callbackUrl = signInCallbackPath({
    param: sp.callbackUrl,
    cookie: CALLBACK_COOKIE_NAMES.map((name) => cookieStore.get(name)?.value).find(Boolean),
    ownHosts: [headerList.get("host"), hostOf(process.env.NEXTAUTH_URL)],
  });
  if (!settings.enabled) redirect(callbackUrl);
  // Already signed in (a link copied from the address bar while signed out, a session back in another tab): on to
  // the view, not a second password prompt.
  if (await requestUser()) redirect(callbackUrl);
  const buttons: ProviderButton[] = settings.providers
    .filter((p) => p !== "credentials")
    .map((id) => ({ id, name: id === "oidc" ? settings.oidcName : NAMES[id as keyof typeof NAMES] }));
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">Sign in to Lambda Permissions Graph</h1>
        <p className="mt-1 text-sm text-slate-600">This dashboard shows an AWS account&apos;s permissions; only allowed people can open it.</p>
        {settings.problems.length ? (
          <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="signin-config-problem">
            Sign-in is misconfigured on this server: {settings.problems.join("; ")}.
          </p>
        ) : null}
        <SignInForm
          providers={buttons}
          passwords={settings.providers.includes("credentials")}
          callbackUrl={callbackUrl}
          initialError={signInErrorMessage(sp.error)}
          // X-Forwarded-Proto as next-auth's routes see it (Next fills it in for a plain socket).
          cookieHint={signInCookieHint(process.env, headerList.get("x-forwarded-proto"))}
        />
      </div>
    </main>
  );
}
