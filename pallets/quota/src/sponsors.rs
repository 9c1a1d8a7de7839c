//! Sponsored onboarding: vouchers, their claim, and the end of a sponsorship (see the crate's
//! documentation).

use crate::{
	pallet::*, BalanceOf, Config, HandleHolders, Sponsor, Sponsorship, VoucherOf, WeightInfo,
};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	pallet_prelude::*,
	storage::{with_transaction, TransactionOutcome},
	traits::{
		fungible::{Inspect, MutateFreeze, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Hash, Saturating, UniqueSaturatedInto, Verify, Zero},
	transaction_validity::{InvalidTransaction, TransactionValidityWithRefund, ValidTransaction},
	DispatchError,
};

/// What a sponsor signs: the voucher, for this chain.
const VOUCHER_CONTEXT: &[u8] = b"kith/voucher";
/// What the new account signs: the voucher and its profile, for this chain.
const CLAIM_CONTEXT: &[u8] = b"kith/voucher-claim";
/// The most claimed vouchers `on_idle` clears in one block.
const PRUNE_BATCH: u32 = 64;

impl<T: Config> Pallet<T> {
	/// The bytes a sponsor signs for `voucher`: a context, the chain's genesis hash, the voucher.
	pub fn voucher_message(voucher: &VoucherOf<T>) -> Vec<u8> {
		(VOUCHER_CONTEXT, Self::genesis_hash(), voucher).encode()
	}

	/// The bytes the new account signs to claim `voucher` with a profile.
	pub fn claim_message(voucher: &VoucherOf<T>, display_name: &[u8], bio: &[u8]) -> Vec<u8> {
		(CLAIM_CONTEXT, Self::genesis_hash(), voucher, display_name, bio).encode()
	}

