//! The command line: its arguments (clap) and what each command does. [`run`] is `kith` itself.
//!
//! Commands by area: [`accounts`] (keys and balances), [`social`] (profiles, handles, the graph, posts,
//! feeds, notifications, tips), [`rewards`] (creator rewards), [`governance`] (moderation and
//! referenda), [`validator`].

mod accounts;
mod governance;
mod quota;
mod render;
mod rewards;
mod social;
mod validator;

use clap::{Parser, Subcommand};
use serde_json::{json, Value};
use subxt::{tx::Payload, utils::AccountId32};
use subxt_signer::sr25519::Keypair;

use crate::{
	address,
	client::{Client, Included, Wait},
	keys, Error, Report,
};

/// `kith`: Kith from a terminal. Amounts are in KITH with decimals (`1.5`); accounts are Kith
/// addresses or handles (`@alice` or `alice`).
#[derive(Parser, Debug)]
#[command(name = "kith", version, about, max_term_width = 100)]
pub struct Cli {
	/// The node's JSON-RPC WebSocket.
	#[arg(long, global = true, env = "KITH_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// Sign with this secret URI (a phrase, or `//Alice` on a dev chain) instead of a kept account.
	#[arg(long, global = true, env = "KITH_SURI", hide_env_values = true)]
	suri: Option<String>,
	/// Sign with this account kept on this machine (`kith account list`).
	#[arg(long, global = true, env = "KITH_ACCOUNT")]
	account: Option<String>,
	/// Print what happened as JSON.
	#[arg(long, global = true)]
	json: bool,
	/// Wait until the transaction's block is finalized, not only included.
	#[arg(long, global = true)]
	finalized: bool,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Accounts kept on this machine.
	#[command(subcommand)]
	Account(accounts::AccountCommand),
	/// An account's balance (yours if none is given).
	Balance { who: Option<String> },
	/// Sends KITH to an account.
	Transfer {
		to: String,
		#[arg(allow_negative_numbers = true)]
		amount: String,
	},
	/// Your profile, or someone's.
	#[command(subcommand)]
	Profile(social::ProfileCommand),
	/// Your handle.
	#[command(subcommand)]
	Handle(social::HandleCommand),
	/// Moves your handle, profile and social graph to another account you control.
	MoveIdentity { to: String },
	/// Follows an account.
	Follow { who: String },
	/// Stops following an account.
	Unfollow { who: String },
	/// Blocks an account: neither of you sees the other in feeds, and it cannot follow you.
	Block { who: String },
	/// Unblocks an account.
	Unblock { who: String },
	/// The accounts following someone (you if none is given).
	Followers(social::ListArgs),
	/// The accounts someone follows (you if none is given).
	Following(social::ListArgs),
	/// Posts text, or media by content hash with a caption.
	Post(social::ContentArgs),
	/// Replies to a post.
	Reply {
		/// The post replied to.
		id: u64,
		#[command(flatten)]
		content: social::ContentArgs,
	},
	/// Reposts a post to your followers.
	Repost { id: u64 },
	/// Quotes a post with your own text.
	Quote {
		/// The post quoted.
		id: u64,
		#[command(flatten)]
		content: social::ContentArgs,
	},
	/// Replaces the content of your post.
	Edit {
		/// Your post.
		id: u64,
		#[command(flatten)]
		content: social::ContentArgs,
	},
	/// Deletes your post (a tombstone stays; replies keep their place).
	Delete { id: u64 },
	/// Reacts to a post: like, love, laugh, insightful, sad or angry.
	React { id: u64, reaction: social::ReactionArg },
	/// Takes your reaction back.
	Unreact { id: u64 },
	/// A post and every reply to it.
	Thread {
		id: u64,
		#[command(flatten)]
		page: social::PageArgs,
	},
	/// Your home feed, or the posts of `@handle`.
	Feed(social::FeedArgs),
	/// Your notifications.
	Notifications(social::NotificationArgs),
	/// Tips a post (its author) or a creator.
	Tip {
		/// A post id, or an account (`@handle` or address).
		target: String,
		/// KITH to send.
		#[arg(allow_negative_numbers = true)]
		amount: String,
		/// A short message with the tip.
		#[arg(long)]
		memo: Option<String>,
	},
	/// Creator rewards: bond to curate, claim what you earned.
	#[command(subcommand)]
	Rewards(rewards::RewardsCommand),
	/// Your credit bar, which pays your social actions instead of fees, and its bond.
	#[command(subcommand)]
	Quota(quota::QuotaCommand),
	/// Keys that act for your account, such as an app's posting key.
	#[command(subcommand)]
	Proxy(quota::ProxyCommand),
	/// Onboarding as a sponsor: funds, and vouchers that let accounts holding nothing join.
	#[command(subcommand)]
	Sponsor(quota::SponsorCommand),
	/// Claims a handle and a profile with a sponsor's voucher: no KITH needed.
	Claim {
		/// The code `kith sponsor voucher` printed.
		code: String,
		/// Your display name.
		#[arg(long)]
		name: String,
		/// About you.
		#[arg(long, default_value = "")]
		bio: String,
	},
	/// The community's moderation rules.
	Rules,
	/// Reports a post or an account for breaking a rule (holds a deposit).
	Report {
		/// A post id, or an account (`@handle` or address).
		target: String,
		/// The rule broken (its id, as `kith rules` lists them).
		rule: u32,
		#[arg(long)]
		note: Option<String>,
	},
	/// Opens a case on a report at once, with a larger deposit.
	Escalate { target: String, rule: u32 },
	/// Open moderation cases.
	Cases,
	/// A moderation case: vote on it.
	#[command(subcommand)]
	Case(governance::CaseCommand),
	/// Releases your KITH locked by case votes whose lock ended.
	Unlock,
	/// Appeals a decided case against you to a jury.
	Appeal { case: u32 },
	/// Jury duty: join or leave the pool, vote on an appeal.
	#[command(subcommand)]
	Jury(governance::JuryCommand),
	/// Proposes a change by referendum.
	#[command(subcommand)]
	Propose(governance::ProposeCommand),
	/// Open referenda.
	Referenda,
	/// Votes on a referendum.
	Vote(governance::VoteArgs),
	/// Running a validator.
	#[command(subcommand)]
	Validator(validator::ValidatorCommand),
}

