// KITH amounts: the runtime's TOKEN_DECIMALS is 12 (runtime/src/lib.rs: 1 KITH = 10^12 planck).

export const DECIMALS = 12;
export const SYMBOL = "KITH";
export const SS58_PREFIX = 4242;

/** Parses a decimal amount typed by a person ("1.5", "1,000", ".25") into planck. Throws a readable Error. */
export function parseAmount(input: string, decimals = DECIMALS): bigint {
  const text = input.trim().replace(/[,_\s]/g, "");
  if (text === "") throw new Error("Enter an amount");
  if (text.startsWith("-")) throw new Error("The amount cannot be negative");
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[1] === "" && (match[2] ?? "") === "")) {
    throw new Error(`"${input.trim()}" is not a number`);
  }
  const whole = match[1] || "0";
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) {
    throw new Error(`At most ${decimals} decimals (1 planck = 10^-${decimals} ${SYMBOL})`);
  }
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
}

/** "1234567" -> "1,234,567". */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * Formats planck as KITH: "1.5 KITH", "1,000 KITH", "0.000000000001 KITH". `maxFraction` rounds down to
 * that many decimals (the exact value stays in a title attribute where it matters).
 */
export function formatAmount(
  planck: bigint | string | number,
  options: { decimals?: number; maxFraction?: number; symbol?: boolean } = {},
): string {
  const decimals = options.decimals ?? DECIMALS;
  let value = BigInt(planck);
  const negative = value < 0n;
  if (negative) value = -value;
  const base = 10n ** BigInt(decimals);
  const whole = value / base;
  let fraction = (value % base).toString().padStart(decimals, "0");
  if (options.maxFraction !== undefined) fraction = fraction.slice(0, options.maxFraction);
  fraction = fraction.replace(/0+$/, "");
  const text = `${negative ? "-" : ""}${groupThousands(whole.toString())}${fraction ? "." + fraction : ""}`;
  return options.symbol === false ? text : `${text} ${SYMBOL}`;
}
