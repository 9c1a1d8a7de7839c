//! The figures of a run: rates over the steady blocks, latencies, failures, and the fullest block of
//! each workload against what the weights say it should hold; as Markdown tables and as JSON.

use std::{collections::BTreeMap, time::Duration};

use serde_json::{json, Value};

use crate::{
	load::{Bench, BlockInfo, RunResult, Workload},
	Args,
};

/// A workload's figures.
pub struct Report {
	pub name: &'static str,
	pub submitted: usize,
	pub accepted: usize,
	pub included: usize,
	pub rejected: BTreeMap<String, usize>,
	pub failed: BTreeMap<String, usize>,
	pub missing: usize,
	/// Over the steady blocks (see [`steady`]).
	pub included_per_second: Option<f64>,
	pub finalized_per_second: Option<f64>,
	/// p50 and p99, seconds.
	pub to_block: Option<(f64, f64)>,
	pub to_final: Option<(f64, f64)>,
	/// Per block that included the workload: number, its actions, other transactions, fullness
	/// (normal weight over the most a block may hold), build ms and what ended it.
	pub blocks: Vec<Value>,
	pub cpu_cores: f64,
	pub rss_mib: (f64, f64),
	pub fullest: Option<Fullest>,
	/// Over the workload's blocks that the weight limit ended, the median time per action to build a
	/// block and to import it, µs.
	pub full_median_us: (Option<f64>, Option<f64>),
	/// Seconds between blocks.
	pub block_seconds: f64,
}

/// The workload's fullest block.
pub struct Fullest {
	pub number: u32,
	pub actions: usize,
	/// Its normal-class weight over the most a block may hold.
	pub fullness: f64,
	pub end: Option<String>,
	pub build_ms: Option<u64>,
	pub import_ms: Option<u64>,
	/// Weight per action (base extrinsic included), µs.
	pub weight_us: f64,
	/// How many such actions one block holds by weight.
	pub fit_by_weight: u64,
}

impl Fullest {
	/// The node's time to build the block, per action, µs.
	fn build_us(&self) -> Option<f64> {
		self.build_ms.map(|ms| per_action_us(ms, self.actions))
	}

	/// The time to import it, per action, µs.
	fn import_us(&self) -> Option<f64> {
		self.import_ms.map(|ms| per_action_us(ms, self.actions))
	}
}

fn per_action_us(ms: u64, actions: usize) -> f64 {
	ms as f64 * 1000.0 / actions as f64
}

/// The blocks that count for a rate: all but the first and last of a workload (partly filled by its
/// start and its tail) when there are three or more; else all of them.
fn steady(result: &RunResult) -> (&[BlockInfo], usize) {
	let blocks = &result.blocks;
	if blocks.len() >= 3 {
		(&blocks[1..blocks.len() - 1], 1)
	} else {
		(&blocks[..], 0)
	}
}

/// The middle of `values` (the upper middle one of an even count); `None` if there are none.
fn median(mut values: Vec<f64>) -> Option<f64> {
	values.sort_by(f64::total_cmp);
	values.get(values.len() / 2).copied()
}

fn percentiles(mut values: Vec<Duration>) -> Option<(f64, f64)> {
	if values.is_empty() {
		return None;
	}
	values.sort();
	let at = |p: usize| values[(values.len() * p / 100).min(values.len() - 1)].as_secs_f64();
	Some((at(50), at(99)))
}

