//! The jury pool and appeals: joining and leaving, stake-weighted sortition, decisions, pay.

use crate::*;
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::Balanced, Imbalance, OnUnbalanced, Randomness},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Saturating, UniqueSaturatedInto, Zero};

impl<T: Config> Pallet<T> {
	/// Takes a slot out of the draw list, moving the last juror into it.
	pub(crate) fn free_slot(slot: u32) {
		let last = JurorCount::<T>::get() - 1;
		let moved = JurorSlots::<T>::take(last);
		if slot != last {
			if let Some(moved) = moved {
				Jurors::<T>::mutate(&moved.0, |juror| {
					if let Some(juror) = juror {
						juror.slot = Some(slot);
					}
				});
				JurorSlots::<T>::insert(slot, moved);
			}
		}
		JurorCount::<T>::put(last);
	}

	/// Takes `who` out of the draw list; its bond returns once the juries it sits on decide.
	pub(crate) fn leave(who: &T::AccountId) -> DispatchResult {
		let mut juror = Jurors::<T>::get(who).ok_or(Error::<T>::NotJuror)?;
		let slot = juror.slot.take().ok_or(Error::<T>::AlreadyLeaving)?;
		Self::free_slot(slot);
		if juror.duties == 0 {
			Self::retire_juror(who, juror);
		} else {
			Self::deposit_event(Event::JurorLeaving { who: who.clone(), duties: juror.duties });
			Jurors::<T>::insert(who, juror);
		}
		Ok(())
	}

	/// The slot of the smallest bond among the first `count` slots (the latest joined among
	/// equals), and the bond.
	pub(crate) fn smallest_juror(count: u32) -> Option<(u32, BalanceOf<T>)> {
		(0..count)
			.filter_map(|slot| JurorSlots::<T>::get(slot).map(|(_, bond)| (slot, bond)))
			.min_by(|(a, x), (b, y)| x.cmp(y).then(b.cmp(a)))
	}

	/// Removes a juror that is out of the draw list and has no duties, returning its bond.
	pub(crate) fn retire_juror(who: &T::AccountId, juror: Juror<BalanceOf<T>>) {
		Jurors::<T>::remove(who);
		Self::release(HoldReason::JurorBond, who, juror.bond);
		Self::deposit_event(Event::JurorLeft { who: who.clone(), bond: juror.bond });
	}

	/// Draws the seats of case `case_id`'s appeal by stake-weighted sortition: each of the
	/// [`Config::JurySize`] seats goes to an eligible pool member with a chance equal to its
	/// bond's share of all eligible bonds (a juror can hold several seats). Splitting a bond
	/// across accounts therefore changes nothing: the expected seats of a stake are its share
	/// of the stake. Eligible: not the affected author, a reporter, the escalator or a voter on
	/// the case. At least `JurySize` members must be eligible, or the appeal is dropped.
	pub(crate) fn draw_jury(case_id: CaseId, now: BlockNumberFor<T>) {
		let Some(mut case) = Cases::<T>::get(case_id) else { return };
		let holder = Self::holder(&case.affected);
		let Some(appeal) = case.appeal.as_mut() else { return };
		let (seed, _) = T::Randomness::random(&(b"kith/jury", case_id).encode());
		let eligible: Vec<(T::AccountId, u128)> = (0..JurorCount::<T>::get())
			.filter_map(JurorSlots::<T>::get)
			.filter(|(candidate, _)| {
				*candidate != case.affected
					&& *candidate != holder
					&& !case.reporters.contains(candidate)
					&& case.escalator.as_ref().is_none_or(|(who, _)| who != candidate)
					&& !CaseVotes::<T>::contains_key(case_id, candidate)
			})
			.map(|(candidate, bond)| (candidate, bond.unique_saturated_into()))
			.collect();
		let total: u128 = eligible.iter().map(|(_, bond)| *bond).sum();
		let mut jury = JuryOf::<T>::new();
		if eligible.len() as u32 >= T::JurySize::get() && total > 0 {
			for seat in 0..T::JurySize::get() {
				let random = u128::from_le_bytes(
					sp_io::hashing::blake2_256(&(seed, seat).encode())[..16]
						.try_into()
						.expect("sixteen bytes"),
				);
				let mut point = random % total;
				for (candidate, bond) in &eligible {
					if point < *bond {
						let _ = jury.try_push(candidate.clone());
						break;
					}
					point -= bond;
				}
			}
		}

		// The jury's decision needs a place in the agenda; without one (or without a full jury)
		// the appeal is dropped and can be made again.
		let decides_at = jury
			.is_full()
			.then(|| {
				Self::schedule(
					now.saturating_add(CurrentPeriods::<T>::get().jury),
					Due::DecideAppeal(case_id),
				)
				.ok()
			})
			.flatten();
		let Some(decides_at) = decides_at else {
			Self::release(HoldReason::Appeal, &appeal.appellant, appeal.deposit);
			case.status = CaseStatus::Upheld { at: appeal.upheld_at };
			case.appeal = None;
			Undecided::<T>::remove(case_id);
			Cases::<T>::insert(case_id, case);
			Self::deposit_event(Event::AppealDropped { case_id });
			return;
		};
		for juror in Self::distinct(&jury) {
			Jurors::<T>::mutate(juror, |record| {
				if let Some(record) = record {
					record.duties += 1;
				}
			});
		}
		appeal.jury = jury.clone();
		appeal.decides_at = Some(decides_at);
		Cases::<T>::insert(case_id, case);
		Self::deposit_event(Event::JuryDrawn { case_id, jury, decides_at });
	}

