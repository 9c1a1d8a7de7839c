//! # Posts pallet
//!
//! What people say on Kith: posts, threads of replies, reposts and quotes, edits, deletions and
//! reactions.
//!
//! ## Terminology
//! - **Post**: by an author, of a [`PostKind`]: a `Root` starts a thread; a `Reply { parent, root }`
//!   answers `parent` (threads have any depth; `root` is the thread's first post, so a client can fetch a
//!   whole thread); a `Repost { of }` shares a post again without content; a `Quote { of }` shares it with
//!   content. Ids ([`PostId`]) are sequential and never reused.
//! - **Content**: UTF-8 text of at most [`Config::MaxTextLen`] bytes, or `Media`: a content reference (an
//!   IPFS CID, checked by shape) of an image, audio, video or long article that lives off chain, with a
//!   caption of at most [`Config::MaxCaptionLen`] bytes. The chain holds the hash, not the body.
//! - **Tombstone**: what remains of a deleted post: its author, kind and counters, no content. Replies keep
//!   their parent and ids keep their meaning.
//! - **Reaction**: one [`Reaction`] per account per post, changeable, counted per post.
//!
//! ## Calls
//! Signed, by an account that is not suspended ([`Config::Moderation`]):
//! - [`Pallet::create_post`]: a root post, a reply, a repost or a quote. Replies, reposts and quotes need a
//!   live target that is not itself a repost, and are refused if the target's author has blocked the
//!   caller ([`Config::SocialGraph`]); a reply is also refused anywhere in a thread whose first post's
//!   author blocked the caller. An account reposts a post at most once at a time.
//! - [`Pallet::edit_post`]: the author replaces the content (not of reposts or deleted posts).
//! - [`Pallet::delete_post`]: the author deletes it, leaving a tombstone.
//! - [`Pallet::react`] / [`Pallet::unreact`]: set, change or remove the caller's reaction (not to one's
//!   own posts). Removing is allowed on deleted posts too, so reactors get their deposits back. A positive
//!   reaction is passed on to [`Config::OnAppreciation`] (creator rewards).
//!
//! ## Storage
//! `Posts` (id → [`Post`]), `Reposts` (post, reposter → the repost's id: at most one live repost each)
//! and `Reactions` (post, account). Only what the calls check is kept: feeds (an author's posts, a
//! thread's replies) are read from the node's index (`social_*` RPC), which follows this pallet's
//! events, so a post writes no index of its own.
//!
//! ## Economics
//! A post holds [`Config::PostDepositBase`] plus [`Config::PostByteDeposit`] per byte of content
//! ([`HoldReason::Post`]), adjusted on edit and released on deletion; a reaction holds
//! [`Config::ReactionDeposit`] ([`HoldReason::Reaction`]) until removed. Amounts held are stored beside
//! what they pay for.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

