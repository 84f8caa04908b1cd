import { SECURITY_HEADERS } from "./lib/security/headers.mjs";
import { proxyBodyLimit, readUploadMaxMb } from "./lib/snapshot/upload-max-mb.mjs";

// Said once at start-up: the upload limit in use is not the one asked for.
const uploadMaxMbProblem = readUploadMaxMb(process.env).problem;
if (uploadMaxMbProblem) console.warn(`[lambda-permissions-graph] ${uploadMaxMbProblem}`);

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // lib/http/dashboard-server.ts compresses, after it has rewritten the page's scripts (which needs plain text).
  compress: false,
  // Other people's in-progress modules share this tree; `npm run typecheck` stays the gate. Set
  // LPG_SKIP_TYPECHECK=1 only to build the UI while someone else's files do not compile.
  typescript: { ignoreBuildErrors: process.env.LPG_SKIP_TYPECHECK === "1" },
  // proxy.ts sees every request; Next cuts bodies through it at 10 MB by default, below the upload limit
  // (LPG_UPLOAD_MAX_MB, 50 MB), which the upload route enforces with a clear message. Same parser as the route.
  experimental: { proxyClientMaxBodySize: proxyBodyLimit(process.env) },
  // No page draws next/image. Its optimizer (/_next/image) is outside proxy.ts's matcher: anyone, through any Host,
  // could make the server request its own routes (anonymously, so refused) and write the `url` they sent, line breaks
  // included, to the log. Off, it answers 404.
  images: { unoptimized: true },
  async headers() {
    return [{ source: "/:path*", headers: [...SECURITY_HEADERS] }];
  },
};

export default nextConfig;
