//! Parses the command line and runs what it asks for.

use sc_cli::SubstrateCli;
use sc_service::PartialComponents;

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	service,
};

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"Kith Node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"the Kith issue tracker".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		Ok(match id {
			"dev" => Box::new(chain_spec::development()?),
			"local" => Box::new(chain_spec::local_testnet()?),
			// No default: the chains built in are secured by the well-known development keys.
			"" => return Err(chain_spec::NO_CHAIN.into()),
			"staging" => return Err(chain_spec::STAGING_NEEDS_KEYS.into()),
			id if id.starts_with("staging:") => {
				Box::new(chain_spec::staging(std::path::Path::new(&id["staging:".len()..]))?)
			},
			path => {
				Box::new(chain_spec::ChainSpec::from_json_file(std::path::PathBuf::from(path))?)
			},
		})
	}
}

/// Runs a subcommand that works on the database (import queue and client), reusing `new_partial`.
macro_rules! with_partial {
	($cli:expr, $cmd:expr, |$parts:ident, $config:ident| $body:expr) => {{
		let runner = $cli.create_runner($cmd)?;
		runner.async_run(|$config| {
			let $parts = service::new_partial(&$config, None)?;
			Ok(($body, $parts.task_manager))
		})
	}};
}

/// Makes a new database keep the state of every finalized block (`archive-canonical`) unless
/// `--state-pruning` says otherwise.
///
/// The social index reads each block's social changes through the runtime at that block: while it
/// follows the chain, and whenever it rebuilds itself from genesis (after a schema change, a purge or a
/// revert). With Substrate's default (the last 256 finalized blocks) the state of older blocks is gone,
/// and a rebuild would miss their posts, follows and notifications.
///
/// This is done here rather than by giving `--state-pruning` a default: a database keeps the mode it
/// was created with and refuses to open with another one, so a database created before this default
/// (or with an explicit `--state-pruning`) keeps its mode when the option is left out, as before.
fn keep_state_for_the_social_index(config: &mut sc_service::Configuration) {
	use sc_service::{DatabaseSource, PruningMode};

	let exists = |path: &std::path::Path| path.exists();
	let database_exists = match &config.database {
		DatabaseSource::Auto { paritydb_path, rocksdb_path, .. } => {
			exists(paritydb_path) || exists(rocksdb_path)
		},
		// A database given by kind is new if its folder is; one without a folder keeps its mode.
		other => other.path().is_none_or(exists),
	};
	if config.state_pruning.is_none() && !database_exists {
		config.state_pruning = Some(PruningMode::ArchiveCanonical);
	}
}

/// Parses the command line and runs the node or the subcommand.
pub fn run() -> sc_cli::Result<()> {
	// Addresses in Kith's own SS58 format (as wallets show them) are accepted wherever the node parses
	// one (`system_accountNextIndex`, `key inspect`, ...); the generic Substrate format still is too.
	sp_core::crypto::set_default_ss58_version(sp_core::crypto::Ss58AddressFormat::custom(
		kith_runtime::SS58_PREFIX,
	));
	let cli = Cli::from_args();

	match &cli.subcommand {
		// A node key written to a file needs no chain (sc-cli would load the default one, and there is none).
		Some(Subcommand::Key(sc_cli::KeySubcommand::GenerateNodeKey(cmd)))
			if cmd.chain.is_none() =>
		{
			cmd.common.run()
		},
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		#[allow(deprecated)]
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		},
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let chain_spec = cli.load_spec(&cmd.chain)?;
			cmd.run(chain_spec)
		},
		Some(Subcommand::CheckBlock(cmd)) => {
			with_partial!(cli, cmd, |parts, config| { cmd.run(parts.client, parts.import_queue) })
		},
		Some(Subcommand::ExportBlocks(cmd)) => {
			with_partial!(cli, cmd, |parts, config| { cmd.run(parts.client, config.database) })
		},
		Some(Subcommand::ExportState(cmd)) => {
			with_partial!(cli, cmd, |parts, config| { cmd.run(parts.client, config.chain_spec) })
		},
		Some(Subcommand::ImportBlocks(cmd)) => {
			with_partial!(cli, cmd, |parts, config| { cmd.run(parts.client, parts.import_queue) })
		},
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		},
		Some(Subcommand::Revert(cmd)) => with_partial!(cli, cmd, |parts, config| {
			let PartialComponents { client, backend, .. } = parts;
			let revert_aux = Box::new(|client, _, blocks| {
				sc_consensus_grandpa::revert(client, blocks)?;
				Ok(())
			});
			cmd.run(client, backend, Some(revert_aux))
		}),
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<kith_runtime::opaque::Block>(&config))
		},
		#[cfg(feature = "benchmark-cli")]
		Some(Subcommand::Benchmark(cmd)) => {
			use frame_benchmarking_cli::BenchmarkCmd;
			use sp_runtime::traits::HashingFor;

			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| match cmd {
				BenchmarkCmd::Pallet(cmd) => cmd
					.run_with_spec::<HashingFor<kith_runtime::opaque::Block>, ()>(Some(
						config.chain_spec,
					)),
				BenchmarkCmd::Machine(cmd) => {
					cmd.run(&config, frame_benchmarking_cli::SUBSTRATE_REFERENCE_HARDWARE.clone())
				},
				// The cost of an empty block and of one extrinsic on top of its call (a remark):
				// `BlockExecutionWeight` and `ExtrinsicBaseWeight`.
				BenchmarkCmd::Overhead(cmd) => cmd
					.run_with_default_builder_and_spec::<kith_runtime::opaque::Block, ()>(Some(
						config.chain_spec,
					)),
				// Reads and writes of the database under `--base-path` (a copy of a node's, stopped):
				// the `DbWeight` of the runtime.
				BenchmarkCmd::Storage(cmd) => {
					let PartialComponents { client, backend, .. } =
						service::new_partial(&config, None)?;
					let db = backend.expose_db();
					let storage = backend.expose_storage();
					let trie_cache = backend.expose_shared_trie_cache();
					cmd.run(config, client, db, storage, trie_cache)
				},
				_ => Err("kith-node runs the `pallet`, `machine`, `overhead` and `storage` \
					benchmarks; use frame-omni-bencher for the others"
					.into()),
			})
		},
		None => {
			let runner = cli.create_runner(&cli.run)?;
			let wasm_cache = cli.wasm_cache_dir.clone();
			runner.run_node_until_exit(|mut config| async move {
				keep_state_for_the_social_index(&mut config);
				let wasm_cache = wasm_cache.as_deref();
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => {
						service::new_full::<sc_network::NetworkWorker<_, _>>(config, wasm_cache)
					},
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(config, wasm_cache)
					},
				}
				.map_err(sc_cli::Error::Service)
			})
		},
	}
}
