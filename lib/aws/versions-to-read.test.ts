import { describe, expect, it } from "vitest";
import type { AliasConfiguration, FunctionConfiguration } from "@aws-sdk/client-lambda";
import { versionsToRead } from "./collect";

const versions = (n: number): FunctionConfiguration[] => Array.from({ length: n }, (_, i) => ({ Version: String(i + 1) }));

describe("versionsToRead", () => {
  it("reads the newest up to the limit, plus every version an alias routes to, and lists the rest oldest first", () => {
    const aliases: AliasConfiguration[] = [{ Name: "live", FunctionVersion: "2", RoutingConfig: { AdditionalVersionWeights: { "3": 0.1 } } }];
    const { read, skipped } = versionsToRead(versions(10), aliases, 4);
    expect(read).toEqual(["10", "9", "8", "7", "3", "2"]);
    expect(skipped).toEqual(["1", "4", "5", "6"]);
  });

  it("Infinity reads them all; numbers sort as numbers, not text", () => {
    expect(versionsToRead(versions(12), [], Infinity).skipped).toEqual([]);
    expect(versionsToRead(versions(12), [], 2).read).toEqual(["12", "11"]);
  });
});
