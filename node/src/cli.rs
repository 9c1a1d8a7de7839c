//! The command line: `kith-node [run options]` or `kith-node <subcommand>`.

/// The subcommands besides running the node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys (session keys included).
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Writes a chain specification to stdout (`--raw` for the storage form nodes share).
	#[deprecated(note = "use `export-chain-spec` instead")]
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Exports the chain specification of the chain given with `--chain`.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Checks a block by re-executing it.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Exports blocks to a file.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Exports the state of a block as a chain specification.
	ExportState(sc_cli::ExportStateCmd),

	/// Imports blocks from a file.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Deletes the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Reverts the chain by a number of blocks.
	Revert(sc_cli::RevertCmd),

	/// Prints information about the database.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Runtime benchmarks (`benchmark pallet` writes the pallets' `weights.rs`).
	#[cfg(feature = "benchmark-cli")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),
}

/// What `--help` adds after the options (`-h` shows the support line `sc-cli` puts there instead).
const AFTER_LONG_HELP: &str = "\
State pruning: a new database keeps the state of every finalized block (--state-pruning \
archive-canonical) unless --state-pruning says otherwise, because the social index (the social_* \
RPC, kept in <base-path>/chains/<chain>/social-index) reads each block's changes at that block, also \
when it rebuilds itself. An existing database keeps the mode it was created with.";

/// The node's command line.
#[derive(Debug, clap::Parser)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Cli {
	/// A subcommand; without one, the node runs.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options of running the node (`--dev`, `--chain`, `--validator`, `--base-path`, `--rpc-port`, ...).
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// A folder where the node keeps the runtime compiled to machine code (wasmtime's cache), so that
	/// a restart, or another node given the same folder, does not compile it again. Off by default.
	#[arg(long, value_name = "DIR")]
	pub wasm_cache_dir: Option<std::path::PathBuf>,
}
