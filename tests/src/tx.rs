//! Signed extrinsics: sign, submit, wait until a block includes them, and read their outcome from the
//! block's events, so that a failed call fails the test at once with the pallet's error by name.

use std::{collections::HashMap, sync::OnceLock};

use codec::{Decode, Encode};
use frame_metadata::{v15::RuntimeMetadataV15, RuntimeMetadata, RuntimeMetadataPrefixed};
use kith_runtime::{RuntimeCall, RuntimeEvent};
use serde_json::json;
use sp_core::{sr25519, H256};
use sp_runtime::{traits::Hash as _, DispatchError};

use crate::{decode_hex, decode_hex_as, hex, Node};

type EventRecord = frame_system::EventRecord<RuntimeEvent, H256>;

/// An extrinsic that a block included and whose call succeeded.
#[derive(Debug, Clone)]
pub struct Included {
	/// The including block's hash.
	pub block: H256,
	/// The including block's number.
	pub number: u32,
	/// The events the extrinsic emitted, `ExtrinsicSuccess` last.
	pub events: Vec<RuntimeEvent>,
}

/// An extrinsic sent to the pool and not yet seen in a block.
#[derive(Debug, Clone, Copy)]
pub struct Pending {
	/// The extrinsic's hash (blake2-256 of its encoding), as `author_submitExtrinsic` answers it.
	pub hash: H256,
	/// The best block when it was sent: it can only be in later blocks.
	after: u32,
}

impl Node {
	/// `call` signed by `signer` with the account's next nonce (as the node sees it, pool included).
	pub fn signed(
		&self,
		signer: &sr25519::Pair,
		call: RuntimeCall,
	) -> kith_runtime::UncheckedExtrinsic {
		let who = kith_runtime::AccountId::from(sp_core::Pair::public(signer));
		let nonce = self.rpc("system_accountNextIndex", json!([who.to_string()])).as_u64().unwrap();
		kith_runtime::signing::sign(call, signer, nonce as u32, self.block_hash(0))
	}

	/// Signs `call` and puts it in the node's pool without waiting for a block. Fails the test if the
	/// pool refuses it (bad signature, stale nonce, cannot pay the fee, ...).
	#[track_caller]
	pub fn send(&self, signer: &sr25519::Pair, call: RuntimeCall) -> Pending {
		let after = self.best_number();
		let xt = self.signed(signer, call);
		let hash = decode_hex_as(&self.rpc("author_submitExtrinsic", json!([hex(&xt.encode())])));
		Pending { hash, after }
	}

