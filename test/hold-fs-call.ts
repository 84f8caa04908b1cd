/**
 * Preload for tests that signal a process in the middle of a write (`node --import tsx --import ./test/hold-fs-call.ts`):
 * the first `fs/promises` call named by HOLD_FS_CALL (`link`, `rename`…) on a path containing HOLD_PATH says
 * `holding <call> <path>` on stderr, then waits for a line on stdin before it goes on. The test knows the moment
 * instead of guessing it with a sleep.
 */
import fsp from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";

const call = process.env.HOLD_FS_CALL as "link" | "rename" | undefined;
const part = process.env.HOLD_PATH ?? "";

if (call === "link" || call === "rename") {
  const original = fsp[call];
  let held = false;
  fsp[call] = async (from: Parameters<typeof original>[0], to: Parameters<typeof original>[1]) => {
    if (!held && String(to).includes(part)) {
      held = true;
      process.stderr.write(`holding ${call} ${String(to)}\n`);
      await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
      process.stdin.destroy();
    }
    return original(from, to);
  };
  // The named imports of node:fs/promises (atomic-write.ts's) are bound to these properties only after this.
  syncBuiltinESMExports();
}
