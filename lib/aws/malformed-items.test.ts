/**
 * One item of an AWS answer without a field the snapshot schema requires (items.ts): it costs that item, recorded
 * as a MalformedResponse error of its call, never the whole scan (snapshot.md: "A malformed document is reported
 * (which one, why) and the rest of the snapshot is still analysed"). And the analysis says unknown for what the
 * item concerned, not fine.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import path from "node:path";
import { scanAccount } from "./collect";
import { useLocalEndpoint } from "@/test/aws-endpoint/serve";
import type { Exchange } from "@/test/aws-endpoint/faults";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { analyzeSnapshot } from "@/lib/analysis/analyze";
import { FunctionConfigurationSchema } from "@/lib/snapshot/schema";
import { parseSnapshot } from "@/lib/snapshot/read";
import { itemName, malformed } from "./items";
import { HIDDEN_CHARACTERS } from "@/lib/view/visible-text";

const root = path.resolve(__dirname, "../..");
const demo = JSON.parse(readFileSync(path.join(root, "data/demo-snapshot.json"), "utf8")) as SnapshotInput;
const malformedErrors = (errors: { code?: string | null }[]) => errors.filter((e) => e.code === "MalformedResponse"); // the demo has denied calls too
const serve = useLocalEndpoint();

const R = "us-east-1";
const fnArn = (name: string) => `arn:aws:lambda:${R}:123456789012:function:${name}`;

type Pick = (item: Record<string, unknown>, x: Exchange) => boolean;

/** A rewrite that sets `field` to `value` in the items of `list` that `pick` chooses, in the answers to `operation`. */
function setField(operation: string, list: string, field: string, pick: Pick, value: unknown) {
  return (x: Exchange) => {
    if (x.operation !== operation || x.answer.status !== 200) return undefined;
    const body = JSON.parse(x.answer.body) as Record<string, Record<string, unknown>[]>;
    for (const item of body[list] ?? []) if (pick(item, x)) item[field] = value;
    return { body: JSON.stringify(body) };
  };
}

/** A rewrite that deletes `field` from those items: JSON leaves out a field set to undefined. */
const dropField = (operation: string, list: string, field: string, pick: Pick) => setField(operation, list, field, pick, undefined);

describe("malformed", () => {
  it("names the item and the field it lacks", () => {
    expect(malformed(FunctionConfigurationSchema, { FunctionName: "f" }, itemName("function", "FunctionName", "f"))?.message).toBe(
      "function f was left out: FunctionArn: Invalid input: expected string, received undefined",
    );
    expect(itemName("event source mapping", "UUID", undefined)).toBe("event source mapping without UUID");
    expect(malformed(FunctionConfigurationSchema, { FunctionArn: fnArn("f") }, "function f")).toBeUndefined();
  });
});

