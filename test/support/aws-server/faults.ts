/** Fault injection: all optional, all deterministic for a given seed and request order. */
export interface Faults {
  readonly seed?: number;
  /** Share (0-1) of requests answered with the service's throttling error. */
  readonly throttleRate?: number;
  /** Throttle only these operations (IAM actions or bare names); the others draw no random number, so the sequence is theirs alone. */
  readonly throttleOnly?: readonly string[];
  /** Share (0-1) of requests answered with HTTP 500. */
  readonly serverErrorRate?: number;
  /** Operations answered with the service's access-denied error, as IAM actions ("ec2:DescribeVpcs") or bare names. */
  readonly deny?: readonly string[];
  /** Delay before every response. */
  readonly latencyMs?: number;
  /** Caps every page below what the client asked for. */
  readonly pageSize?: number;
}

export type Fault = "throttle" | "server-error" | "deny" | undefined;

/** mulberry32: a small seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function faultFor(faults: Faults, random: () => number, action: string): Fault {
  const [, operation] = action.split(":");
  if (faults.deny?.some((d) => d === action || d === operation)) return "deny";
  const throttled = faults.throttleOnly === undefined || faults.throttleOnly.some((t) => t === action || t === operation);
  if (throttled && (faults.throttleRate ?? 0) > 0 && random() < (faults.throttleRate ?? 0)) return "throttle";
  if ((faults.serverErrorRate ?? 0) > 0 && random() < (faults.serverErrorRate ?? 0)) return "server-error";
  return undefined;
}
