//! One connection to a Kith node: subxt for transactions, storage, constants and runtime APIs, and the
//! node's `social_*` methods, over a single WebSocket.

use std::{
	io::{IsTerminal, Write},
	sync::{Arc, Mutex},
	time::Duration,
};

use jsonrpsee::{
	core::{client::ClientT, params::ArrayParams},
	ws_client::{WsClient, WsClientBuilder},
};
use kith_social_rpc_api::SocialApiClient;
use serde_json::Value;
use subxt::{
	client::OnlineClientAtBlockImpl,
	config::DefaultExtrinsicParamsBuilder,
	error::{DispatchError, TransactionEventsError, TransactionProgressError},
	extrinsics::ExtrinsicEvents,
	tx::{Payload, Signer, SubmittableTransaction, TransactionProgress, TransactionStatus},
	utils::{AccountId32, MultiSignature, H256},
	OnlineClient, OnlineClientAtBlock, SubstrateConfig,
};

use crate::{address, amount, chain, Error};

/// Kith's chain configuration, as subxt sees it: Substrate's defaults (AccountId32, MultiAddress,
/// MultiSignature, BlakeTwo256, the standard transaction extensions).
pub type Config = SubstrateConfig;

/// The state of the chain at one block.
pub type AtBlock = OnlineClientAtBlock<Config>;

/// For how many blocks from the last finalized block a transaction stays valid.
const MORTALITY: u64 = 64;

/// How long `submit` waits for a block (or finality) before giving up.
const WAIT_LIMIT: Duration = Duration::from_secs(300);

/// What `submit` waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
	/// A block on the best chain includes the transaction.
	InBlock,
	/// A finalized block includes it.
	Finalized,
}

/// A transaction a block included and whose call succeeded.
pub struct Included {
	/// The including block's hash.
	pub block_hash: H256,
	/// The including block's number.
	pub block_number: u64,
	/// The fee estimated before sending it.
	pub fee: u128,
	/// The events it emitted.
	pub events: ExtrinsicEvents<Config>,
}

impl Included {
	/// The first event of type `E` the transaction emitted.
	pub fn event<E: subxt::events::DecodeAsEvent>(&self) -> Option<E> {
		self.events.find_first::<E>().and_then(Result::ok)
	}

	/// The events as JSON: `{ "pallet", "event", "fields" }` each, accounts as byte arrays.
	pub fn events_json(&self) -> Value {
		let events = self.events.iter().filter_map(Result::ok).map(|event| {
			let fields = event
				.decode_fields_unchecked_as::<subxt::ext::scale_value::Composite<()>>()
				.ok()
				.and_then(|fields| serde_json::to_value(fields).ok())
				.unwrap_or(Value::Null);
			serde_json::json!({
				"pallet": event.pallet_name(),
				"event": event.event_name(),
				"fields": fields,
			})
		});
		Value::Array(events.collect())
	}
}

/// A connection to a node.
pub struct Client {
	/// subxt's client.
	pub api: OnlineClient<Config>,
	rpc: Arc<WsClient>,
	/// The node's URL.
	pub url: String,
}

impl Client {
	/// Connects to the node at `url` (`ws://` or `wss://`).
	pub async fn connect(url: &str) -> Result<Client, Error> {
		let unreachable = |reason: String| Error::Unreachable { url: url.to_string(), reason };
		if !(url.starts_with("ws://") || url.starts_with("wss://")) {
			return Err(Error::Usage(format!(
				"`{url}` is not a WebSocket URL (ws://host:port or wss://host:port)"
			)));
		}
		let rpc = WsClientBuilder::default()
			.connection_timeout(Duration::from_secs(10))
			.request_timeout(Duration::from_secs(120))
			.build(url)
			.await
			.map_err(|error| unreachable(connection_error(&error)))?;
		let rpc = Arc::new(rpc);
		let api = OnlineClient::<Config>::from_rpc_client(rpc.clone())
			.await
			.map_err(|error| unreachable(error.to_string()))?;
		Ok(Client { api, rpc, url: url.to_string() })
	}

	/// The node's `social_*` methods, their block hashes and accounts as strings and the rest as JSON
	/// (printed as it came, or rendered into words).
	pub fn social(&self) -> &impl SocialApiClient<String, String, Value, Value, Value, Value> {
		&*self.rpc
	}

