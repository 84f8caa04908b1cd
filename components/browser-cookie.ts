/**
 * The few cookies the dashboard's scripts keep for the server's first paint (the overlay choice, the window's size):
 * read and written here alike, so each is sent on every page (Path=/), kept off other sites' requests (SameSite=Lax)
 * and off plain HTTP where the page is served over HTTPS.
 */

export function readCookie(name: string): string | undefined {
  return document.cookie
    .split("; ")
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

/** `maxAgeSeconds` absent: a session cookie, which ends with the browser session. */
export function writeCookie(name: string, value: string, maxAgeSeconds?: number): void {
  const secure = location.protocol === "https:" ? "; Secure" : "";
  const maxAge = maxAgeSeconds === undefined ? "" : `; Max-Age=${maxAgeSeconds}`;
  document.cookie = `${name}=${value}; Path=/; SameSite=Lax${maxAge}${secure}`;
}
