//! Amounts of KITH as people write them (`1.5`, `0.001`, `20`) and as the chain counts them (planck,
//! `10^12` a KITH).

use crate::Error;

/// Decimal places of KITH: `1 KITH = 10^12` planck.
pub const DECIMALS: u32 = 12;

/// Planck in one KITH.
pub const PLANCK_PER_KITH: u128 = 10u128.pow(DECIMALS);

/// Parses an amount of KITH (`1`, `1.5`, `.25`, `1_000`) into planck. Rejects negative, malformed,
/// zero-free garbage, more than 12 decimals and amounts beyond `u128`.
pub fn parse(text: &str) -> Result<u128, Error> {
	let bad = |why: &str| Error::Usage(format!("invalid amount `{text}`: {why}"));
	let cleaned = text.trim().replace('_', "");
	if cleaned.starts_with('-') {
		return Err(bad("amounts cannot be negative"));
	}
	let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
	if whole.is_empty() && fraction.is_empty() {
		return Err(bad("expected a number of KITH such as 1.5"));
	}
	if !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit()) {
		return Err(bad("expected a number of KITH such as 1.5"));
	}
	if fraction.len() > DECIMALS as usize {
		return Err(bad("KITH has 12 decimal places at most"));
	}
	let too_large = || bad("too large");
	let whole: u128 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| too_large())? };
	let fraction: u128 = if fraction.is_empty() {
		0
	} else {
		let digits: u128 = fraction.parse().map_err(|_| too_large())?;
		digits * 10u128.pow(DECIMALS - fraction.len() as u32)
	};
	whole
		.checked_mul(PLANCK_PER_KITH)
		.and_then(|planck| planck.checked_add(fraction))
		.ok_or_else(too_large)
}

/// Planck as KITH, without trailing zeros: `1500000000000` is `1.5 KITH`.
pub fn format(planck: u128) -> String {
	let whole = planck / PLANCK_PER_KITH;
	let fraction = planck % PLANCK_PER_KITH;
	if fraction == 0 {
		return format!("{whole} KITH");
	}
	let digits = format!("{fraction:012}");
	format!("{whole}.{} KITH", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_parse_to_planck() {
		assert_eq!(parse("1").unwrap(), PLANCK_PER_KITH);
		assert_eq!(parse("1.5").unwrap(), 1_500_000_000_000);
		assert_eq!(parse(".25").unwrap(), 250_000_000_000);
		assert_eq!(parse("0.000000000001").unwrap(), 1);
		assert_eq!(parse("1_000").unwrap(), 1_000 * PLANCK_PER_KITH);
		assert_eq!(parse("0").unwrap(), 0);
	}

	#[test]
	fn bad_amounts_say_why() {
		for (text, why) in [
			("-1", "amounts cannot be negative"),
			("1.2.3", "expected a number"),
			("abc", "expected a number"),
			("", "expected a number"),
			(".", "expected a number"),
			("1e3", "expected a number"),
			("0.0000000000001", "12 decimal places"),
			("340282366920938463463374607431768211455", "too large"),
		] {
			let error = parse(text).unwrap_err().to_string();
			assert!(error.contains(why), "`{text}`: {error}");
			assert!(error.contains(&format!("`{text}`")), "{error}");
		}
	}

	#[test]
	fn planck_formats_as_kith() {
		assert_eq!(format(0), "0 KITH");
		assert_eq!(format(PLANCK_PER_KITH * 20), "20 KITH");
		assert_eq!(format(1_500_000_000_000), "1.5 KITH");
		assert_eq!(format(1), "0.000000000001 KITH");
		for text in ["2.75", "0.001", "123456.789"] {
			assert_eq!(format(parse(text).unwrap()), format!("{text} KITH"));
		}
	}
}
