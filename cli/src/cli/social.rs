//! Profiles, handles, the social graph, posts, feeds, notifications and tips.

use clap::{Args, Subcommand, ValueEnum};
use codec::Encode;
use kith_social_rpc_api::{HomeFeedOptions, Moderation, SocialApiClient, MARK_READ_CONTEXT};
use serde_json::json;
use subxt::utils::MultiAddress;

use super::{done, render, Context, Target};
use crate::{
	address, amount,
	chain::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			pallet_posts::types::{ContentInput, NewPostKind, Reaction},
			pallet_tipping::types::TipTarget,
		},
	},
	Error, Report,
};

#[derive(Subcommand, Debug)]
pub enum ProfileCommand {
	/// Sets your display name, bio and avatar (a content hash, e.g. an IPFS CID); holds a deposit.
	Set {
		#[arg(long)]
		name: String,
		#[arg(long, default_value = "")]
		bio: String,
		#[arg(long)]
		avatar: Option<String>,
	},
	/// Someone's profile (yours if none is given).
	Show { who: Option<String> },
	/// Removes your profile and returns its deposit.
	Clear,
}

#[derive(Subcommand, Debug)]
pub enum HandleCommand {
	/// Claims a handle: 3 to 32 letters, digits or `_`, any case (`@Bob` is `@bob`).
	Claim { handle: String },
	/// Gives your handle up.
	Release,
	/// Gives your handle to another account.
	Transfer { to: String },
}

/// A page of a list.
#[derive(Args, Debug, Default)]
pub struct PageArgs {
	/// How many items (1 to 100).
	#[arg(long, default_value_t = 20)]
	limit: u32,
	/// Where the previous page stopped (it prints the cursor of the next).
	#[arg(long)]
	cursor: Option<String>,
}

#[derive(Args, Debug)]
pub struct ListArgs {
	/// An account or handle (you if none is given).
	who: Option<String>,
	#[command(flatten)]
	page: PageArgs,
}

/// What a post says: text, or media by content hash with a caption.
#[derive(Args, Debug, Default)]
pub struct ContentArgs {
	/// The text.
	text: Option<String>,
	/// A content hash of media (an IPFS CID) instead of text.
	#[arg(long, conflicts_with = "text")]
	media: Option<String>,
	/// The caption of the media.
	#[arg(long, requires = "media")]
	caption: Option<String>,
}

#[derive(Args, Debug)]
pub struct FeedArgs {
	/// Whose posts (`@handle` or address); your home feed if none is given.
	who: Option<String>,
	/// List replies too.
	#[arg(long)]
	replies: bool,
	/// Leave out posts the community hid, and suspended authors (home feed).
	#[arg(long)]
	filter: bool,
	#[command(flatten)]
	page: PageArgs,
}