impl Report {
	pub fn from_run(workload: Workload, result: &RunResult, bench: &Bench) -> Report {
		let (window, offset) = steady(result);
		let actions: usize = window.iter().map(|b| b.ours).sum();
		let rate = |seconds: f64| (seconds > 0.5).then(|| actions as f64 / seconds);
		// The window runs from the end of the block before it (the first submission if it is the
		// first block) to the end of its last block.
		let before = offset.checked_sub(1).map(|i| &result.blocks[i]);
		let included_per_second = window.last().and_then(|last| {
			let start = before.map_or(result.start_timestamp, |b| b.timestamp);
			rate(last.timestamp.saturating_sub(start) as f64 / 1000.0)
		});
		// From when the block before the window was finalized (when it was seen, if GRANDPA finalized
		// it together with the window's last block; the first submission if there is none).
		let finalized_per_second = window.last().and_then(|last| {
			let end = last.finalized?;
			let start = match before {
				Some(b) => b
					.finalized
					.filter(|f| end.saturating_duration_since(*f).as_secs_f64() > 0.5)
					.unwrap_or(b.seen),
				None => result.started,
			};
			rate(end.saturating_duration_since(start).as_secs_f64())
		});
		let numbers =
			result.blocks.last().zip(result.blocks.first()).map(|(l, f)| l.number - f.number);
		let block_seconds = match (result.blocks.first(), result.blocks.last(), numbers) {
			(Some(first), Some(last), Some(n)) if n > 0 => {
				(last.timestamp - first.timestamp) as f64 / 1000.0 / n as f64
			},
			_ => kith_runtime::MILLI_SECS_PER_BLOCK as f64 / 1000.0,
		};
		// Only blocks of the workload alone tell its weight per action.
		let alone = result.blocks.iter().filter(|b| b.others == 0 && b.normal_weight > 0);
		let full: Vec<&BlockInfo> = alone
			.clone()
			.filter(|b| b.built.as_ref().is_some_and(|(_, end)| end == "HitBlockWeightLimit"))
			.collect();
		let full_median_us = (
			median(
				full.iter()
					.filter_map(|b| Some(per_action_us(b.built.as_ref()?.0, b.ours)))
					.collect(),
			),
			median(full.iter().filter_map(|b| Some(per_action_us(b.import_ms?, b.ours))).collect()),
		);
		let fullest = alone.max_by_key(|b| b.ours).map(|b| {
			let per_action = b.normal_weight as f64 / b.ours as f64;
			Fullest {
				number: b.number,
				actions: b.ours,
				fullness: b.normal_weight as f64 / bench.max_normal as f64,
				end: b.built.as_ref().map(|(_, end)| end.clone()),
				build_ms: b.built.as_ref().map(|(ms, _)| *ms),
				import_ms: b.import_ms,
				weight_us: per_action / 1e6,
				fit_by_weight: (bench.max_normal as f64 / per_action) as u64,
			}
		});
		Report {
			name: workload.name(),
			submitted: result.submitted,
			accepted: result.accepted,
			included: result.included,
			rejected: result.rejected.clone(),
			failed: result.failed.clone(),
			missing: result.missing,
			included_per_second,
			finalized_per_second,
			to_block: percentiles(result.to_block.clone()),
			to_final: percentiles(result.to_final.clone()),
			blocks: result
				.blocks
				.iter()
				.map(|b| {
					json!({
						"number": b.number,
						"actions": b.ours,
						"others": b.others,
						"fullness": b.normal_weight as f64 / bench.max_normal as f64,
						"build_ms": b.built.as_ref().map(|(ms, _)| ms),
						"ended_by": b.built.as_ref().map(|(_, end)| end),
						"import_ms": b.import_ms,
					})
				})
				.collect(),
			cpu_cores: result.cpu_cores,
			rss_mib: (result.rss_kib.0 as f64 / 1024.0, result.rss_kib.1 as f64 / 1024.0),
			fullest,
			full_median_us,
			block_seconds,
		}
	}

	/// What the weights let the chain include per second.
	fn weights_allow(&self) -> Option<f64> {
		self.fullest.as_ref().map(|f| f.fit_by_weight as f64 / self.block_seconds)
	}
}

fn rate(value: Option<f64>) -> String {
	value.map_or("–".into(), |v| format!("{v:.0}"))
}

fn pair(value: Option<(f64, f64)>) -> String {
	value.map_or("–".into(), |(a, b)| format!("{a:.1} / {b:.1}"))
}

/// Build and import times per action, µs, as `build / import`.
fn build_import(build: Option<f64>, import: Option<f64>) -> String {
	let us = |v: Option<f64>| v.map_or("–".into(), |v| format!("{v:.0}"));
	format!("{} / {}", us(build), us(import))
}

fn reasons(map: &BTreeMap<String, usize>) -> String {
	map.iter().map(|(reason, n)| format!("{n} × {reason}")).collect::<Vec<_>>().join("; ")
}

/// One line as a workload ends.
pub fn line(r: &Report) -> String {
	format!(
		"{}: {} submitted, {} included in {} blocks, {}/s included, {}/s finalized, {} failed, {} missing, {} refused",
		r.name,
		r.submitted,
		r.included,
		r.blocks.len(),
		rate(r.included_per_second),
		rate(r.finalized_per_second),
		r.failed.values().sum::<usize>(),
		r.missing,
		r.rejected.values().sum::<usize>()
	)
}

/// The machine: CPU model, cores, memory.
pub struct Machine {
	pub cpu: String,
	pub cores: usize,
	pub memory_gib: f64,
}

pub fn machine() -> Machine {
	let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
	let cpu = cpuinfo
		.lines()
		.find_map(|l| l.strip_prefix("model name")?.split(':').nth(1).map(|s| s.trim().to_string()))
		.unwrap_or_else(|| "unknown CPU".into());
	let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
	let kib: f64 = meminfo
		.lines()
		.find_map(|l| l.strip_prefix("MemTotal:")?.split_whitespace().next()?.parse().ok())
		.unwrap_or_default();
	Machine {
		cpu,
		cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
		memory_gib: kib / 1024.0 / 1024.0,
	}
}

