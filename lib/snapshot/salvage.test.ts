/**
 * One resource's malformed answer is set aside as unknown (salvage.ts), and the rest of the snapshot analysed; what
 * cannot be tied to one resource still refuses the file with a clear error.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { buildAccountModel } from "@/lib/analysis/account-model";
import { listedRegions } from "@/lib/analysis/role-access";
import { ask, resolvePrincipal } from "@/lib/analysis/what-if";
import { buildAcmeRetailDemo } from "@/lib/snapshot/fixtures/demo/acme-retail";
import { EVERY_EDIT, mutated, paths, setAt } from "@/lib/snapshot/fixtures/mutations";
import { parseSnapshot, readSnapshot, SnapshotReadError } from "./read";
import { MALFORMED_RESPONSE, RegionDataSchema } from "./schema";

const demo = JSON.parse(JSON.stringify(buildAcmeRetailDemo().snapshot)) as { regions: Record<string, Record<string, unknown>> };
const US = "us-east-1";
const ACCOUNT = "123456789012";
const DEBUG_ECHO = `arn:aws:lambda:${US}:${ACCOUNT}:function:debug-echo`;
const FUNCTIONS = analyzeSnapshot(parseSnapshot(demo)).functions.length;

function edited(path: (string | number)[], value: unknown) {
  return setAt(structuredClone(demo), path, value);
}

describe("a malformed answer about one resource", () => {
  it("is unknown for that resource (never 'no policy'), recorded as MalformedResponse, and the rest is analysed", () => {
    const before = analyzeSnapshot(parseSnapshot(demo));
    expect(before.findings.some((f) => f.rule === "public-invoke" && f.function === DEBUG_ECHO)).toBe(true);

    const snapshot = parseSnapshot(edited(["regions", US, "GetPolicy", DEBUG_ECHO, "RevisionId"], ["not", "a", "string"]));
    expect(snapshot.errors).toContainEqual({
      region: US,
      operation: "GetPolicy",
      target: DEBUG_ECHO,
      code: MALFORMED_RESPONSE,
      message: "RevisionId: Invalid input: expected string, received array (set aside when the snapshot was read)",
    });
    const report = analyzeSnapshot(snapshot);
    expect(report.functions).toHaveLength(FUNCTIONS);
    const fn = report.functions.find((f) => f.arn === DEBUG_ECHO)!;
    expect(fn.unknown.join(" ")).toMatch(/GetPolicy/);
    // Its policy was not read, so no verdict on it either way, and the gap is a finding of its own.
    expect(report.findings.some((f) => f.rule === "public-invoke" && f.function === DEBUG_ECHO)).toBe(false);
    expect(report.findings.some((f) => f.rule === "data-unavailable" && f.function === DEBUG_ECHO)).toBe(true);
    // Every other function's findings are as before.
    const others = (r: typeof report) => r.findings.filter((f) => f.function !== DEBUG_ECHO && f.rule !== "data-unavailable").map((f) => f.id).sort();
    expect(others(report)).toEqual(others(before));
  });

  it("every per-resource map of the region: one entry of the wrong type is set aside, the snapshot still reads", () => {
    const operations = Object.keys(RegionDataSchema.shape).filter((op) => {
      const map = demo.regions[US]![op];
      return map !== null && typeof map === "object" && !Array.isArray(map) && Object.keys(map).length > 0 && !("Functions" in map) && !("EventSourceMappings" in map);
    });
    expect(operations.length).toBeGreaterThanOrEqual(10);
    for (const op of operations) {
      const target = Object.keys(demo.regions[US]![op] as object)[0]!;
      const snapshot = parseSnapshot(edited(["regions", US, op, target], 42));
      expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE), op).toEqual([expect.objectContaining({ operation: op, target, region: US })]);
      expect(analyzeSnapshot(snapshot).functions, op).toHaveLength(FUNCTIONS);
    }
  });

  it("200 hostile edits inside per-resource answers: a report of every function, or a clear error for a whole map", () => {
    const perResource = paths(demo).filter((p) => p[0] === "regions" && p.length >= 4 && !["ListFunctions", "ListEventSourceMappings", "ListVersionsByFunction"].includes(String(p[2])));
    let reports = 0;
    fc.assert(
      fc.property(mutated(demo, perResource), (snap) => {
        try {
          expect(analyzeSnapshot(parseSnapshot(snap)).functions).toHaveLength(FUNCTIONS);
          reports++;
        } catch (e: unknown) {
          if (!(e instanceof SnapshotReadError)) throw e;
        }
      }),
      { numRuns: 200, seed: 20261204 },
    );
    expect(reports).toBeGreaterThan(150);
  });
});

describe("a malformed entry of a list", () => {
  const fnArn = (name: string) => `arn:aws:lambda:${US}:${ACCOUNT}:function:${name}`;
  const CHECKOUT = fnArn("checkout-api");
  const functionsList = demo.regions[US]!.ListFunctions as { Functions: { FunctionArn: string }[] };
  const mappings = (demo.regions[US]!.ListEventSourceMappings as { EventSourceMappings: { UUID: string; FunctionArn: string }[] }).EventSourceMappings;
  const gaad = (demo as unknown as { iam: { GetAccountAuthorizationDetails: Record<string, { Arn: string }[]> } }).iam.GetAccountAuthorizationDetails;
  const indexOf = (list: string, arn: string) => gaad[list]!.findIndex((e) => e.Arn === arn);
  const findingsOf = (report: ReturnType<typeof analyzeSnapshot>, arn: string) => report.findings.filter((f) => f.function === arn).map((f) => f.rule);
  const before = analyzeSnapshot(parseSnapshot(demo));
  /** Each finding but the gaps and those of `except`, as before the edit: nothing else is lost. */
  const othersKept = (report: ReturnType<typeof analyzeSnapshot>, except: string[]) => {
    const others = (r: typeof report) => r.findings.filter((f) => !except.includes(f.function ?? "") && f.rule !== "data-unavailable").map((f) => f.id).sort();
    expect(others(report)).toEqual(others(before));
  };

  it("a function: removed and recorded against its ARN; its region no longer listed in full, every other function analysed", () => {
    const at = functionsList.Functions.findIndex((f) => f.FunctionArn === CHECKOUT);
    const snapshot = parseSnapshot(edited(["regions", US, "ListFunctions", "Functions", at, "Description"], ["x"]));
    expect(snapshot.errors).toContainEqual({
      region: US,
      operation: "ListFunctions",
      target: CHECKOUT,
      code: MALFORMED_RESPONSE,
      message: `Functions.${at}.Description: Invalid input: expected string, received array (set aside when the snapshot was read)`,
    });
    const report = analyzeSnapshot(snapshot);
    expect(report.functions.map((f) => f.arn)).toEqual(before.functions.map((f) => f.arn).filter((arn) => arn !== CHECKOUT));
    // A role's access to the function left out is unknown, never "no such function": the region's list is partial.
    expect([...listedRegions(buildAccountModel(snapshot))]).toEqual(["eu-west-1"]);
    expect(report.findings.some((f) => f.rule === "data-unavailable" && f.function === undefined && f.title.includes(US))).toBe(true);
    othersKept(report, [CHECKOUT]);
  });

  it("a function with no readable ARN or name: recorded against the region's whole list", () => {
    const snap = edited(["regions", US, "ListFunctions", "Functions", 0, "FunctionArn"], 7);
    setAt(snap, ["regions", US, "ListFunctions", "Functions", 0, "FunctionName"], null);
    const snapshot = parseSnapshot(snap);
    expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE)).toEqual([
      { region: US, operation: "ListFunctions", code: MALFORMED_RESPONSE, message: expect.stringMatching(/^Functions\.0\.FunctionArn: /) },
    ]);
    expect(analyzeSnapshot(snapshot).functions).toHaveLength(FUNCTIONS - 1);
    expect(listedRegions(buildAccountModel(snapshot)).has(US)).toBe(false);
  });

  it("a function whose name Lambda cannot give (`checkout-api:prod`): set aside against the region's list, never read as checkout-api or its alias", () => {
    const real = functionsList.Functions.find((f) => f.FunctionArn === CHECKOUT)!;
    const snap = structuredClone(demo) as typeof demo;
    const list = (snap.regions[US]!.ListFunctions as { Functions: unknown[] }).Functions;
    // Listed before the real one: it was the entry kept for checkout-api, its name the one sentences used.
    list.unshift({ ...real, FunctionName: "checkout-api:prod", FunctionArn: `${CHECKOUT}:prod` });
    const snapshot = parseSnapshot(snap);
    expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE)).toEqual([
      { region: US, operation: "ListFunctions", code: MALFORMED_RESPONSE, message: "Functions.0.FunctionName: not a Lambda function name (set aside when the snapshot was read)" },
    ]);
    const report = analyzeSnapshot(snapshot);
    expect(report.functions.map((f) => [f.arn, f.name])).toEqual(before.functions.map((f) => [f.arn, f.name]));
    expect(report.problems).toEqual(before.problems);
    expect(report.graph.nodes.filter((n) => n.id.includes("checkout-api:prod"))).toEqual([]);
    expect(report.graph.nodes.map((n) => n.id).sort()).toEqual(before.graph.nodes.map((n) => n.id).sort());
    // Recorded against no function: checkout-api itself is analysed as before, its region's list marked partial.
    expect(findingsOf(report, CHECKOUT)).toEqual(findingsOf(before, CHECKOUT));
    expect(report.findings.some((f) => f.rule === "data-unavailable" && f.function === undefined && f.title.includes(US))).toBe(true);
    othersKept(report, []);
  });

  it("a function ARN with text after the name no qualifier can be (`…:function:spoofed:alert(3)`): set aside, no finding names it", () => {
    const arn = `${fnArn("spoofed")}:alert(3)`;
    const snap = structuredClone(demo) as typeof demo;
    (snap.regions[US]!.ListFunctions as { Functions: unknown[] }).Functions.push({ FunctionName: "spoofed", FunctionArn: arn });
    const anyone = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: "*" }] });
    (snap.regions[US]!.GetPolicy as Record<string, unknown>)[arn] = { Policy: anyone };
    const snapshot = parseSnapshot(snap);
    expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE)).toEqual([
      { region: US, operation: "ListFunctions", code: MALFORMED_RESPONSE, message: expect.stringMatching(/^Functions\.\d+\.FunctionArn: not a Lambda function ARN/) },
    ]);
    const report = analyzeSnapshot(snapshot);
    expect(report.functions).toHaveLength(FUNCTIONS);
    expect(report.findings.filter((f) => f.title.includes("alert"))).toEqual([]);
    expect(report.graph.nodes.filter((n) => n.id.includes("spoofed"))).toEqual([]);
  });

  it("names and ARNs Lambda gives are kept: Lambda@Edge replicas, 64 characters, partial ARNs, versions, other partitions, emulators", () => {
    const name64 = "a".repeat(31) + "-" + "B_9".repeat(10) + "z";
    const entries = [
      { FunctionName: "us-east-1.edge-auth", FunctionArn: fnArn("us-east-1.edge-auth") },
      { FunctionName: name64, FunctionArn: fnArn(name64) },
      { FunctionName: fnArn("arn-named"), FunctionArn: fnArn("arn-named") },
      { FunctionName: `${ACCOUNT}:function:partial`, FunctionArn: fnArn("partial") },
      { FunctionName: "versioned", FunctionArn: `${fnArn("versioned")}:$LATEST` },
      { FunctionName: "versioned", FunctionArn: `${fnArn("versioned")}:3` },
      { FunctionName: "gov", FunctionArn: `arn:aws-us-gov:lambda:us-gov-west-1:${ACCOUNT}:function:gov` },
      { FunctionName: "cn", FunctionArn: `arn:aws-cn:lambda:cn-north-1:${ACCOUNT}:function:cn` },
      { FunctionName: "local", FunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:local" },
      { FunctionArn: fnArn("nameless") },
      { FunctionName: "", FunctionArn: fnArn("emulated") },
    ];
    const snap = structuredClone(demo) as typeof demo;
    (snap.regions[US]!.ListFunctions as { Functions: unknown[] }).Functions.push(...entries);
    expect(parseSnapshot(snap).errors.filter((e) => e.code === MALFORMED_RESPONSE)).toEqual([]);
  });

  it("two entries of one list: both removed, each recorded once, the rest kept in order", () => {
    const snap = edited(["regions", US, "ListFunctions", "Functions", 1, "Runtime"], 1);
    setAt(snap, ["regions", US, "ListFunctions", "Functions", 1, "Handler"], 2);
    setAt(snap, ["regions", US, "ListFunctions", "Functions", 3, "Runtime"], 3);
    const snapshot = parseSnapshot(snap);
    expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE).map((e) => e.target)).toEqual([functionsList.Functions[1]!.FunctionArn, functionsList.Functions[3]!.FunctionArn]);
    expect(snapshot.regions[US]!.ListFunctions!.Functions.map((f) => f.FunctionArn)).toEqual(functionsList.Functions.filter((_, i) => i !== 1 && i !== 3).map((f) => f.FunctionArn));
  });

  it("an event source mapping: recorded against its function, whose mappings are then unknown, not 'none'", () => {
    const ORDERS = fnArn("orders-processor");
    const at = mappings.findIndex((m) => m.FunctionArn === ORDERS);
    expect(findingsOf(before, ORDERS)).toContain("event-source-missing-permissions");
    const snapshot = parseSnapshot(edited(["regions", US, "ListEventSourceMappings", "EventSourceMappings", at, "State"], 0));
    expect(snapshot.errors).toContainEqual({
      region: US,
      operation: "ListEventSourceMappings",
      target: ORDERS,
      code: MALFORMED_RESPONSE,
      message: `EventSourceMappings.${at}.State (UUID ${mappings[at]!.UUID}): Invalid input: expected string, received number (set aside when the snapshot was read)`,
    });
    const report = analyzeSnapshot(snapshot);
    expect(report.functions).toHaveLength(FUNCTIONS);
    expect(report.functions.find((f) => f.arn === ORDERS)!.unknown.join(" ")).toMatch(/ListEventSourceMappings: MalformedResponse/);
    expect(findingsOf(report, ORDERS)).toEqual(["data-unavailable"]);
    othersKept(report, [ORDERS]);
  });

  it("a mapping naming no readable function: every mapping of the region unknown", () => {
    const snapshot = parseSnapshot(edited(["regions", US, "ListEventSourceMappings", "EventSourceMappings", 0, "FunctionArn"], 7));
    expect(snapshot.errors).toContainEqual(expect.objectContaining({ region: US, operation: "ListEventSourceMappings", code: MALFORMED_RESPONSE }));
    expect(snapshot.errors.find((e) => e.operation === "ListEventSourceMappings")?.target).toBeUndefined();
    const report = analyzeSnapshot(snapshot);
    expect(report.functions.filter((f) => f.arn.includes(US)).every((f) => f.unknown.some((u) => u.startsWith("ListEventSourceMappings")))).toBe(true);
    expect(report.functions.filter((f) => !f.arn.includes(US)).some((f) => f.unknown.some((u) => u.startsWith("ListEventSourceMappings")))).toBe(false);
  });

  it("a role: its functions' role unreadable (not deleted), the account's IAM partial, every other role still analysed", () => {
    const WARMER = fnArn("price-cache-warmer");
    const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/price-cache-warmer-role`;
    const at = indexOf("RoleDetailList", ROLE);
    expect(findingsOf(before, WARMER)).toEqual(["logs-permission-missing"]);
    const snapshot = parseSnapshot(edited(["iam", "GetAccountAuthorizationDetails", "RoleDetailList", at, "RoleId"], 7));
    expect(snapshot.errors).toContainEqual({
      operation: "GetAccountAuthorizationDetails",
      target: ROLE,
      code: MALFORMED_RESPONSE,
      message: `RoleDetailList.${at}.RoleId: Invalid input: expected string, received number (set aside when the snapshot was read)`,
    });
    const report = analyzeSnapshot(snapshot);
    expect(report.functions).toHaveLength(FUNCTIONS);
    expect(findingsOf(report, WARMER)).toEqual(["data-unavailable"]);
    // The fix says the answer was malformed, not that a page was left out.
    const gap = report.findings.find((f) => f.function === WARMER)!;
    expect(gap.remediation).toMatch(/could not be taken as it came/);
    expect(gap.remediation).not.toMatch(/NextMarker/);
    expect(report.functions.find((f) => f.arn === WARMER)!.unknown.join(" ")).toMatch(/GetAccountAuthorizationDetails: MalformedResponse \(arn:\S+\/price-cache-warmer-role\)/);
    // The list lost that role alone: the demo's deleted role is still deleted, not unknown.
    const LEGACY = fnArn("legacy-ftp-poller");
    expect(findingsOf(before, LEGACY)).toContain("execution-role-missing");
    expect(findingsOf(report, LEGACY)).toContain("execution-role-missing");
    expect(report.findings.some((f) => f.title === "Not every IAM role is in the snapshot (the role list lost malformed entries)")).toBe(true);
    othersKept(report, [WARMER]);
  });

  it("a role known by its name alone: that role unknown, other absent roles still deleted", () => {
    const WARMER = fnArn("price-cache-warmer");
    const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/price-cache-warmer-role`;
    const snapshot = parseSnapshot(edited(["iam", "GetAccountAuthorizationDetails", "RoleDetailList", indexOf("RoleDetailList", ROLE), "Arn"], 7));
    expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE).map((e) => e.target)).toEqual(["price-cache-warmer-role"]);
    const model = buildAccountModel(snapshot);
    expect(model.functionsByArn.get(WARMER)!.roleState).toBe("unknown");
    const report = analyzeSnapshot(snapshot);
    expect(findingsOf(report, WARMER)).toEqual(["data-unavailable"]);
    expect(findingsOf(report, fnArn("legacy-ftp-poller"))).toContain("execution-role-missing");
    // The what-if questions tell the two apart the same way.
    expect(() => resolvePrincipal(model, ROLE)).toThrow(/could not be read: the snapshot's IAM data is missing or partial/);
    const gone = `arn:aws:iam::${ACCOUNT}:role/service-role/legacy-ftp-poller-role-x7k2p9`;
    expect(() => resolvePrincipal(model, gone)).toThrow(/does not exist in the account \(deleted or renamed\)/);
  });

  it("a role with no readable ARN or name: the role list is partial, so an absent role may exist (unknown, not deleted)", () => {
    const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/price-cache-warmer-role`;
    const snap = edited(["iam", "GetAccountAuthorizationDetails", "RoleDetailList", indexOf("RoleDetailList", ROLE), "Arn"], 7);
    setAt(snap, ["iam", "GetAccountAuthorizationDetails", "RoleDetailList", indexOf("RoleDetailList", ROLE), "RoleName"], 7);
    const snapshot = parseSnapshot(snap);
    expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE).map((e) => e.target)).toEqual([undefined]);
    const LEGACY = fnArn("legacy-ftp-poller");
    const report = analyzeSnapshot(snapshot);
    expect(findingsOf(report, LEGACY)).toContain("data-unavailable");
    expect(findingsOf(report, LEGACY)).not.toContain("execution-role-missing");
  });

  describe("names and ARNs IAM cannot give", () => {
    const WARMER = fnArn("price-cache-warmer");
    const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/price-cache-warmer-role`;
    const FAKE = "aws iam delete-role --role-name prod-admin";
    const roleAt = () => ["iam", "GetAccountAuthorizationDetails", "RoleDetailList", indexOf("RoleDetailList", ROLE)];

    it("a role name with a line break faking a command: set aside against no role, its function's role unknown, the text nowhere", () => {
      const crafted = `price-cache-warmer-role\n${FAKE}`;
      const snap = structuredClone(demo);
      const at = roleAt();
      setAt(snap, [...at, "RoleName"], crafted);
      setAt(snap, [...at, "Arn"], `arn:aws:iam::${ACCOUNT}:role/service-role/${crafted}`);
      const fn = functionsList.Functions.findIndex((f) => f.FunctionArn === WARMER);
      setAt(snap, ["regions", US, "ListFunctions", "Functions", fn, "Role"], `arn:aws:iam::${ACCOUNT}:role/service-role/${crafted}`);
      const snapshot = parseSnapshot(snap);
      // Recorded against no role: the crafted text is not a target, and the message names the field, not its value.
      // The function's Role naming it is set aside too, against the function, which is still analysed.
      expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE)).toEqual([
        { region: US, operation: "ListFunctions", target: WARMER, code: MALFORMED_RESPONSE, message: `Functions.${fn}.Role: not an IAM role ARN (set aside when the snapshot was read)` },
        { operation: "GetAccountAuthorizationDetails", code: MALFORMED_RESPONSE, message: `RoleDetailList.${at[3]}.RoleName: not an IAM role name (set aside when the snapshot was read)` },
      ]);
      const report = analyzeSnapshot(snapshot);
      expect(report.functions).toHaveLength(FUNCTIONS);
      expect(findingsOf(report, WARMER)).toEqual(["data-unavailable"]);
      expect(buildAccountModel(snapshot).functionsByArn.get(WARMER)!.roleState).toBe("unknown");
      // No fix or sentence of any finding holds the crafted line as a line of its own, nor anything of the report.
      for (const f of report.findings) for (const text of [f.title, f.detail, f.remediation]) expect(text.split("\n")).not.toContain(FAKE);
      expect(JSON.stringify(report)).not.toContain(FAKE);
    });

    it("each of a role's name, path and ARN, its inline policy's name, an attached policy's ARN: set aside, what it concerned unknown", () => {
      const cases: [string, (string | number)[], unknown, string][] = [
        ["RoleName", ["RoleName"], "price cache warmer role", "not an IAM role name"],
        ["RoleName", ["RoleName"], "r".repeat(65), "not an IAM role name"],
        ["Path", ["Path"], "/service role/", "not an IAM path"],
        ["Path", ["Path"], "service-role", "not an IAM path"],
        ["Arn", ["Arn"], `arn:aws:iam::${ACCOUNT}:role/service-role/price\u202ecache`, "not an IAM role ARN"],
        ["RolePolicyList", ["RolePolicyList", 0, "PolicyName"], "logs<script>", "not an IAM policy name"],
        ["AttachedManagedPolicies", ["AttachedManagedPolicies"], [{ PolicyName: "p", PolicyArn: "arn:aws:iam::aws:policy/x\ny" }], "not an IAM managed policy ARN"],
      ];
      for (const [what, path, value, message] of cases) {
        const snap = structuredClone(demo);
        const at = roleAt();
        if (path[0] === "RolePolicyList") setAt(snap, [...at, "RolePolicyList"], [{ PolicyName: value, PolicyDocument: { Version: "2012-10-17", Statement: [] } }]);
        else setAt(snap, [...at, ...path], value);
        const snapshot = parseSnapshot(snap);
        const errors = snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE);
        expect(errors, what).toEqual([expect.objectContaining({ operation: "GetAccountAuthorizationDetails", message: expect.stringContaining(`: ${message} (set aside`) })]);
        if (typeof value === "string") expect(errors[0]!.message, what).not.toContain(value);
        expect(findingsOf(analyzeSnapshot(snapshot), WARMER), what).toEqual(["data-unavailable"]);
      }
    });

    it("a managed policy named or addressed as IAM names none: set aside, the roles attaching it partly unreadable", () => {
      const POLICY = `arn:aws:iam::${ACCOUNT}:policy/acme/AcmeLambdaLogging`;
      for (const [field, value] of [["PolicyName", "Acme Lambda Logging"], ["Path", "/acme"], ["Arn", `${POLICY}\n`]] as const) {
        const snap = structuredClone(demo);
        setAt(snap, ["iam", "GetAccountAuthorizationDetails", "Policies", indexOf("Policies", POLICY), field], value);
        const snapshot = parseSnapshot(snap);
        expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE), field).toEqual([
          expect.objectContaining({ operation: "GetAccountAuthorizationDetails", message: expect.stringMatching(new RegExp(`^Policies\\.\\d+\\.${field}: not an IAM`)) }),
        ]);
        const model = buildAccountModel(snapshot);
        expect(model.roles.get(`arn:aws:iam::${ACCOUNT}:role/service-role/cognito-post-confirmation-role`)!.unreadableIdentity.join(" "), field).toMatch(/AcmeLambdaLogging/);
      }
    });

    it("a function's execution role ARN IAM cannot give: that field set aside against the function, its role unknown, the text nowhere", () => {
      const at = functionsList.Functions.findIndex((f) => f.FunctionArn === WARMER);
      const crafted = [
        `arn:aws:iam::${ACCOUNT}:role/service-role/price-cache-warmer-role\n${FAKE}`,
        `arn:aws:iam::${ACCOUNT}:role/price\u0007\u001b[2Jcache`,
        `arn:aws:iam::${ACCOUNT}:role/\u202eelor-nimda`,
        `arn:aws:iam::${ACCOUNT}:role/${"r".repeat(5000)}`,
        `arn:aws:iam::${ACCOUNT}:user/price-cache-warmer-role`,
      ];
      for (const role of crafted) {
        const shown = JSON.stringify(role.slice(0, 60));
        const { snapshot, setAside } = readSnapshot(edited(["regions", US, "ListFunctions", "Functions", at, "Role"], role));
        expect(setAside, shown).toEqual([{ field: `regions.${US}.ListFunctions.Functions.${at}.Role`, target: WARMER, message: `Functions.${at}.Role: not an IAM role ARN` }]);
        expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE), shown).toEqual([
          { region: US, operation: "ListFunctions", target: WARMER, code: MALFORMED_RESPONSE, message: `Functions.${at}.Role: not an IAM role ARN (set aside when the snapshot was read)` },
        ]);
        const model = buildAccountModel(snapshot);
        // The function is still listed and analysed; only what its role grants is unknown, never "reaches nothing".
        // It has a role, one the snapshot cannot name: unknown, never "none" (a function without one).
        expect(model.functionsByArn.get(WARMER)!.roleState, shown).toBe("unknown");
        expect(() => resolvePrincipal(model, WARMER), shown).toThrow(
          `the execution role of price-cache-warmer could not be read: Functions.${at}.Role: not an IAM role ARN (set aside when the snapshot was read)`,
        );
        expect([...listedRegions(model)].sort(), shown).toEqual(["eu-west-1", US]);
        const report = analyzeSnapshot(snapshot);
        expect(report.functions, shown).toHaveLength(FUNCTIONS);
        expect(report.functions.find((f) => f.arn === WARMER)!.unknown, shown).toContain("ListFunctions: MalformedResponse");
        // It names a role, just not one IAM could give: not "names no execution role".
        expect(report.functions.find((f) => f.arn === WARMER)!.unknown.join("\n"), shown).not.toMatch(/names no execution role/);
        // Unknown for the reason it is: the field set aside, and why; not IAM data the snapshot lacks (it has it).
        expect(report.functions.find((f) => f.arn === WARMER)!.unknown, shown).toContain(
          `ListFunctions: the execution role is unknown: Functions.${at}.Role: not an IAM role ARN (set aside when the snapshot was read)`,
        );
        expect(report.functions.find((f) => f.arn === WARMER)!.unknown, shown).not.toContain("GetAccountAuthorizationDetails: not in the snapshot");
        expect(findingsOf(report, WARMER), shown).toEqual(["data-unavailable"]);
        const gap = report.findings.find((f) => f.rule === "data-unavailable" && f.function === WARMER)!;
        expect(gap.detail, shown).toContain(`the execution role (unknown: Functions.${at}.Role: not an IAM role ARN (set aside when the snapshot was read))`);
        expect(`${gap.title}\n${gap.detail}\n${gap.remediation}`, shown).not.toMatch(/names none|left out its Role|GetAccountAuthorizationDetails/);
        // Its evidence is the record of the field set aside, not IAM data said to be absent.
        expect(gap.evidence.map((e) => e.description).join("\n"), shown).not.toMatch(/IAM roles and policies are not in the snapshot|names no execution role/);
        // Not a function left out of the region's list: no region-wide gap, every other finding as before.
        expect(report.findings.filter((f) => f.rule === "data-unavailable" && f.function === undefined && f.title.includes(US)), shown).toEqual([]);
        othersKept(report, [WARMER]);
        expect(JSON.stringify(report), shown).not.toContain(JSON.stringify(role).slice(1, -1));
      }
    });

    it("a published version's Role IAM cannot give: that field set aside against the version, the version kept, its role unknown", () => {
      const PRICING = fnArn("pricing-engine");
      const versions = (demo.regions[US]!.ListVersionsByFunction as Record<string, { Versions: { Version: string }[] }>)[PRICING]!.Versions;
      const at = versions.findIndex((v) => v.Version === "28");
      const crafted = `arn:aws:iam::${ACCOUNT}:role/price\u0007\u001b[2Jcache`;
      const why = `Versions.${at}.Role: not an IAM role ARN`;
      const { snapshot, setAside } = readSnapshot(edited(["regions", US, "ListVersionsByFunction", PRICING, "Versions", at, "Role"], crafted));
      expect(setAside).toEqual([{ field: `regions.${US}.ListVersionsByFunction.${PRICING}.Versions.${at}.Role`, target: `${PRICING}:28`, message: why }]);
      expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE)).toEqual([
        { region: US, operation: "ListVersionsByFunction", target: `${PRICING}:28`, code: MALFORMED_RESPONSE, message: `${why} (set aside when the snapshot was read)` },
      ]);
      const model = buildAccountModel(snapshot);
      const fn = model.functionsByArn.get(PRICING)!;
      // The version is still listed, and so is the rest of the list: only the role version 28 runs as is unknown.
      expect(fn.versions.map((v) => v.Version)).toEqual(["27", "28"]);
      expect(fn.versionsListed).toBe(true);
      expect(model.problems.filter((p) => p.where.includes(PRICING))).toEqual([]);
      // Never the function's current role in its place: canary routes to version 28, live to version 27.
      for (const qualifier of ["28", "canary"]) {
        const answer = ask(model, { principal: `${PRICING}:${qualifier}`, action: "logs:CreateLogGroup", resource: "*" });
        expect(answer.decision, qualifier).toBe("conditional");
        expect(answer.principal.role, qualifier).toBe("");
        expect(answer.reasons.join("\n"), qualifier).toContain(
          `version 28 (100 %) of pricing-engine:${qualifier} runs as the role it was published with, unknown because its Role was set aside: ${why} (set aside when the snapshot was read)`,
        );
      }
      expect(ask(model, { principal: `${PRICING}:live`, action: "logs:CreateLogGroup", resource: "*" }).principal.role).toBe(fn.roleArn);
      const report = analyzeSnapshot(snapshot);
      expect(report.functions).toHaveLength(FUNCTIONS);
      const unknown = report.functions.find((f) => f.arn === PRICING)!.unknown;
      expect(unknown).toContain(`ListVersionsByFunction: the execution role of version 28 is unknown: ${why} (set aside when the snapshot was read)`);
      expect(unknown.join("\n")).not.toMatch(/is not in the result|could not be listed/);
      expect(findingsOf(report, PRICING)).toContain("data-unavailable");
      othersKept(report, [PRICING]);
      expect(JSON.stringify(report)).not.toContain("price\\u0007");
    });

    it("a crafted Role in a stored GetFunctionConfiguration or GetFunction answer is never read: the report is the demo's", () => {
      const crafted = `arn:aws:iam::${ACCOUNT}:role/price\u0007\u001b[2Jcache\n${FAKE}`;
      const snap = structuredClone(demo) as { regions: Record<string, { GetFunctionConfiguration?: Record<string, Record<string, unknown>>; GetFunction?: Record<string, Record<string, unknown>> }> };
      let edits = 0;
      for (const data of Object.values(snap.regions)) {
        for (const answer of Object.values(data.GetFunctionConfiguration ?? {})) (answer.Role = crafted), edits++;
        for (const answer of Object.values(data.GetFunction ?? {})) (answer.Configuration = { Role: crafted }), edits++;
      }
      expect(edits).toBeGreaterThan(2);
      const snapshot = parseSnapshot(snap);
      expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE)).toEqual([]);
      const report = analyzeSnapshot(snapshot);
      // The state and image are all those answers are read for (account-model.ts, images.ts): roles come from ListFunctions.
      expect(JSON.stringify({ ...report, capturedAt: "" })).toEqual(JSON.stringify({ ...before, capturedAt: "" }));
      expect(JSON.stringify(report)).not.toContain(FAKE);
    });

    it("an execution role ARN IAM gives is kept: paths, 64 characters, other partitions, emulators' empty Role", () => {
      const at = functionsList.Functions.findIndex((f) => f.FunctionArn === WARMER);
      for (const role of [`arn:aws:iam::${ACCOUNT}:role/a!b$c/d~e/${"a+=,.@_-".repeat(8)}`, `arn:aws-us-gov:iam::${ACCOUNT}:role/gov`, ""]) {
        expect(parseSnapshot(edited(["regions", US, "ListFunctions", "Functions", at, "Role"], role)).errors.filter((e) => e.code === MALFORMED_RESPONSE), role).toEqual([]);
      }
    });

    it("a user or group named, addressed or grouped as IAM names none: set aside against nothing, IAM users unknown, the text nowhere", () => {
      const USER = `arn:aws:iam::${ACCOUNT}:user/emergency/break-glass-admin`;
      const user = ["iam", "GetAccountAuthorizationDetails", "UserDetailList", indexOf("UserDetailList", USER)];
      const group = ["iam", "GetAccountAuthorizationDetails", "GroupDetailList", 0];
      const crafted = `break-glass-admin\n${FAKE}`;
      // Each break-glass-admin's own name, path or ARN invokes functions, so each reached the report's invokers.
      const cases: [(string | number)[], unknown, string][] = [
        [[...user, "UserName"], crafted, "UserName: not an IAM user name"],
        [[...user, "UserName"], "u".repeat(65), "UserName: not an IAM user name"],
        [[...user, "Path"], "/emergency\u202e/", "Path: not an IAM path"],
        [[...user, "Arn"], `arn:aws:iam::${ACCOUNT}:user/emergency/${crafted}`, "Arn: not an IAM user ARN"],
        [[...user, "Arn"], `arn:aws:iam::${ACCOUNT}:role/emergency/break-glass-admin`, "Arn: not an IAM user ARN"],
        [[...user, "GroupList"], [`deployers\n${FAKE}`], "GroupList.0: not an IAM group name"],
        [[...group, "GroupName"], `deployers\u001b[2J${FAKE}`, "GroupName: not an IAM group name"],
        [[...group, "GroupName"], "g".repeat(129), "GroupName: not an IAM group name"],
        [[...group, "Path"], "/ci /", "Path: not an IAM path"],
        [[...group, "Arn"], `arn:aws:iam::${ACCOUNT}:group/ci/deployers\n${FAKE}`, "Arn: not an IAM group ARN"],
      ];
      for (const [path, value, message] of cases) {
        const what = `${path.slice(2).join(".")} = ${JSON.stringify(value).slice(0, 40)}`;
        const snapshot = parseSnapshot(edited(path, value));
        const report = analyzeSnapshot(snapshot);
        expect(JSON.stringify(report), what).not.toContain(FAKE);
        if (typeof value === "string") expect(JSON.stringify(report), what).not.toContain(JSON.stringify(value).slice(1, -1));
        expect(report.functions, what).toHaveLength(FUNCTIONS);
        // Recorded against its ARN when that and its name are ones IAM gives, else against nothing.
        const named = ["UserName", "GroupName", "Arn"].includes(String(path[4]));
        const target = named ? {} : { target: gaad[String(path[2])]![Number(path[3])]!.Arn };
        expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE), what).toEqual([
          { operation: "GetAccountAuthorizationDetails", ...target, code: MALFORMED_RESPONSE, message: `${path[2]}.${path[3]}.${message} (set aside when the snapshot was read)` },
        ]);
        expect(buildAccountModel(snapshot).usersUnknown, what).toBeDefined();
      }
    });

    it("names, paths and ARNs IAM gives are kept: service-role paths, AWS managed policies, 64 and 128 characters, +=,.@_-, other partitions, emulators", () => {
      const snap = structuredClone(demo) as typeof demo & { iam: { GetAccountAuthorizationDetails: Record<string, unknown[]> } };
      const lists = snap.iam.GetAccountAuthorizationDetails;
      const name64 = "a+=,.@_-".repeat(8);
      const doc = { Version: "2012-10-17", Statement: [] };
      lists.RoleDetailList!.push(
        { RoleName: name64, Path: "/", Arn: `arn:aws:iam::${ACCOUNT}:role/${name64}`, RolePolicyList: [{ PolicyName: "p".repeat(128), PolicyDocument: doc }] },
        { RoleName: "edge", Path: "/a!b$c/d~e/", Arn: `arn:aws:iam::${ACCOUNT}:role/a!b$c/d~e/edge`, AttachedManagedPolicies: [{ PolicyName: "AWSLambdaBasicExecutionRole", PolicyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" }] },
        { RoleName: "gov", Arn: `arn:aws-us-gov:iam::${ACCOUNT}:role/gov`, PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: "arn:aws-us-gov:iam::aws:policy/PowerUserAccess" } },
        { RoleName: "local", Path: "/", Arn: "arn:aws:iam::000000000000:role/local" },
      );
      lists.Policies!.push({ PolicyName: "Team.Policy@1", Path: "/team/", Arn: `arn:aws-cn:iam::${ACCOUNT}:policy/team/Team.Policy@1`, DefaultVersionId: "v1", PolicyVersionList: [] });
      lists.UserDetailList!.push(
        { UserName: name64, Path: "/a!b$c/", Arn: `arn:aws:iam::${ACCOUNT}:user/a!b$c/${name64}`, GroupList: ["g".repeat(128)] },
        { UserName: "", Arn: `arn:aws-us-gov:iam::${ACCOUNT}:user/gov` },
      );
      lists.GroupDetailList!.push({ GroupName: "g".repeat(128), Path: "/", Arn: `arn:aws:iam::${ACCOUNT}:group/${"g".repeat(128)}` });
      expect(parseSnapshot(snap).errors.filter((e) => e.code === MALFORMED_RESPONSE)).toEqual([]);
    });
  });

  it("a managed policy: the roles attaching it partly unreadable, the rest of IAM analysed", () => {
    const POLICY = `arn:aws:iam::${ACCOUNT}:policy/acme/AcmeLambdaLogging`;
    const COGNITO = fnArn("cognito-post-confirmation");
    expect(findingsOf(before, COGNITO)).toEqual([]);
    const snapshot = parseSnapshot(edited(["iam", "GetAccountAuthorizationDetails", "Policies", indexOf("Policies", POLICY), "PolicyVersionList"], "v1"));
    expect(snapshot.errors).toContainEqual(expect.objectContaining({ operation: "GetAccountAuthorizationDetails", target: POLICY, code: MALFORMED_RESPONSE }));
    const model = buildAccountModel(snapshot);
    expect(model.roles.get(`arn:aws:iam::${ACCOUNT}:role/service-role/cognito-post-confirmation-role`)!.unreadableIdentity.join(" ")).toMatch(/managed policy AcmeLambdaLogging/);
    const report = analyzeSnapshot(snapshot);
    expect(report.functions).toHaveLength(FUNCTIONS);
    // Its log grants came from that policy: "may lack, it depends on a policy not read", never a plain "lacks".
    expect(findingsOf(report, COGNITO).sort()).toEqual(["data-unavailable", "logs-permission-missing"]);
    const logs = report.findings.find((f) => f.function === COGNITO && f.rule === "logs-permission-missing")!;
    expect(logs.title).toMatch(/^Function may lack .*\(depends on managed policy AcmeLambdaLogging, which could not be read\)/);
    // The roles are all read: a role absent from them is still deleted, and the other functions keep their verdicts.
    const attaching = model.functions.filter((f) => f.role?.unreadableIdentity.some((u) => u.includes("AcmeLambdaLogging"))).map((f) => f.arn);
    expect(attaching.length).toBeGreaterThanOrEqual(3);
    expect(findingsOf(report, fnArn("legacy-ftp-poller"))).toContain("execution-role-missing");
    othersKept(report, attaching);
  });

  it("a managed policy, a user or a group known by its name alone is not taken for a role set aside", () => {
    const POLICY = `arn:aws:iam::${ACCOUNT}:policy/acme/AcmeLambdaLogging`;
    const USER = `arn:aws:iam::${ACCOUNT}:user/ci/ci-deploy`;
    const snap = edited(["iam", "GetAccountAuthorizationDetails", "Policies", indexOf("Policies", POLICY), "Arn"], 5);
    setAt(snap, ["iam", "GetAccountAuthorizationDetails", "UserDetailList", indexOf("UserDetailList", USER), "Arn"], 5);
    const snapshot = parseSnapshot(snap);
    expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE).map((e) => e.target).sort()).toEqual(["AcmeLambdaLogging", "ci-deploy"]);
    const model = buildAccountModel(snapshot);
    expect(model.iamKnown).toBe(true);
    expect(model.usersUnknown).toBeDefined();
    const report = analyzeSnapshot(snapshot);
    // Every role was read: the demo's deleted role is still deleted, and no function says roles were left out.
    expect(findingsOf(report, fnArn("legacy-ftp-poller"))).toContain("execution-role-missing");
    expect(report.functions.filter((f) => f.unknown.some((u) => u.includes("roles left out")))).toEqual([]);
  });

  it("200 hostile edits inside list entries: every one reads, and only the entries edited are lost", () => {
    const inEntries = paths(demo).filter(
      (p) => (p[0] === "regions" && ["ListFunctions", "ListEventSourceMappings"].includes(String(p[2])) && p.length >= 5) || (p[0] === "iam" && p.length >= 4),
    );
    fc.assert(
      fc.property(mutated(demo, inEntries, EVERY_EDIT), (snap) => {
        const snapshot = parseSnapshot(snap);
        const listed = Object.values(snapshot.regions).flatMap((r) => r.ListFunctions?.Functions ?? []);
        const kept = new Set(listed.map((f) => f.FunctionArn));
        // A function whose Role alone was set aside is still listed, recorded against its own ARN.
        const setAside = snapshot.errors.filter((e) => e.operation === "ListFunctions" && e.code === MALFORMED_RESPONSE && !(e.target && kept.has(e.target))).length;
        expect(listed.length + setAside).toBe(FUNCTIONS);
      }),
      { numRuns: 200, seed: 20261204 },
    );
  });

  it("a user or a group: IAM users unknown, the functions and roles analysed", () => {
    const USER = `arn:aws:iam::${ACCOUNT}:user/ci/ci-deploy`;
    const snap = edited(["iam", "GetAccountAuthorizationDetails", "UserDetailList", indexOf("UserDetailList", USER), "GroupList"], "deployers");
    setAt(snap, ["iam", "GetAccountAuthorizationDetails", "GroupDetailList", 0, "GroupPolicyList"], 5);
    const snapshot = parseSnapshot(snap);
    expect(snapshot.errors.filter((e) => e.code === MALFORMED_RESPONSE).map((e) => e.target).sort()).toEqual([gaad.GroupDetailList![0]!.Arn, USER]);
    const model = buildAccountModel(snapshot);
    expect(model.users.has(USER)).toBe(false);
    expect(model.usersUnknown).toBeDefined();
    const report = analyzeSnapshot(snapshot);
    expect(report.functions).toHaveLength(FUNCTIONS);
    // The roles are all read: every function keeps its verdicts, the demo's deleted role among them.
    othersKept(report, []);
  });
});