#[derive(Args, Debug)]
pub struct NotificationArgs {
	/// Marks every notification listed read.
	#[arg(long)]
	mark_read: bool,
	#[command(flatten)]
	page: PageArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ReactionArg {
	Like,
	Love,
	Laugh,
	Insightful,
	Sad,
	Angry,
}

/// A new post's place.
pub enum Kind {
	Root,
	Reply(u64),
	Repost(u64),
	Quote(u64),
}

/// A change to the social graph.
#[derive(Clone, Copy)]
pub enum Edge {
	Follow,
	Unfollow,
	Block,
	Unblock,
}

pub async fn profile(cx: &mut Context, command: ProfileCommand) -> Result<Report, Error> {
	match command {
		ProfileCommand::Set { name, bio, avatar } => {
			let call = chain::tx().profiles().set_profile(
				name.clone().into_bytes(),
				bio.into_bytes(),
				avatar.map(String::into_bytes),
			);
			let included = cx.send(call, 0).await?;
			Ok(done(format!("profile set: {name}"), &included, json!({ "displayName": name })))
		},
		ProfileCommand::Show { who } => {
			let account = address::format(&cx.who_or_me(who.as_deref()).await?);
			let response = cx.client().await?.social().profile(account).await?;
			Ok(Report {
				text: render::profile(&response.result.profile),
				json: serde_json::to_value(&response)?,
			})
		},
		ProfileCommand::Clear => {
			let included = cx.send(chain::tx().profiles().clear_profile(), 0).await?;
			Ok(done("profile cleared".into(), &included, json!({})))
		},
	}
}

pub async fn handle(cx: &mut Context, command: HandleCommand) -> Result<Report, Error> {
	match command {
		HandleCommand::Claim { handle } => {
			let raw = handle.strip_prefix('@').unwrap_or(&handle).as_bytes().to_vec();
			let included = cx.send(chain::tx().profiles().claim_handle(raw), 0).await?;
			let claimed = included
				.event::<chain::profiles::events::HandleClaimed>()
				.map(|event| String::from_utf8_lossy(&event.handle.0).into_owned())
				.unwrap_or(handle);
			Ok(done(format!("claimed @{claimed}"), &included, json!({ "handle": claimed })))
		},
		HandleCommand::Release => {
			let included = cx.send(chain::tx().profiles().release_handle(), 0).await?;
			Ok(done("handle released".into(), &included, json!({})))
		},
		HandleCommand::Transfer { to } => {
			let to = cx.who(&to).await?;
			let call = chain::tx().profiles().transfer_handle(MultiAddress::Id(to));
			let included = cx.send(call, 0).await?;
			let to = address::format(&to);
			Ok(done(format!("handle given to {to}"), &included, json!({ "to": to })))
		},
	}
}

pub async fn move_identity(cx: &mut Context, to: &str) -> Result<Report, Error> {
	let to = cx.who(to).await?;
	let call = chain::tx().profiles().move_identity(MultiAddress::Id(to));
	let included = cx.send(call, 0).await?;
	let to = address::format(&to);
	Ok(done(format!("identity moved to {to}"), &included, json!({ "to": to })))
}

pub async fn graph(cx: &mut Context, edge: Edge, who: &str) -> Result<Report, Error> {
	let account = cx.who(who).await?;
	let target = MultiAddress::Id(account);
	let follows = chain::tx().follows();
	let (included, verb) = match edge {
		Edge::Follow => (cx.send(follows.follow(target), 0).await?, "following"),
		Edge::Unfollow => (cx.send(follows.unfollow(target), 0).await?, "no longer following"),
		Edge::Block => (cx.send(follows.block(target), 0).await?, "blocked"),
		Edge::Unblock => (cx.send(follows.unblock(target), 0).await?, "unblocked"),
	};
	Ok(done(format!("{verb} {who}"), &included, json!({ "account": address::format(&account) })))
}

pub async fn followers(cx: &mut Context, args: ListArgs, followers: bool) -> Result<Report, Error> {
	let account = address::format(&cx.who_or_me(args.who.as_deref()).await?);
	let social = cx.client().await?.social();
	let PageArgs { limit, cursor } = args.page;
	let response = if followers {
		social.followers(account, cursor, limit).await?
	} else {
		social.following(account, cursor, limit).await?
	};
	let page = &response.result;
	let mut lines = page.items.clone();
	if lines.is_empty() {
		lines.push(if followers { "no followers" } else { "following nobody" }.into());
	}
	if let Some(cursor) = &page.next_cursor {
		lines.push(format!("(more: --cursor {cursor})"));
	}
	Ok(Report { text: lines.join("\n"), json: serde_json::to_value(&response)? })
}

/// The content of a post, checked against the chain's limits before it costs a fee: a text or
/// caption that is too long fails as the chain would fail it (`posts.TextTooLong: ...`).
async fn content(cx: &mut Context, args: ContentArgs) -> Result<Option<ContentInput>, Error> {
	let client = cx.client().await?;
	let constants = chain::constants().posts();
	let at = client.at_best().await?;
	let (max_text, max_caption) = (
		at.constants().entry(constants.max_text_len())?,
		at.constants().entry(constants.max_caption_len())?,
	);
	let too_long = |error: &str| Error::Usage(crate::client::pallet_error(&at, "Posts", error));
	Ok(match args {
		ContentArgs { media: Some(cid), caption, .. } => {
			let caption = caption.unwrap_or_default().into_bytes();
			if caption.len() > max_caption as usize {
				return Err(too_long("CaptionTooLong"));
			}
			Some(ContentInput::Media { cid: cid.into_bytes(), text: caption })
		},
		ContentArgs { text: Some(text), .. } => {
			if text.len() > max_text as usize {
				return Err(too_long("TextTooLong"));
			}
			Some(ContentInput::Text(text.into_bytes()))
		},
		ContentArgs { text: None, media: None, .. } => None,
	})
}

pub async fn post(cx: &mut Context, kind: Kind, args: ContentArgs) -> Result<Report, Error> {
	let content = content(cx, args).await?;
	if content.is_none() && !matches!(kind, Kind::Repost(_)) {
		return Err(Error::Usage("nothing to post: give a text, or --media <cid>".into()));
	}
	let (new_kind, verb) = match kind {
		Kind::Root => (NewPostKind::Root, "posted".to_string()),
		Kind::Reply(parent) => {
			(NewPostKind::Reply { parent }, format!("replied to #{parent} with"))
		},
		Kind::Repost(of) => (NewPostKind::Repost { of }, format!("reposted #{of} as")),
		Kind::Quote(of) => (NewPostKind::Quote { of }, format!("quoted #{of} in")),
	};
	let included = cx.send(chain::tx().posts().create_post(new_kind, content), 0).await?;
	let id = included
		.event::<chain::posts::events::PostCreated>()
		.map(|event| event.post_id)
		.ok_or_else(|| Error::Other("the post was created but its event is missing".into()))?;
	Ok(done(format!("{verb} #{id}"), &included, json!({ "postId": id })))
}

pub async fn edit(cx: &mut Context, id: u64, args: ContentArgs) -> Result<Report, Error> {
	let content = content(cx, args).await?.ok_or_else(|| {
		Error::Usage("nothing to change to: give a text, or --media <cid>".into())
	})?;
	let included = cx.send(chain::tx().posts().edit_post(id, content), 0).await?;
	Ok(done(format!("edited #{id}"), &included, json!({ "postId": id })))
}

pub async fn delete(cx: &mut Context, id: u64) -> Result<Report, Error> {
	let included = cx.send(chain::tx().posts().delete_post(id), 0).await?;
	Ok(done(format!("deleted #{id}"), &included, json!({ "postId": id })))
}

pub async fn react(
	cx: &mut Context,
	id: u64,
	reaction: Option<ReactionArg>,
) -> Result<Report, Error> {
	let Some(reaction) = reaction else {
		let included = cx.send(chain::tx().posts().unreact(id), 0).await?;
		return Ok(done(
			format!("reaction to #{id} taken back"),
			&included,
			json!({ "postId": id }),
		));
	};
	let (chain_reaction, name) = match reaction {
		ReactionArg::Like => (Reaction::Like, "like"),
		ReactionArg::Love => (Reaction::Love, "love"),
		ReactionArg::Laugh => (Reaction::Laugh, "laugh"),
		ReactionArg::Insightful => (Reaction::Insightful, "insightful"),
		ReactionArg::Sad => (Reaction::Sad, "sad"),
		ReactionArg::Angry => (Reaction::Angry, "angry"),
	};
	let included = cx.send(chain::tx().posts().react(id, chain_reaction), 0).await?;
	Ok(done(
		format!("reacted {name} to #{id}"),
		&included,
		json!({ "postId": id, "reaction": name }),
	))
}

pub async fn thread(cx: &mut Context, id: u64, page: PageArgs) -> Result<Report, Error> {
	let response = cx.client().await?.social().thread(id, page.cursor, page.limit).await?;
	let items = &response.result;
	Ok(Report {
		text: render::posts(&items.items, items.next_cursor.as_deref(), "no such thread"),
		json: serde_json::to_value(&response)?,
	})
}

pub async fn feed(cx: &mut Context, args: FeedArgs) -> Result<Report, Error> {
	let PageArgs { limit, cursor } = args.page;
	let response = match args.who {
		Some(who) => {
			let account = address::format(&cx.who(&who).await?);
			let social = cx.client().await?.social();
			social.author_feed(account, cursor, limit, Some(args.replies)).await?
		},
		None => {
			let account = address::format(&cx.me()?);
			let options = HomeFeedOptions {
				include_replies: Some(args.replies),
				moderation: Some(if args.filter { Moderation::Filter } else { Moderation::Flag }),
			};
			let social = cx.client().await?.social();
			social.home_feed(account, cursor, limit, Some(options)).await?
		},
	};
	let page = &response.result;
	Ok(Report {
		text: render::posts(&page.items, page.next_cursor.as_deref(), "no posts yet"),
		json: serde_json::to_value(&response)?,
	})
}

pub async fn notifications(cx: &mut Context, args: NotificationArgs) -> Result<Report, Error> {
	let signer = cx.signer()?;
	let me = crate::keys::account_of(&signer);
	let account = address::format(&me);
	let social = cx.client().await?.social();
	let response = social.notifications(account.clone(), args.page.cursor, args.page.limit).await?;
	let page = &response.result;
	let mut unread = social.unread_count(account.clone()).await?.result.count;
	let newest = page.items.first().and_then(|item| item["seq"].as_u64());
	if let (true, Some(seq)) = (args.mark_read, newest) {
		let signature = signer.sign(&(MARK_READ_CONTEXT, me.0, seq).encode());
		let signature = format!("0x{}", hex::encode(signature.0));
		unread = social.mark_read(account, seq, signature).await?.result.count;
	}
	let mut lines: Vec<String> = page.items.iter().map(render::notification).collect();
	if lines.is_empty() {
		lines.push("no notifications".into());
	}
	if let Some(cursor) = &page.next_cursor {
		lines.push(format!("(more: --cursor {cursor})"));
	}
	lines.push(format!("{unread} unread"));
	let mut json = serde_json::to_value(&response)?;
	json["unread"] = json!(unread);
	Ok(Report { text: lines.join("\n"), json })
}

pub async fn tip(
	cx: &mut Context,
	target: &str,
	value: &str,
	memo: Option<String>,
) -> Result<Report, Error> {
	let value = amount::parse(value)?;
	let (tip_target, about) = match cx.target(target).await? {
		Target::Post(id) => (TipTarget::Post(id), format!("for #{id}")),
		Target::Account(account) => {
			let about = format!("to {target}");
			(TipTarget::Creator(account), about)
		},
	};
	let memo_bytes = memo.clone().map(|memo| BoundedVec(memo.into_bytes()));
	let call = chain::tx().tipping().tip(tip_target, value, memo_bytes);
	let included = cx.send(call, value).await?;
	let to = included
		.event::<chain::tipping::events::Tipped>()
		.map(|event| address::format(&event.to))
		.unwrap_or_default();
	Ok(done(
		format!("tipped {} {about}", amount::format(value)),
		&included,
		json!({ "to": to, "amount": value.to_string(), "memo": memo }),
	))
}
