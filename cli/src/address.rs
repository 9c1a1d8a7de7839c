//! Accounts as people write them: Kith addresses (SS58 format 4242, as wallets show them), generic
//! Substrate addresses (format 42), `0x`-hex account ids, and handles (`@alice` or `alice`).

use sp_core::crypto::{AccountId32 as SpAccountId, Ss58AddressFormat, Ss58Codec};
use subxt::utils::AccountId32;

use crate::Error;

/// Kith's SS58 address format.
pub const SS58_FORMAT: u16 = 4242;

/// An account, or a handle to look up on chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
	/// An account given by address or account id.
	Account(AccountId32),
	/// A handle, without its `@`, as typed (the chain's handles are lower case).
	Handle(String),
}

/// Reads an address (Kith format, generic format or `0x`-hex) or a handle. What is neither an address
/// nor a valid handle (3 to 32 of `a-z`, `0-9`, `_`) is a usage error naming it.
pub fn parse_who(text: &str) -> Result<Who, Error> {
	if let Some(handle) = text.strip_prefix('@') {
		return parse_handle(handle).map(Who::Handle);
	}
	if let Ok(account) = parse_account(text) {
		return Ok(Who::Account(account));
	}
	parse_handle(text).map(Who::Handle).map_err(|_| {
		Error::Usage(format!("`{text}` is neither an address nor a handle (such as @alice)"))
	})
}

/// Reads an address: Kith's SS58 format, the generic one (42) or a `0x`-hex account id.
pub fn parse_account(text: &str) -> Result<AccountId32, Error> {
	if let Some(hex) = text.strip_prefix("0x") {
		let bytes = hex::decode(hex).ok().and_then(|bytes| <[u8; 32]>::try_from(bytes).ok());
		return bytes
			.map(AccountId32)
			.ok_or_else(|| Error::Usage(format!("`{text}` is not a 32-byte hex account id")));
	}
	match SpAccountId::from_ss58check_with_version(text) {
		Ok((account, format))
			if format == Ss58AddressFormat::custom(SS58_FORMAT) || u16::from(format) == 42 =>
		{
			Ok(AccountId32(account.into()))
		},
		Ok((_, format)) => Err(Error::Usage(format!(
			"`{text}` is an address of another network (SS58 format {}), not Kith's ({SS58_FORMAT})",
			u16::from(format)
		))),
		Err(_) => Err(Error::Usage(format!("`{text}` is not a valid address"))),
	}
}

/// A handle as the chain keeps it: `@` removed, case-folded, checked by the profiles pallet's own rule
/// (3 to 32 of `a-z`, `0-9` and `_`, not starting with a digit).
pub fn parse_handle(text: &str) -> Result<String, Error> {
	let handle = text.strip_prefix('@').unwrap_or(text);
	match pallet_profiles::fold_handle(handle.as_bytes()) {
		Ok(folded) => Ok(String::from_utf8(folded.into_inner()).expect("handles are ASCII")),
		Err(_) => Err(Error::Usage(format!(
			"`{text}` is not a valid handle: 3 to 32 letters, digits or `_`, not starting with a digit"
		))),
	}
}

/// An account as a Kith address.
pub fn format(account: &AccountId32) -> String {
	SpAccountId::from(account.0).to_ss58check_with_version(Ss58AddressFormat::custom(SS58_FORMAT))
}

#[cfg(test)]
mod tests {
	use super::*;

	/// Alice's account id (`//Alice`).
	fn alice() -> AccountId32 {
		let bytes = hex::decode("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
		AccountId32(bytes.unwrap().try_into().unwrap())
	}

	#[test]
	fn addresses_of_either_format_and_hex_read_the_same() {
		let alice = alice();
		let kith = format(&alice);
		assert_eq!(parse_account(&kith).unwrap(), alice);
		assert_eq!(
			parse_account("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY").unwrap(),
			alice
		);
		assert_eq!(parse_account(&format!("0x{}", hex::encode(alice.0))).unwrap(), alice);
		assert_eq!(parse_who(&kith).unwrap(), Who::Account(alice));
	}

	#[test]
	fn addresses_of_other_networks_are_refused() {
		// Alice on Polkadot (format 0).
		let error = parse_account("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5").unwrap_err();
		assert!(error.to_string().contains("another network (SS58 format 0)"), "{error}");
		assert!(parse_account("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQX").is_err());
		assert!(parse_account("0x1234").is_err());
	}

	#[test]
	fn handles_read_with_or_without_at_in_any_case() {
		assert_eq!(parse_who("@Bob_1").unwrap(), Who::Handle("bob_1".into()));
		assert_eq!(parse_who("bob_1").unwrap(), Who::Handle("bob_1".into()));
		for bad in ["@b", "@has space", "@dash-dash", "@ünï", "@1abc"] {
			assert!(
				parse_who(bad).unwrap_err().to_string().contains("not a valid handle"),
				"{bad}"
			);
		}
		let error = parse_who("no way").unwrap_err().to_string();
		assert!(error.contains("neither an address nor a handle"), "{error}");
	}
}