	/// Calls a JSON-RPC method of the node.
	pub async fn rpc<R: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		params: ArrayParams,
	) -> Result<R, Error> {
		Ok(self.rpc.request(method, params).await?)
	}

	/// The chain at its best block: what the node would build on, with every included transaction,
	/// finalized or not (a command reads what the previous one did).
	pub async fn at_best(&self) -> Result<AtBlock, Error> {
		let hash: H256 = self.rpc("chain_getBlockHash", ArrayParams::new()).await?;
		Ok(self.api.at_block(hash).await?)
	}

	/// The account's free balance at the best block.
	pub async fn free_balance(&self, who: &AccountId32) -> Result<u128, Error> {
		let at = self.at_best().await?;
		let account =
			at.storage().fetch(chain::storage().system().account(), (*who,)).await?.decode()?;
		Ok(account.data.free)
	}

	/// The account behind a handle, from the chain (`Profiles::OwnerOf`).
	pub async fn owner_of(&self, handle: &str) -> Result<AccountId32, Error> {
		let at = self.at_best().await?;
		let key = chain::runtime_types::bounded_collections::bounded_vec::BoundedVec(
			handle.as_bytes().to_vec(),
		);
		let owner = at.storage().try_fetch(chain::storage().profiles().owner_of(), (key,)).await?;
		match owner {
			Some(owner) => Ok(owner.decode()?),
			None => Err(Error::NotFound(format!("no account has the handle @{handle}"))),
		}
	}

	/// An account given by address or handle.
	pub async fn resolve(&self, who: &address::Who) -> Result<AccountId32, Error> {
		match who {
			address::Who::Account(account) => Ok(*account),
			address::Who::Handle(handle) => self.owner_of(handle).await,
		}
	}

	/// Signs `call` as `signer`, checks that the account can pay the fee and `spends` (what the call
	/// moves: a tip, a transfer, a bond), sends it, and waits as `wait` says, with a spinner on a
	/// terminal. A failed call is [`Error::Refused`] with the pallet's error and its documentation.
	pub async fn submit<Call: Payload, S: Signer<Config>>(
		&self,
		call: &Call,
		signer: &S,
		spends: u128,
		wait: Wait,
	) -> Result<Included, Error> {
		let progress = Progress::start();
		progress.set("signing");
		let sent = self.send(call, signer, spends).await?;
		sent.wait(wait, &progress).await
	}

	/// Signs `call` as `signer` and puts it in the node's pool, after checking that the account can
	/// pay the fee and `spends`; [`Sent::wait`] then waits for its block. Calls sent one after the
	/// other by one signer take consecutive nonces (the node's pool counts the ones still waiting).
	pub async fn send<Call: Payload, S: Signer<Config>>(
		&self,
		call: &Call,
		signer: &S,
		spends: u128,
	) -> Result<Sent, Error> {
		let who = signer.account_id();
		let tx = self.sign(call, signer).await?;
		let fee = tx.partial_fee_estimate().await.map_err(refused)?;
		let free = self.free_balance(&who).await?;
		let needs = fee.saturating_add(spends);
		if free < needs {
			let spent = if spends > 0 {
				format!(" ({} and a fee of {})", amount::format(spends), amount::format(fee))
			} else {
				" (the fee)".to_string()
			};
			return Err(Error::Refused(format!(
				"insufficient balance: {} has {}, this needs {}{spent}",
				address::format(&who),
				amount::format(free),
				amount::format(needs)
			)));
		}
		let mut progress = tx.submit_and_watch().await.map_err(refused)?;
		// The node reports on a transaction once its pool has taken it (or refused it): from then on,
		// `system_accountNextIndex` counts it, so the signer's next `send` takes the next nonce.
		let first = progress.next().await;
		Ok(Sent { progress, first, fee })
	}

	/// Sends `call` as a general transaction that nobody signs (the call authorizes itself, as a
	/// voucher's claim does), and waits as `wait` says. It pays no fee.
	pub async fn submit_general<Call: Payload>(
		&self,
		call: &Call,
		wait: Wait,
	) -> Result<Included, Error> {
		let progress = Progress::start();
		progress.set("sending");
		let params = DefaultExtrinsicParamsBuilder::<Config>::new().build();
		let at = self.at_best().await?;
		let mut signable =
			at.transactions().create_v5_signable_offline(call, params).map_err(refused)?;
		// The runtime verifies no signature in its extensions, so subxt encodes a general transaction
		// without one: the account and signature given here go nowhere.
		let nobody = AccountId32([0; 32]);
		let tx = signable
			.sign_with_account_and_signature(&nobody, &MultiSignature::Sr25519([0; 64]))
			.map_err(refused)?;
		let mut watch = tx.submit_and_watch().await.map_err(refused)?;
		let first = watch.next().await;
		Sent { progress: watch, first, fee: 0 }.wait(wait, &progress).await
	}

	/// The fee `signer` would pay for `call` at the best block (weight, length and base fee, as
	/// `TransactionPaymentApi` computes it), without sending it.
	pub async fn fee<Call: Payload, S: Signer<Config>>(
		&self,
		call: &Call,
		signer: &S,
	) -> Result<u128, Error> {
		self.sign(call, signer).await?.partial_fee_estimate().await.map_err(refused)
	}

	/// `call` signed by `signer` at the best block (its runtime version), with the account's next
	/// nonce as the node sees it (its pool included), valid for [`MORTALITY`] blocks from the last
	/// finalized block: the node's pool may check it against a block before the best one, which must
	/// not be older than the transaction's birth.
	async fn sign<Call: Payload, S: Signer<Config>>(
		&self,
		call: &Call,
		signer: &S,
	) -> Result<SubmittableTransaction<Config, OnlineClientAtBlockImpl<Config>>, Error> {
		let who = signer.account_id();
		let nonce: u64 = self
			.rpc("system_accountNextIndex", jsonrpsee::rpc_params![address::format(&who)])
			.await?;
		let finalized: H256 = self.rpc("chain_getFinalizedHead", ArrayParams::new()).await?;
		let header: Value = self.rpc("chain_getHeader", jsonrpsee::rpc_params![finalized]).await?;
		let number = header["number"]
			.as_str()
			.and_then(|hex| u64::from_str_radix(hex.trim_start_matches("0x"), 16).ok())
			.ok_or_else(|| Error::Other(format!("a header without a number: {header}")))?;
		let params = DefaultExtrinsicParamsBuilder::<Config>::new()
			.nonce(nonce)
			.mortal_from_unchecked(MORTALITY, number, finalized)
			.build();
		let at = self.at_best().await?;
		at.transactions().create_signed(call, signer, params).await.map_err(refused)
	}
}

