//! [`ChargeQuotaOrFee`]: the transaction extension that pays social actions from the credit bar and
//! everything else with fees.

use crate::{Config, Pallet, QuotaCharge, SocialCalls, WeightInfo};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{
	dispatch::{DispatchInfo, PostDispatchInfo},
	pallet_prelude::TransactionSource,
	weights::Weight,
};
use frame_system::{CheckNonce, CheckWeight};
use pallet_transaction_payment::ChargeTransactionPayment;
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Dispatchable, Implication,
		PostDispatchInfoOf, RefundWeight, Saturating, TransactionExtension,
		TransactionExtensionMetadata, UniqueSaturatedInto, ValidateResult, Zero,
	},
	transaction_validity::{
		InvalidTransaction, TransactionValidity, TransactionValidityError, ValidTransaction,
	},
	DispatchResult,
};

type RuntimeCallOf<T> = <T as frame_system::Config>::RuntimeCall;
/// An amount of the currency fees are paid in.
type FeeBalanceOf<T> = <<T as pallet_transaction_payment::Config>::OnChargeTransaction as pallet_transaction_payment::OnChargeTransaction<T>>::Balance;

/// frame-system's `CheckNonce` and `CheckWeight` and transaction-payment's `ChargeTransactionPayment`,
/// in that order, with one change: a social action without a tip whose payer's bar covers it is paid
/// from the bar (see the crate's documentation) instead of with a fee.
///
/// It encodes as the three do one after another and its [`TransactionExtension::metadata`] lists the
/// three, so clients sign with it as they sign with them; the nonce is in reach here, which the pool
/// bound needs.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct ChargeQuotaOrFee<T: Config + pallet_transaction_payment::Config + Send + Sync> {
	/// The transaction's nonce.
	pub nonce: CheckNonce<T>,
	/// The block's weight and length limits.
	pub weight: CheckWeight<T>,
	/// The fee, and the tip (a tip always means paying the fee).
	pub payment: ChargeTransactionPayment<T>,
}

impl<T: Config + pallet_transaction_payment::Config + Send + Sync> ChargeQuotaOrFee<T> {
	/// The extension data of a transaction with `nonce` and `tip`.
	pub fn new(nonce: T::Nonce, tip: FeeBalanceOf<T>) -> Self {
		Self {
			nonce: CheckNonce::from(nonce),
			weight: CheckWeight::new(),
			payment: ChargeTransactionPayment::from(tip),
		}
	}
}

impl<T> ChargeQuotaOrFee<T>
where
	T: Config + pallet_transaction_payment::Config + Send + Sync,
	RuntimeCallOf<T>: Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>,
{
	/// What the bar would pay for `call` signed by `who` with this nonce and tip, now: `None` if it
	/// pays the fee (a tip, no social action, or a bar that does not cover it behind the sender's
	/// transactions with lower nonces). What validation decides, and what `payment_queryInfo` tells.
	pub fn quota_charge(
		&self,
		who: &T::AccountId,
		call: &RuntimeCallOf<T>,
	) -> Option<QuotaCharge<T::AccountId>> {
		if !self.payment.tip().is_zero() {
			return None;
		}
		// The sender's transactions before this one in the pool.
		let next = frame_system::Pallet::<T>::account_nonce(who);
		let ahead: u32 = self.nonce.0.saturating_sub(next).unique_saturated_into();
		Pallet::<T>::quote(who, call, ahead)
	}
}

impl<T: Config + pallet_transaction_payment::Config + Send + Sync> core::fmt::Debug
	for ChargeQuotaOrFee<T>
{
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "ChargeQuotaOrFee({:?}, {:?})", self.nonce, self.payment)
	}
}

/// The weight `ChargeTransactionPayment` declares for `call`.
fn payment_weight<T>(payment: &ChargeTransactionPayment<T>, call: &RuntimeCallOf<T>) -> Weight
where
	T: Config + pallet_transaction_payment::Config + Send + Sync,
	RuntimeCallOf<T>: Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>,
{
	payment.weight(call)
}

/// How a transaction pays, decided in validation.
pub enum PayVal<T: Config + pallet_transaction_payment::Config + Send + Sync> {
	/// From the bar.
	Quota(QuotaCharge<T::AccountId>),
	/// With a fee.
	Fee(<ChargeTransactionPayment<T> as TransactionExtension<RuntimeCallOf<T>>>::Val),
}

