//! `kith account`, `kith balance`, `kith transfer`.

use std::io::{BufRead, IsTerminal};

use clap::Subcommand;
use serde_json::json;
use subxt::utils::MultiAddress;

use super::{done, Context};
use crate::{address, amount, chain, keys, Error, Report};

#[derive(Subcommand, Debug)]
pub enum AccountCommand {
	/// Makes an account with a fresh 12-word secret phrase, kept on this machine (never printed).
	New { name: String },
	/// Keeps an existing account; its secret phrase or secret URI is read from standard input
	/// (prompted without echo on a terminal), never from the command line.
	Import { name: String },
	/// The accounts kept on this machine.
	List,
}

pub fn account(command: AccountCommand) -> Result<Report, Error> {
	match command {
		AccountCommand::New { name } => {
			let (account, path) = keys::new_account(&name)?;
			Ok(Report {
				text: format!(
					"account `{}`: {}\nits secret phrase is in {} (mode 0600): back that file up",
					account.name,
					account.address,
					path.display()
				),
				json: json!({ "name": account.name, "address": account.address, "keyfile": path }),
			})
		},
		AccountCommand::Import { name } => {
			let secret = read_secret()?;
			let account = keys::import_account(&name, &secret)?;
			Ok(Report {
				text: format!("account `{}`: {}", account.name, account.address),
				json: json!({ "name": account.name, "address": account.address }),
			})
		},
		AccountCommand::List => {
			let accounts = keys::list_accounts()?;
			let text = if accounts.is_empty() {
				"no accounts kept here: `kith account new <name>` makes one".to_string()
			} else {
				accounts
					.iter()
					.map(|a| format!("{:<16} {}", a.name, a.address))
					.collect::<Vec<_>>()
					.join("\n")
			};
			Ok(Report { text, json: json!(accounts) })
		},
	}
}

/// The secret to import: from the terminal without echo, or the first line of standard input.
fn read_secret() -> Result<String, Error> {
	let secret = if std::io::stdin().is_terminal() {
		rpassword::prompt_password("secret phrase or URI: ")?
	} else {
		let mut line = String::new();
		std::io::stdin().lock().read_line(&mut line)?;
		line
	};
	let secret = secret.trim().to_string();
	if secret.is_empty() {
		return Err(Error::Usage("no secret given on standard input".into()));
	}
	Ok(secret)
}

pub async fn balance(cx: &mut Context, who: Option<String>) -> Result<Report, Error> {
	let account = cx.who_or_me(who.as_deref()).await?;
	let at = cx.client().await?.at_best().await?;
	let info =
		at.storage().fetch(chain::storage().system().account(), (account,)).await?.decode()?;
	let data = info.data;
	let address = address::format(&account);
	Ok(Report {
		text: format!(
			"{address}: {} free, {} reserved, {} frozen",
			amount::format(data.free),
			amount::format(data.reserved),
			amount::format(data.frozen)
		),
		json: json!({
			"account": address,
			"free": data.free.to_string(),
			"reserved": data.reserved.to_string(),
			"frozen": data.frozen.to_string(),
		}),
	})
}

pub async fn transfer(cx: &mut Context, to: &str, value: &str) -> Result<Report, Error> {
	let value = amount::parse(value)?;
	let to = cx.who(to).await?;
	let call = chain::tx().balances().transfer_keep_alive(MultiAddress::Id(to), value);
	let included = cx.send(call, value).await?;
	let to = address::format(&to);
	Ok(done(
		format!("sent {} to {to}", amount::format(value)),
		&included,
		json!({ "to": to, "amount": value.to_string() }),
	))
}
