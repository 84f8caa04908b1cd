/**
 * Query-protocol (IAM, STS, SNS) and EC2-protocol XML bodies, as the API references document them: results wrapped in
 * `<XResponse><XResult>…</XResult><ResponseMetadata>`, lists as `<member>` (EC2: `<item>`), policy documents
 * URL-encoded (RFC 3986), errors as `<ErrorResponse><Error><Type/><Code/><Message/></Error>`.
 */
const DOCUMENT_KEYS = new Set(["PolicyDocument", "Document", "AssumeRolePolicyDocument"]);

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] as string);
}

/** IAM returns documents percent-encoded; scenarios may hold them encoded, as JSON text, or as objects. */
export function urlEncodedDocument(doc: unknown): string {
  if (typeof doc === "string") return doc.trimStart().startsWith("{") ? encodeURIComponent(doc) : doc;
  return encodeURIComponent(JSON.stringify(doc));
}

export function toXml(value: unknown, listTag = "member", key?: string): string {
  if (value === null || value === undefined) return "";
  if (key && DOCUMENT_KEYS.has(key)) return escapeXml(urlEncodedDocument(value));
  if (Array.isArray(value)) return value.map((v) => `<${listTag}>${toXml(v, listTag)}</${listTag}>`).join("");
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<${k}>${toXml(v, listTag, k)}</${k}>`)
      .join("");
  }
  return escapeXml(String(value));
}

export const NS = {
  iam: "https://iam.amazonaws.com/doc/2010-05-08/",
  sts: "https://sts.amazonaws.com/doc/2011-06-15/",
  ec2: "http://ec2.amazonaws.com/doc/2016-11-15/",
  sns: "http://sns.amazonaws.com/doc/2010-03-31/",
} as const;

/** `listTag`: how the result's lists are itemised (SNS writes a map's items as `<entry><key/><value/></entry>`). */
export function queryResponse(service: "iam" | "sts" | "sns", action: string, result: Record<string, unknown>, requestId: string, listTag = "member"): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NS[service]}">` +
    `<${action}Result>${toXml(result, listTag)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export function queryError(service: "iam" | "sts" | "sns", code: string, message: string, requestId: string, type = "Sender"): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${NS[service]}">` +
    `<Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

export function ec2Response(action: string, body: Record<string, unknown>, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NS.ec2}">` +
    `<requestId>${requestId}</requestId>${toXml(body, "item")}</${action}Response>`
  );
}

export function ec2Error(code: string, message: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`
  );
}