/// What the node reports on a transaction in its pool.
type Status = TransactionStatus<Config, OnlineClientAtBlockImpl<Config>>;

/// A transaction in the node's pool, watched.
pub struct Sent {
	progress: TransactionProgress<Config, OnlineClientAtBlockImpl<Config>>,
	/// The first report on the transaction, read by [`Client::send`].
	first: Option<Result<Status, TransactionProgressError>>,
	/// The fee estimated before sending it.
	pub fee: u128,
}

impl Sent {
	/// The transaction's hash.
	pub fn hash(&self) -> H256 {
		self.progress.extrinsic_hash()
	}

	/// Waits until a best block (or a finalized block, as `wait` says) includes the transaction, and
	/// returns its events; a failed call is [`Error::Refused`] with the pallet's error in words.
	pub async fn wait(mut self, wait: Wait, progress: &Progress) -> Result<Included, Error> {
		let fee = self.fee;
		let watch = async {
			loop {
				let status = match self.first.take() {
					Some(first) => first,
					None => match self.progress.next().await {
						Some(next) => next,
						None => break,
					},
				};
				let in_block = match status.map_err(|e| Error::Other(e.to_string()))? {
					TransactionStatus::Validated | TransactionStatus::Broadcasted => {
						progress.set("in the pool, waiting for a block");
						continue;
					},
					TransactionStatus::NoLongerInBestBlock => {
						progress.set("its block left the best chain, waiting again");
						continue;
					},
					TransactionStatus::InBestBlock(in_block) if wait == Wait::InBlock => in_block,
					TransactionStatus::InBestBlock(_) => {
						progress.set("in a block, waiting for finality");
						continue;
					},
					TransactionStatus::InFinalizedBlock(in_block) => in_block,
					TransactionStatus::Error { message }
					| TransactionStatus::Invalid { message }
					| TransactionStatus::Dropped { message } => {
						return Err(Error::Refused(format!(
							"the node dropped the transaction: {message}"
						)))
					},
				};
				let block_hash = in_block.block_hash();
				let block_number =
					in_block.at().await.map_err(|e| Error::Other(e.to_string()))?.block_number();
				let events = in_block.wait_for_success().await.map_err(|error| match error {
					TransactionEventsError::ExtrinsicFailed(dispatch) => {
						Error::Refused(describe(&dispatch))
					},
					other => Error::Other(other.to_string()),
				})?;
				return Ok(Included { block_hash, block_number, fee, events });
			}
			Err(Error::Other("the node stopped reporting on the transaction".into()))
		};
		tokio::time::timeout(WAIT_LIMIT, watch).await.map_err(|_| {
			Error::Other(format!("no block included the transaction within {WAIT_LIMIT:?}"))
		})?
	}
}

