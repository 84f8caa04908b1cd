/**
 * Failure injection for the local endpoint: latency, a share of throttling and 5xx answers, AccessDenied for
 * chosen operations/targets, a token-bucket rate limit per operation (per region for regional services), the
 * way AWS enforces API quotas, and answers rewritten after they are made (odd paging fields, malformed items).
 */
import { mulberry32 } from "@/lib/snapshot/fixtures/prng";
import type { HttpAnswer } from "./lambda";

export interface DeniedCall {
  operation: string;
  /**
   * Function ARN (qualified or not) the call is about, a managed policy's ARN (IAM GetPolicy, GetPolicyVersion), a
   * role's ARN (IAM GetRole, ListRolePolicies, GetRolePolicy, ListAttachedRolePolicies), or
   * "later-page" (a GetAccountAuthorizationDetails page after the first); any target when omitted.
   */
  target?: string;
  region?: string;
  /** The service's IAM prefix ("lambda", "iam"), for an operation two services name alike (GetPolicy); any when omitted. */
  service?: string;
}

export interface FaultOptions {
  latencyMs?: number;
  /** Share of requests (0..1) answered with the service's throttling error. */
  throttleRate?: number;
  /** Share of requests (0..1) answered with a 5xx. */
  serverErrorRate?: number;
  seed?: number;
  accessDenied?: DeniedCall[];
  /** Calls answered with the service's throttling error on every attempt, as when a quota is spent past the SDK's retries. */
  throttled?: DeniedCall[];
  /** Allowed requests per second for each operation (and region); above it, the throttling error. */
  ratePerSecond?: number;
  /**
   * The bucket an operation's calls draw from (default: its own). Lambda documents one budget shared by most of its
   * control-plane reads (lambda-permissions.md §4.3), which the scan bench can impose by grouping them.
   */
  rateGroup?: (operation: string) => string;
  /** Token-bucket size for the rate limit (default: one second's worth, as AWS API quotas allow short bursts). */
  burst?: number;
  /**
   * Changes an answer after the endpoint made it, for what no scenario can hold: a page that says more follow but
   * gives no token, a token sent back unchanged, an item without a required field, an error worded as AWS words it.
   * Undefined keeps the answer; otherwise the status, headers (merged) or body given replace the answer's.
   */
  rewrite?: (exchange: Exchange) => Partial<HttpAnswer> | undefined;
  /**
   * Holds an answer back until the promise returned settles (undefined sends it at once): a test can keep one read
   * pending while the rest of the scan runs to its end, whatever the machine's speed.
   */
  hold?: (exchange: Exchange) => Promise<void> | undefined;
}

/** A request as the endpoint received it and the answer it made (what a `rewrite` looks at). */
export interface Exchange {
  service: string;
  operation: string;
  region?: string;
  target?: string;
  /** The request URL (Lambda's paging parameters are in its query) and body (IAM's and the JSON services' are there). */
  url: URL;
  body: string;
  answer: HttpAnswer;
}

export type FaultDecision = { kind: "ok" } | { kind: "throttle"; reason: "random" | "rate" } | { kind: "server-error" } | { kind: "denied" };

export class Faults {
  private readonly rand: () => number;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly opts: FaultOptions = {}) {
    this.rand = mulberry32(opts.seed ?? 7);
  }

  get latencyMs(): number {
    return this.opts.latencyMs ?? 0;
  }

  decide(operation: string, region: string | undefined, target: string | undefined, service?: string): FaultDecision {
    if (this.opts.ratePerSecond && !this.take(`${region ?? "global"}|${this.opts.rateGroup?.(operation) ?? operation}`)) return { kind: "throttle", reason: "rate" };
    const matches = (d: DeniedCall) =>
      d.operation === operation && (!d.service || d.service === service) && (!d.region || d.region === region) && (!d.target || d.target === target);
    if ((this.opts.throttled ?? []).some(matches)) return { kind: "throttle", reason: "rate" };
    if ((this.opts.accessDenied ?? []).some(matches)) return { kind: "denied" };
    const r = this.rand();
    const throttle = this.opts.throttleRate ?? 0;
    if (r < throttle) return { kind: "throttle", reason: "random" };
    if (r < throttle + (this.opts.serverErrorRate ?? 0)) return { kind: "server-error" };
    return { kind: "ok" };
  }

  /** The answer to send: the one made, or what the `rewrite` option makes of it. */
  rewritten(exchange: Exchange): HttpAnswer {
    const changed = this.opts.rewrite?.(exchange);
    if (!changed) return exchange.answer;
    return { ...exchange.answer, ...changed, headers: { ...exchange.answer.headers, ...changed.headers } };
  }

  /** Settles when the answer may be sent (the `hold` option). */
  async held(exchange: Exchange): Promise<void> {
    await this.opts.hold?.(exchange);
  }

  private take(key: string): boolean {
    const rate = this.opts.ratePerSecond as number;
    const burst = this.opts.burst ?? Math.max(1, rate);
    const now = performance.now();
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
