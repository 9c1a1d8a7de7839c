import { describe, expect, it } from "vitest";
import { formatAmount, parseAmount } from "../../src/lib/units";

const UNIT = 10n ** 12n;

describe("parseAmount", () => {
  it("reads whole and fractional KITH into planck", () => {
    expect(parseAmount("1")).toBe(UNIT);
    expect(parseAmount("1.5")).toBe(1_500_000_000_000n);
    expect(parseAmount(".25")).toBe(UNIT / 4n);
    expect(parseAmount("1,000")).toBe(1000n * UNIT);
    expect(parseAmount(" 0.000000000001 ")).toBe(1n);
    expect(parseAmount("0")).toBe(0n);
    expect(parseAmount("12.")).toBe(12n * UNIT);
  });
  it("refuses what is not an amount", () => {
    expect(() => parseAmount("")).toThrow("Enter an amount");
    expect(() => parseAmount("-1")).toThrow("negative");
    expect(() => parseAmount("abc")).toThrow("not a number");
    expect(() => parseAmount("1.2.3")).toThrow("not a number");
    expect(() => parseAmount(".")).toThrow("not a number");
    expect(() => parseAmount("0.0000000000001")).toThrow("At most 12 decimals");
  });
});

describe("formatAmount", () => {
  it("writes planck as KITH without trailing zeros", () => {
    expect(formatAmount(1_500_000_000_000n)).toBe("1.5 KITH");
    expect(formatAmount(UNIT)).toBe("1 KITH");
    expect(formatAmount("1000000000000")).toBe("1 KITH");
    expect(formatAmount(0n)).toBe("0 KITH");
    expect(formatAmount(1n)).toBe("0.000000000001 KITH");
    expect(formatAmount(1_234_567n * UNIT)).toBe("1,234,567 KITH");
    expect(formatAmount(-5n * UNIT / 2n)).toBe("-2.5 KITH");
  });
  it("rounds down to maxFraction and can leave the symbol out", () => {
    expect(formatAmount(1_234_567_890_123n, { maxFraction: 4 })).toBe("1.2345 KITH");
    expect(formatAmount(1n, { maxFraction: 4 })).toBe("0 KITH");
    expect(formatAmount(10n * UNIT, { symbol: false })).toBe("10");
  });
  it("round-trips", () => {
    for (const text of ["1.5", "0.01", "10000", "123.456789012345"]) {
      expect(formatAmount(parseAmount(text), { symbol: false }).replace(/,/g, "")).toBe(text);
    }
  });
});
