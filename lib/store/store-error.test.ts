/** What a store directory that cannot be used is said as: the path for the operator, what to set for a web user. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { storeErrorMessage } from "./store-error";

const dir = "/srv/lpg/private-layout/data";
const notADirectory = Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}/snapshots'`), { code: "ENOTDIR" });

afterEach(() => vi.restoreAllMocks());

describe("storeErrorMessage", () => {
  it("names the directory to the operator at the CLI, and logs nothing", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(storeErrorMessage("write", dir, notADirectory, "operator")).toBe(
      `cannot store the snapshot in ${dir} (ENOTDIR): set LPG_DATA_DIR to a directory you can write`,
    );
    expect(log).not.toHaveBeenCalled();
  });

  it("tells a web user what to set without the server's paths, and logs the path for the operator", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const message = storeErrorMessage("read", dir, notADirectory, "web");
    expect(message).toBe(
      "cannot read the snapshot store in the data directory (ENOTDIR): set LPG_DATA_DIR to a directory the server can write; the server's log names the one it tried",
    );
    expect(message).not.toContain("/srv");
    expect(log).toHaveBeenCalledWith(`snapshot store: cannot read the snapshot store in ${dir} (ENOTDIR): set LPG_DATA_DIR to a directory you can write`);
  });

  it("never passes an error's own text, which names paths, to a web user", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const message = storeErrorMessage("write", dir, new Error(`cannot open ${dir}/index.json`), "web");
    expect(message).toBe(
      "cannot store the snapshot in the data directory (unexpected error): set LPG_DATA_DIR to a directory the server can write; the server's log names the one it tried",
    );
  });
});
