/**
 * A process of its own saving into a store, for tests of two processes (the CLI's `scan`, a server) sharing one
 * directory: `node --import tsx test/save-snapshot-child.ts DIR`, then over IPC `{ round }` saves that round's
 * snapshot (the same content in every child) and answers `{ round, id, duplicate }`. Says `"ready"` once the store is open.
 */
import { parseSnapshot } from "@/lib/snapshot/read";
import { createFileStore } from "@/lib/store/file-store";

export function roundSnapshot(round: number) {
  return parseSnapshot({
    format: "lambda-permissions-graph/snapshot@1",
    capturedAt: new Date(Date.UTC(2025, 0, 1, 0, round)).toISOString(),
    account: "123456789012",
    regions: { "us-east-1": { ListFunctions: { Functions: [{ FunctionName: `fn-${round}`, FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:fn-${round}` }] } } },
  });
}

async function main(dir: string): Promise<void> {
  const store = createFileStore({ dir });
  await store.listSnapshots();
  process.on("message", (message: { round: number }) => {
    void store.saveSnapshot(roundSnapshot(message.round)).then(
      ({ meta, duplicate }) => process.send?.({ round: message.round, id: meta.id, duplicate }),
      (e: unknown) => process.send?.({ round: message.round, error: String(e) }),
    );
  });
  process.send?.("ready");
}

if (process.send && process.argv[2]) void main(process.argv[2]);
