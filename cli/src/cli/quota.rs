//! `kith quota`: your credit bar (what pays your social actions instead of fees) and its bond;
//! `kith proxy`: posting keys that act for your account.

use clap::Subcommand;
use serde_json::json;
use subxt::utils::MultiAddress;

use super::{done, Context};
use crate::{address, amount, chain, Error, Report};

#[derive(Subcommand, Debug)]
pub enum QuotaCommand {
	/// The credits you (or someone) can spend now, the bar's size and the bond.
	Status { who: Option<String> },
	/// Holds KITH to enlarge your bar (1 KITH gives what a handle gives).
	Bond {
		#[arg(allow_negative_numbers = true)]
		amount: String,
	},
	/// Starts unbonding KITH: it stops counting at once and can be withdrawn a day later.
	Unbond {
		#[arg(allow_negative_numbers = true)]
		amount: String,
	},
	/// Returns unbonded KITH once its day has passed.
	Withdraw,
}

pub async fn quota(cx: &mut Context, command: QuotaCommand) -> Result<Report, Error> {
	let tx = chain::tx().quota();
	match command {
		QuotaCommand::Status { who } => status(cx, who.as_deref()).await,
		QuotaCommand::Bond { amount: value } => {
			let value = amount::parse(&value)?;
			let included = cx.send(tx.bond(value), value).await?;
			let text = format!("bonded {} for your credit bar", amount::format(value));
			Ok(done(text, &included, json!({ "amount": value.to_string() })))
		},
		QuotaCommand::Unbond { amount: value } => {
			let value = amount::parse(&value)?;
			let included = cx.send(tx.unbond(value), 0).await?;
			let unlocks_at =
				included.event::<chain::quota::events::Unbonding>().map(|event| event.unlocks_at);
			let text = format!(
				"unbonding {} (withdraw from block {})",
				amount::format(value),
				unlocks_at.map_or("?".into(), |at| at.to_string())
			);
			Ok(done(
				text,
				&included,
				json!({ "amount": value.to_string(), "unlocksAt": unlocks_at }),
			))
		},
		QuotaCommand::Withdraw => {
			let included = cx.send(tx.withdraw_unbonded(), 0).await?;
			let withdrawn =
				included.event::<chain::quota::events::Withdrawn>().map_or(0, |event| event.amount);
			let text = format!("withdrew {}", amount::format(withdrawn));
			Ok(done(text, &included, json!({ "amount": withdrawn.to_string() })))
		},
	}
}

async fn status(cx: &mut Context, who: Option<&str>) -> Result<Report, Error> {
	let account = cx.who_or_me(who).await?;
	let at = cx.client().await?.at_best().await?;
	let (available, size) =
		at.runtime_apis().call(chain::runtime_apis().quota_api().credits(account)).await?;
	let bond = at
		.storage()
		.try_fetch(chain::storage().quota().bonds(), (account,))
		.await?
		.map(|value| value.decode())
		.transpose()?;
	let costs = at.storage().fetch(chain::storage().quota().params(), ()).await?.decode()?.costs;
	let bonded = bond.as_ref().map_or(0, |bond| bond.active);
	let unlocking = bond.as_ref().and_then(|bond| bond.unlocking);
	let mut lines = vec![
		format!(
			"{available} of {size} credits to spend (a post costs {}, a reaction {})",
			costs.post, costs.react
		),
		format!("bonded {}", amount::format(bonded)),
	];
	if let Some((value, at)) = unlocking {
		lines.push(format!("unbonding {} (withdraw from block {at})", amount::format(value)));
	}
	Ok(Report {
		text: lines.join("\n"),
		json: json!({
			"account": address::format(&account),
			"available": available, "size": size,
			"costs": { "post": costs.post, "react": costs.react },
			"bonded": bonded.to_string(),
			"unlocking": unlocking.map(|(value, at)| json!({ "amount": value.to_string(), "unlocksAt": at })),
		}),
	})
}

#[derive(Subcommand, Debug)]
pub enum ProxyCommand {
	/// Lets another key act for your account: only social actions (posts, reactions, follows,
	/// profile edits), or everything with `--any`.
	Add {
		who: String,
		#[arg(long)]
		any: bool,
	},
	/// Takes a key's proxy away.
	Remove {
		who: String,
		#[arg(long)]
		any: bool,
	},
	/// The keys that act for you (or for someone).
	List { who: Option<String> },
}

pub async fn proxy(cx: &mut Context, command: ProxyCommand) -> Result<Report, Error> {
	use chain::runtime_types::kith_runtime::configs::accounts::ProxyType;
	let tx = chain::tx().proxy();
	let kind = |any: bool| if any { ProxyType::Any } else { ProxyType::Social };
	let name = |any: bool| if any { "any" } else { "social" };
	match command {
		ProxyCommand::Add { who, any } => {
			let delegate = cx.who(&who).await?;
			let call = tx.add_proxy(MultiAddress::Id(delegate), kind(any), 0);
			let included = cx.send(call, 0).await?;
			let text = format!("{who} now acts for you ({} proxy)", name(any));
			let fields = json!({ "delegate": address::format(&delegate), "type": name(any) });
			Ok(done(text, &included, fields))
		},
		ProxyCommand::Remove { who, any } => {
			let delegate = cx.who(&who).await?;
			let call = tx.remove_proxy(MultiAddress::Id(delegate), kind(any), 0);
			let included = cx.send(call, 0).await?;
			let text = format!("{who} no longer acts for you ({} proxy)", name(any));
			let fields = json!({ "delegate": address::format(&delegate), "type": name(any) });
			Ok(done(text, &included, fields))
		},
		ProxyCommand::List { who } => {
			let account = cx.who_or_me(who.as_deref()).await?;
			let at = cx.client().await?.at_best().await?;
			let proxies = at
				.storage()
				.try_fetch(chain::storage().proxy().proxies(), (account,))
				.await?
				.map(|value| value.decode())
				.transpose()?
				.map(|(list, _deposit)| list.0)
				.unwrap_or_default();
			let entries: Vec<_> = proxies
				.iter()
				.map(|proxy| {
					let kind = name(matches!(proxy.proxy_type, ProxyType::Any));
					(address::format(&proxy.delegate), kind, proxy.delay)
				})
				.collect();
			let mut lines: Vec<String> = entries
				.iter()
				.map(|(delegate, kind, delay)| format!("{delegate} ({kind}, delay {delay})"))
				.collect();
			if lines.is_empty() {
				lines.push("no proxies".into());
			}
			Ok(Report {
				text: lines.join("\n"),
				json: json!(entries
					.iter()
					.map(|(delegate, kind, delay)| json!({
						"delegate": delegate, "type": kind, "delay": delay,
					}))
					.collect::<Vec<_>>()),
			})
		},
	}
}
