import { describe, expect, it } from "vitest";
import { xmlSafeForExport } from "./xml-safe-for-export";

/** An element as React Flow draws a node whose id holds a lone surrogate: in its data-id and its handle's. */
function element(id: string, text: string) {
  const attributes = [{ value: "react-flow__node" }, { value: id }];
  const childNodes = [{ nodeType: 3, nodeValue: text as string | null }];
  return { attributes, childNodes };
}

describe("xmlSafeForExport", () => {
  it("makes a lone surrogate in an attribute or text U+FFFD, so the copy can be URI-encoded, and puts it back", () => {
    const id = "fn:arn:aws:lambda:us-east-1:1:function:a\ud800b";
    const el = element(id, "x\udc00");
    const serialise = () => encodeURIComponent([...el.attributes.map((a) => a.value), ...el.childNodes.map((n) => n.nodeValue)].join(" "));
    expect(serialise).toThrow(URIError);
    const restore = xmlSafeForExport([el]);
    expect(el.attributes[1]!.value).toBe("fn:arn:aws:lambda:us-east-1:1:function:a\ufffdb");
    expect(el.childNodes[0]!.nodeValue).toBe("x\ufffd");
    expect(serialise).not.toThrow();
    restore();
    expect(el.attributes[1]!.value).toBe(id);
    expect(el.childNodes[0]!.nodeValue).toBe("x\udc00");
  });

  it("makes a control character XML 1.0 does not allow U+FFFD (the SVG copy would not load), keeping tab and line breaks", () => {
    const el = element("fn:a\u001b[31m\u0007\u0000b", "x\ty\nz\r");
    const restore = xmlSafeForExport([el]);
    expect(el.attributes[1]!.value).toBe("fn:a\ufffd[31m\ufffd\ufffdb");
    expect(el.childNodes[0]!.nodeValue).toBe("x\ty\nz\r");
    restore();
    expect(el.attributes[1]!.value).toBe("fn:a\u001b[31m\u0007\u0000b");
  });

  it("leaves well-formed text, surrogate pairs included, as it is", () => {
    const el = element("fn:😀-api", "<b>&");
    xmlSafeForExport([el]);
    expect(el.attributes[1]!.value).toBe("fn:😀-api");
    expect(el.childNodes[0]!.nodeValue).toBe("<b>&");
  });
});