/// The two Markdown tables and the notes under them.
pub fn tables(reports: &[Report], machine: &Machine, args: &Args) -> String {
	let transfers =
		reports.iter().find(|r| r.name == "transfers").and_then(|r| r.included_per_second);
	let mut out = format!(
		"One node ({}, {} cores, {:.0} GiB), `dev` chain, Alice authoring and finalizing alone; {} accounts, \
		 {} transactions per workload over {} WebSockets in batches of {}.\n\n",
		machine.cpu, machine.cores, machine.memory_gib, args.accounts, args.count, args.connections, args.batch
	);
	out += "| workload | included/s | finalized/s | × transfers | in block p50 / p99 (s) | finalized p50 / p99 (s) | included | failed | missing | refused by the pool | node CPU (cores) | node RSS / peak (MiB) |\n";
	out += "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
	for r in reports {
		let ratio = r
			.included_per_second
			.zip(transfers)
			.map_or("–".into(), |(r, t)| format!("{:.2}", r / t));
		out += &format!(
			"| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.2} | {:.0} / {:.0} |\n",
			r.name,
			rate(r.included_per_second),
			rate(r.finalized_per_second),
			ratio,
			pair(r.to_block),
			pair(r.to_final),
			r.included,
			r.failed.values().sum::<usize>(),
			r.missing,
			r.rejected.values().sum::<usize>(),
			r.cpu_cores,
			r.rss_mib.0,
			r.rss_mib.1,
		);
	}
	out += "\nThe fullest block of each workload: weight against the time the node took to build it and to \
	        import it (execute it again on its parent's state), and the median of those times over the \
	        workload's blocks that the weight limit ended.\n\n";
	out += "| workload | block | actions | normal weight used | ended by | build / import (ms) | weight per action (µs) | real per action, build / import (µs) | full blocks' median, build / import (µs) | fit by weight | weights allow /s |\n";
	out += "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n";
	for r in reports {
		let Some(f) = &r.fullest else { continue };
		out += &format!(
			"| {} | #{} | {} | {:.0}% | {} | {} | {:.0} | {} | {} | {} | {} |\n",
			r.name,
			f.number,
			f.actions,
			f.fullness * 100.0,
			f.end.as_deref().unwrap_or("–"),
			build_import(f.build_ms.map(|ms| ms as f64), f.import_ms.map(|ms| ms as f64)),
			f.weight_us,
			build_import(f.build_us(), f.import_us()),
			build_import(r.full_median_us.0, r.full_median_us.1),
			f.fit_by_weight,
			rate(r.weights_allow()),
		);
	}
	for r in reports {
		if !r.failed.is_empty() {
			out += &format!("\n{} failed: {}", r.name, reasons(&r.failed));
		}
		if !r.rejected.is_empty() {
			out += &format!("\n{} refused: {}", r.name, reasons(&r.rejected));
		}
	}
	out
}

/// The same as JSON, for `scripts/plot-tps.py`.
pub fn json(reports: &[Report], machine: &Machine, args: &Args) -> Value {
	let workloads: Vec<Value> = reports
		.iter()
		.map(|r| {
			json!({
				"name": r.name,
				"submitted": r.submitted,
				"accepted": r.accepted,
				"included": r.included,
				"failed": r.failed,
				"refused": r.rejected,
				"missing": r.missing,
				"included_per_second": r.included_per_second,
				"finalized_per_second": r.finalized_per_second,
				"in_block_p50_p99_s": r.to_block,
				"finalized_p50_p99_s": r.to_final,
				"blocks": r.blocks,
				"block_seconds": r.block_seconds,
				"node_cpu_cores": r.cpu_cores,
				"node_rss_mib": r.rss_mib.0,
				"node_peak_rss_mib": r.rss_mib.1,
				"weights_allow_per_second": r.weights_allow(),
				"full_blocks_median_build_us": r.full_median_us.0,
				"full_blocks_median_import_us": r.full_median_us.1,
				"fullest_block": r.fullest.as_ref().map(|f| json!({
					"number": f.number,
					"actions": f.actions,
					"fullness": f.fullness,
					"ended_by": f.end,
					"build_ms": f.build_ms,
					"weight_per_action_us": f.weight_us,
					"real_per_action_us": f.build_us(),
					"import_ms": f.import_ms,
					"import_per_action_us": f.import_us(),
					"fit_by_weight": f.fit_by_weight,
				})),
			})
		})
		.collect();
	json!({
		"cpu": machine.cpu,
		"cores": machine.cores,
		"memory_gib": machine.memory_gib,
		"accounts": args.accounts,
		"per_workload": args.count,
		"connections": args.connections,
		"batch": args.batch,
		"workloads": workloads,
	})
}
