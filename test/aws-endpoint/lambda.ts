/**
 * Lambda's REST-JSON API as documented in the Lambda API reference: versioned paths
 * (`GET /2015-03-31/functions/?Marker=&MaxItems=`, `/2015-03-31/functions/{FunctionName}/policy?Qualifier=`,
 * `/2015-03-31/functions/{FunctionName}/aliases`, `/2015-03-31/functions/{FunctionName}/versions`,
 * `/2015-03-31/functions/{FunctionName}/configuration`, `/2015-03-31/functions/{FunctionName}` (GetFunction),
 * `/2015-03-31/event-source-mappings/`,
 * `/2021-10-31/functions/{FunctionName}/url`, `/2019-09-25/functions/{FunctionName}/event-invoke-config[/list]`,
 * `/2017-03-31/tags/{ARN}`),
 * `NextMarker` paging, FunctionName as a name, ARN or partial ARN (optionally with `:qualifier`), timestamps of
 * type `Timestamp` as epoch seconds, and errors as `x-amzn-ErrorType` plus a JSON body with `Type` and `Message`.
 */
import type { RegionScenario } from "./scenario";

type Json = Record<string, unknown>;

export interface HttpAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface LambdaRoute {
  operation: string;
  /** Function (or qualified) ARN the call is about, when it is about one. */
  target?: string;
  answer: (region: RegionScenario | undefined) => HttpAnswer;
}

/**
 * The most items a page holds, whatever MaxItems asks (API reference, MaxItems): ListEventSourceMappings "returns a
 * maximum of 100 items in each response, even if you set the number higher" (MaxItems goes up to 10,000).
 */
const MAX_PAGE: Record<string, number> = { ListFunctions: 50, ListEventSourceMappings: 100, ListAliases: 10_000, ListFunctionUrlConfigs: 50, ListVersionsByFunction: 50, ListFunctionEventInvokeConfigs: 50 };
const DEFAULT_PAGE: Record<string, number> = { ListFunctions: 50, ListEventSourceMappings: 100, ListAliases: 50, ListFunctionUrlConfigs: 50, ListVersionsByFunction: 50, ListFunctionEventInvokeConfigs: 50 };

export function lambdaError(status: number, type: string, message: string, extra: Json = {}): HttpAnswer {
  return {
    status,
    headers: { "x-amzn-ErrorType": type, "content-type": "application/json" },
    body: JSON.stringify({ Type: status >= 500 ? "Service" : "User", Message: message, ...extra }),
  };
}

