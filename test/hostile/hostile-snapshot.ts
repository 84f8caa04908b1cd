/**
 * A snapshot of an account whose owner is hostile: every field the scanned account controls (role and policy names,
 * descriptions, tags, Sids, condition values, environment values, AWS's messages) carries markup, Markdown, terminal
 * escapes, formula text, bidirectional overrides, invisible characters, lone surrogates and long runs. The tests of
 * each output (dashboard, reports, CLI) read it; none of its text may change an output's structure or run anything.
 * Its analysed functions are named as Lambda names them; CRAFTED_NAMES, which Lambda cannot give (look-alikes of
 * checkout-api among them), are set aside when the snapshot is read, so the look-alikes reach the outputs only in the
 * text AWS does pass on, the failed call's message. Its analysed role and policy are named as IAM names them too, their
 * crafted text in the description, tags and Sids; CRAFTED_ROLES, whose name, path or policy name IAM cannot give, are
 * set aside, and the function each runs as (`fn-role-0`, …) shows its role as unknown.
 */
import { newBuilder, REGION } from "@/lib/analysis/test-support";
import type { SnapshotInput } from "@/lib/snapshot/schema";

export const HTML = `<img src=x onerror=alert(1)></script><script>alert(2)</script><a href="javascript:alert(3)">x</a>`;
export const MARKDOWN = "# head | cell | `code` [x](javascript:alert(1)) ![](http://evil/) **b**\n# second line";
export const FORMULA = "=cmd|' /C calc'!A0";
export const ANSI = "\u001b[31mRED\u001b[0m\u001b]8;;http://evil/\u0007link\u001b]8;;\u0007\u001b]0;owned\u0007\u001b[2J\r";
export const ODD = "\ud800lone\u2028line\u2029para\u0000nul";
/** "checkout-api" where the override is obeyed, and a look-alike with a zero-width space. */
export const RTL_NAME = "\u202eipa-tuokcehc";
export const ZW_NAME = "check\u200bout-api";
export const SECRET_VALUE = "AKIAHOSTILESECRET0001";
/** Function names a hand-made snapshot can hold and Lambda cannot give. */
export const CRAFTED_NAMES = [RTL_NAME, ZW_NAME, `fn${HTML}`, `fn${MARKDOWN}`, `fn${ANSI}${ODD}`, `fn-${"L".repeat(20000)}`, "checkout-api:prod"];
/**
 * Roles a hand-made snapshot can hold and IAM cannot give: a name whose line break fakes a command line in a fix's
 * prose, escapes, a look-alike, 20,000 characters, a path with a space, an inline policy named with markup.
 */
export const CRAFTED_ROLES: { name: string; path?: string; policy?: string }[] = [
  { name: "app-role\naws iam delete-role --role-name prod-admin" },
  { name: `role${ANSI}${RTL_NAME}` },
  { name: `role${HTML}` },
  { name: `r-${"L".repeat(20000)}` },
  { name: "pathed-role", path: "/team one/" },
  { name: "policy-named-role", policy: `pol<script>|${ANSI}` },
];

export function hostileSnapshot(): SnapshotInput {
  const b = newBuilder();
  const evil = `${HTML} ${MARKDOWN} ${FORMULA} ${ANSI} ${ODD}`;
  const role = b.role({
    name: "role-hostile",
    description: evil,
    tags: { [`<b>tag</b>${ANSI}`]: evil },
    inline: {
      "pol-hostile": {
        Version: "2012-10-17",
        Statement: [
          { Sid: `<img src=x onerror=alert(4)>${ANSI}`, Effect: "Allow", Action: "*", Resource: "*" },
          {
            Sid: "proto",
            Effect: "Allow",
            Action: "sqs:SendMessage",
            Resource: "*",
            Condition: JSON.parse(`{"StringEquals":{"__proto__":["x"],"constructor":"y","aws:PrincipalTag/${ANSI.replace(/[\u0000-\u001f]/g, "")}":"${"v".repeat(5000)}"}}`),
          },
        ],
      } as never,
    },
  });
  const checkout = b.fn({ region: REGION, name: "checkout-api", runtime: "nodejs22.x", role });
  const rtl = b.fn({ region: REGION, name: "fn-evil", runtime: "nodejs22.x", role, description: evil, env: ["SECRET"] });
  const zw = b.fn({ region: REGION, name: "fn-markdown", runtime: "nodejs22.x", role, description: MARKDOWN });
  const html = b.fn({ region: REGION, name: "fn-html", runtime: "nodejs22.x", role, description: HTML });
  const md = b.fn({ region: REGION, name: "fn-formula", runtime: "nodejs22.x", role, description: FORMULA });
  const esc = b.fn({ region: REGION, name: "fn-escapes", runtime: "nodejs22.x", role, description: ANSI });
  const long = b.fn({ region: REGION, name: `fn-${"L".repeat(61)}`, runtime: "nodejs22.x", role, description: "x".repeat(20000) });
  for (const fn of [checkout, rtl, zw, html, md, esc, long]) {
    b.functionTags(fn, { [`k${HTML}`]: evil, [FORMULA]: ANSI });
    // A resource policy as crafted text: AddPermission would refuse this Sid, the file need not.
    b.resourcePolicy(fn, { Version: "2012-10-17", Statement: [{ Sid: `open${HTML}${ANSI}`, Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: fn }] });
  }
  for (const name of CRAFTED_NAMES) b.fn({ region: REGION, name, runtime: "nodejs22.x", role, description: evil });
  CRAFTED_ROLES.forEach(({ name, path, policy }, i) => {
    const inline = { [policy ?? "p"]: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } };
    b.fn({ region: REGION, name: `fn-role-${i}`, runtime: "nodejs22.x", role: b.role({ name, path, inline: inline as never }) });
  });
  // A failed call as the scan records it: AWS's code and message, and the target, are the account's text too.
  b.error({ region: REGION, operation: "GetPolicy", target: rtl, code: `AccessDenied${ANSI}`, message: `${evil} ${RTL_NAME} ${ZW_NAME}` });
  const snap = b.build();
  // Environment values as a careless or hostile scanner would have written them: the reader must drop them.
  for (const fn of (snap as { regions: Record<string, { ListFunctions?: { Functions?: { Environment?: { Variables?: Record<string, string> } }[] } }> }).regions[REGION]!
    .ListFunctions!.Functions!)
    if (fn.Environment?.Variables) for (const k of Object.keys(fn.Environment.Variables)) fn.Environment.Variables[k] = SECRET_VALUE;
  return snap;
}
