/**
 * A function policy granting another region's spelling of a service principal (`logs.us-east-1.amazonaws.com` on a
 * function in eu-west-1): the invoker list shows the grant as written, for the service it names; the function's own
 * region's service is let in only conditionally (lib/policy/principal.ts, otherRegionService).
 */
import { describe, expect, it } from "vitest";
import { policy } from "@/lib/snapshot/fixtures/policy-documents";
import { resourcePolicyDecision } from "@/lib/policy/evaluate";
import { makeContext } from "@/lib/policy/context";
import { invokersOf } from "./invokers";
import { modelOf, newBuilder } from "./test-support";

function world(service: string, region = "eu-west-1") {
  const b = newBuilder();
  const fn = b.fn({ region, name: "f", runtime: "nodejs22.x", role: b.role({ name: "r" }) });
  b.resourcePolicy(fn, policy({ Sid: "Logs", Effect: "Allow", Principal: { Service: service }, Action: "lambda:InvokeFunction", Resource: fn } as never));
  const model = modelOf(b);
  const target = model.functions[0]!;
  const local = resourcePolicyDecision(target.policies[0]!.policy, { principal: { type: "service", id: "logs.amazonaws.com" }, action: "lambda:InvokeFunction", resource: target.arn, context: makeContext({}, false) });
  return { grant: invokersOf(model, target).find((i) => i.sid === "Logs")!, local };
}

describe("a function policy naming a service by a region's spelling", () => {
  it("another region's: listed as written, and the function's region's service only conditionally", () => {
    const w = world("logs.us-east-1.amazonaws.com");
    expect(w.grant).toMatchObject({ principal: "logs.us-east-1.amazonaws.com", principalType: "service", decision: "allowed" });
    expect(w.local).toBe("conditional");
  });

  it("the function's own region's: the function's region's service is let in", () => {
    const w = world("logs.eu-west-1.amazonaws.com");
    expect(w.grant.decision).toBe("allowed");
    expect(w.local).toBe("allowed");
  });

  // reference_policies_elements_principal.html: a service of an opt-in Region calling within it "is identified as the
  // non-regionalized version of their service principal name"; its regionalized name is used only across regions.
  // lambda-permissions.md §3.2: older CloudWatch Logs configurations grant that spelling and work, so it is doubtful.
  it("an opt-in region's own spelling on a function there: listed as written, letting its service in conditionally", () => {
    const w = world("logs.ap-east-1.amazonaws.com", "ap-east-1");
    expect(w.grant).toMatchObject({ principal: "logs.ap-east-1.amazonaws.com", principalType: "service", decision: "conditional" });
    expect(w.local).toBe("conditional");
  });
});
