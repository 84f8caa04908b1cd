/**
 * A role node's label ends in "(missing)", "(unread)" or "(partly unread)" when the snapshot lacks the role or some of
 * its documents; a long role name cut that suffix off the node ("legacy-ftp-poller-rol…"), so the view says it apart.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { readSnapshotFile } from "@/lib/snapshot/read";
import { nodeId, roleLabel, roleStateOfLabel } from "@/lib/graph/build";
import { graphIndexOf } from "./graph-view";

const ACCOUNT = "123456789012";
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/service-role/${name}`;

describe("a role node's state", async () => {
  const idx = graphIndexOf(analyzeSnapshot(await readSnapshotFile(path.resolve(__dirname, "../../data/demo-snapshot.json"))));

  it("is the state its label says, on the demo's missing, partly unread and whole roles", () => {
    const missing = idx.byId.get(nodeId.role(roleArn("legacy-ftp-poller-role-x7k2p9")));
    expect(missing?.label).toBe("legacy-ftp-poller-role-x7k2p9 (missing)");
    expect(missing?.roleState).toBe("missing");
    expect(idx.byId.get(nodeId.role(roleArn("recommendations-batch-role")))?.roleState).toBe("partly unread");
    expect(idx.byId.get(nodeId.role(roleArn("orders-processor-role")))?.roleState).toBeUndefined();
  });

  it("reads back each state the label is written with, and none from a bare name", () => {
    for (const state of ["missing", "unread", "partly unread"] as const) expect(roleStateOfLabel(roleLabel(roleArn("r"), state))).toBe(state);
    expect(roleStateOfLabel(roleLabel(roleArn("r"), undefined))).toBeUndefined();
  });
});
