import { afterEach, describe, expect, it, vi } from "vitest";
import { proxyBodyLimit, readUploadMaxMb } from "./upload-max-mb.mjs";
import { uploadLimitBytes } from "./upload-limit";

const MiB = 1024 * 1024;

describe("LPG_UPLOAD_MAX_MB", () => {
  it.each([
    [undefined, 50, false],
    ["", 50, false],
    ["  ", 50, false],
    ["2", 2, false],
    ["1.5", 1.5, false],
    ["512", 512, false],
    ["600", 512, true],
    ["lots", 50, true],
    ["-1", 50, true],
    ["0", 50, true],
  ])("%j → %d MB (problem reported: %s)", (value, mb, problem) => {
    const env = { LPG_UPLOAD_MAX_MB: value };
    expect(readUploadMaxMb(env)).toEqual(problem ? { mb, problem: expect.stringContaining("LPG_UPLOAD_MAX_MB") } : { mb });
    expect(uploadLimitBytes(env)).toBe(Math.floor(mb * MiB));
    // The body limit in front of the route is always above the route's own limit.
    expect(Number(/^(\d+)mb$/.exec(proxyBodyLimit(env))?.[1]) * MiB).toBeGreaterThan(uploadLimitBytes(env));
  });
});

describe("next.config.js", () => {
  const saved = process.env.LPG_UPLOAD_MAX_MB;
  afterEach(() => {
    if (saved === undefined) delete process.env.LPG_UPLOAD_MAX_MB;
    else process.env.LPG_UPLOAD_MAX_MB = saved;
    vi.resetModules();
  });

  it.each(["", "600", "lots"])("with LPG_UPLOAD_MAX_MB=%j lets through a body as large as the route accepts", async (value) => {
    process.env.LPG_UPLOAD_MAX_MB = value;
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const configUrl = new URL("../../next.config.js", import.meta.url).href;
    const { default: config } = (await import(/* @vite-ignore */ configUrl)) as { default: { experimental: { proxyClientMaxBodySize: string } } };
    expect(config.experimental.proxyClientMaxBodySize).toBe(proxyBodyLimit(process.env));
    expect(Number(/^(\d+)mb$/.exec(config.experimental.proxyClientMaxBodySize)?.[1]) * MiB).toBeGreaterThan(uploadLimitBytes());
  });
});
