/**
 * Settings of a way in that let no one else in, yet change where data goes or how it is read: a mapping's on-failure
 * (or on-success) destination, a new place its records flow to; its batch size and consumer group; a URL's CORS, which
 * browsers' pages may call it and read the answer. The diff lists them before and after (lib/diff), so a scan that
 * changed only these does not read as "nothing changed". Values as text; the order of what AWS gives no order to
 * (CORS origins, methods, headers; object keys) is none of it.
 */
import type { EventSourceMapping, FunctionUrlConfig } from "@/lib/snapshot/schema";

export type WayInSettings = Record<string, string>;

export function mappingSettings(m: EventSourceMapping): WayInSettings | undefined {
  const kafka = m.AmazonManagedKafkaEventSourceConfig ?? m.SelfManagedKafkaEventSourceConfig;
  return settingsOf({
    "on-failure destination": m.DestinationConfig?.OnFailure?.Destination,
    "on-success destination": m.DestinationConfig?.OnSuccess?.Destination,
    "batch size": typeof m.BatchSize === "number" ? String(m.BatchSize) : undefined,
    // Lambda names the group after the mapping when none is given: a mapping created again under a new UUID then reads
    // from its topics as the one before did, and says so here.
    "consumer group": kafka?.ConsumerGroupId && kafka.ConsumerGroupId === m.UUID ? "the mapping's UUID" : kafka?.ConsumerGroupId,
  });
}

export function urlSettings(config: FunctionUrlConfig): WayInSettings | undefined {
  return settingsOf({ CORS: config.Cors === undefined || config.Cors === null ? undefined : orderFreeJson(config.Cors) });
}

function settingsOf(all: Record<string, string | null | undefined>): WayInSettings | undefined {
  const set = Object.entries(all).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "");
  return set.length ? Object.fromEntries(set) : undefined;
}

/** JSON with object keys sorted and lists of plain values sorted: CORS gives neither an order. */
function orderFreeJson(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const items = v.map(norm);
      return items.every((i) => typeof i !== "object" || i === null) ? [...items].sort((a, b) => String(a).localeCompare(String(b))) : items;
    }
    if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, norm((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(norm(value));
}