/// How a transaction paid, for after its dispatch.
pub enum PayPre<T: Config + pallet_transaction_payment::Config + Send + Sync> {
	/// From the bar: the fee charge's weight, not spent, is refunded.
	Quota(Weight),
	/// With a fee, corrected after dispatch; the bar's weight that was not spent (a social action's bar
	/// was read and found short, nothing written) is refunded.
	Fee(<ChargeTransactionPayment<T> as TransactionExtension<RuntimeCallOf<T>>>::Pre, Weight),
}

impl<T> TransactionExtension<RuntimeCallOf<T>> for ChargeQuotaOrFee<T>
where
	T: Config + pallet_transaction_payment::Config + Send + Sync,
	RuntimeCallOf<T>: Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>,
	DispatchOriginOf<RuntimeCallOf<T>>: AsSystemOriginSigner<T::AccountId> + Clone,
{
	const IDENTIFIER: &'static str = "ChargeQuotaOrFee";
	type Implicit = ();
	type Val = (
		<CheckNonce<T> as TransactionExtension<RuntimeCallOf<T>>>::Val,
		<CheckWeight<T> as TransactionExtension<RuntimeCallOf<T>>>::Val,
		PayVal<T>,
	);
	type Pre = (
		<CheckNonce<T> as TransactionExtension<RuntimeCallOf<T>>>::Pre,
		<CheckWeight<T> as TransactionExtension<RuntimeCallOf<T>>>::Pre,
		PayPre<T>,
	);

	fn metadata() -> Vec<TransactionExtensionMetadata> {
		let mut metadata = <CheckNonce<T> as TransactionExtension<RuntimeCallOf<T>>>::metadata();
		metadata.extend(<CheckWeight<T> as TransactionExtension<RuntimeCallOf<T>>>::metadata());
		metadata.extend(
			<ChargeTransactionPayment<T> as TransactionExtension<RuntimeCallOf<T>>>::metadata(),
		);
		metadata
	}

	fn weight(&self, call: &RuntimeCallOf<T>) -> Weight {
		let quota = match T::SocialCalls::action(call) {
			Some(_) => <T as Config>::WeightInfo::charge_quota(),
			None => Weight::zero(),
		};
		self.nonce
			.weight(call)
			.saturating_add(self.weight.weight(call))
			.saturating_add(self.payment.weight(call))
			.saturating_add(quota)
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<RuntimeCallOf<T>>,
		call: &RuntimeCallOf<T>,
		info: &DispatchInfoOf<RuntimeCallOf<T>>,
		len: usize,
		_self_implicit: (),
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, RuntimeCallOf<T>> {
		let (nonce_valid, nonce_val, origin) =
			self.nonce.validate(origin, call, info, len, (), inherited_implication, source)?;
		let (weight_valid, weight_val, origin) =
			self.weight.validate(origin, call, info, len, (), inherited_implication, source)?;
		let quota = origin.as_system_origin_signer().and_then(|who| self.quota_charge(who, call));
		let (pay_valid, pay_val) = match quota {
			Some(charge) => {
				if source == TransactionSource::InBlock
					&& !Pallet::<T>::fits_block(info.total_weight())
				{
					return Err(InvalidTransaction::ExhaustsResources.into());
				}
				// Priority 0: below every fee-paying transaction.
				(ValidTransaction::default(), PayVal::Quota(charge))
			},
			None => {
				let (valid, val, _) = self.payment.validate(
					origin.clone(),
					call,
					info,
					len,
					(),
					inherited_implication,
					source,
				)?;
				(valid, PayVal::Fee(val))
			},
		};
		Ok((
			nonce_valid.combine_with(weight_valid).combine_with(pay_valid),
			(nonce_val, weight_val, pay_val),
			origin,
		))
	}

	fn prepare(
		self,
		(nonce_val, weight_val, pay_val): Self::Val,
		origin: &DispatchOriginOf<RuntimeCallOf<T>>,
		call: &RuntimeCallOf<T>,
		info: &DispatchInfoOf<RuntimeCallOf<T>>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		let unused_payment = payment_weight(&self.payment, call);
		let Self { nonce, weight, payment } = self;
		let nonce_pre = nonce.prepare(nonce_val, origin, call, info, len)?;
		// `CheckWeight` has nothing to pass on from its preparation.
		weight.prepare(weight_val, origin, call, info, len)?;
		let pay_pre = match pay_val {
			PayVal::Quota(charge) => {
				Pallet::<T>::use_block(info.total_weight());
				Pallet::<T>::charge(charge);
				PayPre::Quota(unused_payment)
			},
			PayVal::Fee(val) => {
				let unused_quota = if T::SocialCalls::action(call).is_some() {
					<T as Config>::WeightInfo::charge_quota()
						.saturating_sub(<T as Config>::WeightInfo::refuse_quota())
				} else {
					Weight::zero()
				};
				PayPre::Fee(payment.prepare(val, origin, call, info, len)?, unused_quota)
			},
		};
		Ok((nonce_pre, (), pay_pre))
	}

	fn post_dispatch_details(
		(nonce_pre, weight_pre, pay_pre): Self::Pre,
		info: &DispatchInfoOf<RuntimeCallOf<T>>,
		post_info: &PostDispatchInfoOf<RuntimeCallOf<T>>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		let mut unspent =
			CheckNonce::<T>::post_dispatch_details(nonce_pre, info, post_info, len, result)?;
		unspent.saturating_accrue(CheckWeight::<T>::post_dispatch_details(
			weight_pre, info, post_info, len, result,
		)?);
		unspent.saturating_accrue(match pay_pre {
			PayPre::Fee(pre, unused_quota) => ChargeTransactionPayment::<T>::post_dispatch_details(
				pre, info, post_info, len, result,
			)?
			.saturating_add(unused_quota),
			PayPre::Quota(unused) => unused,
		});
		Ok(unspent)
	}

	// Bare transactions (inherents, unsigned ones) go to the three as the pipeline would send them.
	fn bare_validate(
		call: &RuntimeCallOf<T>,
		info: &DispatchInfoOf<RuntimeCallOf<T>>,
		len: usize,
	) -> TransactionValidity {
		let nonce = CheckNonce::<T>::bare_validate(call, info, len)?;
		let weight = CheckWeight::<T>::bare_validate(call, info, len)?;
		let payment = ChargeTransactionPayment::<T>::bare_validate(call, info, len)?;
		Ok(nonce.combine_with(weight).combine_with(payment))
	}

	fn bare_validate_and_prepare(
		call: &RuntimeCallOf<T>,
		info: &DispatchInfoOf<RuntimeCallOf<T>>,
		len: usize,
	) -> Result<(), TransactionValidityError> {
		CheckNonce::<T>::bare_validate_and_prepare(call, info, len)?;
		CheckWeight::<T>::bare_validate_and_prepare(call, info, len)?;
		ChargeTransactionPayment::<T>::bare_validate_and_prepare(call, info, len)
	}

	fn bare_post_dispatch(
		info: &DispatchInfoOf<RuntimeCallOf<T>>,
		post_info: &mut PostDispatchInfoOf<RuntimeCallOf<T>>,
		len: usize,
		result: &DispatchResult,
	) -> Result<(), TransactionValidityError> {
		CheckNonce::<T>::bare_post_dispatch(info, post_info, len, result)?;
		CheckWeight::<T>::bare_post_dispatch(info, post_info, len, result)?;
		ChargeTransactionPayment::<T>::bare_post_dispatch(info, post_info, len, result)
	}

	fn post_dispatch(
		(nonce_pre, weight_pre, pay_pre): Self::Pre,
		info: &DispatchInfoOf<RuntimeCallOf<T>>,
		post_info: &mut PostDispatchInfoOf<RuntimeCallOf<T>>,
		len: usize,
		result: &DispatchResult,
	) -> Result<(), TransactionValidityError> {
		// One after another, as the three would run in the pipeline: each sees the refunds before it.
		CheckNonce::<T>::post_dispatch(nonce_pre, info, post_info, len, result)?;
		CheckWeight::<T>::post_dispatch(weight_pre, info, post_info, len, result)?;
		match pay_pre {
			PayPre::Fee(pre, unused_quota) => {
				// The bar's unspent weight first, so the fee's correction covers it too.
				post_info.refund(unused_quota);
				ChargeTransactionPayment::<T>::post_dispatch(pre, info, post_info, len, result)
			},
			PayPre::Quota(unused) => {
				post_info.refund(unused);
				Ok(())
			},
		}
	}
}