/// Runs `kith` with `args` (the program name first) and returns what it prints.
pub async fn run(args: &[String]) -> Result<String, Error> {
	let cli = match Cli::try_parse_from(args) {
		Ok(cli) => cli,
		Err(error) => {
			use clap::error::ErrorKind;
			return match error.kind() {
				ErrorKind::DisplayHelp
				| ErrorKind::DisplayVersion
				| ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
					Ok(error.render().to_string().trim_end().to_string())
				},
				_ => Err(Error::Usage(first_line(&error.render().to_string()))),
			};
		},
	};
	let json = cli.json;
	let mut context = Context {
		url: cli.url,
		suri: cli.suri,
		account: cli.account,
		wait: if cli.finalized { Wait::Finalized } else { Wait::InBlock },
		client: None,
	};
	let report = execute(cli.command, &mut context).await?;
	Ok(if json { serde_json::to_string_pretty(&report.json)? } else { report.text })
}

/// clap's message in one line: `unexpected argument '--x' found` (with the usage hint left out).
fn first_line(message: &str) -> String {
	let line = message.lines().find(|line| !line.trim().is_empty()).unwrap_or("bad arguments");
	line.trim_start_matches("error: ").to_string()
}

async fn execute(command: Command, cx: &mut Context) -> Result<Report, Error> {
	use Command::*;
	match command {
		Account(command) => accounts::account(command),
		Balance { who } => accounts::balance(cx, who).await,
		Transfer { to, amount } => accounts::transfer(cx, &to, &amount).await,
		Profile(command) => social::profile(cx, command).await,
		Handle(command) => social::handle(cx, command).await,
		MoveIdentity { to } => social::move_identity(cx, &to).await,
		Follow { who } => social::graph(cx, social::Edge::Follow, &who).await,
		Unfollow { who } => social::graph(cx, social::Edge::Unfollow, &who).await,
		Block { who } => social::graph(cx, social::Edge::Block, &who).await,
		Unblock { who } => social::graph(cx, social::Edge::Unblock, &who).await,
		Followers(args) => social::followers(cx, args, true).await,
		Following(args) => social::followers(cx, args, false).await,
		Post(content) => social::post(cx, social::Kind::Root, content).await,
		Reply { id, content } => social::post(cx, social::Kind::Reply(id), content).await,
		Repost { id } => social::post(cx, social::Kind::Repost(id), Default::default()).await,
		Quote { id, content } => social::post(cx, social::Kind::Quote(id), content).await,
		Edit { id, content } => social::edit(cx, id, content).await,
		Delete { id } => social::delete(cx, id).await,
		React { id, reaction } => social::react(cx, id, Some(reaction)).await,
		Unreact { id } => social::react(cx, id, None).await,
		Thread { id, page } => social::thread(cx, id, page).await,
		Feed(args) => social::feed(cx, args).await,
		Notifications(args) => social::notifications(cx, args).await,
		Tip { target, amount, memo } => social::tip(cx, &target, &amount, memo).await,
		Rewards(command) => rewards::rewards(cx, command).await,
		Quota(command) => quota::quota(cx, command).await,
		Proxy(command) => quota::proxy(cx, command).await,
		Sponsor(command) => quota::sponsor(cx, command).await,
		Claim { code, name, bio } => quota::claim(cx, &code, &name, &bio).await,
		Rules => governance::rules(cx).await,
		Report { target, rule, note } => governance::report(cx, &target, rule, note, false).await,
		Escalate { target, rule } => governance::report(cx, &target, rule, None, true).await,
		Cases => governance::cases(cx).await,
		Case(command) => governance::case(cx, command).await,
		Unlock => governance::unlock(cx).await,
		Appeal { case } => governance::appeal(cx, case).await,
		Jury(command) => governance::jury(cx, command).await,
		Propose(command) => governance::propose(cx, command).await,
		Referenda => governance::referenda(cx).await,
		Vote(args) => governance::vote(cx, args).await,
		Validator(command) => validator::validator(cx, command).await,
	}
}

