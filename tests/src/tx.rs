//! Signed extrinsics, through the `kith` client's library (the code the CLI runs): a test builds a
//! [`RuntimeCall`], the client signs it with the extensions the runtime's metadata names, checks the
//! fee, submits it and watches it until a block includes it; a failed call fails the test at once with
//! the pallet's error by name.

use std::sync::Arc;

use codec::{Decode, Encode};
use kith_cli::client::{Client, Config, Progress, Sent, Wait};
use kith_runtime::{RuntimeCall, RuntimeEvent};
use sp_core::{sr25519, Pair as _, H256};
use subxt::{
	ext::scale_value::{self, Composite, ValueDef},
	tx::{DynamicPayload, Signer},
	utils::{AccountId32, MultiSignature},
};

use crate::Node;

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

/// An extrinsic in the node's pool, watched until a block includes it.
pub struct Pending {
	sent: Sent,
	chain: Arc<Chain>,
}

impl Pending {
	/// The extrinsic's hash.
	pub fn hash(&self) -> H256 {
		self.sent.hash()
	}
}

/// The client library's connection to one node, with the runtime that drives it.
pub(crate) struct Chain {
	runtime: tokio::runtime::Runtime,
	client: Client,
}

impl Chain {
	fn connect(rpc_port: u16) -> Result<Chain, String> {
		let runtime = tokio::runtime::Builder::new_multi_thread()
			.worker_threads(1)
			.enable_all()
			.build()
			.map_err(|e| e.to_string())?;
		let url = format!("ws://127.0.0.1:{rpc_port}");
		let client = runtime.block_on(Client::connect(&url)).map_err(|e| e.to_string())?;
		Ok(Chain { runtime, client })
	}

	/// `call` as the client library sends it: the call's SCALE bytes read back, through the
	/// runtime's metadata, as pallet, call and fields.
	fn payload(&self, call: &RuntimeCall) -> DynamicPayload<Composite<u32>> {
		let at = self.runtime.block_on(self.client.at_best()).expect("the best block");
		let metadata = at.metadata();
		let value = scale_value::scale::decode_as_type(
			&mut &call.encode()[..],
			metadata.outer_enums().call_enum_ty(),
			metadata.types(),
		)
		.expect("a RuntimeCall of this workspace decodes with its own runtime's metadata");
		let ValueDef::Variant(pallet) = value.value else { unreachable!("RuntimeCall is an enum") };
		let Some(ValueDef::Variant(inner)) = pallet.values.into_values().next().map(|v| v.value)
		else {
			unreachable!("each pallet's calls are an enum")
		};
		subxt::tx::dynamic(pallet.name, inner.name, inner.values)
	}
}

/// A dev key as the client library's signer.
struct PairSigner(sr25519::Pair);

impl Signer<Config> for PairSigner {
	fn account_id(&self) -> AccountId32 {
		AccountId32(self.0.public().0)
	}

	fn sign(&self, payload: &[u8]) -> MultiSignature {
		MultiSignature::Sr25519(self.0.sign(payload).0)
	}
}

impl Node {
	/// The client library's connection to this node, made at first use and again after a restart.
	pub(crate) fn chain(&self) -> Arc<Chain> {
		let mut chain = self.chain.lock().unwrap();
		if let Some(chain) = &*chain {
			return chain.clone();
		}
		let connected = Arc::new(
			Chain::connect(self.rpc_port)
				.unwrap_or_else(|e| self.fail(&format!("the client cannot connect: {e}"))),
		);
		*chain = Some(connected.clone());
		connected
	}

	/// Signs `call` and puts it in the node's pool without waiting for a block. Fails the test if the
	/// client or the pool refuses it (cannot pay the fee, bad nonce, ...).
	#[track_caller]
	pub fn send(&self, signer: &sr25519::Pair, call: RuntimeCall) -> Pending {
		let chain = self.chain();
		let payload = chain.payload(&call);
		let signer = PairSigner(signer.clone());
		let sent = chain
			.runtime
			.block_on(chain.client.send(&payload, &signer, 0))
			.unwrap_or_else(|e| self.fail(&format!("the transaction was refused: {e}")));
		Pending { sent, chain }
	}

	/// Waits until a block on the best chain includes `pending`; returns its outcome: the events, or
	/// the dispatch error by name (`posts.TextTooLong: the text is longer than ...`).
	#[track_caller]
	pub fn outcome(&self, pending: Pending) -> Result<Included, String> {
		let Pending { sent, chain } = pending;
		let hash = sent.hash();
		let included = chain
			.runtime
			.block_on(sent.wait(Wait::InBlock, &Progress::start()))
			.map_err(|e| match e {
				kith_cli::Error::Refused(error) => error,
				other => self.fail(&format!("extrinsic {hash:?}: {other}")),
			})?;
		let events = included
			.events
			.iter()
			.map(|event| {
				let event = event.unwrap_or_else(|e| self.fail(&format!("an event: {e}")));
				// An event's bytes are its record's: phase, event, topics.
				EventRecord::decode(&mut event.bytes())
					.unwrap_or_else(|e| self.fail(&format!("an event record: {e}")))
					.event
			})
			.collect();
		let number = included.block_number as u32;
		Ok(Included { block: included.block_hash, number, events })
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
	#[track_caller]
	pub fn fee(&self, signer: &sr25519::Pair, call: RuntimeCall) -> kith_runtime::Balance {
		let chain = self.chain();
		let payload = chain.payload(&call);
		chain
			.runtime
			.block_on(chain.client.fee(&payload, &PairSigner(signer.clone())))
			.unwrap_or_else(|e| self.fail(&format!("no fee estimate: {e}")))
	}
}
