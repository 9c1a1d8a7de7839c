//! `kith-node`: the Kith full node.
// sc-cli's and sc-service's error types are large, and the signatures returning them are upstream's.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
