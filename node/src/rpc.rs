//! The node's JSON-RPC extensions, merged into the standard Substrate RPC that `sc-service` serves
//! (`chain_*`, `state_*`, `author_*`, `chainHead_v1_*`, `transaction_v1_*`, ...).
//!
//! Added here: `system_accountNextIndex` and `system_dryRun` (frame-rpc-system), `payment_queryInfo` /
//! `payment_queryFeeDetails` (transaction-payment) and the `social_*` API served from the node's social
//! index (`kith-social-rpc-api`, `kith_index::SocialRpc`).

use std::sync::Arc;

use jsonrpsee::RpcModule;
use kith_runtime::{opaque::Block, AccountId, Balance, Nonce};
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the RPC extensions need from the node.
pub struct FullDeps<C, P> {
	/// The client, to read state and call runtime APIs.
	pub client: Arc<C>,
	/// The transaction pool, for the next nonce of an account.
	pub pool: Arc<P>,
	/// The social index, if it could be opened: without it there is no `social_*` API.
	pub social: Option<Arc<kith_index::SharedIndex>>,
}

/// Builds the RPC extensions of a full node.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	P: TransactionPool + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	use kith_social_rpc_api::SocialApiServer;

	let FullDeps { client, pool, social } = deps;
	let mut module = RpcModule::new(());
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client).into_rpc())?;
	if let Some(social) = social {
		module.merge(kith_index::SocialRpc::new(social).into_rpc())?;
	}
	Ok(module)
}
