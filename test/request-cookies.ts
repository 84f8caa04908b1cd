/**
 * A stand-in for next/headers in tests that render pages or their checks outside Next's request scope: the request's
 * cookies and headers are these, which a test sets before it renders. One module, so the mock and the test share them:
 * `vi.mock("next/headers", async () => (await import("@/test/request-cookies")).nextHeadersStub)`.
 */
export const requestCookies = new Map<string, string>();
export const requestHeaders = new Headers();

export const nextHeadersStub = {
  cookies: async () => ({
    get: (name: string) => (requestCookies.has(name) ? { name, value: requestCookies.get(name) } : undefined),
    getAll: () => [...requestCookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => requestCookies.has(name),
  }),
  headers: async () => requestHeaders,
};
