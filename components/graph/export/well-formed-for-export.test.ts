import { describe, expect, it } from "vitest";
import { wellFormedForExport } from "./well-formed-for-export";

/** An element as React Flow draws a node whose id holds a lone surrogate: in its data-id and its handle's. */
function element(id: string, text: string) {
  const attributes = [{ value: "react-flow__node" }, { value: id }];
  const childNodes = [{ nodeType: 3, nodeValue: text as string | null }];
  return { attributes, childNodes };
}

describe("wellFormedForExport", () => {
  it("makes a lone surrogate in an attribute or text U+FFFD, so the copy can be URI-encoded, and puts it back", () => {
    const id = "fn:arn:aws:lambda:us-east-1:1:function:a\ud800b";
    const el = element(id, "x\udc00");
    const serialise = () => encodeURIComponent([...el.attributes.map((a) => a.value), ...el.childNodes.map((n) => n.nodeValue)].join(" "));
    expect(serialise).toThrow(URIError);
    const restore = wellFormedForExport([el]);
    expect(el.attributes[1]!.value).toBe("fn:arn:aws:lambda:us-east-1:1:function:a\ufffdb");
    expect(el.childNodes[0]!.nodeValue).toBe("x\ufffd");
    expect(serialise).not.toThrow();
    restore();
    expect(el.attributes[1]!.value).toBe(id);
    expect(el.childNodes[0]!.nodeValue).toBe("x\udc00");
  });

  it("leaves well-formed text, surrogate pairs included, as it is", () => {
    const el = element("fn:😀-api", "<b>&");
    wellFormedForExport([el]);
    expect(el.attributes[1]!.value).toBe("fn:😀-api");
    expect(el.childNodes[0]!.nodeValue).toBe("<b>&");
  });
});