	/// The jurors of `jury`, each once, in the order of their first seat.
	pub(crate) fn distinct(jury: &[T::AccountId]) -> Vec<&T::AccountId> {
		let mut jurors: Vec<&T::AccountId> = Vec::new();
		for juror in jury {
			if !jurors.contains(&juror) {
				jurors.push(juror);
			}
		}
		jurors
	}

	/// How many seats `juror` holds on `jury`.
	pub fn seats(jury: &[T::AccountId], juror: &T::AccountId) -> u32 {
		jury.iter().filter(|seat| *seat == juror).count() as u32
	}

	/// Takes the jury's decision on case `case_id`'s appeal: overturned when at least
	/// [`Config::JuryQuorum`] seats voted and two thirds of them to overturn. The jurors who
	/// voted share, per seat, the jury fee of the appeal deposit and what the no-shows lost,
	/// whichever way they voted; the rest of the deposit returns to the appellant if overturned
	/// and goes to [`Config::Slashed`] if not.
	pub(crate) fn decide_appeal(case_id: CaseId, now: BlockNumberFor<T>) {
		let Some(mut case) = Cases::<T>::get(case_id) else { return };
		let Some(appeal) = case.appeal.clone() else { return };
		let cast = appeal.overturn + appeal.keep;
		let overturned = cast >= T::JuryQuorum::get() && appeal.overturn * 3 >= cast * 2;

		let mut pot = CreditOf::<T>::zero();
		let mut voters = Vec::new();
		for juror in Self::distinct(&appeal.jury) {
			let seats = Self::seats(&appeal.jury, juror);
			let voted = JuryVotes::<T>::take(case_id, juror).is_some();
			let Some(mut record) = Jurors::<T>::get(juror) else { continue };
			record.duties = record.duties.saturating_sub(1);
			if voted {
				voters.extend((0..seats).map(|_| juror.clone()));
			} else {
				let amount =
					T::JurorNoShowSlash::get().saturating_mul(seats.into()).min(record.bond);
				let credit = Self::slash(HoldReason::JurorBond, juror, amount);
				record.bond = record.bond.saturating_sub(credit.peek());
				Self::deposit_event(Event::JurorSlashed {
					case_id,
					juror: juror.clone(),
					amount: credit.peek(),
				});
				pot.subsume(credit);
				if let Some(slot) = record.slot {
					if record.bond < T::MinJurorBond::get() {
						record.slot = None;
						Self::free_slot(slot);
					} else {
						JurorSlots::<T>::insert(slot, (juror, record.bond));
					}
				}
			}
			if record.slot.is_none() && record.duties == 0 {
				Self::retire_juror(juror, record);
			} else {
				Jurors::<T>::insert(juror, record);
			}
		}

		let fee = T::JuryFee::get().min(appeal.deposit);
		pot.subsume(Self::slash(HoldReason::Appeal, &appeal.appellant, fee));
		let rest = appeal.deposit.saturating_sub(fee);
		if overturned {
			Self::release(HoldReason::Appeal, &appeal.appellant, rest);
			Self::lift(&case, case_id);
			case.status = CaseStatus::Overturned { at: now };
		} else {
			T::Slashed::on_unbalanced(Self::slash(HoldReason::Appeal, &appeal.appellant, rest));
			case.status = CaseStatus::Confirmed { at: now };
		}
		let paid = Self::pay(pot, &voters);
		Undecided::<T>::remove(case_id);
		Cases::<T>::insert(case_id, case);
		Self::deposit_event(Event::AppealDecided {
			case_id,
			overturned,
			overturn: appeal.overturn,
			keep: appeal.keep,
			paid,
		});
	}

	/// Shares `pot` equally among `jurors` (one entry per seat; what cannot be shared goes to
	/// [`Config::Slashed`]); returns what they received.
	pub(crate) fn pay(mut pot: CreditOf<T>, jurors: &[T::AccountId]) -> BalanceOf<T> {
		let mut paid = BalanceOf::<T>::zero();
		if !jurors.is_empty() {
			let share = pot.peek() / (jurors.len() as u32).into();
			for juror in jurors {
				let (part, rest) = pot.split(share);
				pot = rest;
				match T::Currency::resolve(juror, part) {
					Ok(()) => paid.saturating_accrue(share),
					Err(part) => pot.subsume(part),
				}
			}
		}
		T::Slashed::on_unbalanced(pot);
		paid
	}
}
