import { describe, expect, it } from "vitest";
import { feeHint, formatCredits, refillPeriod } from "../../src/lib/credits";

const DAY = 86_400_000;

describe("credits", () => {
  it("shows the bar with its refill period", () => {
    expect(formatCredits({ available: 980n, size: 1000n }, DAY)).toBe("Credits 980 / 1,000 · refills daily");
    expect(formatCredits({ available: 0n, size: 0n }, DAY)).toBe("Credits 0 / 0 · refills daily");
    expect(formatCredits({ available: 12_345n, size: 1_001_000n }, 3 * 60_000)).toBe("Credits 12,345 / 1,001,000 · refills every 3 minutes");
  });
  it("says the refill period in the largest whole unit", () => {
    expect(refillPeriod(DAY)).toBe("daily");
    expect(refillPeriod(2 * DAY)).toBe("every 2 days");
    expect(refillPeriod(3_600_000)).toBe("hourly");
    expect(refillPeriod(36 * 3_600_000)).toBe("every 36 hours");
    expect(refillPeriod(90 * 60_000)).toBe("every 90 minutes");
    expect(refillPeriod(60_000)).toBe("every minute");
    expect(refillPeriod(6_000)).toBe("every 6 seconds");
  });
  it("tells whether the credits pay for the next post or it pays a fee", () => {
    expect(feeHint({ available: 1000n, size: 1000n }, 20, "post")).toEqual({ free: true, text: "Free post: 20 of your 1,000 credits" });
    expect(feeHint({ available: 20n, size: 1000n }, 20, "post").free).toBe(true);
    expect(feeHint({ available: 19n, size: 1000n }, 20, "reply")).toEqual({
      free: false,
      text: "This reply pays a fee: it needs 20 credits, 19 left",
    });
    expect(feeHint({ available: 0n, size: 0n }, 20, "post")).toEqual({ free: false, text: "This post pays a fee: credits come with a handle" });
  });
});
