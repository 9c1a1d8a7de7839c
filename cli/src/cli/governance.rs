//! Moderation (rules, reports, cases, appeals, juries) and referenda.

use clap::{Args, Subcommand, ValueEnum};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{done, Context, Target};
use crate::{
	address, amount,
	chain::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			frame_support::traits::{preimages::Bounded, schedule::DispatchTime},
			kith_runtime::{governance::origins::pallet::Origin, OriginCaller},
			pallet_conviction_voting::{
				conviction::Conviction,
				vote::{AccountVote, Vote},
			},
			pallet_moderation::types::{
				CaseStatus, RuleAction, RuleDescription, RuleInput, RulebookEntry,
				Target as ChainTarget,
			},
			pallet_referenda::types::ReferendumInfo,
		},
	},
	Error, Report,
};

#[derive(Subcommand, Debug)]
pub enum CaseCommand {
	/// Votes to uphold or reject a case with KITH, frozen until the case closes and the
	/// conviction's lock periods pass.
	Vote {
		case: u32,
		verdict: Verdict,
		#[arg(allow_negative_numbers = true)]
		amount: String,
		/// 0 (0.1× the votes, unfrozen at the close) to 6 (6× the votes, frozen 32 periods more).
		#[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=6))]
		conviction: u8,
	},
	/// A case in full.
	Show { case: u32 },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Verdict {
	Uphold,
	Reject,
}

#[derive(Subcommand, Debug)]
pub enum JuryCommand {
	/// Joins the jury pool with a bond.
	Join {
		#[arg(allow_negative_numbers = true)]
		bond: String,
	},
	/// Leaves the jury pool (after the appeals you sit on).
	Leave,
	/// Votes on an appeal you sit on the jury of.
	Vote { case: u32, verdict: JuryVerdict },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum JuryVerdict {
	/// Overturn the decision.
	Overturn,
	/// Keep it.
	Keep,
}

#[derive(Subcommand, Debug)]
pub enum ProposeCommand {
	/// Proposes a new rulebook (a JSON file shaped as `kith rules --json` prints it) by referendum on
	/// the `moderation_rules` track: notes the preimage, submits, places the decision deposit.
	Rulebook { file: std::path::PathBuf },
}

#[derive(Args, Debug)]
pub struct VoteArgs {
	/// The referendum.
	referendum: u32,
	verdict: Aye,
	/// KITH to vote with (locked according to the conviction).
	#[arg(allow_negative_numbers = true)]
	amount: String,
	/// 0 (0.1× the votes, no lock) to 6 (6× the votes, locked 32 periods).
	#[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=6))]
	conviction: u8,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Aye {
	Aye,
	Nay,
}

/// A rule as `kith rules --json` prints it and `kith propose rulebook` reads it. A rule with an `id`
/// keeps (or amends) that rule; one without is added; a rule left out is retired.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RuleJson {
	id: Option<u32>,
	title: String,
	#[serde(default)]
	description: Option<String>,
	#[serde(default, rename = "descriptionCid")]
	description_cid: Option<String>,
	action: Value,
}

#[derive(Deserialize, Debug)]
struct RulebookJson {
	#[allow(dead_code)]
	version: Option<u32>,
	rules: Vec<RuleJson>,
}

fn action_json(action: &RuleAction<u32>) -> Value {
	match action {
		RuleAction::Label => json!("label"),
		RuleAction::Hide => json!("hide"),
		RuleAction::Suspend { blocks } => json!({ "suspend": blocks }),
	}
}

fn parse_action(value: &Value) -> Result<RuleAction<u32>, Error> {
	match value {
		Value::String(s) if s == "label" => Ok(RuleAction::Label),
		Value::String(s) if s == "hide" => Ok(RuleAction::Hide),
		Value::Object(o) if o.len() == 1 && o["suspend"].is_u64() => {
			Ok(RuleAction::Suspend { blocks: o["suspend"].as_u64().unwrap_or_default() as u32 })
		},
		other => Err(Error::Usage(format!(
			"invalid rule action {other}: \"label\", \"hide\" or {{\"suspend\": <blocks>}}"
		))),
	}
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

pub async fn rules(cx: &mut Context) -> Result<Report, Error> {
	let at = cx.client().await?.at_best().await?;
	let book = at.runtime_apis().call(chain::runtime_apis().moderation_api().rulebook()).await?;
	let mut lines = vec![format!("rulebook version {}", book.version)];
	let mut rules = Vec::new();
	for rule in &book.rules {
		let (description, cid) = match &rule.description {
			RuleDescription::Text(t) => (Some(text(&t.0)), None),
			RuleDescription::Content(c) => (None, Some(text(&c.0))),
		};
		let action = action_json(&rule.action);
		lines.push(format!(
			"{}. {} ({}): {}",
			rule.id,
			text(&rule.title.0),
			match &rule.action {
				RuleAction::Label => "label".to_string(),
				RuleAction::Hide => "hide".to_string(),
				RuleAction::Suspend { blocks } => format!("suspend {blocks} blocks"),
			},
			description.clone().or(cid.clone().map(|c| format!("see {c}"))).unwrap_or_default()
		));
		let mut rule_json =
			json!({ "id": rule.id, "title": text(&rule.title.0), "action": action });
		match (description, cid) {
			(Some(d), _) => rule_json["description"] = json!(d),
			(_, Some(c)) => rule_json["descriptionCid"] = json!(c),
			_ => {},
		}
		rules.push(rule_json);
	}
	Ok(Report { text: lines.join("\n"), json: json!({ "version": book.version, "rules": rules }) })
}

pub async fn report(
	cx: &mut Context,
	target: &str,
	rule: u32,
	note: Option<String>,
	escalate: bool,
) -> Result<Report, Error> {
	let chain_target = match cx.target(target).await? {
		Target::Post(id) => ChainTarget::Post(id),
		Target::Account(account) => ChainTarget::Account(account),
	};
	let moderation = chain::tx().moderation();
	let included = if escalate {
		cx.send(moderation.escalate(chain_target, rule), 0).await?
	} else {
		let note = BoundedVec(note.unwrap_or_default().into_bytes());
		cx.send(moderation.report(chain_target, rule, note), 0).await?
	};
	let case = included
		.event::<chain::moderation::events::CaseOpened>()
		.map(|event| event.case_id)
		.or_else(|| included.event::<chain::moderation::events::Reported>().and_then(|e| e.case));
	let verb = if escalate { "escalated" } else { "reported" };
	let mut text = format!("{verb} {target} under rule {rule}");
	if let Some(case) = case {
		text.push_str(&format!("; case {case} is open"));
	}
	Ok(done(text, &included, json!({ "rule": rule, "case": case })))
}

fn status_words(status: &CaseStatus<u32>) -> String {
	match status {
		CaseStatus::Voting => "voting".into(),
		CaseStatus::Upheld { at } => format!("upheld at block {at}"),
		CaseStatus::Rejected { at } => format!("rejected at block {at}"),
		CaseStatus::Appealed => "under appeal".into(),
		CaseStatus::Overturned { at } => format!("overturned at block {at}"),
		CaseStatus::Confirmed { at } => format!("confirmed at block {at}"),
	}
}

fn target_words(target: &ChainTarget<subxt::utils::AccountId32>) -> String {
	match target {
		ChainTarget::Post(id) => format!("post #{id}"),
		ChainTarget::Account(account) => format!("account {}", address::format(account)),
	}
}

/// One case in a line, and as JSON.
async fn case_summary(cx: &mut Context, id: u32) -> Result<(String, Value), Error> {
	let at = cx.client().await?.at_best().await?;
	let case = at
		.runtime_apis()
		.call(chain::runtime_apis().moderation_api().case(id))
		.await?
		.ok_or_else(|| Error::NotFound(format!("there is no case {id}")))?;
	let line = format!(
		"case {id}: {} under rule {}, {} reporters; uphold {}, reject {}; {}, voting closes at block {}",
		target_words(&case.target),
		case.rule,
		case.reporters.0.len(),
		amount::format(case.uphold),
		amount::format(case.reject),
		status_words(&case.status),
		case.closes
	);
	let json = json!({
		"case": id,
		"target": target_words(&case.target),
		"affected": address::format(&case.affected),
		"rule": case.rule,
		"reporters": case.reporters.0.iter().map(address::format).collect::<Vec<_>>(),
		"uphold": case.uphold.to_string(),
		"reject": case.reject.to_string(),
		"status": status_words(&case.status),
		"opened": case.opened,
		"closes": case.closes,
	});
	Ok((line, json))
}

pub async fn cases(cx: &mut Context) -> Result<Report, Error> {
	let at = cx.client().await?.at_best().await?;
	let mut ids = Vec::new();
	let mut entries = at.storage().iter(chain::storage().moderation().undecided(), ()).await?;
	while let Some(entry) = entries.next().await {
		let (id,) = entry?.key()?.decode()?;
		ids.push(id);
	}
	ids.sort();
	let mut lines = Vec::new();
	let mut json = Vec::new();
	for id in ids {
		let (line, case) = case_summary(cx, id).await?;
		lines.push(line);
		json.push(case);
	}
	if lines.is_empty() {
		lines.push("no open cases".into());
	}
	Ok(Report { text: lines.join("\n"), json: json!(json) })
}

pub async fn case(cx: &mut Context, command: CaseCommand) -> Result<Report, Error> {
	match command {
		CaseCommand::Vote { case, verdict, amount: value, conviction } => {
			let value = amount::parse(&value)?;
			let uphold = matches!(verdict, Verdict::Uphold);
			let level = [
				Conviction::None,
				Conviction::Locked1x,
				Conviction::Locked2x,
				Conviction::Locked3x,
				Conviction::Locked4x,
				Conviction::Locked5x,
				Conviction::Locked6x,
			]
			.into_iter()
			.nth(conviction.into())
			.expect("clap keeps the conviction within 0..=6");
			let call = chain::tx().moderation().vote_case(case, uphold, value, level);
			let included = cx.send(call, 0).await?;
			let verb = if uphold { "uphold" } else { "reject" };
			let text = format!(
				"voted {verb} on case {case} with {} at conviction {conviction}",
				amount::format(value)
			);
			Ok(done(
				text,
				&included,
				json!({
					"case": case,
					"uphold": uphold,
					"amount": value.to_string(),
					"conviction": conviction,
				}),
			))
		},
		CaseCommand::Show { case } => {
			let (text, json) = case_summary(cx, case).await?;
			Ok(Report { text, json })
		},
	}
}

pub async fn unlock(cx: &mut Context) -> Result<Report, Error> {
	let me = cx.me()?;
	let included = cx.send(chain::tx().moderation().unlock(me), 0).await?;
	let frozen = included
		.event::<chain::moderation::events::VotesUnlocked>()
		.map_or(0, |event| event.frozen);
	let text = format!("case votes unlocked; {} still locked", amount::format(frozen));
	Ok(done(text, &included, json!({ "stillLocked": frozen.to_string() })))
}

pub async fn appeal(cx: &mut Context, case: u32) -> Result<Report, Error> {
	let included = cx.send(chain::tx().moderation().appeal(case), 0).await?;
	Ok(done(format!("appealed case {case}"), &included, json!({ "case": case })))
}

pub async fn jury(cx: &mut Context, command: JuryCommand) -> Result<Report, Error> {
	let moderation = chain::tx().moderation();
	match command {
		JuryCommand::Join { bond } => {
			let bond = amount::parse(&bond)?;
			let included = cx.send(moderation.join_jury_pool(bond), bond).await?;
			let text = format!("joined the jury pool with {}", amount::format(bond));
			Ok(done(text, &included, json!({ "bond": bond.to_string() })))
		},
		JuryCommand::Leave => {
			let included = cx.send(moderation.leave_jury_pool(), 0).await?;
			Ok(done("leaving the jury pool".into(), &included, json!({})))
		},
		JuryCommand::Vote { case, verdict } => {
			let overturn = matches!(verdict, JuryVerdict::Overturn);
			let included = cx.send(moderation.jury_vote(case, overturn), 0).await?;
			let verb = if overturn { "overturn" } else { "keep" };
			Ok(done(
				format!("voted {verb} on the appeal of case {case}"),
				&included,
				json!({ "case": case, "overturn": overturn }),
			))
		},
	}
}

/// The `set_rulebook` call of a rulebook file, and how many rules it holds.
fn rulebook_call(file: &std::path::Path) -> Result<(impl subxt::tx::Payload, usize), Error> {
	let text = std::fs::read_to_string(file)
		.map_err(|error| Error::Usage(format!("cannot read {}: {error}", file.display())))?;
	let book: RulebookJson = serde_json::from_str(&text)
		.map_err(|error| Error::Usage(format!("{} is not a rulebook: {error}", file.display())))?;
	let mut entries = Vec::new();
	for rule in book.rules {
		let description = match (rule.description, rule.description_cid) {
			(Some(text), None) => RuleDescription::Text(BoundedVec(text.into_bytes())),
			(None, Some(cid)) => RuleDescription::Content(BoundedVec(cid.into_bytes())),
			_ => {
				return Err(Error::Usage(format!(
					"rule `{}`: give either a description or a descriptionCid",
					rule.title
				)))
			},
		};
		let action = parse_action(&rule.action)?;
		entries.push(RulebookEntry {
			id: rule.id,
			rule: RuleInput { title: BoundedVec(rule.title.into_bytes()), description, action },
		});
	}
	let count = entries.len();
	Ok((chain::tx().moderation().set_rulebook(BoundedVec(entries)), count))
}

pub async fn propose(cx: &mut Context, command: ProposeCommand) -> Result<Report, Error> {
	let ProposeCommand::Rulebook { file } = command;
	let (call, count) = rulebook_call(&file)?;
	// The preimage is the call as the chain encodes it: its payload's call data.
	let bytes = cx.client().await?.at_best().await?.transactions().call_data(&call)?;
	let hash = subxt::utils::H256(sp_crypto_hashing::blake2_256(&bytes));
	let len = bytes.len() as u32;
	cx.send(chain::tx().preimage().note_preimage(bytes), 0).await?;
	let submit = chain::tx().referenda().submit(
		OriginCaller::Origins(Origin::ModerationRules),
		Bounded::Lookup { hash, len },
		DispatchTime::After(0),
	);
	let included = cx.send(submit, 0).await?;
	let index = included
		.event::<chain::referenda::events::Submitted>()
		.map(|event| event.index)
		.ok_or_else(|| {
			Error::Other("the referendum was submitted but its event is missing".into())
		})?;
	let included = cx.send(chain::tx().referenda().place_decision_deposit(index), 0).await?;
	let text = format!(
		"proposed referendum #{index}: a rulebook of {count} rules, on the moderation_rules track"
	);
	Ok(done(text, &included, json!({ "referendum": index, "rules": count })))
}

pub async fn referenda(cx: &mut Context) -> Result<Report, Error> {
	let at = cx.client().await?.at_best().await?;
	let tracks = at.constants().entry(chain::constants().referenda().tracks())?;
	let track_name = |id: u16| {
		tracks
			.iter()
			.find(|(track, _)| *track == id)
			.map(|(_, info)| info.name.trim_end_matches('\0').to_string())
			.unwrap_or_else(|| id.to_string())
	};
	let mut lines = Vec::new();
	let mut json = Vec::new();
	let mut entries =
		at.storage().iter(chain::storage().referenda().referendum_info_for(), ()).await?;
	while let Some(entry) = entries.next().await {
		let entry = entry?;
		let (index,) = entry.key()?.decode()?;
		let ReferendumInfo::Ongoing(status) = entry.value().decode()? else { continue };
		let track = track_name(status.track);
		let deciding = status.deciding.as_ref().map(|d| d.since);
		lines.push(format!(
			"#{index} on {track}: ayes {}, nays {}, support {}; {}",
			amount::format(status.tally.ayes),
			amount::format(status.tally.nays),
			amount::format(status.tally.support),
			match deciding {
				Some(since) => format!("deciding since block {since}"),
				None => "preparing".into(),
			}
		));
		json.push(json!({
			"index": index, "track": track, "ayes": status.tally.ayes.to_string(),
			"nays": status.tally.nays.to_string(), "support": status.tally.support.to_string(),
			"decidingSince": deciding, "submitted": status.submitted,
		}));
	}
	if lines.is_empty() {
		lines.push("no open referenda".into());
	}
	Ok(Report { text: lines.join("\n"), json: json!(json) })
}

pub async fn vote(cx: &mut Context, args: VoteArgs) -> Result<Report, Error> {
	let balance = amount::parse(&args.amount)?;
	let aye = matches!(args.verdict, Aye::Aye);
	let vote = Vote(if aye { 0x80 } else { 0 } | args.conviction);
	let call = chain::tx()
		.conviction_voting()
		.vote(args.referendum, AccountVote::Standard { vote, balance });
	let included = cx.send(call, 0).await?;
	let verb = if aye { "aye" } else { "nay" };
	let text = format!(
		"voted {verb} on referendum #{} with {} at conviction {}",
		args.referendum,
		amount::format(balance),
		args.conviction
	);
	Ok(done(
		text,
		&included,
		json!({ "referendum": args.referendum, "aye": aye, "amount": balance.to_string(), "conviction": args.conviction }),
	))
}
