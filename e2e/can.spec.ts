/**
 * The details panel's what-if box asks /api/can and shows the decision and the deciding statement (data/DEMO.md),
 * as the function or, through "Run as", as one of its aliases (e2e/fixtures/canary-alias.ts), on an IAM user's
 * node as that user, and on an execution role's node as that role.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./test";
import { graphNode, openGraph } from "./helpers";
import { canaryAliasSnapshot, QUEUE as ORDERS_QUEUE } from "./fixtures/canary-alias";
import { ALIASES, CANARY_ALIAS, FUNCTION as BUILDS, OWN_NODE_ALIAS, QUEUE as BUILDS_QUEUE, aliasName, manyAliasesSnapshot } from "./fixtures/many-aliases";

const QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders-queue";

test.describe("what-if box", () => {
  test("orders-processor: DeleteMessage on its queue is allowed by statement #2; ReceiveMessage is implicitly denied", async ({ page }) => {
    await openGraph(page);
    await graphNode(page, "orders-processor").click();
    const box = page.getByTestId("details-panel").getByTestId("can-box");
    await expect(box).toBeVisible();

    // The resource is prefilled with the function's event source; the action completes from the catalog.
    const resource = box.getByLabel("Resource ARN");
    await expect(resource).toHaveValue(QUEUE);
    const action = box.getByLabel("Action");
    await action.fill("sqs:DeleteMes");
    await expect(box.locator('[data-testid="can-action-options"] option[value="sqs:DeleteMessage"]')).toHaveCount(1);
    await action.fill("sqs:DeleteMessage");
    await box.getByRole("button", { name: "Ask" }).click();

    const decision = box.getByTestId("can-decision");
    await expect(decision).toHaveAttribute("data-decision", "allowed");
    await expect(decision).toContainText("Allowed");
    const statement = box.getByTestId("can-statement");
    await expect(statement).toHaveCount(1);
    await expect(statement).toContainText("orders-processor-role-policy");
    // Named as the report and the findings name it: zero-based, with the "#".
    await expect(statement).toContainText("inline policy 'orders-processor-role-policy', statement #2");
    await expect(statement).toContainText("Statement#2 (counting from 0)");
    await expect(statement.getByTestId("evidence-highlight").first()).toHaveText("sqs:DeleteMessage");
    await expect(statement.getByTestId("evidence-highlight").nth(1)).toHaveText(QUEUE);

    await action.fill("sqs:ReceiveMessage");
    await box.getByRole("button", { name: "Ask" }).click();
    await expect(decision).toHaveAttribute("data-decision", "implicitly-denied");
    await expect(box.getByTestId("can-statement")).toHaveCount(0);

    // Bad input gets a clear message, not a crash.
    await box.getByLabel("Context (optional)").fill("not-a-pair");
    await box.getByRole("button", { name: "Ask" }).click();
    await expect(box.getByTestId("can-error")).toContainText("KEY=VALUE");
    // Checked here or by the server, a bad value is named by its key as typed, the same way.
    await box.getByLabel("Context (optional)").fill("aws:TagKeys=[1]");
    await box.getByRole("button", { name: "Ask" }).click();
    await expect(box.getByTestId("can-error")).toHaveText("aws:TagKeys: a multi-valued key takes a JSON array of strings");
    await box.getByLabel("Context (optional)").fill("aws:SourceIp=ten");
    await box.getByRole("button", { name: "Ask" }).click();
    await expect(box.getByTestId("can-error")).toHaveText(/^aws:SourceIp: "ten" is not an IP address/);

    // An empty action is explained, and the button keeps keyboard focus (it is never disabled).
    await box.getByLabel("Context (optional)").fill("");
    await action.fill("");
    const ask = box.getByRole("button", { name: "Ask" });
    await ask.focus();
    await page.keyboard.press("Enter");
    await expect(box.getByTestId("can-error")).toContainText("Give an action");
    await expect(ask).toBeFocused();
  });

  test("run as an alias: the box asks as the role its version was published with, and says who answered", async ({ page, request }) => {
    const upload = await request.post("/api/snapshots", {
      multipart: { file: { name: "canary-alias.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(canaryAliasSnapshot())) } },
    });
    expect([200, 201]).toContain(upload.status());
    const id = (await upload.json()).snapshot.id as string;
    const fn = "arn:aws:lambda:us-east-1:123456789012:function:orders";

    await openGraph(page, `?snapshot=${id}`);
    await graphNode(page, "orders").click();
    const box = page.getByTestId("details-panel").getByTestId("can-box");
    const runAs = box.getByLabel("Run as");
    await expect(runAs).toHaveValue(fn);
    await expect(runAs.locator("option")).toHaveText([
      "orders: current role orders-stable-role",
      "alias live → version 3 (90 %), version 4 (10 %)",
      "alias next → version 4",
    ]);
    await box.getByLabel("Resource ARN").fill(ORDERS_QUEUE);
    await box.getByLabel("Action").fill("sqs:DeleteMessage");
    const ask = box.getByRole("button", { name: "Ask" });
    await ask.click();
    const decision = box.getByTestId("can-decision");
    await expect(decision).toHaveAttribute("data-decision", "allowed");
    await expect(box.getByTestId("can-principal")).toHaveText("Asked as orders, as role orders-stable-role");

    // Chosen with the keyboard: the alias's version was published with a role that may not delete.
    const sent: unknown[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/can")) sent.push(r.postDataJSON().principal);
    });
    await runAs.focus();
    await runAs.selectOption({ label: "alias next → version 4" });
    await page.keyboard.press("Tab");
    await expect(box.getByLabel("Action")).toBeFocused();
    await ask.click();
    await expect(decision).toHaveAttribute("data-decision", "implicitly-denied");
    await expect(box.getByTestId("can-principal")).toHaveText("Asked as alias next of orders, as role orders-canary-role");
    expect(sent).toEqual([`${fn}:next`]);

    // The weighted alias: one line per version's role, in the live region.
    await runAs.selectOption(`${fn}:live`);
    await ask.click();
    await expect(decision).toHaveAttribute("data-decision", "conditional");
    await expect(box.getByTestId("can-principal")).toHaveText("Asked as alias live of orders, as the role of each version it routes to");
    await expect(box.getByTestId("can-per-role").locator("li")).toHaveText([
      "version 3 (90 %) as orders-stable-role: allowed",
      "version 4 (10 %) as orders-canary-role: implicitly-denied",
    ]);
    await expect(box.getByTestId("can-result")).toHaveAttribute("aria-live", "polite");
    const axe = await new AxeBuilder({ page }).include('[data-testid="can-box"]').analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // The alias's own node opens the box already asking as that alias.
    await graphNode(page, "orders:next").click();
    await expect(page.getByTestId("details-title")).toHaveText("orders:next");
    await expect(page.getByTestId("details-panel").getByTestId("can-box").getByLabel("Run as")).toHaveValue(`${fn}:next`);
  });

  test("run as one of 120 aliases: the pager pages them from the keyboard, says so, and an alias on page 2 is asked as; an alias's node opens on its page", async ({ page, request }) => {
    const upload = await request.post("/api/snapshots", {
      multipart: { file: { name: "many-aliases.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(manyAliasesSnapshot())) } },
    });
    expect([200, 201]).toContain(upload.status());
    const id = (await upload.json()).snapshot.id as string;
    const label = (i: number) => `alias ${aliasName(i)} → version ${aliasName(i) === CANARY_ALIAS ? 2 : 1}`;
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => label(from + i));

    await openGraph(page, `?snapshot=${id}`);
    await graphNode(page, "builds").click();
    const box = page.getByTestId("details-panel").getByTestId("can-box");
    const runAs = box.getByLabel("Run as");
    const pager = box.getByRole("navigation", { name: "Pages of the function's aliases" });
    const said = pager.getByTestId("table-more");
    // Announced as the other pagers' pages are: a polite live region in the navigation.
    await expect(said).toHaveAttribute("aria-live", "polite");
    await expect(said).toHaveText("Showing 1–50 of 120 aliases (page 1 of 3)");
    await expect(runAs).toHaveValue(BUILDS);
    await expect(runAs.locator("option")).toHaveText(["builds: current role builds-role", ...range(0, 50)]);

    const next = pager.getByRole("button", { name: "Next page" });
    await next.focus();
    await page.keyboard.press("Enter");
    await expect(said).toHaveText("Showing 51–100 of 120 aliases (page 2 of 3)");
    await expect(next).toBeFocused();
    await expect(runAs.locator("option")).toHaveText(["builds: current role builds-role", ...range(50, 100)]);
    await expect(runAs).toHaveValue(BUILDS);

    const sent: unknown[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/can")) sent.push(r.postDataJSON().principal);
    });
    await runAs.focus();
    await runAs.selectOption({ label: label(60) });
    await box.getByLabel("Action").fill("sqs:DeleteMessage");
    await box.getByLabel("Resource ARN").fill(BUILDS_QUEUE);
    await box.getByRole("button", { name: "Ask" }).click();
    await expect(box.getByTestId("can-decision")).toHaveAttribute("data-decision", "implicitly-denied");
    await expect(box.getByTestId("can-principal")).toHaveText(`Asked as alias ${CANARY_ALIAS} of builds, as role builds-canary-role`);
    expect(sent).toEqual([`${BUILDS}:${CANARY_ALIAS}`]);

    // Back to page 1 (Shift+Tab from the select reaches Next, then Previous): the alias chosen stays chosen.
    await runAs.focus();
    await page.keyboard.press("Shift+Tab");
    await expect(next).toBeFocused();
    await page.keyboard.press("Shift+Tab");
    await expect(pager.getByRole("button", { name: "Previous page" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(said).toHaveText("Showing 1–50 of 120 aliases (page 1 of 3)");
    await expect(runAs).toHaveValue(`${BUILDS}:${CANARY_ALIAS}`);
    await expect(runAs.locator("option")).toHaveText(["builds: current role builds-role", ...range(0, 50), label(60)]);

    // An alias on page 3 with a node of its own: its box opens on that page, asking as it.
    await openGraph(page, `?snapshot=${id}&node=${encodeURIComponent(`fn:${BUILDS}:${OWN_NODE_ALIAS}`)}`);
    await expect(page.getByTestId("details-title")).toHaveText(`builds:${OWN_NODE_ALIAS}`);
    const opened = page.getByTestId("details-panel").getByTestId("can-box");
    await expect(opened.getByRole("navigation", { name: "Pages of the function's aliases" }).getByTestId("table-more")).toHaveText("Showing 101–120 of 120 aliases (page 3 of 3)");
    await expect(opened.getByLabel("Run as")).toHaveValue(`${BUILDS}:${OWN_NODE_ALIAS}`);
    await expect(opened.getByLabel("Run as").locator("option")).toHaveText(["builds: current role builds-role", ...range(100, ALIASES)]);
  });

  test("run as with the keyboard: arrows, Home and End choose as a native select does, on every page of aliases; Enter and Space ask nothing", async ({ page, request }) => {
    const upload = await request.post("/api/snapshots", {
      multipart: { file: { name: "many-aliases.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(manyAliasesSnapshot())) } },
    });
    expect([200, 201]).toContain(upload.status());
    const id = (await upload.json()).snapshot.id as string;
    const alias = (i: number) => `${BUILDS}:${aliasName(i)}`;
    await openGraph(page, `?snapshot=${id}`);
    await graphNode(page, "builds").click();
    const box = page.getByTestId("details-panel").getByTestId("can-box");
    const runAs = box.getByLabel("Run as");
    const sent: unknown[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/can")) sent.push(r.postDataJSON().principal);
    });

    await runAs.focus();
    await expect(runAs).toHaveValue(BUILDS);
    const steps: [string, string][] = [
      ["ArrowDown", alias(0)],
      ["ArrowDown", alias(1)],
      ["ArrowUp", alias(0)],
      ["End", alias(49)],
      ["Home", BUILDS],
      // At the top, up stays there.
      ["ArrowUp", BUILDS],
      ["End", alias(49)],
    ];
    for (const [key, value] of steps) {
      await page.keyboard.press(key);
      await expect(runAs, key).toHaveValue(value);
    }
    // The select's own keys (they open its list where the platform draws one): the form is not sent, nothing changes.
    await box.getByLabel("Action").fill("sqs:DeleteMessage");
    await runAs.focus();
    for (const key of ["Enter", "Space"]) {
      await page.keyboard.press(key);
      await expect(runAs, key).toHaveValue(alias(49));
      await expect(runAs, key).toBeFocused();
    }
    await expect(box.getByTestId("can-result")).toBeEmpty();

    // Page 2: the alias chosen on page 1 stays a choice, below the page's own; the keys walk them all.
    await box.getByRole("navigation", { name: "Pages of the function's aliases" }).getByRole("button", { name: "Next page" }).click();
    await expect(runAs.locator("option")).toHaveCount(1 + 50 + 1);
    await runAs.focus();
    await page.keyboard.press("Home");
    await expect(runAs).toHaveValue(BUILDS);
    await page.keyboard.press("ArrowDown");
    await expect(runAs).toHaveValue(alias(50));
    await page.keyboard.press("End");
    await expect(runAs).toHaveValue(alias(99));
    await page.keyboard.press("Tab");
    await expect(box.getByLabel("Action")).toBeFocused();
    await box.getByRole("button", { name: "Ask" }).click();
    await expect(box.getByTestId("can-principal")).toHaveText(`Asked as alias ${aliasName(99)} of builds, as role builds-role`);
    expect(sent).toEqual([alias(99)]);

    // A shared link naming an alias on page 2 that has no node of its own: its function's details open on that page,
    // asking as it (was "This link points to a node not in this snapshot", and no details).
    await openGraph(page, `?snapshot=${id}&node=${encodeURIComponent(`fn:${alias(70)}`)}`);
    await expect(page.getByTestId("details-title")).toHaveText("builds");
    await expect(page.getByTestId("missing-node")).toHaveCount(0);
    const linked = page.getByTestId("details-panel").getByTestId("can-box");
    await expect(linked.getByRole("navigation", { name: "Pages of the function's aliases" }).getByTestId("table-more")).toHaveText("Showing 51–100 of 120 aliases (page 2 of 3)");
    await expect(linked.getByLabel("Run as")).toHaveValue(alias(70));
  });

  test("an IAM user's node asks as the user: ci-deploy may invoke checkout-api through its group's policy, with the keyboard", async ({ page }) => {
    const user = "arn:aws:iam::123456789012:user/ci/ci-deploy";
    const checkout = "arn:aws:lambda:us-east-1:123456789012:function:checkout-api";
    const id = encodeURIComponent(`p:user:${user}`);
    await openGraph(page, `?focus=${id}&node=${id}`, false);
    await expect(page.getByTestId("details-title")).toHaveText("IAM user ci-deploy");
    const box = page.getByTestId("details-panel").getByTestId("can-box");
    await expect(box.getByRole("heading", { name: "Can this IAM user…?" })).toBeVisible();
    await expect(box.getByTestId("can-as-help")).toContainText(user);
    await expect(box.getByLabel("Run as")).toHaveCount(0);
    // Prefilled with a function it invokes (checkout-api or cart-api), the placeholder an invoke.
    await expect(box.getByLabel("Resource ARN")).toHaveValue(/:function:(checkout|cart)-api$/);
    const action = box.getByLabel("Action");
    await expect(action).toHaveAttribute("placeholder", "e.g. lambda:InvokeFunction");

    const sent: unknown[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/can")) sent.push(r.postDataJSON().principal);
    });
    await action.focus();
    await page.keyboard.type("lambda:InvokeFunction");
    await page.keyboard.press("Tab");
    await expect(box.getByLabel("Resource ARN")).toBeFocused();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(checkout);
    await page.keyboard.press("Enter");
    const decision = box.getByTestId("can-decision");
    await expect(decision).toHaveAttribute("data-decision", "allowed");
    expect(sent).toEqual([user]);
    await expect(box.getByTestId("can-principal")).toHaveText("Asked as IAM user ci-deploy");
    const statement = box.getByTestId("can-statement");
    await expect(statement).toHaveCount(1);
    await expect(statement).toContainText("inline policy 'deploy-storefront', statement #1 (Sid SmokeTestAfterDeploy)");
    await expect(statement).toContainText("Groupdeployers");
    const axe = await new AxeBuilder({ page }).include('[data-testid="can-box"]').analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test("an execution role's node asks as the role: orders-processor-role may update its table and write its logs, not put items", async ({ page }) => {
    const role = "arn:aws:iam::123456789012:role/service-role/orders-processor-role";
    const table = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
    await openGraph(page);
    await graphNode(page, "orders-processor-role").click();
    await expect(page.getByTestId("details-title")).toHaveText("orders-processor-role");
    const box = page.getByTestId("details-panel").getByTestId("can-box");
    await expect(box.getByRole("heading", { name: "Can this role…?" })).toBeVisible();
    await expect(box.getByTestId("can-as-help")).toContainText(role);
    await expect(box.getByLabel("Run as")).toHaveCount(0);
    // Prefilled with the first resource it can access that names one thing.
    const resource = box.getByLabel("Resource ARN");
    await expect(resource).toHaveValue(table);

    const sent: unknown[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/can")) sent.push(r.postDataJSON().principal);
    });
    const action = box.getByLabel("Action");
    await action.fill("dynamodb:UpdateItem");
    await action.press("Enter");
    const decision = box.getByTestId("can-decision");
    await expect(decision).toHaveAttribute("data-decision", "allowed");
    await expect(decision).toContainText("Allowed");
    await expect(box.getByTestId("can-principal")).toHaveText("Asked as role orders-processor-role");
    const statement = box.getByTestId("can-statement");
    await expect(statement).toHaveCount(1);
    await expect(statement).toContainText("inline policy 'orders-processor-role-policy', statement #3");
    await expect(statement.getByTestId("evidence-highlight").first()).toHaveText("dynamodb:UpdateItem");

    await action.fill("dynamodb:PutItem");
    await box.getByRole("button", { name: "Ask" }).click();
    await expect(decision).toHaveAttribute("data-decision", "implicitly-denied");
    await expect(box.getByTestId("can-statement")).toHaveCount(0);

    await action.fill("logs:PutLogEvents");
    await resource.fill("arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders-processor:log-stream:2026/01/01");
    await box.getByRole("button", { name: "Ask" }).click();
    await expect(decision).toHaveAttribute("data-decision", "allowed");
    await expect(statement).toContainText("statement #1");
    expect(sent).toEqual([role, role, role]);
    await expect(box.getByTestId("can-result")).toHaveAttribute("aria-live", "polite");
    const axe = await new AxeBuilder({ page }).include('[data-testid="can-box"]').analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test("the context checkbox says it is a choice: keys not given are then absent, and a Deny that needed one no longer may apply", async ({ page }) => {
    const fn = encodeURIComponent("fn:arn:aws:lambda:us-east-1:123456789012:function:fraud-scorer");
    await openGraph(page, `?focus=${fn}&node=${fn}`, false);
    const box = page.getByTestId("details-panel").getByTestId("can-box");
    await box.getByLabel("Action").fill("s3:GetObject");
    await box.getByLabel("Resource ARN").fill("arn:aws:s3:::acme-exports/x");
    await box.getByRole("button", { name: "Ask" }).click();
    // fraud-scorer-role's DenyInsecureTransport asks aws:SecureTransport, which no one gave.
    await expect(box.getByTestId("can-result")).toContainText("may apply");
    await box.getByLabel("Treat context keys not given as absent, as the IAM policy simulator does").check();
    await box.getByRole("button", { name: "Ask" }).click();
    await expect(box.getByTestId("can-decision")).toHaveAttribute("data-decision", "implicitly-denied");
    await expect(box.getByTestId("can-result")).not.toContainText("may apply");
  });
});
