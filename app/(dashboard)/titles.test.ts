/** Each dashboard page's <title> says which view it is (WCAG 2.4.2): a tab or a history entry is found by it. */
import { describe, expect, it, vi } from "vitest";

// The header reads the session (an async server component); only the pages' metadata is read here.
vi.mock("@/components/app-header", () => ({ AppHeader: () => null, MAIN_ID: "content" }));

describe("dashboard page titles", () => {
  it("name the view before the product, and no two views share one", async () => {
    const pages = {
      Overview: await import("./page"),
      Graph: await import("./graph/page"),
      Snapshots: await import("./snapshots/page"),
      "Compare scans": await import("./snapshots/compare/page"),
    };
    const titles = Object.entries(pages).map(([view, mod]) => {
      const title = (mod as { metadata?: { title?: unknown } }).metadata?.title;
      expect(title, view).toBe(`${view} · Lambda Permissions Graph`);
      return title;
    });
    expect(new Set(titles).size).toBe(titles.length);
  });
});
