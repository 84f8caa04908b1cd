/** The details panel's what-if box asks /api/can and shows the decision and the deciding statement (data/DEMO.md). */
import { expect, test } from "./test";
import { graphNode, openGraph } from "./helpers";

const QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders-queue";

test.describe("what-if box", () => {
  test("orders-processor: DeleteMessage on its queue is allowed by statement 2; ReceiveMessage is implicitly denied", async ({ page }) => {
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
    await expect(statement).toContainText("statement 2");
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

    // An empty action is explained, and the button keeps keyboard focus (it is never disabled).
    await box.getByLabel("Context (optional)").fill("");
    await action.fill("");
    const ask = box.getByRole("button", { name: "Ask" });
    await ask.focus();
    await page.keyboard.press("Enter");
    await expect(box.getByTestId("can-error")).toContainText("Give an action");
    await expect(ask).toBeFocused();
  });
});
