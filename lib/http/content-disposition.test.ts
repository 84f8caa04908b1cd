import { describe, expect, it } from "vitest";
import { contentDisposition } from "./content-disposition";

describe("contentDisposition", () => {
  it("quotes a safe name as it is, and gives it again as filename*", () => {
    expect(contentDisposition("inline", "lambda-permissions-123456789012-20261120T093000Z.png")).toBe(
      `inline; filename="lambda-permissions-123456789012-20261120T093000Z.png"; filename*=UTF-8''lambda-permissions-123456789012-20261120T093000Z.png`,
    );
  });

  it("keeps only [0-9A-Za-z._-] in filename, and percent-encodes the rest in filename*", () => {
    const header = contentDisposition("attachment", 'a "b"\r\nSet-Cookie: x=1;\\é(*).png');
    expect(header).toBe(`attachment; filename="a__b___Set-Cookie__x_1______.png"; filename*=UTF-8''a%20%22b%22%0D%0ASet-Cookie%3A%20x%3D1%3B%5C%C3%A9%28%2A%29.png`);
    expect(header).toMatch(/^[\x21-\x7e ]+$/);
  });
});
