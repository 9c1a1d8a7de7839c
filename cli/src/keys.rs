//! Accounts kept on this machine: one keyfile per account under the user's config folder
//! (`$KITH_HOME`, else `$XDG_CONFIG_HOME/kith`, else `~/.config/kith`), in `keys/<name>.json`, created
//! with mode 0600 in a folder of mode 0700. A keyfile holds the account's secret phrase (or secret URI),
//! which this client never prints or logs; a keyfile that others can read is refused, as ssh refuses
//! such keys.
//!
//! The signer of a command is, in this order: `--suri` (or `KITH_SURI`, e.g. `//Alice` on a dev
//! chain), `--account <name>` (or `KITH_ACCOUNT`), or the only account kept here.

use std::{
	fs,
	io::{Read, Write},
	os::unix::fs::{OpenOptionsExt, PermissionsExt},
	path::{Path, PathBuf},
	str::FromStr,
};

use serde::{Deserialize, Serialize};
use subxt::utils::AccountId32;
use subxt_signer::{bip39::Mnemonic, sr25519::Keypair, ExposeSecret, SecretString, SecretUri};

use crate::{address, Error};

/// What a keyfile holds.
#[derive(Serialize, Deserialize)]
struct KeyFile {
	/// The account's Kith address, so that `account list` needs no secret.
	address: String,
	/// The secret phrase, or a secret URI (`<phrase>//hard/soft`, `//Alice`).
	suri: String,
}

/// An account kept on this machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
	/// Its name here.
	pub name: String,
	/// Its Kith address.
	pub address: String,
}

/// The folder that holds the keyfiles.
pub fn keys_dir() -> Result<PathBuf, Error> {
	let config = std::env::var_os("KITH_HOME")
		.map(PathBuf::from)
		.or_else(|| std::env::var_os("XDG_CONFIG_HOME").map(|dir| PathBuf::from(dir).join("kith")))
		.or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config/kith")))
		.ok_or_else(|| Error::Other("no config folder: set KITH_HOME or HOME".into()))?;
	Ok(config.join("keys"))
}

/// A key pair from a secret URI: a phrase with optional derivation (`<phrase>//kith`), `0x`-hex seed,
/// or a dev account (`//Alice`). The error never repeats the secret.
pub fn keypair_from_suri(suri: &str) -> Result<Keypair, Error> {
	let uri = SecretUri::from_str(suri)
		.map_err(|_| Error::Usage("the secret URI is malformed".into()))?;
	Keypair::from_uri(&uri)
		.map_err(|error| Error::Usage(format!("the secret is not valid: {error}")))
}

/// The account of a key pair.
pub fn account_of(keypair: &Keypair) -> AccountId32 {
	AccountId32(keypair.public_key().0)
}

fn check_name(name: &str) -> Result<(), Error> {
	let valid = !name.is_empty()
		&& name.len() <= 64
		&& name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
	if valid {
		Ok(())
	} else {
		Err(Error::Usage(format!(
			"`{name}` is not a valid account name: up to 64 letters, digits, `-` or `_`"
		)))
	}
}

fn key_path(dir: &Path, name: &str) -> Result<PathBuf, Error> {
	check_name(name)?;
	Ok(dir.join(format!("{name}.json")))
}

/// Keeps `suri` as account `name`; refuses to overwrite an account of that name.
fn store(dir: &Path, name: &str, suri: &str) -> Result<Account, Error> {
	let path = key_path(dir, name)?;
	let keypair = keypair_from_suri(suri)?;
	let address = address::format(&account_of(&keypair));
	fs::create_dir_all(dir)?;
	fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
	let file = KeyFile { address: address.clone(), suri: suri.to_string() };
	let mut out =
		fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path).map_err(
			|error| match error.kind() {
				std::io::ErrorKind::AlreadyExists => Error::Usage(format!(
					"an account named `{name}` exists already ({})",
					path.display()
				)),
				_ => Error::Other(format!("cannot write {}: {error}", path.display())),
			},
		)?;
	out.write_all(serde_json::to_string_pretty(&file)?.as_bytes())?;
	Ok(Account { name: name.to_string(), address })
}