/// Posts, threads, reposts, quotes, edits, tombstones and reactions, with deposits.
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use core::cmp::Ordering;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			tokens::Precision,
		},
	};
	use frame_system::pallet_prelude::*;
	use kith_primitives::{ModerationStatus, OnAppreciation, SocialGraph};
	use sp_runtime::traits::{Hash, Saturating, Zero};

	/// An amount of the currency deposits are held in.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// The content type of a runtime.
	pub type ContentOf<T> = Content<<T as Config>::MaxTextLen, <T as Config>::MaxCaptionLen>;
	/// The post type of a runtime.
	pub type PostOf<T> = Post<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		BalanceOf<T>,
		<T as Config>::MaxTextLen,
		<T as Config>::MaxCaptionLen,
	>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who has blocked whom: a blocked account cannot reply to, repost, quote or react to the
		/// blocker's posts.
		type SocialGraph: SocialGraph<Self::AccountId>;

		/// Who is suspended: a suspended account cannot post, edit or react.
		type Moderation: ModerationStatus<Self::AccountId>;

		/// Told of every positive reaction (creator rewards count them).
		type OnAppreciation: OnAppreciation<Self::AccountId>;

		/// The longest text of a post, in bytes.
		#[pallet::constant]
		type MaxTextLen: Get<u32>;

		/// The longest caption of a media post, in bytes.
		#[pallet::constant]
		type MaxCaptionLen: Get<u32>;

		/// The deposit of a post, whatever its size.
		#[pallet::constant]
		type PostDepositBase: Get<BalanceOf<Self>>;

		/// The deposit per byte of a post's content.
		#[pallet::constant]
		type PostByteDeposit: Get<BalanceOf<Self>>;

		/// The deposit of a reaction.
		#[pallet::constant]
		type ReactionDeposit: Get<BalanceOf<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a post.
		#[codec(index = 0)]
		Post,
		/// The deposit of a reaction.
		#[codec(index = 1)]
		Reaction,
	}

	/// The id the next post gets.
	#[pallet::storage]
	pub type NextPostId<T> = StorageValue<_, PostId, ValueQuery>;

	/// Every post ever made (deleted ones as tombstones).
	#[pallet::storage]
	pub type Posts<T: Config> = StorageMap<_, Twox64Concat, PostId, PostOf<T>>;

	/// Live reposts: (post, reposter) → the repost's id.
	#[pallet::storage]
	pub type Reposts<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PostId, Blake2_128Concat, T::AccountId, PostId>;

	/// Reactions: (post, account) → the reaction and the deposit held for it.
	#[pallet::storage]
	pub type Reactions<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		PostId,
		Blake2_128Concat,
		T::AccountId,
		(Reaction, BalanceOf<T>),
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `author` created post `post_id`. `content_hash` is the hash of its SCALE-encoded
		/// [`Content`] (`None` for a repost); the content itself is in the extrinsic.
		PostCreated {
			post_id: PostId,
			author: T::AccountId,
			kind: PostKind,
			content_hash: Option<T::Hash>,
			deposit: BalanceOf<T>,
		},
		/// `author` replaced the content of `post_id`; `content_hash` is the new content's hash.
		PostEdited {
			post_id: PostId,
			author: T::AccountId,
			content_hash: T::Hash,
			deposit: BalanceOf<T>,
		},
		/// `author` deleted `post_id`; a tombstone remains.
		PostDeleted { post_id: PostId, author: T::AccountId, kind: PostKind },
		/// `who` reacted to `post_id` with `reaction` (replacing `previous`, if any).
		Reacted {
			post_id: PostId,
			who: T::AccountId,
			reaction: Reaction,
			previous: Option<Reaction>,
		},
		/// `who` took back its `reaction` to `post_id`.
		Unreacted { post_id: PostId, who: T::AccountId, reaction: Reaction },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The text is longer than a post may be; longer texts go off chain, by content reference.
		TextTooLong,
		/// The caption of a media post is longer than allowed.
		CaptionTooLong,
		/// The text is not valid UTF-8.
		NotUtf8,
		/// The media reference is not a content reference (an IPFS CID).
		InvalidContentRef,
		/// This kind of post needs content (non-empty text, or media).
		ContentRequired,
		/// A repost has no content of its own; quote the post to add some.
		RepostHasContent,
		/// There is no post with this id.
		PostNotFound,
		/// The post was deleted.
		PostDeleted,
		/// A repost cannot be replied to, reposted or quoted; use the original post.
		TargetIsRepost,
		/// Only the author may do this.
		NotAuthor,
		/// You already reposted this post.
		AlreadyReposted,
		/// The author of that post has blocked you.
		BlockedByAuthor,
		/// Your account is suspended.
		AuthorSuspended,
		/// A repost has no content to edit.
		CannotEditRepost,
		/// Reacting to your own post is not allowed.
		OwnPost,
		/// You already reacted to this post with this reaction.
		AlreadyReacted,
		/// You have not reacted to this post.
		NotReacted,
		/// The free balance cannot cover the deposit.
		InsufficientBalance,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Creates a post of `kind` with `content` (none for a repost), holding a deposit by its size.
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::create_post_weight(kind, content.as_ref()))]
		pub fn create_post(
			origin: OriginFor<T>,
			kind: NewPostKind,
			content: Option<ContentInput>,
		) -> DispatchResult {
			let author = ensure_signed(origin)?;
			ensure!(!T::Moderation::is_suspended(&author), Error::<T>::AuthorSuspended);
			let content = match (kind, content) {
				(NewPostKind::Repost { .. }, Some(_)) => Err(Error::<T>::RepostHasContent)?,
				(NewPostKind::Repost { .. }, None) => None,
				(_, None) => Err(Error::<T>::ContentRequired)?,
				(_, Some(input)) => Some(Self::check_content(input)?),
			};
			let kind = match kind {
				NewPostKind::Root => PostKind::Root,
				NewPostKind::Reply { parent } => {
					let target = Self::live_target(parent, &author)?;
					let root = match target.kind {
						PostKind::Reply { root, .. } => {
							// Whoever started the thread decides who speaks in it, at any depth.
							let starter = Posts::<T>::get(root).map(|post| post.author);
							ensure!(
								starter.is_none_or(|by| !T::SocialGraph::is_blocked(&by, &author)),
								Error::<T>::BlockedByAuthor
							);
							root
						},
						_ => parent,
					};
					PostKind::Reply { parent, root }
				},
				NewPostKind::Repost { of } => {
					Self::live_target(of, &author)?;
					ensure!(!Reposts::<T>::contains_key(of, &author), Error::<T>::AlreadyReposted);
					PostKind::Repost { of }
				},
				NewPostKind::Quote { of } => {
					Self::live_target(of, &author)?;
					PostKind::Quote { of }
				},
			};
			let deposit = Self::deposit_for(content.as_ref());
			T::Currency::hold(&HoldReason::Post.into(), &author, deposit)
				.map_err(|_| Error::<T>::InsufficientBalance)?;

			let post_id = NextPostId::<T>::mutate(|next| {
				let id = *next;
				*next += 1;
				id
			});
			Self::count_on_target(kind, 1);
			if let PostKind::Repost { of } = kind {
				Reposts::<T>::insert(of, &author, post_id);
			}
			let content_hash = content.as_ref().map(T::Hashing::hash_of);
			Posts::<T>::insert(
				post_id,
				Post {
					author: author.clone(),
					kind,
					content,
					created_at: frame_system::Pallet::<T>::block_number(),
					edited_at: None,
					reply_count: 0,
					repost_count: 0,
					quote_count: 0,
					reactions: Default::default(),
					deposit,
					deleted: false,
				},
			);
			Self::deposit_event(Event::PostCreated {
				post_id,
				author,
				kind,
				content_hash,
				deposit,
			});
			Ok(())
		}

		/// Replaces the content of the caller's post `post_id`; its deposit follows the new size.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::edit_post(Pallet::<T>::input_len(Some(content))))]
		pub fn edit_post(
			origin: OriginFor<T>,
			post_id: PostId,
			content: ContentInput,
		) -> DispatchResult {
			let author = ensure_signed(origin)?;
			ensure!(!T::Moderation::is_suspended(&author), Error::<T>::AuthorSuspended);
			let mut post = Posts::<T>::get(post_id).ok_or(Error::<T>::PostNotFound)?;
			ensure!(post.author == author, Error::<T>::NotAuthor);
			ensure!(!post.deleted, Error::<T>::PostDeleted);
			ensure!(!matches!(post.kind, PostKind::Repost { .. }), Error::<T>::CannotEditRepost);
			let content = Self::check_content(content)?;

			let deposit = Self::deposit_for(Some(&content));
			let reason = HoldReason::Post.into();
			match deposit.cmp(&post.deposit) {
				Ordering::Greater => T::Currency::hold(&reason, &author, deposit - post.deposit)
					.map_err(|_| Error::<T>::InsufficientBalance)?,
				Ordering::Less => {
					T::Currency::release(
						&reason,
						&author,
						post.deposit - deposit,
						Precision::Exact,
					)?;
				},
				Ordering::Equal => {},
			}
			let content_hash = T::Hashing::hash_of(&content);
			post.content = Some(content);
			post.deposit = deposit;
			post.edited_at = Some(frame_system::Pallet::<T>::block_number());
			Posts::<T>::insert(post_id, post);
			Self::deposit_event(Event::PostEdited { post_id, author, content_hash, deposit });
			Ok(())
		}

		/// Deletes the caller's post `post_id`: its content goes, its deposit is released, the counters of
		/// the post it answered, shared or quoted go down, and a tombstone stays.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::delete_post())]
		pub fn delete_post(origin: OriginFor<T>, post_id: PostId) -> DispatchResult {
			let author = ensure_signed(origin)?;
			let mut post = Posts::<T>::get(post_id).ok_or(Error::<T>::PostNotFound)?;
			ensure!(post.author == author, Error::<T>::NotAuthor);
			ensure!(!post.deleted, Error::<T>::PostDeleted);

			T::Currency::release(
				&HoldReason::Post.into(),
				&author,
				post.deposit,
				Precision::Exact,
			)?;
			Self::count_on_target(post.kind, -1);
			if let PostKind::Repost { of } = post.kind {
				Reposts::<T>::remove(of, &author);
			}
			post.content = None;
			post.deposit = Zero::zero();
			post.deleted = true;
			let kind = post.kind;
			Posts::<T>::insert(post_id, post);
			Self::deposit_event(Event::PostDeleted { post_id, author, kind });
			Ok(())
		}

		/// Sets the caller's reaction to `post_id`, replacing an earlier one. The first reaction holds
		/// [`Config::ReactionDeposit`]. A positive reaction is passed on to [`Config::OnAppreciation`]; what
		/// that took is charged, not the most it can take.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::react().saturating_add(T::OnAppreciation::weight()))]
		pub fn react(
			origin: OriginFor<T>,
			post_id: PostId,
			reaction: Reaction,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(!T::Moderation::is_suspended(&who), Error::<T>::AuthorSuspended);
			let mut post = Posts::<T>::get(post_id).ok_or(Error::<T>::PostNotFound)?;
			ensure!(!post.deleted, Error::<T>::PostDeleted);
			ensure!(post.author != who, Error::<T>::OwnPost);
			ensure!(!T::SocialGraph::is_blocked(&post.author, &who), Error::<T>::BlockedByAuthor);
			let previous = Reactions::<T>::get(post_id, &who);
			let deposit = match previous {
				Some((old, _)) if old == reaction => Err(Error::<T>::AlreadyReacted)?,
				Some((old, deposit)) => {
					*post.reactions.of(old) -= 1;
					deposit
				},
				None => {
					let deposit = T::ReactionDeposit::get();
					T::Currency::hold(&HoldReason::Reaction.into(), &who, deposit)
						.map_err(|_| Error::<T>::InsufficientBalance)?;
					deposit
				},
			};
			*post.reactions.of(reaction) += 1;
			let appreciation = if reaction.is_positive() {
				T::OnAppreciation::on_appreciation(&who, &post.author, post_id)
			} else {
				Weight::zero()
			};
			Posts::<T>::insert(post_id, post);
			Reactions::<T>::insert(post_id, &who, (reaction, deposit));
			Self::deposit_event(Event::Reacted {
				post_id,
				who,
				reaction,
				previous: previous.map(|(old, _)| old),
			});
			Ok(Some(T::WeightInfo::react().saturating_add(appreciation)).into())
		}

		/// Takes back the caller's reaction to `post_id` (also of a deleted post) and releases its
		/// deposit.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::unreact())]
		pub fn unreact(origin: OriginFor<T>, post_id: PostId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (reaction, deposit) =
				Reactions::<T>::take(post_id, &who).ok_or(Error::<T>::NotReacted)?;
			Posts::<T>::mutate(post_id, |post| {
				if let Some(post) = post {
					*post.reactions.of(reaction) -= 1;
				}
			});
			T::Currency::release(&HoldReason::Reaction.into(), &who, deposit, Precision::Exact)?;
			Self::deposit_event(Event::Unreacted { post_id, who, reaction });
			Ok(())
		}
	}

	impl<T: Config> kith_primitives::PostAuthors<T::AccountId> for Pallet<T> {
		fn authorship(id: PostId) -> Option<kith_primitives::PostAuthorship<T::AccountId>> {
			Posts::<T>::get(id).map(|post| kith_primitives::PostAuthorship {
				author: post.author,
				deleted: post.deleted,
			})
		}

		#[cfg(feature = "runtime-benchmarks")]
		fn create_for_benchmark(author: &T::AccountId) -> PostId {
			use frame_support::traits::fungible::Mutate;
			let text = alloc::vec![b'a'; 16];
			let content =
				Self::check_content(ContentInput::Text(text.clone())).expect("valid text");
			let deposit = Self::deposit_for(Some(&content));
			T::Currency::set_balance(
				author,
				T::Currency::minimum_balance().saturating_add(deposit),
			);
			Self::create_post(
				frame_system::RawOrigin::Signed(author.clone()).into(),
				NewPostKind::Root,
				Some(ContentInput::Text(text)),
			)
			.expect("a funded account can post");
			NextPostId::<T>::get() - 1
		}
	}

	impl<T: Config> Pallet<T> {
		/// The number of bytes of content an input carries, for weighing a call before it is checked.
		pub fn input_len(content: Option<&ContentInput>) -> u32 {
			let len = match content {
				None => 0,
				Some(ContentInput::Text(text)) => text.len(),
				Some(ContentInput::Media { cid, text }) => cid.len().saturating_add(text.len()),
			};
			len.try_into().unwrap_or(u32::MAX)
		}

		/// The weight of creating a post of `kind` with `content`: a root post reads and writes no
		/// other post and no index of replies.
		pub fn create_post_weight(kind: &NewPostKind, content: Option<&ContentInput>) -> Weight {
			let len = Self::input_len(content);
			match kind {
				NewPostKind::Root => T::WeightInfo::create_root_post(len),
				_ => T::WeightInfo::create_post(len),
			}
		}

		/// Checks content as the author sent it.
		fn check_content(input: ContentInput) -> Result<ContentOf<T>, Error<T>> {
			let utf8 = |bytes: &[u8]| {
				core::str::from_utf8(bytes).map(|_| ()).map_err(|_| Error::<T>::NotUtf8)
			};
			match input {
				ContentInput::Text(text) => {
					ensure!(!text.is_empty(), Error::<T>::ContentRequired);
					let text: BoundedVec<_, _> =
						text.try_into().map_err(|_| Error::<T>::TextTooLong)?;
					utf8(&text)?;
					Ok(Content::Text(text))
				},
				ContentInput::Media { cid, text } => {
					let text: BoundedVec<_, _> =
						text.try_into().map_err(|_| Error::<T>::CaptionTooLong)?;
					utf8(&text)?;
					let cid: kith_primitives::ContentRef =
						cid.try_into().map_err(|_| Error::<T>::InvalidContentRef)?;
					ensure!(kith_primitives::is_valid_cid(&cid), Error::<T>::InvalidContentRef);
					Ok(Content::Media { cid, text })
				},
			}
		}

		/// The deposit of a post with `content`.
		fn deposit_for(content: Option<&ContentOf<T>>) -> BalanceOf<T> {
			let bytes = content.map_or(0, |c| c.byte_len()) as u32;
			T::PostDepositBase::get()
				.saturating_add(T::PostByteDeposit::get().saturating_mul(bytes.into()))
		}

		/// The post `id`, if it exists, is live, is not a repost and its author has not blocked `who`.
		fn live_target(id: PostId, who: &T::AccountId) -> Result<PostOf<T>, DispatchError> {
			let post = Posts::<T>::get(id).ok_or(Error::<T>::PostNotFound)?;
			ensure!(!post.deleted, Error::<T>::PostDeleted);
			ensure!(!matches!(post.kind, PostKind::Repost { .. }), Error::<T>::TargetIsRepost);
			ensure!(!T::SocialGraph::is_blocked(&post.author, who), Error::<T>::BlockedByAuthor);
			Ok(post)
		}

		/// Counts a post of `kind` being created (`+1`) or deleted (`-1`) on the post it targets.
		fn count_on_target(kind: PostKind, delta: i32) {
			let Some(target) = kind.target() else { return };
			Posts::<T>::mutate(target, |post| {
				let Some(post) = post else { return };
				let counter = match kind {
					PostKind::Reply { .. } => &mut post.reply_count,
					PostKind::Repost { .. } => &mut post.repost_count,
					PostKind::Quote { .. } => &mut post.quote_count,
					PostKind::Root => return,
				};
				*counter = counter.saturating_add_signed(delta);
			});
		}

		/// The post `id`.
		pub fn post(id: PostId) -> Option<PostOf<T>> {
			Posts::<T>::get(id)
		}

		/// The reaction counts of `post_id`.
		pub fn reactions(post_id: PostId) -> Option<ReactionCounts> {
			Posts::<T>::get(post_id).map(|post| post.reactions)
		}

		/// Checks the pallet's invariants: counters equal the live posts and reactions they count, the
		/// repost index matches the posts, and each account holds exactly the deposits storage records.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use frame_support::traits::fungible::InspectHold;

			let next = NextPostId::<T>::get();
			let mut counts: BTreeMap<PostId, (u32, u32, u32)> = BTreeMap::new();
			let mut post_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			for (id, post) in Posts::<T>::iter() {
				ensure!(id < next, "a post id was never given out");
				ensure!(!post.deleted || post.content.is_none(), "a deleted post kept its content");
				let deposit = post_deposits.entry(post.author.clone()).or_default();
				*deposit = deposit.saturating_add(post.deposit);
				if post.deleted {
					continue;
				}
				if let Some(target) = post.kind.target() {
					let entry = counts.entry(target).or_default();
					match post.kind {
						PostKind::Reply { .. } => entry.0 += 1,
						PostKind::Repost { of } => {
							entry.1 += 1;
							ensure!(
								Reposts::<T>::get(of, &post.author) == Some(id),
								"a repost is missing from the repost index"
							);
						},
						PostKind::Quote { .. } => entry.2 += 1,
						PostKind::Root => {},
					}
				}
			}
			let mut reactions: BTreeMap<PostId, ReactionCounts> = BTreeMap::new();
			let mut reaction_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			for (id, who, (reaction, deposit)) in Reactions::<T>::iter() {
				*reactions.entry(id).or_default().of(reaction) += 1;
				let held = reaction_deposits.entry(who).or_default();
				*held = held.saturating_add(deposit);
			}
			for (id, post) in Posts::<T>::iter() {
				let (replies, reposts, quotes) = counts.get(&id).copied().unwrap_or_default();
				ensure!(post.reply_count == replies, "reply_count differs from the live replies");
				ensure!(post.repost_count == reposts, "repost_count differs from the live reposts");
				ensure!(post.quote_count == quotes, "quote_count differs from the live quotes");
				ensure!(
					post.reactions == reactions.get(&id).copied().unwrap_or_default(),
					"reaction counts differ from the reactions"
				);
			}
			ensure!(
				Reposts::<T>::iter().count()
					== counts.values().map(|c| c.1 as usize).sum::<usize>(),
				"the repost index has entries without a live repost"
			);
			for (who, deposit) in post_deposits {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::Post.into(), &who) == deposit,
					"post deposits differ from what is held"
				);
			}
			for (who, deposit) in reaction_deposits {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::Reaction.into(), &who) == deposit,
					"reaction deposits differ from what is held"
				);
			}
			Ok(())
		}
	}
}