	fn genesis_hash() -> T::Hash {
		frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero())
	}

	/// The era a block is in: [`Config::RegenPeriod`]s since genesis.
	pub(crate) fn era_of(block: BlockNumberFor<T>) -> u32 {
		(block / T::RegenPeriod::get()).unique_saturated_into()
	}

	/// Checks both signatures of a claim.
	pub(crate) fn verify_claim(
		voucher: &VoucherOf<T>,
		sponsor_signature: &T::Signature,
		account_signature: &T::Signature,
		display_name: &[u8],
		bio: &[u8],
	) -> Result<(), Error<T>> {
		ensure!(
			sponsor_signature.verify(&Self::voucher_message(voucher)[..], &voucher.sponsor),
			Error::<T>::BadSponsorSignature
		);
		ensure!(
			account_signature
				.verify(&Self::claim_message(voucher, display_name, bio)[..], &voucher.account),
			Error::<T>::BadAccountSignature
		);
		Ok(())
	}

	/// Authorizes [`Pallet::claim_voucher`]: both signatures hold and the claim works (run and rolled
	/// back), so a claim that gets into a block costs nobody anything it should not. A refusal is
	/// `InvalidTransaction::Custom` with the index of the pallet's error. The trial run happens in the
	/// block too (the claim then runs twice, and its weight counts both): two claims of one handle can
	/// both pass the pool, and only this keeps the second, which would pay nothing, out of the block.
	// `#[pallet::authorize]` passes the call's arguments by reference, as they are.
	#[allow(clippy::ptr_arg)]
	pub(crate) fn authorize_claim(
		_source: TransactionSource,
		voucher: &VoucherOf<T>,
		sponsor_signature: &T::Signature,
		account_signature: &T::Signature,
		display_name: &Vec<u8>,
		bio: &Vec<u8>,
	) -> TransactionValidityWithRefund {
		// This pallet's errors by their index; any other (the profiles pallet's) as `ClaimFailed`.
		let own = <Self as frame_support::traits::PalletInfoAccess>::index() as u8;
		let refuse = |error: DispatchError| -> TransactionValidityError {
			let code = match error {
				DispatchError::Module(module) if module.index == own => module.error[0],
				_ => Self::error_code(Error::<T>::ClaimFailed),
			};
			InvalidTransaction::Custom(code).into()
		};
		Self::verify_claim(voucher, sponsor_signature, account_signature, display_name, bio)
			.map_err(|error| refuse(error.into()))?;
		with_transaction(|| {
			TransactionOutcome::Rollback(Ok::<_, DispatchError>(Self::do_claim(
				voucher,
				display_name,
				bio,
			)))
		})
		.and_then(|claimed| claimed)
		.map_err(refuse)?;
		let now = frame_system::Pallet::<T>::block_number();
		// Valid in the pool until the voucher expires (at least for the next block).
		let longevity: u64 = voucher.expires.saturating_sub(now).unique_saturated_into();
		let validity = ValidTransaction::with_tag_prefix("KithVoucher")
			.and_provides(&voucher.account)
			.longevity(longevity.max(1))
			.build()?;
		Ok((validity, Weight::zero()))
	}

	/// The code of `error` in an `InvalidTransaction::Custom` refusal of a claim.
	pub fn error_code(error: Error<T>) -> u8 {
		match DispatchError::from(error) {
			DispatchError::Module(module) => module.error[0],
			_ => u8::MAX,
		}
	}

	/// Claims `voucher` (its signatures checked): every check of state, then the backing, the
	/// sufficient reference, the handle and profile, and the records.
	pub(crate) fn do_claim(
		voucher: &VoucherOf<T>,
		display_name: &[u8],
		bio: &[u8],
	) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let limits = Params::<T>::get().sponsors;
		ensure!(now <= voucher.expires, Error::<T>::VoucherExpired);
		ensure!(
			voucher.expires <= now.saturating_add(limits.max_lifetime.into()),
			Error::<T>::VoucherTooLong
		);
		let hash = T::Hashing::hash_of(voucher);
		let expiry_era = Self::era_of(voucher.expires);
		ensure!(!ClaimedVouchers::<T>::contains_key(expiry_era, hash), Error::<T>::VoucherUsed);
		let account = &voucher.account;
		ensure!(!Sponsored::<T>::contains_key(account), Error::<T>::AlreadySponsored);
		let sponsor = &voucher.sponsor;
		let mut record = Sponsors::<T>::get(sponsor).ok_or(Error::<T>::NotASponsor)?;
		let era = Self::era_of(now);
		if record.era != era {
			record.era = era;
			record.claimed = 0;
		}
		ensure!(record.claimed < limits.vouchers_per_era, Error::<T>::SponsorLimitReached);
		let backing = T::CreditUnit::get().saturating_mul(limits.backing_units.into());
		ensure!(record.funds >= backing, Error::<T>::SponsorUnderfunded);

		frame_system::Pallet::<T>::inc_sufficients(account);
		T::Currency::transfer_on_hold(
			&HoldReason::Sponsor.into(),
			sponsor,
			account,
			backing,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Polite,
		)?;
		T::Currency::set_freeze(&FreezeReason::Sponsored.into(), account, backing)?;
		T::Handles::claim(account, &voucher.handle, display_name, bio)?;

		record.claimed += 1;
		record.funds -= backing;
		record.accounts.saturating_inc();
		Sponsors::<T>::insert(sponsor, record);
		Sponsored::<T>::insert(account, Sponsorship { sponsor: sponsor.clone(), backing });
		ClaimedVouchers::<T>::insert(expiry_era, hash, ());
		Self::deposit_event(Event::VoucherClaimed {
			sponsor: sponsor.clone(),
			account: account.clone(),
			handle: voucher.handle.to_vec(),
			backing,
		});
		Ok(())
	}

	/// Ends `account`'s sponsorship, if it has one: the freeze and the sufficient reference go, and what
	/// is free of the backing returns to the sponsor's funds.
	pub fn end_sponsorship(account: &T::AccountId) {
		let Some(Sponsorship { sponsor, backing }) = Sponsored::<T>::take(account) else { return };
		// Neither can fail: the freeze exists, and the amount is what the account can spare.
		let _ = T::Currency::thaw(&FreezeReason::Sponsored.into(), account);
		let free =
			T::Currency::reducible_balance(account, Preservation::Expendable, Fortitude::Polite);
		let returned = free.min(backing);
		let returned = T::Currency::transfer_and_hold(
			&HoldReason::Sponsor.into(),
			account,
			&sponsor,
			returned,
			Precision::BestEffort,
			Preservation::Expendable,
			Fortitude::Polite,
		)
		.unwrap_or_else(|_| Zero::zero());
		frame_system::Pallet::<T>::dec_sufficients(account);
		if let Some(mut record) = Sponsors::<T>::get(&sponsor) {
			record.funds.saturating_accrue(returned);
			record.accounts.saturating_dec();
			Self::keep_sponsor(&sponsor, record);
		}
		Self::deposit_event(Event::SponsorshipEnded {
			sponsor,
			account: account.clone(),
			returned,
		});
	}

	/// Stores a sponsor's record, or removes it once it has neither funds nor accounts.
	pub(crate) fn keep_sponsor(sponsor: &T::AccountId, record: Sponsor<BalanceOf<T>>) {
		if record.funds.is_zero() && record.accounts == 0 {
			Sponsors::<T>::remove(sponsor);
		} else {
			Sponsors::<T>::insert(sponsor, record);
		}
	}

	/// Clears the claimed vouchers of eras that are over, a batch a block while weight is spare.
	pub(crate) fn prune_vouchers(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
		let db = T::DbWeight::get();
		let batch = db.reads_writes(1 + PRUNE_BATCH as u64, 1 + PRUNE_BATCH as u64);
		let era = PrunedEras::<T>::get();
		if era >= Self::era_of(now) || remaining.any_lt(batch) {
			return Weight::zero();
		}
		let result = ClaimedVouchers::<T>::clear_prefix(era, PRUNE_BATCH, None);
		if result.maybe_cursor.is_none() {
			PrunedEras::<T>::put(era + 1);
		}
		db.reads_writes(1 + result.loops as u64, 1 + result.unique as u64)
	}

	/// The sponsors' invariants: each sponsor holds its funds and counts its accounts, and each
	/// sponsored account holds a handle and a sufficient reference.
	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn sponsors_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::traits::fungible::InspectHold;
		let mut accounts = alloc::collections::btree_map::BTreeMap::<T::AccountId, u32>::new();
		for (account, sponsorship) in Sponsored::<T>::iter() {
			ensure!(T::Handles::has_handle(&account), "a sponsored account has no handle");
			ensure!(
				frame_system::Pallet::<T>::sufficients(&account) >= 1,
				"a sponsored account has no sufficient reference"
			);
			*accounts.entry(sponsorship.sponsor).or_default() += 1;
		}
		for (sponsor, record) in Sponsors::<T>::iter() {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::Sponsor.into(), &sponsor) == record.funds,
				"a sponsor's hold differs from its funds"
			);
			ensure!(
				accounts.remove(&sponsor).unwrap_or(0) == record.accounts,
				"a sponsor's count of accounts is wrong"
			);
			ensure!(
				!record.funds.is_zero() || record.accounts > 0,
				"an empty sponsor record was kept"
			);
		}
		ensure!(accounts.is_empty(), "a sponsored account's sponsor has no record");
		Ok(())
	}
}

impl<T: Config> kith_primitives::OnHandleGone<T::AccountId> for Pallet<T> {
	fn on_handle_gone(who: &T::AccountId) {
		Self::end_sponsorship(who)
	}

	fn weight() -> Weight {
		T::WeightInfo::end_sponsorship()
	}
}
