/** Where to go after signing in: same-origin paths only, so a crafted link cannot send users elsewhere. */
export function safeCallbackPath(value: string | string[] | undefined): string {
  const v = v0(value);
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\") || /[\u0000-\u001f]/.test(v)) return "/";
  if (v === "/signin" || v.startsWith("/signin?") || v.startsWith("/api/")) return "/";
  return v;
}

function v0(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** next-auth's error codes as fixed text: the query parameter itself is never shown. */
export function signInErrorMessage(code: string | string[] | undefined): string | null {
  const c = Array.isArray(code) ? code[0] : code;
  if (!c) return null;
  switch (c) {
    case "CredentialsSignin":
      return "Wrong username or password.";
    case "AccessDenied":
      return "This account is not allowed to use this dashboard (it is not on the allowlist, or its email is not verified).";
    case "SessionRequired":
      return "Please sign in to continue.";
    default:
      return "Sign-in failed. Try again, or ask the person who runs this dashboard.";
  }
}
