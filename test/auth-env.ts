/**
 * Sign-in on (a users file named, a session secret set) for the tests of the file that calls it, with no user able
 * to sign in: the file does not exist. The environment found before is put back after them. Set on process.env
 * rather than stubbed, so that a test's own vi.unstubAllEnvs() leaves sign-in on.
 */
import { afterAll, beforeAll } from "vitest";

export function signInOnWithNoUsers(): void {
  const saved = { ...process.env };
  beforeAll(() => {
    process.env.LPG_USERS_FILE = "/nonexistent-users-file";
    process.env.NEXTAUTH_SECRET = "s".repeat(32);
  });
  afterAll(() => {
    process.env = saved;
  });
}
