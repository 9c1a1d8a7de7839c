//! `kith rewards`: bond to curate, unbond, withdraw, claim, and where you stand this era.

use clap::Subcommand;
use serde_json::json;

use super::{done, Context};
use crate::{amount, chain, Error, Report};

#[derive(Subcommand, Debug)]
pub enum RewardsCommand {
	/// Locks KITH to curate: from the next era, your reactions and tips steer the pool with it.
	Bond {
		#[arg(allow_negative_numbers = true)]
		amount: String,
	},
	/// Starts unlocking KITH from your bond (frozen until its era comes).
	Unbond {
		#[arg(allow_negative_numbers = true)]
		amount: String,
	},
	/// Returns unbonded KITH whose era has come.
	Withdraw,
	/// Claims your creator and curator rewards: of one closed era, or of every era that pays you.
	Claim { era: Option<u32> },
	/// Flags a post of the era in review (the one before this) as worth less than its votes: takes
	/// off its score as much as your flag power (your bond) left allows. Moves no tokens.
	Flag {
		post: u64,
		#[arg(long, value_enum, default_value = "overrewarded")]
		reason: FlagReasonArg,
	},
	/// The era in progress, your score and bond, and what you can claim.
	Status { who: Option<String> },
}

/// Why a post is flagged (recorded in the event; every reason takes off the same).
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum FlagReasonArg {
	SelfVoting,
	VoteTrading,
	Spam,
	Plagiarism,
	Overrewarded,
}

pub async fn rewards(cx: &mut Context, command: RewardsCommand) -> Result<Report, Error> {
	let tx = chain::tx().creator_rewards();
	match command {
		RewardsCommand::Bond { amount: value } => {
			let value = amount::parse(&value)?;
			let included = cx.send(tx.bond(value), value).await?;
			let text = format!("bonded {} to curate", amount::format(value));
			Ok(done(text, &included, json!({ "amount": value.to_string() })))
		},
		RewardsCommand::Unbond { amount: value } => {
			let value = amount::parse(&value)?;
			let included = cx.send(tx.unbond(value), 0).await?;
			let era = included
				.event::<chain::creator_rewards::events::Unbonded>()
				.map(|event| event.unlock_era);
			let text = format!("unbonding {} (withdraw from era {era:?})", amount::format(value));
			Ok(done(text, &included, json!({ "amount": value.to_string(), "unlockEra": era })))
		},
		RewardsCommand::Withdraw => {
			let included = cx.send(tx.withdraw_unbonded(), 0).await?;
			let withdrawn = included
				.event::<chain::creator_rewards::events::Withdrawn>()
				.map_or(0, |event| event.amount);
			let text = format!("withdrew {}", amount::format(withdrawn));
			Ok(done(text, &included, json!({ "amount": withdrawn.to_string() })))
		},
		RewardsCommand::Flag { post, reason } => {
			use chain::runtime_types::pallet_creator_rewards::types::FlagReason;
			let reason = match reason {
				FlagReasonArg::SelfVoting => FlagReason::SelfVoting,
				FlagReasonArg::VoteTrading => FlagReason::VoteTrading,
				FlagReasonArg::Spam => FlagReason::Spam,
				FlagReasonArg::Plagiarism => FlagReason::Plagiarism,
				FlagReasonArg::Overrewarded => FlagReason::Overrewarded,
			};
			let included = cx.send(tx.flag(post, reason), 0).await?;
			let flagged = included.event::<chain::creator_rewards::events::Flagged>();
			let (era, taken) = flagged.map_or((0, 0), |event| (event.era, event.amount));
			let text =
				format!("flagged #{post}: {} off its score in era {era}", amount::format(taken));
			Ok(done(
				text,
				&included,
				json!({ "postId": post, "era": era, "amount": taken.to_string() }),
			))
		},
		RewardsCommand::Claim { era } => {
			let eras = match era {
				Some(era) => vec![era],
				None => {
					let me = cx.me()?;
					let at = cx.client().await?.at_best().await?;
					let api = chain::runtime_apis().creator_rewards_api().pending_rewards(me);
					let pending = at.runtime_apis().call(api).await?;
					pending.into_iter().map(|(era, _)| era).collect()
				},
			};
			if eras.is_empty() {
				return Err(Error::NotFound("nothing to claim: no closed era pays you".into()));
			}
			let mut total = 0u128;
			let mut last = None;
			for era in &eras {
				let included = cx.send(tx.claim(*era), 0).await?;
				if let Some(claimed) = included.event::<chain::creator_rewards::events::Claimed>() {
					total += claimed.creator + claimed.curator;
				}
				last = Some(included);
			}
			let included = last.expect("at least one era");
			let text = format!("claimed {} of era(s) {eras:?}", amount::format(total));
			Ok(done(text, &included, json!({ "eras": eras, "amount": total.to_string() })))
		},
		RewardsCommand::Status { who } => {
			let account = cx.who_or_me(who.as_deref()).await?;
			let at = cx.client().await?.at_best().await?;
			let apis = chain::runtime_apis().creator_rewards_api();
			let era = at.runtime_apis().call(apis.current_era()).await?;
			let (score, power) = at.runtime_apis().call(apis.scores(era.era, account)).await?;
			let pending = at.runtime_apis().call(apis.pending_rewards(account)).await?;
			let ledger = at
				.storage()
				.try_fetch(chain::storage().creator_rewards().ledgers(), (account,))
				.await?
				.map(|value| value.decode())
				.transpose()?;
			let bonded = ledger.as_ref().map_or(0, |ledger| ledger.bonded);
			let unlocking: u128 = ledger
				.iter()
				.flat_map(|ledger| ledger.unlocking.0.iter())
				.map(|chunk| chunk.amount)
				.sum();
			let pending_total: u128 = pending.iter().map(|(_, p)| p.creator + p.curator).sum();
			let mut lines =
				vec![
				format!(
					"era {}: blocks {} to {}, pool {}, total score {}",
					era.era,
					era.started_at,
					era.ends_at,
					amount::format(era.pool),
					era.score
				),
				format!("your score this era: {score} as a creator, {power} power spent as a curator"),
				format!("bonded {}, unlocking {}", amount::format(bonded), amount::format(unlocking)),
			];
			for (era, payout) in &pending {
				lines.push(format!(
					"claimable from era {era}: {} as a creator, {} as a curator",
					amount::format(payout.creator),
					amount::format(payout.curator)
				));
			}
			if pending.is_empty() {
				lines.push("nothing to claim".into());
			}
			Ok(Report {
				text: lines.join("\n"),
				json: json!({
					"era": era.era, "startedAt": era.started_at, "endsAt": era.ends_at,
					"pool": era.pool.to_string(), "eraScore": era.score.to_string(),
					"score": score.to_string(), "power": power.to_string(),
					"bonded": bonded.to_string(), "unlocking": unlocking.to_string(),
					"pending": pending.iter().map(|(era, p)| json!({
						"era": era, "creator": p.creator.to_string(), "curator": p.curator.to_string(),
					})).collect::<Vec<_>>(),
					"pendingTotal": pending_total.to_string(),
				}),
			})
		},
	}
}