/// What every command has at hand: the node (connected on first use: account commands need none),
/// the signer and how long to wait.
struct Context {
	url: String,
	suri: Option<String>,
	account: Option<String>,
	wait: Wait,
	client: Option<Client>,
}

impl Context {
	async fn client(&mut self) -> Result<&Client, Error> {
		if self.client.is_none() {
			self.client = Some(Client::connect(&self.url).await?);
		}
		Ok(self.client.as_ref().expect("connected above"))
	}

	fn signer(&self) -> Result<Keypair, Error> {
		keys::signer(self.suri.as_deref(), self.account.as_deref())
	}

	/// The signer's account.
	fn me(&self) -> Result<AccountId32, Error> {
		Ok(keys::account_of(&self.signer()?))
	}

	/// `who` (an address or handle), or the signer's account if `None`.
	async fn who_or_me(&mut self, who: Option<&str>) -> Result<AccountId32, Error> {
		match who {
			Some(who) => self.who(who).await,
			None => self.me(),
		}
	}

	/// The account of an address or handle; an unknown handle is [`Error::NotFound`].
	async fn who(&mut self, who: &str) -> Result<AccountId32, Error> {
		let who = address::parse_who(who)?;
		self.client().await?.resolve(&who).await
	}

	/// Signs and submits `call`, which moves `spends` planck of the signer's, and waits for it.
	async fn send<Call: Payload>(&mut self, call: Call, spends: u128) -> Result<Included, Error> {
		let signer = self.signer()?;
		let wait = self.wait;
		self.client().await?.submit(&call, &signer, spends, wait).await
	}
}

/// The report of a transaction: `text` and where it landed, in words; in JSON `fields`, the block,
/// the fee and every event.
fn done(text: String, included: &Included, fields: Value) -> Report {
	let mut json = json!({
		"block": included.block_number,
		"blockHash": format!("{:?}", included.block_hash),
		"fee": included.fee.to_string(),
		"events": included.events_json(),
	});
	if let (Value::Object(json), Value::Object(fields)) = (&mut json, fields) {
		json.extend(fields);
	}
	Report { text: format!("{text} (block #{})", included.block_number), json }
}

/// A target of a tip, a report or a case: a post id, or an account.
enum Target {
	Post(u64),
	Account(AccountId32),
}

impl Context {
	async fn target(&mut self, text: &str) -> Result<Target, Error> {
		let post = text.strip_prefix('#').unwrap_or(text);
		if let Ok(id) = post.parse::<u64>() {
			return Ok(Target::Post(id));
		}
		Ok(Target::Account(self.who(text).await?))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn args(line: &str) -> Vec<String> {
		line.split_whitespace().map(String::from).collect()
	}

	#[test]
	fn every_command_parses() {
		for line in [
			"kith account new bob",
			"kith balance @bob",
			"kith transfer @bob 1.5",
			"kith profile set --name Bob --bio hi",
			"kith handle claim bob",
			"kith follow @bob",
			"kith post hello --json",
			"kith post --media bafyx --caption hi",
			"kith reply 3 thanks",
			"kith react 3 love",
			"kith feed @bob --limit 5",
			"kith tip 3 1 --memo thanks",
			"kith rewards bond 10",
			"kith report 3 1 --note spam",
			"kith case vote 0 uphold 10",
			"kith case vote 0 reject 10 --conviction 6",
			"kith jury vote 0 overturn",
			"kith propose rulebook rules.json",
			"kith vote 0 aye 10 --conviction 2",
			"kith validator register 50000",
		] {
			Cli::try_parse_from(args(line)).unwrap_or_else(|e| panic!("{line}: {e}"));
		}
	}

	#[tokio::test]
	async fn bad_arguments_are_one_line_usage_errors() {
		for (line, says) in [
			("kith react 3 meh", "invalid value 'meh'"),
			("kith post hi --nope", "unexpected argument '--nope'"),
			("kith reply notanumber hi", "invalid value 'notanumber'"),
			("kith vote 0 aye 10 --conviction 7", "invalid value '7'"),
			("kith case vote 0 uphold 10 --conviction 9", "invalid value '9'"),
			("kith tip 3 -1", "amounts cannot be negative"),
		] {
			let error = run(&args(line)).await.unwrap_err();
			assert_eq!(error.exit_code(), 2, "{line}");
			let text = error.to_string();
			assert!(text.contains(says) && !text.contains('\n'), "{line}: {text}");
		}
	}

	#[tokio::test]
	async fn help_is_printed_not_an_error() {
		let help = run(&args("kith --help")).await.unwrap();
		assert!(help.contains("Usage: kith"), "{help}");
	}
}
