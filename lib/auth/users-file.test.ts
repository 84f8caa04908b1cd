import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadUsersFile, parseUsersFile } from "./users-file";

const HASH = "scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

describe("users file", () => {
  it("reads name:hash lines, skipping comments and blanks; names are case-insensitive", () => {
    const { users, problems } = parseUsersFile(`# team\n\nAlice:${HASH}\r\nbob@example.com:${HASH}\n`);
    expect(problems).toEqual([]);
    expect([...users.keys()]).toEqual(["alice", "bob@example.com"]);
  });

  it("reports bad lines by number and does not use them", () => {
    const { users, problems } = parseUsersFile(`carol:plaintext-password\n:${HASH}\nbad name:${HASH}\ndave:${HASH}\nDave:${HASH}`);
    expect([...users.keys()]).toEqual(["dave"]);
    expect(problems).toEqual([
      expect.stringMatching(/^line 1: not a hash/),
      expect.stringMatching(/^line 2: username/),
      expect.stringMatching(/^line 3: username/),
      expect.stringMatching(/^line 5: duplicate user Dave/),
    ]);
  });

  it("fails closed on a missing file and picks up edits", () => {
    expect(loadUsersFile("/nonexistent/users.txt")).toMatchObject({ problems: ["cannot read LPG_USERS_FILE: ENOENT"] });
    const file = join(mkdtempSync(join(tmpdir(), "lpg-users-")), "users.txt");
    writeFileSync(file, `alice:${HASH}\n`);
    expect(loadUsersFile(file).users.has("alice")).toBe(true);
    writeFileSync(file, `# alice removed\nbob:${HASH}\n`);
    const after = loadUsersFile(file);
    expect(after.users.has("alice")).toBe(false);
    expect(after.users.has("bob")).toBe(true);
  });
});
