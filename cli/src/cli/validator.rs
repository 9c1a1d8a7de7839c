//! `kith validator`: session keys, registration, bond, jail, status.

use clap::Subcommand;
use codec::Decode;
use serde_json::{json, Value};

use super::{done, Context};
use crate::{address, amount, chain, Error, Report};

#[derive(Subcommand, Debug)]
pub enum ValidatorCommand {
	/// Makes new session keys on the node this command talks to (your validator's, with unsafe RPC
	/// allowed on loopback) and sets them for your account, with the node's proof of ownership.
	Keys,
	/// Registers as a candidate validator with a bond.
	Register {
		#[arg(allow_negative_numbers = true)]
		bond: String,
	},
	/// Adds to your bond.
	BondExtra {
		#[arg(allow_negative_numbers = true)]
		amount: String,
	},
	/// Leaves the candidates; the bond unlocks after the unbonding period.
	Unregister,
	/// Returns the bond that has unlocked.
	Withdraw,
	/// Asks to leave jail once its term is over.
	Unjail,
	/// The validator set, candidates and jailed accounts (and you, if you sign).
	Status,
}

pub async fn validator(cx: &mut Context, command: ValidatorCommand) -> Result<Report, Error> {
	let tx = chain::tx().validators();
	match command {
		ValidatorCommand::Keys => {
			let me = cx.me()?;
			let owner = format!("0x{}", hex::encode(me.0));
			let generated: Value = cx
				.client()
				.await?
				.rpc("author_rotateKeysWithOwner", jsonrpsee::rpc_params![owner])
				.await?;
			let hex_field = |field: &str| {
				generated[field]
					.as_str()
					.and_then(|h| hex::decode(h.trim_start_matches("0x")).ok())
					.ok_or_else(|| Error::Other(format!("the node's new keys lack `{field}`")))
			};
			let (keys_bytes, proof) = (hex_field("keys")?, hex_field("proof")?);
			let keys = chain::runtime_types::kith_runtime::opaque::SessionKeys::decode(
				&mut &keys_bytes[..],
			)
			.map_err(|error| {
				Error::Other(format!("the node's session keys do not decode: {error}"))
			})?;
			let included = cx.send(chain::tx().session().set_keys(keys, proof), 0).await?;
			let keys_hex = format!("0x{}", hex::encode(&keys_bytes));
			Ok(done(
				format!("session keys set: {keys_hex}"),
				&included,
				json!({ "keys": keys_hex }),
			))
		},
		ValidatorCommand::Register { bond } => {
			let bond = amount::parse(&bond)?;
			let included = cx.send(tx.register(bond), bond).await?;
			let text = format!("registered as a candidate with {}", amount::format(bond));
			Ok(done(text, &included, json!({ "bond": bond.to_string() })))
		},
		ValidatorCommand::BondExtra { amount: value } => {
			let value = amount::parse(&value)?;
			let included = cx.send(tx.bond_extra(value), value).await?;
			let text = format!("bonded {} more", amount::format(value));
			Ok(done(text, &included, json!({ "amount": value.to_string() })))
		},
		ValidatorCommand::Unregister => {
			let included = cx.send(tx.unregister(), 0).await?;
			Ok(done("unregistered".into(), &included, json!({})))
		},
		ValidatorCommand::Withdraw => {
			let included = cx.send(tx.withdraw_unbonded(), 0).await?;
			let withdrawn =
				included.event::<chain::validators::events::Withdrawn>().map_or(0, |e| e.amount);
			let text = format!("withdrew {}", amount::format(withdrawn));
			Ok(done(text, &included, json!({ "amount": withdrawn.to_string() })))
		},
		ValidatorCommand::Unjail => {
			let included = cx.send(tx.unjail(), 0).await?;
			Ok(done("unjailed".into(), &included, json!({})))
		},
		ValidatorCommand::Status => {
			let me = cx.me().ok();
			let at = cx.client().await?.at_best().await?;
			let apis = chain::runtime_apis().validators_api();
			let set = at.runtime_apis().call(apis.validators()).await?;
			let candidates = at.runtime_apis().call(apis.candidates()).await?;
			let jailed = at.runtime_apis().call(apis.jailed()).await?;
			let mut lines = vec![format!("validators ({}):", set.len())];
			lines.extend(set.iter().map(|v| format!("  {}", address::format(v))));
			lines.push(format!("candidates ({}):", candidates.len()));
			lines.extend(candidates.iter().map(|(who, bond, _)| {
				format!("  {} bond {}", address::format(who), amount::format(*bond))
			}));
			lines.push(format!("jailed ({}):", jailed.len()));
			lines.extend(
				jailed.iter().map(|(who, until)| {
					format!("  {} until session {until}", address::format(who))
				}),
			);
			let mine = me.map(|me| {
				json!({
					"account": address::format(&me),
					"validator": set.contains(&me),
					"candidate": candidates.iter().any(|(who, _, _)| *who == me),
					"jailedUntil": jailed.iter().find(|(who, _)| *who == me).map(|(_, until)| until),
				})
			});
			if let Some(mine) = &mine {
				lines.push(format!(
					"you ({}): {}",
					mine["account"].as_str().unwrap_or_default(),
					match (
						mine["validator"].as_bool(),
						mine["candidate"].as_bool(),
						mine["jailedUntil"].as_u64()
					) {
						(_, _, Some(until)) => format!("jailed until session {until}"),
						(Some(true), _, _) => "in the set".into(),
						(_, Some(true), _) => "a candidate".into(),
						_ => "not a candidate".into(),
					}
				));
			}
			Ok(Report {
				text: lines.join("\n"),
				json: json!({
					"validators": set.iter().map(address::format).collect::<Vec<_>>(),
					"candidates": candidates.iter().map(|(who, bond, active)| json!({
						"account": address::format(who), "bond": bond.to_string(), "active": active,
					})).collect::<Vec<_>>(),
					"jailed": jailed.iter().map(|(who, until)| json!({
						"account": address::format(who), "until": until,
					})).collect::<Vec<_>>(),
					"me": mine,
				}),
			})
		},
	}
}
