//! Types of the profiles pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::{ConstU32, Get},
	BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use kith_primitives::ContentRef;
use scale_info::TypeInfo;

/// The shortest handle, in characters.
pub const MIN_HANDLE_LEN: u32 = 3;
/// The longest handle, in characters.
pub const MAX_HANDLE_LEN: u32 = 32;

/// A handle: 3 to 32 characters of `a-z`, `0-9` and `_`, not starting with a digit, stored case-folded
/// (lowercase), so `@Alice` and `@alice` are the same handle.
pub type Handle = BoundedVec<u8, ConstU32<MAX_HANDLE_LEN>>;

/// Why a string is not a valid handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandleError {
	/// Fewer than 3 or more than 32 characters.
	Length,
	/// A character outside `a-z`, `A-Z`, `0-9` and `_`, or a digit first.
	Character,
}

/// Checks `raw` and returns it as a handle, case-folded to lowercase.
pub fn fold_handle(raw: &[u8]) -> Result<Handle, HandleError> {
	if raw.len() < MIN_HANDLE_LEN as usize || raw.len() > MAX_HANDLE_LEN as usize {
		return Err(HandleError::Length);
	}
	if raw[0].is_ascii_digit() {
		return Err(HandleError::Character);
	}
	let folded = raw
		.iter()
		.map(|c| match c {
			b'a'..=b'z' | b'0'..=b'9' | b'_' => Ok(*c),
			b'A'..=b'Z' => Ok(c.to_ascii_lowercase()),
			_ => Err(HandleError::Character),
		})
		.collect::<Result<alloc::vec::Vec<u8>, _>>()?;
	Ok(Handle::truncate_from(folded))
}

/// A profile: what an account shows about itself, and the deposit held for storing it.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxName, MaxBio))]
#[codec(mel_bound(Balance: MaxEncodedLen))]
pub struct Profile<Balance, MaxName, MaxBio>
where
	Balance: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxName: Get<u32>,
	MaxBio: Get<u32>,
{
	/// The name shown, UTF-8.
	pub display_name: BoundedVec<u8, MaxName>,
	/// A free text about the account, UTF-8.
	pub bio: BoundedVec<u8, MaxBio>,
	/// The content reference (an IPFS CID) of an avatar image.
	pub avatar: Option<ContentRef>,
	/// What the account holds for this profile.
	pub deposit: Balance,
}

/// A handle an account owns, and the deposit held for it.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct OwnedHandle<Balance> {
	/// The handle.
	pub handle: Handle,
	/// What the owner holds for it.
	pub deposit: Balance,
}