/// Makes a new account `name` from a fresh 12-word secret phrase (128 bits from the OS).
pub fn new_account(name: &str) -> Result<(Account, PathBuf), Error> {
	let dir = keys_dir()?;
	let mut entropy = [0u8; 16];
	fs::File::open("/dev/urandom")?.read_exact(&mut entropy)?;
	let phrase = SecretString::from(
		Mnemonic::from_entropy(&entropy).expect("16 bytes is valid entropy").to_string(),
	);
	let account = store(&dir, name, phrase.expose_secret())?;
	Ok((account, key_path(&dir, name)?))
}

/// Keeps an existing secret (a phrase or secret URI) as account `name`.
pub fn import_account(name: &str, suri: &str) -> Result<Account, Error> {
	store(&keys_dir()?, name, suri.trim())
}

/// The accounts kept here, by name.
pub fn list_accounts() -> Result<Vec<Account>, Error> {
	let dir = keys_dir()?;
	let Ok(entries) = fs::read_dir(&dir) else { return Ok(Vec::new()) };
	let mut accounts = Vec::new();
	for entry in entries {
		let path = entry?.path();
		let (Some(name), Some("json")) =
			(path.file_stem().and_then(|s| s.to_str()), path.extension().and_then(|e| e.to_str()))
		else {
			continue;
		};
		let file: KeyFile = read_key_file(&path)?;
		accounts.push(Account { name: name.to_string(), address: file.address });
	}
	accounts.sort_by(|a, b| a.name.cmp(&b.name));
	Ok(accounts)
}

fn read_key_file(path: &Path) -> Result<KeyFile, Error> {
	let mode = fs::metadata(path)?.permissions().mode();
	if mode & 0o077 != 0 {
		return Err(Error::Other(format!(
			"{} can be read by other users (mode {:o}): run `chmod 600 {}`",
			path.display(),
			mode & 0o777,
			path.display()
		)));
	}
	let text = fs::read_to_string(path)?;
	serde_json::from_str(&text)
		.map_err(|error| Error::Other(format!("{} is not a Kith keyfile: {error}", path.display())))
}

/// The key pair of account `name`.
pub fn load_account(name: &str) -> Result<Keypair, Error> {
	let path = key_path(&keys_dir()?, name)?;
	if !path.exists() {
		return Err(Error::Usage(format!(
			"no account named `{name}` here (`kith account list` shows them)"
		)));
	}
	keypair_from_suri(&read_key_file(&path)?.suri)
}

/// The signer a command uses: `suri` if given, else account `name`, else the only account kept here.
pub fn signer(suri: Option<&str>, name: Option<&str>) -> Result<Keypair, Error> {
	if let Some(suri) = suri {
		return keypair_from_suri(suri);
	}
	if let Some(name) = name {
		return load_account(name);
	}
	match list_accounts()?.as_slice() {
		[only] => load_account(&only.name),
		[] => Err(Error::Usage(
			"no account to sign with: `kith account new <name>`, or --suri / KITH_SURI".into(),
		)),
		_ => Err(Error::Usage(
			"several accounts are kept here: choose one with --account <name> (or KITH_ACCOUNT)"
				.into(),
		)),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn keyfiles_are_private_and_never_overwritten() {
		let dir = tempfile::tempdir().unwrap();
		let keys = dir.path().join("keys");
		let bob = store(&keys, "bob", "//Bob").unwrap();
		let path = keys.join("bob.json");
		assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
		assert_eq!(fs::metadata(&keys).unwrap().permissions().mode() & 0o777, 0o700);
		assert_eq!(bob.address, address::format(&account_of(&keypair_from_suri("//Bob").unwrap())));
		let again = store(&keys, "bob", "//Charlie").unwrap_err().to_string();
		assert!(again.contains("exists already"), "{again}");
		assert_eq!(read_key_file(&path).unwrap().suri, "//Bob");

		fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
		let open = read_key_file(&path).err().unwrap().to_string();
		assert!(open.contains("chmod 600"), "{open}");
	}

	#[test]
	fn bad_names_and_secrets_are_refused_without_echoing_the_secret() {
		let dir = tempfile::tempdir().unwrap();
		for name in ["", "../evil", "a b", "x/y"] {
			assert!(store(dir.path(), name, "//Bob").is_err(), "{name}");
		}
		let secret = "bottom drive obey lake curtain smoke basket hold race lonely fit walk extra";
		let error = store(dir.path(), "x", secret).unwrap_err().to_string();
		assert!(!error.contains("obey"), "{error}");
	}
}
