/**
 * A call whose credential refresh failed waits (0.5, 1, 2 s) before trying again. It must not hold its region's
 * concurrency slot while it waits: with every slot held by such waits, the calls of the region whose credentials
 * still sign would stand still for seconds, though nothing was in flight.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { createScanClients, newCallStats } from "./clients";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import { FAKE_ACCESS_KEY } from "@/test/aws-endpoint/env";
import type { SnapshotInput } from "@/lib/snapshot/schema";

const demo = JSON.parse(readFileSync(path.resolve(__dirname, "../../data/demo-snapshot.json"), "utf8")) as SnapshotInput;
const serve = useLocalEndpoint();

describe("a credential refresh waiting to be tried again", () => {
  it("lets the next call of its region take the slot while it waits, and is tried again after", async () => {
    await serve(demo);
    let failNext = 0;
    // Refreshed before every call (expiring within the SDK's five-minute window); fails when told to, as a container
    // credentials endpoint that blips does.
    const credentials = async () => {
      if (failNext > 0 && failNext--) throw Object.assign(new Error("connect ECONNREFUSED 169.254.170.2:80"), { name: "CredentialsProviderError" });
      return { accessKeyId: FAKE_ACCESS_KEY, secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", expiration: new Date(Date.now() + 60_000) };
    };
    const clients = createScanClients({ credentials, concurrency: 1, stats: newCallStats() });
    try {
      // A first call signed: from here a provider failure is a refresh that failed, which is tried again.
      await clients.lambda("us-east-1", "ListFunctions").send(new ListFunctionsCommand({}));
      failNext = 1;
      const order: string[] = [];
      const waiting = clients.lambda("us-east-1", "GetPolicy").send(new ListFunctionsCommand({})).then(() => order.push("refreshed"));
      const next = clients.lambda("us-east-1", "ListAliases").send(new ListFunctionsCommand({})).then(() => order.push("next"));
      await Promise.all([waiting, next]);
      expect(order).toEqual(["next", "refreshed"]);
    } finally {
      clients.destroy();
    }
  });
});
