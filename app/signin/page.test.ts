/**
 * The sign-in page with a session already open: a teammate opens a link that goes through /signin (copied from the
 * address bar while signed out, or a "Sign in again" whose session came back in another tab) and is sent on to the
 * view it names, not asked for a password again.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { signInOnWithNoUsers } from "@/test/auth-env";

vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
  headers: async () => new Headers({ host: "127.0.0.1:3000", "x-forwarded-proto": "http" }),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`redirect ${url}`);
  },
}));
const session = { user: null as { label: string; provider: string } | null };
vi.mock("@/lib/auth/identity", () => ({ signedInUser: async () => session.user }));
const { default: SignInPage } = await import("./page");

signInOnWithNoUsers();
beforeEach(() => {
  session.user = null;
});

const open = (sp: Record<string, string>) => SignInPage({ searchParams: Promise.resolve(sp) });

describe("sign-in page", () => {
  it("shows the form to a signed-out visitor", async () => {
    await expect(open({ callbackUrl: "/graph?sev=high" })).resolves.toBeTruthy();
  });

  it("sends a signed-in user on to the view the link names", async () => {
    session.user = { label: "alice", provider: "credentials" };
    await expect(open({ callbackUrl: "/graph?sev=high&node=fn%3Aa" })).rejects.toThrow("redirect /graph?sev=high&node=fn%3Aa");
  });

  it("sends a signed-in user on to a crafted link's view as an address Node can send (not a 500)", async () => {
    session.user = { label: "alice", provider: "credentials" };
    await expect(open({ callbackUrl: "/graph?q=\u3000" })).rejects.toThrow(/^redirect \/graph\?q=%E3%80%80$/);
  });

  it("sends a signed-in user only to this server's paths", async () => {
    session.user = { label: "alice", provider: "credentials" };
    await expect(open({ callbackUrl: "//evil.example/" })).rejects.toThrow(/^redirect \/$/);
  });
});

/** The props the page hands a component of the tree it renders, found by a prop only that component takes. */
function propsWith(node: unknown, prop: string): Record<string, unknown> | null {
  if (!node || typeof node !== "object") return null;
  const props = (node as { props?: Record<string, unknown> }).props;
  if (!props) return null;
  if (prop in props) return props;
  const children = Array.isArray(props.children) ? props.children : [props.children];
  for (const child of children) {
    const found = propsWith(child, prop);
    if (found) return found;
  }
  return null;
}

describe("sign-in page over plain http", () => {
  it("tells the form its cookies are Secure when NEXTAUTH_URL is https, so it can say a browser will drop them", async () => {
    vi.stubEnv("NEXTAUTH_URL", "https://lpg.example.com");
    try {
      const form = propsWith(await open({}), "cookieHint");
      expect(form?.cookieHint).toEqual({ secure: true, httpsAddress: "https://lpg.example.com" });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