describe("a malformed answer of the organization's section", () => {
  const SCP = "p-5tq8v2mz";
  const organizationUnknown = (snapshot: ReturnType<typeof parseSnapshot>) => {
    const report = analyzeSnapshot(snapshot);
    expect(report.functions).toHaveLength(FUNCTIONS);
    expect(report.organization).toBeUndefined();
    expect(report.unknown?.join(" ")).toMatch(/The organization's SCPs and RCPs: .*MalformedResponse/);
    expect(report.findings.filter((f) => f.rule === "data-unavailable" && f.function === undefined && /SCP/.test(f.title))).toHaveLength(1);
  };

  it("one policy's answer: set aside as MalformedResponse, the guardrails unknown, every function analysed", () => {
    expect(analyzeSnapshot(parseSnapshot(demo)).organization?.state).toBe("applied");
    const snapshot = parseSnapshot(edited(["organizations", "DescribePolicy", SCP, "Policy"], "not an object"));
    expect(snapshot.errors).toContainEqual({
      operation: "DescribePolicy",
      target: SCP,
      code: MALFORMED_RESPONSE,
      message: "Policy: Invalid input: expected object, received string (set aside when the snapshot was read)",
    });
    expect(snapshot.organizations?.DescribePolicy?.[SCP]).toBeUndefined();
    expect(snapshot.organizations?.DescribeOrganization).toBeDefined();
    organizationUnknown(snapshot);
  });

  it("the organization's own answer, or a section that is not an object: set aside as DescribeOrganization", () => {
    const odd = parseSnapshot(edited(["organizations", "DescribeOrganization", "Organization", "Id"], 7));
    expect(odd.errors).toContainEqual(expect.objectContaining({ operation: "DescribeOrganization", code: MALFORMED_RESPONSE, message: expect.stringMatching(/^Organization\.Id: /) }));
    organizationUnknown(odd);
    const whole = parseSnapshot(edited(["organizations"], "nope"));
    expect(whole.organizations).toEqual({});
    expect(whole.errors).toContainEqual(expect.objectContaining({ operation: "DescribeOrganization", code: MALFORMED_RESPONSE }));
    organizationUnknown(whole);
  });

  it("a map of answers of the wrong type loses that operation's answers only, once", () => {
    const snapshot = parseSnapshot(edited(["organizations", "ListPoliciesForTarget"], ["not", "a", "map"]));
    expect(snapshot.errors.filter((e) => e.operation === "ListPoliciesForTarget" && e.code === MALFORMED_RESPONSE)).toHaveLength(1);
    expect(snapshot.organizations?.DescribePolicy?.[SCP]).toBeDefined();
    organizationUnknown(snapshot);
  });
});

describe("what is not one resource's answer still refuses the file", () => {
  it("a whole map of the wrong type", () => {
    expect(() => parseSnapshot(edited(["regions", US, "GetPolicy"], "nope"))).toThrow(/regions\.us-east-1\.GetPolicy: Invalid input: expected record/);
  });

  it("a whole list of the wrong type, even beside a malformed answer that alone would be set aside", () => {
    const snap = edited(["regions", US, "GetPolicy", DEBUG_ECHO, "RevisionId"], 7);
    setAt(snap, ["regions", US, "ListFunctions", "Functions"], "nope");
    expect(() => parseSnapshot(snap)).toThrow(/regions\.us-east-1\.ListFunctions\.Functions: Invalid input: expected array/);
    expect(() => parseSnapshot(edited(["iam", "GetAccountAuthorizationDetails", "RoleDetailList"], { not: "a list" }))).toThrow(SnapshotReadError);
  });

  it("an unknown format, even beside a malformed list entry", () => {
    const snap = edited(["regions", US, "ListFunctions", "Functions", 0, "Description"], ["x"]) as Record<string, unknown>;
    snap.format = "lambda-permissions-graph/snapshot@2";
    expect(() => parseSnapshot(snap)).toThrow(/version "2" is not supported/);
  });

  it("an errors list that is not a list (nowhere to record what was set aside)", () => {
    const snap = edited(["regions", US, "GetPolicy", DEBUG_ECHO, "RevisionId"], 7) as Record<string, unknown>;
    snap.errors = "none";
    expect(() => parseSnapshot(snap)).toThrow(SnapshotReadError);
  });
});
