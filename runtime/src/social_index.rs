//! `SocialIndexApi`: a block's social changes, decoded here from its events so that the node's index never
//! decodes `RuntimeEvent` itself (a runtime upgrade that changes an event does not break the node).
//!
//! Called at a block's hash, the state is the one after the block: each change carries what it needs from
//! it (a new post's content, a profile as it now is, a target's enforcement after a decision).

use alloc::{vec, vec::Vec};
use kith_primitives::{IndexedContent, IndexedProfile, IndexedTarget, SocialChange};
use pallet_moderation::Target;
use pallet_posts::Content;

use crate::{AccountId, Balance, BlockNumber, Moderation, Posts, Runtime, RuntimeEvent, System};

/// One social change, with the runtime's types.
pub type Change = SocialChange<AccountId, Balance, BlockNumber>;

/// The social changes of the current block, in the order of its events.
pub fn block_changes() -> Vec<Change> {
	System::read_events_no_consensus().flat_map(|record| changes_of(record.event)).collect()
}

/// What one event changed; most events change nothing social.
fn changes_of(event: RuntimeEvent) -> Vec<Change> {
	use pallet_follows::Event as F;
	use pallet_posts::Event as P;
	use pallet_profiles::Event as Pr;
	match event {
		RuntimeEvent::Profiles(event) => match event {
			Pr::ProfileUpdated { who, .. }
			| Pr::ProfileCleared { who }
			| Pr::HandleClaimed { who, .. }
			| Pr::HandleReleased { who, .. } => vec![profile(who)],
			Pr::HandleTransferred { from, to, .. } | Pr::IdentityMoved { from, to, .. } => {
				vec![profile(from), profile(to)]
			},
			_ => vec![],
		},
		RuntimeEvent::Follows(event) => match event {
			F::Followed { follower, followee } => vec![Change::Followed { follower, followee }],
			F::Unfollowed { follower, followee } => vec![Change::Unfollowed { follower, followee }],
			F::Blocked { blocker, blocked } => vec![Change::Blocked { blocker, blocked }],
			F::Unblocked { blocker, blocked } => vec![Change::Unblocked { blocker, blocked }],
			F::GraphMoved { from, to, .. } => vec![Change::GraphMoved { from, to }],
			_ => vec![],
		},
		RuntimeEvent::Posts(event) => match event {
			P::PostCreated { post_id, author, kind, .. } => {
				vec![Change::PostCreated { post_id, author, kind, content: content(post_id) }]
			},
			P::PostEdited { post_id, .. } => {
				vec![Change::PostEdited { post_id, content: content(post_id) }]
			},
			P::PostDeleted { post_id, .. } => vec![Change::PostDeleted { post_id }],
			P::Reacted { post_id, who, reaction, previous } => vec![Change::Reacted {
				post_id,
				who,
				reaction: reaction as u8,
				previous: previous.map(|r| r as u8),
			}],
			P::Unreacted { post_id, who, reaction } => {
				vec![Change::Unreacted { post_id, who, reaction: reaction as u8 }]
			},
			_ => vec![],
		},
		RuntimeEvent::Tipping(pallet_tipping::Event::Tipped { from, to, post, amount, memo }) => {
			vec![Change::Tipped { from, to, post_id: post, amount, memo: memo.map(|m| m.to_vec()) }]
		},
		RuntimeEvent::Moderation(event) => moderation_changes(event),
		_ => vec![],
	}
}

/// Reports, and the decisions of cases and appeals with the enforcement they leave.
fn moderation_changes(event: pallet_moderation::Event<Runtime>) -> Vec<Change> {
	use pallet_moderation::Event as M;
	match event {
		M::Reported { target, reporter, rule, .. } => {
			let affected = match &target {
				Target::Post(id) => match Posts::post(*id) {
					Some(post) => post.author,
					None => return vec![],
				},
				Target::Account(who) => who.clone(),
			};
			vec![Change::Reported { reporter, target: indexed_target(target), rule, affected }]
		},
		M::CaseClosed { case_id, upheld, .. } => decision(case_id, |target, affected| {
			Change::CaseDecided { case_id, target, affected, upheld }
		}),
		M::AppealDecided { case_id, overturned, .. } => decision(case_id, |target, affected| {
			Change::AppealDecided { case_id, target, affected, overturned }
		}),
		_ => vec![],
	}
}

/// `decided` for case `case_id`, then the enforcement its target and affected account have now.
fn decision(
	case_id: pallet_moderation::CaseId,
	decided: impl FnOnce(IndexedTarget<AccountId>, AccountId) -> Change,
) -> Vec<Change> {
	let Some(case) = Moderation::case(case_id) else { return vec![] };
	let account = Moderation::status(Target::Account(case.affected.clone()));
	let mut changes = vec![decided(indexed_target(case.target.clone()), case.affected.clone())];
	if let Target::Post(id) = case.target {
		let post = Moderation::status(Target::Post(id));
		changes.push(Change::Enforcement {
			target: IndexedTarget::Post(id),
			hidden: post.hidden,
			suspended_until: None,
		});
	}
	changes.push(Change::Enforcement {
		target: IndexedTarget::Account(case.affected),
		hidden: false,
		suspended_until: account.suspended_until,
	});
	changes
}

/// `who`'s profile as it is now.
fn profile(who: AccountId) -> Change {
	let profile = crate::apis::profile_info(who.clone()).map(|info| IndexedProfile {
		handle: info.handle,
		display_name: info.display_name,
		bio: info.bio,
		avatar: info.avatar,
	});
	Change::Profile { who, profile }
}

/// Post `id`'s content as it is now.
fn content(id: kith_primitives::PostId) -> IndexedContent {
	match Posts::post(id).and_then(|post| post.content) {
		Some(Content::Text(text)) => IndexedContent::Text(text.into_inner()),
		Some(Content::Media { cid, text }) => {
			IndexedContent::Media { cid: cid.into_inner(), caption: text.into_inner() }
		},
		None => IndexedContent::None,
	}
}

fn indexed_target(target: Target<AccountId>) -> IndexedTarget<AccountId> {
	match target {
		Target::Post(id) => IndexedTarget::Post(id),
		Target::Account(who) => IndexedTarget::Account(who),
	}
}
