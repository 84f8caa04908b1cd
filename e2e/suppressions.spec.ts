/**
 * A team's suppressions file (serve --suppress, docs/suppressions.md) in the dashboard: the findings it accepts leave
 * the counts, the table and the report API, and the overview lists them with their reasons; an edit lands without a
 * restart; a broken file shows every finding and says why. The default server reads E2E_DATA_DIR.suppressions.json
 * (e2e/start-server.mjs), left empty for the other specs.
 */
import { utimes, writeFile } from "node:fs/promises";
import { openGraph } from "./helpers";
import { drawnTexts, recordCanvasTexts } from "./png";
import { expect, test } from "./test";

const file = `${process.env.E2E_DATA_DIR}.suppressions.json`;

async function write(content: unknown): Promise<void> {
  await writeFile(file, typeof content === "string" ? content : JSON.stringify(content));
  // A later modification time, whatever the filesystem's resolution: the server re-reads on a changed one.
  const later = new Date(Date.now() + Math.floor(Math.random() * 1e6));
  await utimes(file, later, later);
}

test.afterAll(() => write({ suppressions: [] }));

test("accepted findings leave the counts and the table, and the overview lists them with their reasons", async ({ page, request }) => {
  // The PNG step waits on layout and rendering: slow on a loaded 2-core machine.
  test.setTimeout(150_000);
  // The demo, wherever it is in the store: specs before this one store scans and uploads that are newer.
  const listed = (await (await request.get("/api/snapshots")).json()).snapshots as { id: string; demo?: true }[];
  const demo = listed.find((s) => s.demo)?.id;
  expect(demo).toBeDefined();
  const query = `?snapshot=${demo}`;
  const before = await request.get(`/api/report${query}`);
  // An empty file accepts nothing, but the report says the server reads one: `suppressed: []`.
  test.skip(!process.env.E2E_DATA_DIR || !("suppressed" in (await before.json())), "the server was not started by e2e/start-server.mjs with its suppressions file");
  await page.goto(`/${query}`);
  const critical = Number((await page.getByTestId("count-critical").innerText()).match(/\d+/)?.[0]);
  await expect(page.getByTestId("accepted-findings")).toHaveCount(0);

  await write({
    suppressions: [
      { rule: "public-invoke", function: "debug-echo", reason: "Load test <b>until</b> Friday", expires: "2999-01-01" },
      { rule: "confused-deputy", function: "no-such-*", reason: "left behind" },
    ],
  });
  await page.reload();
  await expect(page.getByTestId("count-critical")).toContainText(String(critical - 1));
  const note = page.getByTestId("accepted-findings");
  await expect(note.locator("summary")).toHaveText(
    "1 finding accepted in the suppressions file, left out of the counts and the graph · 1 entry of the file to review — show which",
  );
  await note.locator("summary").click();
  // The reason is the file's text, shown as text.
  await expect(page.getByTestId("accepted-finding")).toHaveText(
    "Criticaldebug-echo (us-east-1): Anyone can invoke this function — accepted: Load test <b>until</b> Friday (until 2999-01-01)",
  );
  await expect(page.getByTestId("accepted-warning")).toHaveText("suppression 2 (confused-deputy, function no-such-*) matches no finding");

  await page.getByTestId("table-search").fill("debug-echo");
  await expect(page.getByTestId("function-row")).toHaveCount(1);
  await expect(page.getByTestId("function-row")).not.toContainText("Anyone can invoke this function");

  const report = await (await request.get(`/api/report${query}`)).json();
  expect(report.suppressed.map((f: { rule: string; function: string }) => [f.rule, f.function.split(":").pop()])).toEqual([["public-invoke", "debug-echo"]]);
  expect(report.findings.some((f: { id: string }) => f.id === report.suppressed[0].id)).toBe(false);

  // The function's details: the finding is out of its list and under "Accepted", with the reason and its evidence.
  await page.getByTestId("function-row").first().getByRole("link", { name: "debug-echo" }).click();
  await expect(page.getByTestId("details-title")).toHaveText("debug-echo");
  const details = page.getByTestId("details-accepted");
  await expect(details.getByRole("heading")).toHaveText("Accepted (1)");
  await expect(details.getByTestId("details-accepted-finding")).toContainText("Accepted: Load test <b>until</b> Friday (until 2999-01-01)");
  await details.locator("summary").click();
  await expect(details.getByTestId("evidence").first()).toContainText("AllowAnyoneToInvoke");
  await expect(page.locator("#details-findings")).toHaveText("Findings (0)");

  // The graph's PNG report says, in its header, that accepted findings are not drawn: the texts the report's canvas
  // draws are recorded as the page draws them.
  await recordCanvasTexts(page);
  await openGraph(page, `${query}&sev=critical`);
  await Promise.all([page.waitForEvent("download"), page.getByTestId("export-png-button").click()]);
  await expect(page.getByTestId("export-status")).toHaveText("PNG downloaded");
  const drawn = await drawnTexts(page);
  // The same line starts with what the scan could not read (the demo's failed calls), so only its end is this test's.
  expect(drawn.filter((line) => line.startsWith("· Not read: ") && line.endsWith(" · 1 finding of the account accepted in the suppressions file, not shown"))).toHaveLength(1);

  // A broken edit: every finding is back, and the page says why.
  await write(`{"suppressions": [{"rule": "public-invoke"}]}`);
  await page.goto(`/${query}`);
  await expect(page.getByTestId("accepted-findings-error")).toHaveText(
    "The suppressions file could not be applied (suppression 1, reason: reason is required: say why the finding is accepted): every finding is shown.",
  );
  await expect(page.getByTestId("count-critical")).toContainText(String(critical));
});