	/// Waits until a block on the best chain includes `pending`; returns its outcome: the events, or
	/// the dispatch error by name (`posts.TextTooLong: the text is longer than ...`).
	#[track_caller]
	pub fn outcome(&self, pending: Pending) -> Result<Included, String> {
		let mut scanned: HashMap<H256, Option<u32>> = HashMap::new();
		let (block, number, index) =
			self.wait_for(&format!("{:?} in a block", pending.hash), || {
				let best = self.best_number();
				(pending.after + 1..=best).find_map(|number| {
					let block = self.block_hash(number);
					let index = *scanned.entry(block).or_insert_with(|| {
						let body = self.rpc("chain_getBlock", json!([block]));
						let extrinsics = body["block"]["extrinsics"].as_array().cloned();
						extrinsics
							.unwrap_or_default()
							.iter()
							.position(|xt| {
								sp_runtime::traits::BlakeTwo256::hash(&decode_hex(xt))
									== pending.hash
							})
							.map(|i| i as u32)
					});
					index.map(|index| (block, number, index))
				})
			});
		// `System::Events` (its storage type is private to frame-system; the key is not).
		let key = frame_support::storage::storage_prefix(b"System", b"Events");
		let records: Vec<EventRecord> = self.storage_at(&key, block).unwrap_or_default();
		let events: Vec<RuntimeEvent> = records
			.into_iter()
			.filter(|r| r.phase == frame_system::Phase::ApplyExtrinsic(index))
			.map(|r| r.event)
			.collect();
		match events.last() {
			Some(RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
				dispatch_error,
				..
			})) => Err(self.describe(dispatch_error)),
			Some(RuntimeEvent::System(frame_system::Event::ExtrinsicSuccess { .. })) => {
				Ok(Included { block, number, events })
			},
			other => {
				self.fail(&format!("extrinsic {:?} has no outcome event: {other:?}", pending.hash))
			},
		}
	}

	/// Signs and submits `call`, waits for a block to include it, and returns its outcome.
	#[track_caller]
	pub fn try_submit(
		&self,
		signer: &sr25519::Pair,
		call: RuntimeCall,
	) -> Result<Included, String> {
		let pending = self.send(signer, call);
		self.outcome(pending)
	}

	/// Signs and submits `call` and waits for a block to include it; fails the test at once, with the
	/// pallet's error, if the call failed.
	#[track_caller]
	pub fn submit(&self, signer: &sr25519::Pair, call: RuntimeCall) -> Included {
		let pending = self.send(signer, call);
		self.outcome(pending).unwrap_or_else(|e| self.fail(&format!("extrinsic failed: {e}")))
	}

	/// Submits all `calls` at once (so that they can share a block), then waits for each of them like
	/// [`Node::submit`]. Calls of one signer are included in the order given.
	#[track_caller]
	pub fn submit_all(&self, calls: Vec<(sr25519::Pair, RuntimeCall)>) -> Vec<Included> {
		let pending: Vec<Pending> =
			calls.into_iter().map(|(signer, call)| self.send(&signer, call)).collect();
		pending
			.into_iter()
			.map(|p| {
				self.outcome(p).unwrap_or_else(|e| self.fail(&format!("extrinsic failed: {e}")))
			})
			.collect()
	}

	/// The fee `signer` pays for `call` (weight, length and base fee, as `TransactionPaymentApi`
	/// computes it at the best block).
	pub fn fee(&self, signer: &sr25519::Pair, call: RuntimeCall) -> kith_runtime::Balance {
		let xt = self.signed(signer, call);
		let len = xt.encoded_size() as u32;
		let info: pallet_transaction_payment::RuntimeDispatchInfo<kith_runtime::Balance> =
			self.runtime_call("TransactionPaymentApi_query_info", (xt, len));
		info.partial_fee
	}
}

impl Node {
	/// A dispatch error in words: a pallet error as `pallet.Variant: its documentation`, as wallets show
	/// it (from the node's metadata); any other error as its debug form (`BadOrigin`, ...).
	fn describe(&self, error: &DispatchError) -> String {
		if let DispatchError::Module(module) = error {
			if let Some(described) = self.module_error(module.index, module.error[0]) {
				return described;
			}
		}
		format!("{error:?}")
	}

	/// `pallet.Variant: docs` of error `variant` of the pallet at `index`.
	fn module_error(&self, index: u8, variant: u8) -> Option<String> {
		// Read once per test process: every runtime a test meets has the same errors.
		static METADATA: OnceLock<RuntimeMetadataV15> = OnceLock::new();
		let metadata = METADATA.get_or_init(|| {
			let bytes: Option<Vec<u8>> = self.runtime_call("Metadata_metadata_at_version", 15u32);
			let bytes = bytes.expect("the runtime offers V15 metadata");
			match RuntimeMetadataPrefixed::decode(&mut &bytes[..]).expect("metadata decodes").1 {
				RuntimeMetadata::V15(metadata) => metadata,
				_ => unreachable!("asked for V15"),
			}
		});
		let pallet = metadata.pallets.iter().find(|p| p.index == index)?;
		let ty = metadata.types.resolve(pallet.error.as_ref()?.ty.id)?;
		let scale_info::TypeDef::Variant(variants) = &ty.type_def else { return None };
		let variant = variants.variants.iter().find(|v| v.index == variant)?;
		let mut name = pallet.name.clone();
		name[..1].make_ascii_lowercase();
		Some(format!("{name}.{}: {}", variant.name, variant.docs.join(" ").trim()))
	}
}
