//! Kith's governance: the origins referenda dispatch with ([`origins`]) and the referendum tracks
//! ([`tracks`]). The pallets' configuration is in `configs/governance.rs`.

pub mod origins;
pub mod tracks;
