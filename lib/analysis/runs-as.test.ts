import { describe, expect, it } from "vitest";
import { ACCOUNT, REGION, modelOf, newBuilder } from "./test-support";
import { rolesOfQualified } from "./runs-as";

/**
 * orders' aliases were listed (ListAliases succeeded) and hold `stable` only, while a mapping and async settings are
 * on `live`: lost from a page, created after the list was read, or left out by another tool. `live` exists, but
 * which version it routes to, and so its role, is unknown.
 */
function ordersWithUnlistedAlias(configure?: (b: ReturnType<typeof newBuilder>, fn: string) => void) {
  const b = newBuilder();
  const role = b.role({ name: "orders-role" });
  const fn = b.fn({ region: REGION, name: "orders", runtime: "nodejs22.x", role });
  b.version(fn, "3", role);
  b.alias(fn, "stable", "3");
  b.esm({ functionArn: `${fn}:live`, sourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`, uuid: "11111111-2222-3333-4444-555555555555" });
  configure?.(b, fn);
  const model = modelOf(b);
  return { model, fn: model.functionsByArn.get(fn)!, role };
}

describe("rolesOfQualified: an alias the snapshot refers to that ListAliases' result lacks", () => {
  it("runs as an unknown role (unlisted, absent from the alias list), not the function's current one", () => {
    const { model, fn } = ordersWithUnlistedAlias();
    const [only, ...rest] = rolesOfQualified(model, fn, `${fn.arn}:live`);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ versions: [], share: 1, unlisted: { qualifier: "live", list: "aliases", absent: true } });
  });

  it("a listed alias, $LATEST and the function itself still run as the roles the snapshot shows", () => {
    const { model, fn, role } = ordersWithUnlistedAlias();
    for (const arn of [`${fn.arn}:stable`, `${fn.arn}:$LATEST`, fn.arn]) {
      const roles = rolesOfQualified(model, fn, arn);
      expect(roles.map((r) => r.arn)).toEqual([role]);
      expect(roles[0]?.unlisted).toBeUndefined();
    }
  });

  it("when ListAliases failed the alias is unlisted but not absent: the list was never read", () => {
    const { model, fn } = ordersWithUnlistedAlias((b, f) => b.error({ region: REGION, operation: "ListAliases", target: f, code: "AccessDeniedException", message: "denied" }));
    expect(rolesOfQualified(model, fn, `${fn.arn}:live`)[0]?.unlisted).toEqual({ qualifier: "live", list: "aliases" });
  });
});