describe("the scan on an item without a required field", () => {
  it("an event source mapping without UUID costs that mapping, and its function's mappings read as unknown", async () => {
    const worker = fnArn("fulfillment-worker");
    await serve(demo, { faults: { rewrite: dropField("ListEventSourceMappings", "EventSourceMappings", "UUID", (m) => m.FunctionArn === worker) } });
    const { snapshot } = await scanAccount({ regions: [R, "eu-west-1"] });
    expect(malformedErrors(snapshot.errors)).toEqual([
      {
        region: R,
        operation: "ListEventSourceMappings",
        target: worker,
        code: "MalformedResponse",
        message: "event source mapping without UUID was left out: UUID: Invalid input: expected string, received undefined",
      },
    ]);
    const mappings = snapshot.regions[R]?.ListEventSourceMappings?.EventSourceMappings ?? [];
    expect(mappings.length).toBe(11); // of 12
    const report = analyzeSnapshot(snapshot);
    expect(report.functions.find((f) => f.arn === worker)?.unknown).toContain("ListEventSourceMappings: MalformedResponse");
    expect(report.findings.find((f) => f.rule === "data-unavailable" && f.functions.includes(worker))?.title).toMatch(/ListEventSourceMappings/);
  });

  it("a mapping that names no function either makes every function's mappings in its region unknown", async () => {
    await serve(demo, { faults: { rewrite: dropField("ListEventSourceMappings", "EventSourceMappings", "FunctionArn", (m) => m.UUID === "53462a22-6a7c-4ece-a3de-c80b385cad23") } });
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(malformedErrors(snapshot.errors)).toEqual([expect.objectContaining({ region: R, operation: "ListEventSourceMappings", code: "MalformedResponse" })]);
    expect(malformedErrors(snapshot.errors)[0]).not.toHaveProperty("target");
    const report = analyzeSnapshot(snapshot);
    expect(report.functions.every((f) => f.unknown.includes("ListEventSourceMappings: MalformedResponse"))).toBe(true);
  });

  it("an alias without AliasArn costs that alias, and its function's aliases read as unknown", async () => {
    const pricing = fnArn("pricing-engine");
    await serve(demo, { faults: { rewrite: dropField("ListAliases", "Aliases", "AliasArn", (a, x) => x.target === pricing && a.Name === "canary") } });
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(malformedErrors(snapshot.errors)).toEqual([
      { region: R, operation: "ListAliases", target: pricing, code: "MalformedResponse", message: "alias canary was left out: AliasArn: Invalid input: expected string, received undefined" },
    ]);
    expect(snapshot.regions[R]?.ListAliases?.[pricing]?.Aliases.map((a) => a.Name)).toEqual(["live"]);
    expect(snapshot.regions[R]?.ListAliases?.[fnArn("product-detail-api")]).toBeDefined(); // the other functions' aliases are kept
    const report = analyzeSnapshot(snapshot);
    expect(report.functions.find((f) => f.arn === pricing)?.unknown).toContain("ListAliases: MalformedResponse");
    expect(report.findings.some((f) => f.rule === "data-unavailable" && f.functions.includes(pricing))).toBe(true);
  });

  it.each([
    ["names another function", (u: Record<string, unknown>): void => void (u.FunctionArn = fnArn("checkout-api")), `a configuration names ${fnArn("checkout-api")}`],
    ["names no function", (u: Record<string, unknown>): void => void delete u.FunctionArn, "a configuration names no function"],
  ] as const)("a listed URL configuration that %s is a gap of the function it was listed for, not filed under another key", async (_, change, message) => {
    // As a listed async configuration that names no qualifier of its function is (collect.ts listedConfigKey).
    const status = fnArn("public-status-page");
    await serveWithListedUrls(status, change);
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(malformedErrors(snapshot.errors)).toEqual([{ region: R, operation: "ListFunctionUrlConfigs", target: status, code: "MalformedResponse", message }]);
    // Neither checkout-api (which has no URL) nor public-status-page is given the configuration.
    expect(Object.keys(snapshot.regions[R]?.GetFunctionUrlConfig ?? {})).toEqual([fnArn("internal-reports:prod"), fnArn("marketing-landing-form")]);
    const report = analyzeSnapshot(snapshot);
    expect(report.functions.find((f) => f.arn === status)?.unknown).toContain("ListFunctionUrlConfigs: MalformedResponse");
    expect(report.findings.filter((f) => f.rule === "function-url-public").map((f) => f.function)).toEqual([fnArn("marketing-landing-form")]);
    expect(report.findings.some((f) => f.rule === "data-unavailable" && f.functions.includes(status))).toBe(true);
  });

  it("a URL listed as the function's $LATEST is the function's own, keyed by the function ARN as snapshot.md keys it", async () => {
    // $LATEST is the function itself, as for a listed async configuration (Lambda names the function's own `…:$LATEST`).
    const status = fnArn("public-status-page");
    await serveWithListedUrls(status, (u) => void (u.FunctionArn = `${status}:$LATEST`));
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(malformedErrors(snapshot.errors)).toEqual([]);
    expect(Object.keys(snapshot.regions[R]?.GetFunctionUrlConfig ?? {})).toEqual([fnArn("internal-reports:prod"), fnArn("marketing-landing-form"), status]);
    // Judged as the same URL listed under the function's own ARN is (the demo as written).
    const urlFindings = (s: Parameters<typeof analyzeSnapshot>[0]) => analyzeSnapshot(s).findings.filter((f) => f.rule === "function-url-public").map((f) => [f.function, f.title]);
    expect(urlFindings(snapshot)).toEqual(urlFindings(parseSnapshot(demo)));
    expect(urlFindings(snapshot)).toContainEqual([status, "Public function URL: anyone on the internet can call this function"]);
  });

  it("a function whose Role IAM cannot give is kept, that field alone set aside and recorded as reading the file records it", async () => {
    const warmer = fnArn("price-cache-warmer");
    const crafted = "arn:aws:iam::123456789012:role/price\u0007\u001b[2Jcache";
    await serve(demo, { faults: { rewrite: setField("ListFunctions", "Functions", "Role", (f) => f.FunctionArn === warmer, crafted) } });
    const { snapshot } = await scanAccount({ regions: [R] });
    const functions = snapshot.regions[R]?.ListFunctions?.Functions ?? [];
    expect(functions).toHaveLength(demo.regions?.[R]?.ListFunctions?.Functions?.length ?? 0);
    const at = functions.findIndex((f) => f.FunctionArn === warmer);
    expect(functions[at]).not.toHaveProperty("Role");
    // The record reading the same answer from a file makes (lib/snapshot/salvage.test.ts), so the analysis reads both alike.
    const file = structuredClone(snapshot) as unknown as SnapshotInput;
    (file.regions![R]!.ListFunctions!.Functions![at] as Record<string, unknown>).Role = crafted;
    file.errors = snapshot.errors.filter((e) => e.code !== "MalformedResponse");
    expect(malformedErrors(snapshot.errors)).toEqual(malformedErrors(parseSnapshot(file).errors));
    expect(malformedErrors(snapshot.errors)).toEqual([
      { region: R, operation: "ListFunctions", target: warmer, code: "MalformedResponse", message: `Functions.${at}.Role: not an IAM role ARN (set aside when the snapshot was read)` },
    ]);
    const report = analyzeSnapshot(snapshot);
    expect(report.functions.find((f) => f.arn === warmer)?.unknown).toContain(
      `ListFunctions: the execution role is unknown: Functions.${at}.Role: not an IAM role ARN (set aside when the snapshot was read)`,
    );
    expect(report.findings.filter((f) => f.function === warmer).map((f) => f.rule)).toEqual(["data-unavailable"]);
    expect(JSON.stringify(snapshot)).not.toContain("price\\u0007");
  });

  it("a published version whose Role IAM cannot give is kept, that field alone set aside and recorded as reading the file records it", async () => {
    const pricing = fnArn("pricing-engine");
    const crafted = "arn:aws:iam::123456789012:role/price\u0007\u001b[2Jcache";
    await serve(demo, { faults: { rewrite: setField("ListVersionsByFunction", "Versions", "Role", (v) => v.FunctionArn === `${pricing}:28`, crafted) } });
    const { snapshot } = await scanAccount({ regions: [R] });
    const versions = (snapshot.regions[R] as { ListVersionsByFunction: Record<string, { Versions: Record<string, unknown>[] }> }).ListVersionsByFunction[pricing]!.Versions;
    expect(versions.map((v) => v.Version)).toEqual(["27", "28"]);
    const at = versions.findIndex((v) => v.Version === "28");
    expect(versions[at]).not.toHaveProperty("Role");
    const why = `Versions.${at}.Role: not an IAM role ARN (set aside when the snapshot was read)`;
    expect(malformedErrors(snapshot.errors)).toEqual([{ region: R, operation: "ListVersionsByFunction", target: `${pricing}:28`, code: "MalformedResponse", message: why }]);
    // The record reading the same answer from a file makes (lib/snapshot/salvage.test.ts), so the analysis reads both alike.
    const file = structuredClone(snapshot) as unknown as { regions: Record<string, { ListVersionsByFunction: Record<string, { Versions: Record<string, unknown>[] }> }>; errors: { code?: string | null }[] };
    file.regions[R]!.ListVersionsByFunction[pricing]!.Versions[at]!.Role = crafted;
    file.errors = snapshot.errors.filter((e) => e.code !== "MalformedResponse");
    expect(malformedErrors(snapshot.errors)).toEqual(malformedErrors(parseSnapshot(file).errors));
    const report = analyzeSnapshot(snapshot);
    const unknown = report.functions.find((f) => f.arn === pricing)?.unknown ?? [];
    expect(unknown).toContain(`ListVersionsByFunction: the execution role of version 28 is unknown: ${why}`);
    expect(unknown.join("\n")).not.toMatch(/could not be listed|is not in the result/);
    expect(report.findings.some((f) => f.rule === "data-unavailable" && f.function === pricing)).toBe(true);
    expect(JSON.stringify(snapshot)).not.toContain("price\\u0007");
  });

  it("a function without FunctionArn is left out of the list, which the region's data-unavailable finding says", async () => {
    await serve(demo, { faults: { rewrite: dropField("ListFunctions", "Functions", "FunctionArn", (f) => f.FunctionName === "cart-api") } });
    const { snapshot } = await scanAccount({ regions: [R] });
    // Every function of the region but cart-api.
    expect(snapshot.regions[R]?.ListFunctions?.Functions).toHaveLength((demo.regions?.[R]?.ListFunctions?.Functions?.length ?? 0) - 1);
    expect(malformedErrors(snapshot.errors)).toEqual([
      {
        region: R,
        operation: "ListFunctions",
        code: "MalformedResponse",
        message: "function cart-api was left out: FunctionArn: Invalid input: expected string, received undefined",
      },
    ]);
    const gap = analyzeSnapshot(snapshot).findings.find((f) => f.rule === "data-unavailable" && f.id.includes(`region/${R}`));
    expect(gap?.title).toBe(`Not every function in ${R} could be listed (MalformedResponse)`);
    expect(JSON.stringify(gap?.evidence)).toContain("function cart-api was left out");
  });

  it("a role without Arn is left out, and IAM reads as partial: the functions running as it are unknown, not on a deleted role", async () => {
    const role = "arn:aws:iam::123456789012:role/service-role/checkout-api-role";
    await serve(demo, {
      faults: { rewrite: (x) => (x.operation === "GetAccountAuthorizationDetails" ? { body: x.answer.body.replace(`<Arn>${role}</Arn>`, "") } : undefined) },
    });
    const { snapshot } = await scanAccount({ regions: [R] });
    // Recorded against the name it still has, as the snapshot reader records an entry it sets aside.
    expect(malformedErrors(snapshot.errors)).toEqual([
      {
        operation: "GetAccountAuthorizationDetails",
        target: "checkout-api-role",
        code: "MalformedResponse",
        message: "role checkout-api-role was left out: Arn: Invalid input: expected string, received undefined",
      },
    ]);
    const report = analyzeSnapshot(snapshot);
    // That role is unknown, not deleted; the demo's one deleted role is still found deleted.
    expect(report.findings.filter((f) => f.rule === "execution-role-missing").map((f) => f.function)).toEqual([fnArn("legacy-ftp-poller")]);
    const checkout = report.functions.find((f) => f.arn === fnArn("checkout-api"));
    expect(checkout?.unknown).toContain("GetAccountAuthorizationDetails: MalformedResponse (checkout-api-role)");
    // One role lost costs that role: the others were read and what they reach is still known.
    const cart = report.functions.find((f) => f.arn === fnArn("cart-api"));
    expect(cart?.unknown.filter((u) => u.startsWith("GetAccountAuthorizationDetails") && !u.includes("roles left out may invoke"))).toEqual([]);
    expect(cart?.reaches.length).toBeGreaterThan(0);
  });

  it("a role named as IAM names none (a line break, a terminal escape, RTL override): its message names it on one line, escaped", async () => {
    const real = "checkout-api-role";
    const crafted = `${real}\n\u001b[2J\u202eFAKE ${"x".repeat(5000)}`;
    await serve(demo, {
      faults: { rewrite: (x) => (x.operation === "GetAccountAuthorizationDetails" ? { body: x.answer.body.replace(`<RoleName>${real}</RoleName>`, `<RoleName>${crafted}</RoleName>`) } : undefined) },
    });
    const { snapshot } = await scanAccount({ regions: [R] });
    const [error, ...more] = snapshot.errors.filter((e) => e.code === "MalformedResponse");
    expect(more).toEqual([]);
    // Recorded against no role (its name is no target), and what the CLI scan prints of it is one line of visible text.
    expect(error).toEqual({ operation: "GetAccountAuthorizationDetails", code: "MalformedResponse", message: expect.stringMatching(/ was left out: RoleName: not an IAM role name$/) });
    expect(error!.message).toContain(`role ${real}\\n\\u001b[2J\\u202eFAKE x`);
    expect(new RegExp(HIDDEN_CHARACTERS.source).test(error!.message ?? "")).toBe(false);
    expect(error!.message!.length).toBeLessThan(400);
  });

  it("any roles without Arn: each recorded by its name, only the functions on them unknown, the deleted role still deleted", async () => {
    const gaad = (demo as unknown as { iam: { GetAccountAuthorizationDetails: { RoleDetailList: { Arn: string }[] } } }).iam.GetAccountAuthorizationDetails;
    const roleArns = gaad.RoleDetailList.map((r) => r.Arn);
    await serve(demo);
    const baseline = analyzeSnapshot((await scanAccount({ regions: [R] })).snapshot);
    const unknownBefore = new Set(baseline.functions.filter((f) => f.unknown.some((u) => u.startsWith("GetAccountAuthorizationDetails"))).map((f) => f.arn));
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.constantFrom(...roleArns), { minLength: 1, maxLength: 4 }), async (dropped) => {
        await serve(demo, {
          faults: {
            rewrite: (x) => {
              if (x.operation !== "GetAccountAuthorizationDetails") return undefined;
              return { body: dropped.reduce((body, arn) => body.replace(`<Arn>${arn}</Arn>`, ""), x.answer.body) };
            },
          },
        });
        const { snapshot } = await scanAccount({ regions: [R] });
        const names = dropped.map((arn) => arn.split("/").pop());
        expect(malformedErrors(snapshot.errors).map((e) => (e as { target?: string }).target).sort()).toEqual([...names].sort());
        const report = analyzeSnapshot(snapshot);
        for (const fn of report.functions.filter((f) => f.region === R)) {
          const config = snapshot.regions[R]!.ListFunctions!.Functions.find((c) => c.FunctionArn === fn.arn)!;
          const onDropped = dropped.includes(config.Role as string);
          const roleUnknown = fn.unknown.some((u) => /^GetAccountAuthorizationDetails: MalformedResponse \(/.test(u));
          // Unknown exactly where its own role was lost (or was already, in the demo's denied reads).
          expect(roleUnknown || unknownBefore.has(fn.arn), fn.arn).toBe(onDropped || unknownBefore.has(fn.arn));
        }
        expect(report.findings.some((f) => f.rule === "execution-role-missing" && f.function === fnArn("legacy-ftp-poller"))).toBe(true);
      }),
      { numRuns: 12, seed: 20261204 },
    );
  }, 120_000);

  it("a managed policy without Arn is recorded against its name, and only the roles attaching it are partly unread", async () => {
    const policy = "arn:aws:iam::123456789012:policy/";
    await serve(demo, {
      faults: {
        rewrite: (x) => {
          if (x.operation !== "GetAccountAuthorizationDetails") return undefined;
          // The first customer-managed policy's own <Arn> (inside <Policies>), not the roles' attachments of it.
          const at = x.answer.body.indexOf("<Policies>");
          const arnAt = x.answer.body.indexOf(`<Arn>${policy}`, at);
          const end = x.answer.body.indexOf("</Arn>", arnAt) + "</Arn>".length;
          return { body: x.answer.body.slice(0, arnAt) + x.answer.body.slice(end) };
        },
      },
    });
    const { snapshot } = await scanAccount({ regions: [R] });
    const [error] = snapshot.errors.filter((e) => e.code === "MalformedResponse");
    expect(error?.operation).toBe("GetAccountAuthorizationDetails");
    expect(error?.target).toMatch(/^[\w+=,.@-]+$/); // its PolicyName
    const report = analyzeSnapshot(snapshot);
    const unread = report.functions.filter((f) => f.unknown.some((u) => u.includes("GetAccountAuthorizationDetails: could not read")));
    const wholeIam = report.functions.filter((f) => f.unknown.some((u) => u.startsWith("GetAccountAuthorizationDetails: MalformedResponse")));
    expect(wholeIam).toEqual([]);
    expect(unread.length).toBeGreaterThan(0);
    expect(unread.length).toBeLessThan(report.functions.length);
    // Every role was read: none is said to be left out, and the demo's deleted role is still deleted.
    expect(report.functions.filter((f) => f.unknown.some((u) => u.includes("roles left out")))).toEqual([]);
    expect(report.findings.filter((f) => f.rule === "execution-role-missing").length).toBeGreaterThan(0);
  });

  it("a queue's attributes of the wrong shape make that queue's encryption unknown, as a failed read does", async () => {
    await serve(demo, { faults: { rewrite: (x) => (x.operation === "GetQueueAttributes" && x.answer.status === 200 ? { body: JSON.stringify({ Attributes: "KmsMasterKeyId" }) } : undefined) } });
    const { snapshot } = await scanAccount({ regions: [R] });
    expect(snapshot.regions[R]?.GetQueueAttributes).toBeUndefined();
    const errors = malformedErrors(snapshot.errors) as { operation: string; target?: string; message?: string }[];
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.operation === "GetQueueAttributes" && e.target?.startsWith("arn:aws:sqs:"))).toBe(true);
    expect(errors[0]?.message).toBe("the answer was left out: Attributes: Invalid input: expected record, received string");
  });
});

/** The demo served with each URL configuration listed for `fn` changed by `change`. */
async function serveWithListedUrls(fn: string, change: (u: Record<string, unknown>) => void): Promise<void> {
  await serve(demo, {
    faults: {
      rewrite: (x) => {
        if (x.operation !== "ListFunctionUrlConfigs" || x.target !== fn || x.answer.status !== 200) return undefined;
        const body = JSON.parse(x.answer.body) as { FunctionUrlConfigs: Record<string, unknown>[] };
        body.FunctionUrlConfigs.forEach(change);
        return { body: JSON.stringify(body) };
      },
    },
  });
}
