import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const include = ["lib/**/*.test.ts", "cli/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts"];
/** Tests of server components that need React's server build, as Next's server loads it (React's own cache()). */
const reactServer = ["**/*.rsc.test.ts"];

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    exclude: ["e2e/**", "node_modules/**"],
    // A timeout catches hangs, not slowness: on a shared 2-core machine under load, tests that start CLI processes or
    // run 1,000 fast-check cases took 36–49 s, and timed out at 30 s while every assertion held.
    testTimeout: 120_000,
    // The same for beforeAll/afterAll: importing a route module under that load took longer than vitest's 10 s.
    hookTimeout: 120_000,
    // A stray it.only fails the run (vitest allows it unless CI is set, and .ci/run does not set it).
    allowOnly: false,
    pool: "forks",
    projects: [
      { extends: true, test: { name: "node", include, exclude: ["e2e/**", "node_modules/**", ...reactServer] } },
      {
        extends: true,
        // The condition for the modules vite loads and for those Node loads itself (Next's compiled renderer
        // requires `react`): both must be the one server build, or cache() finds no render under way.
        // next/navigation too, as Next's build aliases it for server components (its client copy needs createContext).
        resolve: {
          conditions: ["react-server", "node", "import", "module", "default"],
          alias: { "next/navigation": "next/dist/client/components/navigation.react-server.js" },
        },
        ssr: { resolve: { conditions: ["react-server"], externalConditions: ["react-server"] } },
        test: { name: "react-server", include: reactServer, execArgv: ["--conditions=react-server"] },
      },
    ],
  },
});
