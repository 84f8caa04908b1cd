/** Test helper: builder → snapshot (through the real reader) → account model. */
import { SnapshotBuilder } from "@/lib/snapshot/fixtures/builder";
import { parseSnapshot } from "@/lib/snapshot/read";
import { buildAccountModel, type AccountModel } from "./account-model";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";

export function newBuilder(): SnapshotBuilder {
  return new SnapshotBuilder({ account: ACCOUNT, capturedAt: "2026-11-28T10:00:00Z", regions: [REGION] });
}

export function modelOf(b: SnapshotBuilder): AccountModel {
  return buildAccountModel(parseSnapshot(b.build()));
}