/// A refusal before the chain ran the call: the pool's verdict (`Invalid Transaction: Inability to
/// pay some fees`) or an encoding problem.
fn refused(error: subxt::error::ExtrinsicError) -> Error {
	Error::Refused(error.to_string())
}

/// Why a connection failed, without jsonrpsee's nesting.
fn connection_error(error: &jsonrpsee::core::ClientError) -> String {
	let text = error.to_string();
	text.rsplit(": ").next().unwrap_or(&text).to_string()
}

/// A dispatch error in words: a pallet error as `pallet.Variant: its documentation`, as wallets show
/// it; any other error as subxt words it.
pub fn describe(error: &DispatchError) -> String {
	if let DispatchError::Module(module) = error {
		if let Ok(details) = module.details() {
			return pallet_error_text(details.pallet.name(), details.variant);
		}
	}
	error.to_string()
}

/// Error `variant` of `pallet` as [`describe`] words it, for a failure the client foresees before
/// it costs a fee (a text longer than the chain takes).
pub fn pallet_error(at: &AtBlock, pallet: &str, variant: &str) -> String {
	find_pallet_error(at, pallet, |v| v.name == variant)
		.unwrap_or_else(|| format!("{pallet}.{variant}"))
}

/// Error number `index` of `pallet` as [`describe`] words it: for a refusal in validation that
/// carries a pallet's error as `InvalidTransaction::Custom(index)`.
pub fn pallet_error_at(at: &AtBlock, pallet: &str, index: u8) -> String {
	find_pallet_error(at, pallet, |v| v.index == index)
		.unwrap_or_else(|| format!("{pallet} error {index}"))
}

fn find_pallet_error(
	at: &AtBlock,
	pallet: &str,
	matches: impl Fn(&scale_info::Variant<scale_info::form::PortableForm>) -> bool,
) -> Option<String> {
	let metadata = at.metadata();
	let variants = metadata.pallet_by_name(pallet)?.error_variants()?;
	variants.iter().find(|v| matches(v)).map(|v| pallet_error_text(pallet, v))
}

fn pallet_error_text(
	pallet: &str,
	variant: &scale_info::Variant<scale_info::form::PortableForm>,
) -> String {
	let mut pallet = pallet.to_string();
	pallet[..1].make_ascii_lowercase();
	format!("{pallet}.{}: {}", variant.name, variant.docs.join(" ").trim())
}

/// A spinner with a status on standard error while a transaction is on its way, only when standard
/// error is a terminal: piped output stays clean.
pub struct Progress {
	status: Arc<Mutex<String>>,
	task: Option<tokio::task::JoinHandle<()>>,
}

impl Progress {
	/// Starts spinning, if standard error is a terminal.
	pub fn start() -> Progress {
		let status = Arc::new(Mutex::new(String::new()));
		let task = std::io::stderr().is_terminal().then(|| {
			let status = status.clone();
			tokio::spawn(async move {
				const FRAMES: [char; 4] = ['|', '/', '-', '\\'];
				for frame in FRAMES.iter().cycle() {
					let line = status.lock().unwrap().clone();
					eprint!("\r\x1b[2K{frame} {line}");
					let _ = std::io::stderr().flush();
					tokio::time::sleep(Duration::from_millis(120)).await;
				}
			})
		});
		Progress { status, task }
	}

	/// What the spinner says.
	pub fn set(&self, status: &str) {
		*self.status.lock().unwrap() = status.to_string();
	}
}

impl Drop for Progress {
	fn drop(&mut self) {
		if let Some(task) = self.task.take() {
			task.abort();
			eprint!("\r\x1b[2K");
		}
	}
}
