/**
 * EFS's REST-JSON API as the EFS API reference documents it, for the two reads the scan makes:
 * `GET /2015-02-01/access-points?AccessPointId=` (DescribeAccessPoints, answering `{AccessPoints: [...]}`) and
 * `GET /2015-02-01/file-systems/{FileSystemId}/policy` (DescribeFileSystemPolicy, `{FileSystemId, Policy}`). Errors
 * are `x-amzn-ErrorType` plus a JSON body with `ErrorCode` and `Message`: AccessPointNotFound and FileSystemNotFound
 * (404), PolicyNotFound (404) for a file system on EFS's default policy. Anything else is an UnsupportedOperation, so a
 * scanner that starts sending something new fails its tests instead of passing silently.
 */
import type { HttpAnswer } from "./lambda";

type Json = Record<string, unknown>;

/** What EFS holds, from every region's maps of a snapshot: access point ARN → answer, file system ARN → answer. */
export interface EfsScenario {
  accessPoints: Map<string, Json>;
  policies: Map<string, Json>;
}

export function efsError(status: number, code: string, message: string): HttpAnswer {
  return { status, headers: { "x-amzn-ErrorType": code, "content-type": "application/json" }, body: JSON.stringify({ ErrorCode: code, Message: message }) };
}

export interface EfsRoute {
  operation: string;
  /** The access point's or file system's ARN, in the signing region and the scenario's account. */
  target?: string;
  answer: () => HttpAnswer;
}

const json = (body: Json): HttpAnswer => ({ status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export function routeEfs(method: string, url: URL, region: string | undefined, account: string, partition: string, efs: EfsScenario): EfsRoute {
  const arn = (kind: string, id: string) => (id.startsWith("arn:") ? id : `arn:${partition}:elasticfilesystem:${region ?? "?"}:${account}:${kind}/${id}`);
  const policy = /^\/2015-02-01\/file-systems\/([^/]+)\/policy$/.exec(url.pathname);
  if (method === "GET" && url.pathname === "/2015-02-01/access-points" && url.searchParams.has("AccessPointId")) {
    const target = arn("access-point", decodeURIComponent(url.searchParams.get("AccessPointId") as string));
    const stored = efs.accessPoints.get(target);
    return {
      operation: "DescribeAccessPoints",
      target,
      answer: () => (stored ? json(stored) : efsError(404, "AccessPointNotFound", `Access point '${target.split("/").pop()}' does not exist.`)),
    };
  }
  if (method === "GET" && policy) {
    const target = arn("file-system", decodeURIComponent(policy[1] as string));
    const stored = efs.policies.get(target);
    return {
      operation: "DescribeFileSystemPolicy",
      target,
      answer: () => {
        if (!stored) return efsError(404, "FileSystemNotFound", `File system '${target.split("/").pop()}' does not exist.`);
        // Stored without a Policy: the scan heard PolicyNotFound, and so does a scan of this snapshot.
        if (stored.Policy === undefined) return efsError(404, "PolicyNotFound", "No file system policy is set; the default policy is in effect.");
        return json(stored);
      },
    };
  }
  return { operation: `${method} ${url.pathname}`, answer: () => efsError(400, "UnsupportedOperation", `${method} ${url.pathname} is not served here`) };
}
