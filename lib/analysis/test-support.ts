/** Test helper: builder → snapshot (through the real reader) → account model. */
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { parseSnapshot } from "@/lib/snapshot/read";
import { buildAccountModel, type AccountModel } from "./account-model";
import { roleReach, type RoleReach } from "./reaches";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";

export function newBuilder(): SnapshotBuilder {
  return new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-28T10:00:00Z", regions: [REGION] });
}

export function modelOf(b: SnapshotBuilder): AccountModel {
  return buildAccountModel(parseSnapshot(b.build()));
}

/** The reach of a function's role holding these inline policies, under a boundary named `boundaryName` if given. */
export function roleReachFor(inline: Record<string, unknown>, boundary?: Record<string, unknown>, boundaryName = "boundary"): RoleReach {
  const b = newBuilder();
  const boundaryArn = boundary ? b.managedPolicy({ name: boundaryName, document: boundary as never }) : undefined;
  const role = b.role({ name: "r", inline: inline as never, boundary: boundaryArn });
  b.fn({ region: REGION, name: "f", runtime: "nodejs20.x", role });
  const model = modelOf(b);
  return roleReach(model, model.functions[0]!.role!);
}

/** Runs `work` counting the event loop's turns meanwhile (setImmediate callbacks), as the dashboard's requests get them. */
export async function countingTurns<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let finished = false;
  let turns = 0;
  const tick = () => {
    turns++;
    if (!finished) setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work();
  finished = true;
  return { result, turns };
}
