// The social quota (pallet-quota): a bar of credits, refilled linearly, pays for social actions (posts,
// replies, reactions, follows ...) instead of fees when it covers their cost; else the normal fee applies.
import { groupThousands } from "./units";

export interface Bar {
  /** Credits that can be spent now. */
  available: bigint;
  /** What the bar holds when full (0 without a handle or a quota bond). */
  size: bigint;
}

const credits = (n: bigint | number) => groupThousands(n.toString());

const PERIODS: Array<[ms: number, unit: string, once: string]> = [
  [86_400_000, "day", "daily"],
  [3_600_000, "hour", "hourly"],
  [60_000, "minute", "every minute"],
  [1_000, "second", "every second"],
];

/** How often an empty bar fills up again, in words: "daily", "every 3 minutes". */
export function refillPeriod(ms: number): string {
  const [unit, name, once] = PERIODS.find(([unit]) => ms >= unit && ms % unit === 0) ?? PERIODS[PERIODS.length - 1];
  const count = Math.round(ms / unit);
  return count === 1 ? once : `every ${count} ${name}s`;
}

/** "Credits 980 / 1,000 · refills daily". */
export const formatCredits = (bar: Bar, refillMs: number): string =>
  `Credits ${credits(bar.available)} / ${credits(bar.size)} · refills ${refillPeriod(refillMs)}`;

/**
 * Whether the bar pays for an action (`"post"`, `"reply"` ...) of `cost` credits, and the compose box's
 * hint saying so.
 */
export function feeHint(bar: Bar, cost: number, action: string): { free: boolean; text: string } {
  if (bar.available >= BigInt(cost)) {
    return { free: true, text: `Free ${action}: ${credits(cost)} of your ${credits(bar.available)} credits` };
  }
  if (bar.size === 0n) return { free: false, text: `This ${action} pays a fee: credits come with a handle` };
  return { free: false, text: `This ${action} pays a fee: it needs ${credits(cost)} credits, ${credits(bar.available)} left` };
}
