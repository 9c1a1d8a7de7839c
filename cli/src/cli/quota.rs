//! `kith quota`: your credit bar (what pays your social actions instead of fees) and its bond;
//! `kith proxy`: posting keys that act for your account; `kith sponsor` and `kith claim`: onboarding
//! accounts that hold nothing with vouchers.

use clap::Subcommand;
use codec::{Decode, Encode};
use serde_json::json;
use subxt::utils::{AccountId32, MultiAddress, H256};

use super::{done, Context};
use crate::{
	address, amount, chain,
	chain::runtime_types::{
		bounded_collections::bounded_vec::BoundedVec, pallet_quota::types::Voucher,
		sp_runtime::MultiSignature,
	},
	client, keys, Error, Report,
};

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

#[derive(Subcommand, Debug)]
pub enum SponsorCommand {
	/// Puts KITH aside to onboard accounts: each claimed voucher moves its backing to the new account.
	Fund {
		#[arg(allow_negative_numbers = true)]
		amount: String,
	},
	/// Takes back sponsor funds not yet given to accounts.
	Withdraw {
		#[arg(allow_negative_numbers = true)]
		amount: String,
	},
	/// Your sponsor funds and the accounts you sponsor (or someone's), and the sponsor limits.
	Status { who: Option<String> },
	/// Signs a voucher that lets ACCOUNT claim HANDLE, with a profile, at your cost; prints the code to
	/// give it (`kith claim CODE`).
	Voucher {
		/// The new account's address.
		account: String,
		/// The handle it may claim.
		handle: String,
		/// How many blocks from now the voucher stays valid (a day by default).
		#[arg(long, default_value_t = 14_400)]
		blocks: u32,
	},
}

/// A voucher and its sponsor's sr25519 signature: what `kith sponsor voucher` prints (hex of SCALE).
type VoucherCode = (Voucher<AccountId32, u32>, [u8; 64]);

/// The chain's genesis hash, which voucher signatures commit to.
async fn genesis(cx: &mut Context) -> Result<H256, Error> {
	cx.client().await?.rpc("chain_getBlockHash", jsonrpsee::rpc_params![0]).await
}

pub async fn sponsor(cx: &mut Context, command: SponsorCommand) -> Result<Report, Error> {
	let tx = chain::tx().quota();
	match command {
		SponsorCommand::Fund { amount: value } => {
			let value = amount::parse(&value)?;
			let included = cx.send(tx.fund_sponsorship(value), value).await?;
			let text = format!("added {} to your sponsor funds", amount::format(value));
			Ok(done(text, &included, json!({ "amount": value.to_string() })))
		},
		SponsorCommand::Withdraw { amount: value } => {
			let value = amount::parse(&value)?;
			let included = cx.send(tx.withdraw_sponsorship(value), 0).await?;
			let text = format!("withdrew {} of your sponsor funds", amount::format(value));
			Ok(done(text, &included, json!({ "amount": value.to_string() })))
		},
		SponsorCommand::Status { who } => {
			let account = cx.who_or_me(who.as_deref()).await?;
			let at = cx.client().await?.at_best().await?;
			let record = at
				.storage()
				.try_fetch(chain::storage().quota().sponsors(), (account,))
				.await?
				.map(|value| value.decode())
				.transpose()?;
			let limits =
				at.storage().fetch(chain::storage().quota().params(), ()).await?.decode()?.sponsors;
			let (funds, accounts) = record.map_or((0, 0), |record| (record.funds, record.accounts));
			let text = format!(
				"{} of sponsor funds, {accounts} accounts sponsored\nlimits: {} vouchers a day, {} \
				 KITH of backing each, {} extra credits, valid for at most {} blocks",
				amount::format(funds),
				limits.vouchers_per_era,
				limits.backing_units,
				limits.credits,
				limits.max_lifetime,
			);
			Ok(Report {
				text,
				json: json!({
					"account": address::format(&account),
					"funds": funds.to_string(), "accounts": accounts,
					"limits": {
						"vouchersPerEra": limits.vouchers_per_era,
						"backingUnits": limits.backing_units,
						"credits": limits.credits,
						"maxLifetime": limits.max_lifetime,
					},
				}),
			})
		},
		SponsorCommand::Voucher { account, handle, blocks } => {
			let signer = cx.signer()?;
			let account = address::parse_account(&account)?;
			let genesis = genesis(cx).await?;
			let best: u32 =
				cx.client().await?.at_best().await?.block_number().try_into().unwrap_or(0);
			let voucher = Voucher {
				sponsor: keys::account_of(&signer),
				account,
				handle: BoundedVec(handle.into_bytes()),
				expires: best.saturating_add(blocks),
			};
			let signature = signer.sign(&(&b"kith/voucher"[..], genesis, &voucher).encode()).0;
			let code: VoucherCode = (voucher, signature);
			let hex = format!("0x{}", hex::encode(code.encode()));
			let (voucher, _) = code;
			Ok(Report {
				text: format!(
					"voucher for {} to claim @{} until block {}:\n{hex}",
					address::format(&account),
					String::from_utf8_lossy(&voucher.handle.0),
					voucher.expires
				),
				json: json!({ "voucher": hex, "expires": voucher.expires }),
			})
		},
	}
}

/// `kith claim`: the signer (an account that may hold nothing) claims the handle of a sponsor's voucher
/// with a profile, in a transaction that needs no fee.
pub async fn claim(cx: &mut Context, code: &str, name: &str, bio: &str) -> Result<Report, Error> {
	let bytes = hex::decode(code.trim().trim_start_matches("0x")).map_err(|_| {
		Error::Usage("a voucher code is the hex `kith sponsor voucher` prints".into())
	})?;
	let (voucher, sponsor_signature) = VoucherCode::decode(&mut &bytes[..])
		.map_err(|_| Error::Usage("this is not a voucher code".into()))?;
	let signer = cx.signer()?;
	if keys::account_of(&signer) != voucher.account {
		return Err(Error::Usage(format!(
			"this voucher is for {}, not for the signer",
			address::format(&voucher.account)
		)));
	}
	let genesis = genesis(cx).await?;
	let (name, bio) = (name.as_bytes().to_vec(), bio.as_bytes().to_vec());
	let message = (&b"kith/voucher-claim"[..], genesis, &voucher, &name, &bio).encode();
	let account_signature = MultiSignature::Sr25519(signer.sign(&message).0);
	let handle = String::from_utf8_lossy(&voucher.handle.0).into_owned();
	let call = chain::tx().quota().claim_voucher(
		voucher,
		MultiSignature::Sr25519(sponsor_signature),
		account_signature,
		name,
		bio,
	);
	let wait = cx.wait;
	let client = cx.client().await?;
	let included = match client.submit_general(&call, wait).await {
		Err(Error::Refused(text)) => {
			let at = client.at_best().await?;
			return Err(Error::Refused(
				custom_error(&text)
					.map_or(text, |index| client::pallet_error_at(&at, "Quota", index)),
			));
		},
		other => other?,
	};
	let text = format!("claimed @{handle} with a sponsor's voucher");
	Ok(done(text, &included, json!({ "handle": handle })))
}

/// The index in `InvalidTransaction::Custom(index)` that the node's refusal names, if any.
fn custom_error(text: &str) -> Option<u8> {
	let rest = &text[text.to_ascii_lowercase().find("custom error")?..];
	let digits: String = rest
		.chars()
		.skip_while(|c| !c.is_ascii_digit())
		.take_while(|c| c.is_ascii_digit())
		.collect();
	digits.parse().ok()
}