const ok = (body: unknown): HttpAnswer => ({ status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

function epochSeconds(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : t / 1000;
}

function page<T>(items: T[], operation: string, query: URLSearchParams, serverPageSize?: number) {
  const start = query.get("Marker") ? Number.parseInt(Buffer.from(query.get("Marker") as string, "base64url").toString(), 10) : 0;
  const asked = Number(query.get("MaxItems") ?? DEFAULT_PAGE[operation]);
  const size = Math.max(1, Math.min(asked, MAX_PAGE[operation] ?? 50, serverPageSize ?? Infinity));
  const end = start + size;
  return {
    items: items.slice(start, end),
    NextMarker: end < items.length ? Buffer.from(String(end)).toString("base64url") : undefined,
  };
}

/**
 * GetFunctionConfiguration's answer: the scenario's own when it has one (State Failed with AWS's reason, say), else
 * the function's listed configuration with the state AWS reports of a function that started and updated fine.
 */
export function servedConfiguration(fn: Json, region: RegionScenario | undefined): Json {
  return region?.configurations.get(String(fn.FunctionArn)) ?? { ...fn, State: "Active", LastUpdateStatus: "Successful" };
}

/**
 * GetFunction's Code: the scenario's own where it has one; else an image function's image in a repository of its name
 * in its own registry, or a .zip function's package as the presigned S3 URL Lambda hands out (which a scan must never
 * keep: it is a credential for the code).
 */
function servedCode(fn: Json, target: string, region: RegionScenario | undefined): Json {
  const stored = region?.images.get(target)?.Code as Json | undefined;
  if (stored) return stored;
  const [, , , r, account] = String(fn.FunctionArn).split(":");
  if (fn.PackageType === "Image") {
    const uri = `${account}.dkr.ecr.${r}.amazonaws.com/${String(fn.FunctionName)}`;
    return { RepositoryType: "ECR", ImageUri: `${uri}:latest`, ResolvedImageUri: `${uri}@sha256:${"0".repeat(64)}` };
  }
  return { RepositoryType: "S3", Location: `https://awslambda-${r}-tasks.s3.${r}.amazonaws.com/snapshots/${account}/${String(fn.FunctionName)}?X-Amz-Signature=presigned` };
}

/** ListTags' answer: the scenario's own when it has one, else that of a function without tags. */
export function servedTags(fnArn: string, region: RegionScenario | undefined): Json {
  return region?.tags.get(fnArn) ?? { Tags: {} };
}

/** `GET /2017-03-31/tags/{ARN}`: ListTags, about the function the (URL-encoded) ARN names; tags are the function's. */
function routeTags(method: string, pathname: string): LambdaRoute | undefined {
  const m = /^\/2017-03-31\/tags\/([^/]+)\/?$/.exec(pathname);
  if (!m?.[1] || method !== "GET") return undefined;
  const arn = decodeURIComponent(m[1]);
  const ref = parseFunctionName(arn);
  return {
    operation: "ListTags",
    answer: (region) => {
      const fn = region?.functions.find((f) => f.FunctionName === ref.name);
      if (!fn || !arn.startsWith("arn:")) return lambdaError(404, "ResourceNotFoundException", `Function not found: ${arn}`);
      return ok(servedTags(String(fn.FunctionArn), region));
    },
  };
}

interface FunctionRef {
  name: string;
  qualifier?: string;
}

function parseFunctionName(raw: string): FunctionRef {
  const parts = raw.split(":");
  if (raw.startsWith("arn:")) return { name: parts[6] ?? "", qualifier: parts[7] };
  if (parts[1] === "function") return { name: parts[2] ?? "", qualifier: parts[3] };
  return { name: parts[0] ?? "", qualifier: parts[1] };
}

export function routeLambda(method: string, pathname: string, query: URLSearchParams, serverPageSize: number | undefined): LambdaRoute {
  const tags = routeTags(method, pathname);
  if (tags) return tags;
  const m = /^\/(\d{4}-\d{2}-\d{2})\/(functions|event-source-mappings)\/?(?:([^/]+)(?:\/([a-z-]+(?:\/list)?))?)?\/?$/.exec(pathname);
  const unknown = (op: string): LambdaRoute => ({ operation: op, answer: () => lambdaError(404, "UnknownOperationException", "Unknown operation") });
  if (!m) return unknown(`${method} ${pathname}`);
  const [, version, collection, rawName, sub] = m;
  if (method !== "GET") return unknown(`${method} ${pathname}`);

  if (collection === "event-source-mappings") {
    if (rawName) return unknown("GetEventSourceMapping");
    return {
      operation: "ListEventSourceMappings",
      answer: (region) => {
        let all = region?.mappings ?? [];
        const fnFilter = query.get("FunctionName");
        if (fnFilter) all = all.filter((x) => String(x.FunctionArn).split(":")[6] === parseFunctionName(fnFilter).name);
        const p = page(all, "ListEventSourceMappings", query, serverPageSize);
        return ok({ EventSourceMappings: p.items.map((x) => ({ ...x, LastModified: epochSeconds(x.LastModified) })), NextMarker: p.NextMarker });
      },
    };
  }
  if (!rawName) {
    if (version !== "2015-03-31") return unknown(`${method} ${pathname}`);
    return {
      operation: "ListFunctions",
      answer: (region) => {
        const p = page(region?.functions ?? [], "ListFunctions", query, serverPageSize);
        return ok({ Functions: p.items, NextMarker: p.NextMarker });
      },
    };
  }

  const ref = parseFunctionName(decodeURIComponent(rawName));
  const qualifier = query.get("Qualifier") ?? ref.qualifier;
  const operation =
    version === "2015-03-31" && sub === "policy" ? "GetPolicy"
    : version === "2015-03-31" && sub === "aliases" ? "ListAliases"
    : version === "2015-03-31" && sub === "versions" ? "ListVersionsByFunction"
    : version === "2015-03-31" && sub === "configuration" ? "GetFunctionConfiguration"
    : version === "2021-10-31" && sub === "url" ? "GetFunctionUrlConfig"
    : version === "2021-10-31" && sub === "urls" ? "ListFunctionUrlConfigs"
    : version === "2019-09-25" && sub === "event-invoke-config" ? "GetFunctionEventInvokeConfig"
    : version === "2019-09-25" && sub === "event-invoke-config/list" ? "ListFunctionEventInvokeConfigs"
    : version === "2015-03-31" && !sub ? "GetFunction"
    : `${method} ${pathname}`;
  const find = (region: RegionScenario | undefined) => region?.functions.find((f) => f.FunctionName === ref.name);
  // The target is only known once the region is; the server passes the resolved target to the fault injector.
  const route: LambdaRoute = {
    operation,
    answer: (region) => {
      const fn = find(region);
      if (!fn) return lambdaError(404, "ResourceNotFoundException", `Function not found: ${ref.name}`);
      const arn = String(fn.FunctionArn);
      const target = qualifier && qualifier !== "$LATEST" ? `${arn}:${qualifier}` : arn;
      const none = () => lambdaError(404, "ResourceNotFoundException", "The resource you requested does not exist.");
      switch (operation) {
        case "GetPolicy": {
          const p = region?.policies.get(target);
          return p ? ok(p) : none();
        }
        case "GetFunctionConfiguration":
          return qualifier && qualifier !== "$LATEST" ? none() : ok(servedConfiguration(fn, region));
        case "GetFunction": {
          const config = qualifier && qualifier !== "$LATEST" ? region?.versions.get(arn)?.find((v) => v.Version === qualifier) : servedConfiguration(fn, region);
          if (!config) return none();
          return ok({ Configuration: config, Code: servedCode(fn, target, region) });
        }
        case "GetFunctionUrlConfig": {
          const u = region?.urls.get(target);
          return u ? ok(u) : none();
        }
        case "GetFunctionEventInvokeConfig": {
          const c = region?.invokeConfigs.get(target);
          return c ? ok({ ...c, LastModified: epochSeconds(c.LastModified) }) : none();
        }
        case "ListFunctionUrlConfigs": {
          // The function's URL and its aliases' URLs, each with its (qualified) FunctionArn.
          const urls = [...(region?.urls.entries() ?? [])].filter(([key]) => key === arn || key.startsWith(`${arn}:`)).map(([key, u]) => ({ ...u, FunctionArn: key }));
          const p = page(urls, "ListFunctionUrlConfigs", query, serverPageSize);
          return ok({ FunctionUrlConfigs: p.items, NextMarker: p.NextMarker });
        }
        case "ListFunctionEventInvokeConfigs": {
          // Every qualifier's config: the function's own is named `…:$LATEST`, as Lambda names it.
          const configs = [...(region?.invokeConfigs.entries() ?? [])]
            .filter(([key]) => key === arn || key.startsWith(`${arn}:`))
            .map(([key, c]) => ({ ...c, FunctionArn: key === arn ? `${arn}:$LATEST` : key, LastModified: epochSeconds(c.LastModified) }));
          const p = page(configs, "ListFunctionEventInvokeConfigs", query, serverPageSize);
          return ok({ FunctionEventInvokeConfigs: p.items, NextMarker: p.NextMarker });
        }
        case "ListVersionsByFunction": {
          // $LATEST first, as Lambda lists it, then the published versions.
          const all = [{ ...fn, Version: "$LATEST" }, ...(region?.versions.get(arn) ?? [])];
          const p = page(all, "ListVersionsByFunction", query, serverPageSize);
          return ok({ Versions: p.items, NextMarker: p.NextMarker });
        }
        case "ListAliases": {
          const p = page(region?.aliases.get(arn) ?? [], "ListAliases", query, serverPageSize);
          return ok({ Aliases: p.items, NextMarker: p.NextMarker });
        }
        default:
          return lambdaError(400, "InvalidParameterValueException", `${operation} is not served by this test endpoint`);
      }
    },
  };
  return route;
}

/** The ARN a per-function call is about, for fault targeting and recorded-error matching. */
export function lambdaTarget(pathname: string, query: URLSearchParams, region: RegionScenario | undefined): string | undefined {
  const m = /^\/\d{4}-\d{2}-\d{2}\/(?:functions|tags)\/([^/]+)/.exec(pathname);
  if (!m?.[1]) return undefined;
  const ref = parseFunctionName(decodeURIComponent(m[1]));
  const fn = region?.functions.find((f) => f.FunctionName === ref.name);
  if (!fn) return undefined;
  const qualifier = query.get("Qualifier") ?? ref.qualifier;
  return qualifier && qualifier !== "$LATEST" ? `${String(fn.FunctionArn)}:${qualifier}` : String(fn.FunctionArn);
}
