/**
 * `npm run demo:generate`: rewrites data/demo-snapshot.json and data/DEMO.md from
 * lib/snapshot/fixtures/demo/ (deterministic; lib/snapshot/fixtures/demo.test.ts checks the committed files).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildAcmeRetailDemo, demoSnapshotJson } from "../lib/snapshot/fixtures/demo/acme-retail";
import { renderDemoMarkdown } from "../lib/snapshot/fixtures/demo/demo-markdown";

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "data");
const demo = buildAcmeRetailDemo();
writeFileSync(path.join(dataDir, "demo-snapshot.json"), demoSnapshotJson(demo));
writeFileSync(path.join(dataDir, "DEMO.md"), renderDemoMarkdown(demo.entries));
const clean = demo.entries.filter((e) => e.expect.length === 0 && !e.malformed).length;
console.log(`wrote data/demo-snapshot.json and data/DEMO.md: ${demo.entries.length} functions, ${clean} clean`);
