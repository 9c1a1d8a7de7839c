//! `kith`: see the library (`kith_cli`) and `kith --help`.

use std::io::Write;

#[tokio::main(flavor = "current_thread")]
async fn main() {
	let args: Vec<String> = std::env::args().collect();
	match kith_cli::run(&args).await {
		Ok(output) => {
			let mut stdout = std::io::stdout().lock();
			// A closed pipe (`kith feed | head`) is not an error worth a panic.
			let _ = writeln!(stdout, "{output}");
		},
		Err(error) => {
			eprintln!("kith: {error}");
			std::process::exit(error.exit_code());
		},
	}
}
