/**
 * One local endpoint at a time, the SDK pointed at it through AWS_ENDPOINT_URL: `serve` starts it (closing the one
 * before), and an afterEach closes it and restores the environment, so a failing test leaves nothing running.
 */
import { afterEach } from "vitest";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { startAwsEndpoint, type AwsEndpoint, type EndpointOptions } from "./server";
import { scenarioFromSnapshot } from "./scenario";
import { endpointEnv, withEnv } from "./env";

export function useLocalEndpoint(): (input: SnapshotInput, opts?: Omit<EndpointOptions, "scenario">) => Promise<AwsEndpoint> {
  let endpoint: AwsEndpoint | undefined;
  let restoreEnv: (() => void) | undefined;
  const close = async () => {
    restoreEnv?.();
    restoreEnv = undefined;
    await endpoint?.close();
    endpoint = undefined;
  };
  afterEach(close);
  return async (input, opts = {}) => {
    await close();
    endpoint = await startAwsEndpoint({ scenario: scenarioFromSnapshot(input), ...opts });
    restoreEnv = withEnv(endpointEnv(endpoint.url));
    return endpoint;
  };
}
