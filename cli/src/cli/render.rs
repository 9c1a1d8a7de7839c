//! The social API's JSON (see the README's "Reading Kith") in words, for a terminal.

use serde_json::Value;

use crate::amount;

const REACTIONS: [&str; 6] = ["like", "love", "laugh", "insightful", "sad", "angry"];

/// Who an author is: `@handle (Name)`, or the address.
fn author(post: &Value) -> String {
	let name = post["authorName"].as_str().filter(|name| !name.is_empty());
	let mut who = match post["authorHandle"].as_str() {
		Some(handle) => format!("@{handle}"),
		None => post["author"].as_str().unwrap_or("?").to_string(),
	};
	if let Some(name) = name {
		who.push_str(&format!(" ({name})"));
	}
	if post["authorSuspended"].as_bool() == Some(true) {
		who.push_str(" [suspended]");
	}
	who
}

/// A post in two or more lines: its header (id, author, what it answers, its counters) and content.
pub fn post(post: &Value) -> String {
	let id = &post["id"];
	let kind = match post["kind"]["type"].as_str() {
		Some("reply") => format!(" replying to #{}", post["kind"]["parent"]),
		Some("repost") => format!(" reposted #{}", post["kind"]["of"]),
		Some("quote") => format!(" quoting #{}", post["kind"]["of"]),
		_ => String::new(),
	};
	let mut counters = Vec::new();
	for (field, one, many) in [
		("replies", "reply", "replies"),
		("reposts", "repost", "reposts"),
		("quotes", "quote", "quotes"),
	] {
		if let Some(n) = post[field].as_u64().filter(|n| *n > 0) {
			counters.push(format!("{n} {}", if n == 1 { one } else { many }));
		}
	}
	if let Some(reactions) = post["reactions"].as_array() {
		for (count, name) in reactions.iter().zip(REACTIONS) {
			if let Some(n) = count.as_u64().filter(|n| *n > 0) {
				counters.push(format!("{n} {name}"));
			}
		}
	}
	if let Some(tipped) = post["tipped"].as_str().and_then(|t| t.parse::<u128>().ok()) {
		if tipped > 0 {
			counters.push(format!("tipped {}", amount::format(tipped)));
		}
	}
	let mut header = format!("#{id} {}{kind} · block {}", author(post), post["created"]);
	if post["edited"].as_bool() == Some(true) {
		header.push_str(" · edited");
	}
	if !counters.is_empty() {
		header.push_str(&format!(" · {}", counters.join(", ")));
	}
	let body = if post["deleted"].as_bool() == Some(true) {
		"[deleted]".to_string()
	} else if post["hidden"].as_bool() == Some(true) {
		"[hidden by a community rule]".to_string()
	} else {
		match post["content"]["type"].as_str() {
			Some("text") => post["content"]["text"].as_str().unwrap_or_default().to_string(),
			Some("media") => format!(
				"[media {}] {}",
				post["content"]["cid"].as_str().unwrap_or_default(),
				post["content"]["caption"].as_str().unwrap_or_default()
			),
			_ => String::new(),
		}
	};
	let body: Vec<String> = body.lines().map(|line| format!("    {line}")).collect();
	if body.is_empty() {
		header
	} else {
		format!("{header}\n{}", body.join("\n"))
	}
}

/// Posts one after the other, with a hint for the next page.
pub fn posts(items: &[Value], next_cursor: Option<&str>, empty: &str) -> String {
	if items.is_empty() {
		return empty.to_string();
	}
	let mut text: Vec<String> = items.iter().map(post).collect();
	if let Some(cursor) = next_cursor {
		text.push(format!("(more: --cursor {cursor})"));
	}
	text.join("\n\n")
}

/// A profile in a few lines.
pub fn profile(profile: &Value) -> String {
	let mut lines = Vec::new();
	let handle = profile["handle"].as_str().map(|h| format!("@{h}")).unwrap_or_default();
	let name = profile["displayName"].as_str().unwrap_or_default();
	lines.push(format!("{handle} {name}").trim().to_string());
	lines.push(profile["account"].as_str().unwrap_or_default().to_string());
	if let Some(bio) = profile["bio"].as_str().filter(|bio| !bio.is_empty()) {
		lines.push(bio.to_string());
	}
	if let Some(avatar) = profile["avatar"].as_str() {
		lines.push(format!("avatar: {avatar}"));
	}
	lines.push(format!("{} followers, {} following", profile["followers"], profile["following"]));
	if profile["suspended"].as_bool() == Some(true) {
		lines.push("suspended by the community".into());
	}
	lines.retain(|line| !line.is_empty());
	lines.join("\n")
}

/// A notification in one line.
pub fn notification(item: &Value) -> String {
	let kind = &item["kind"];
	let by = kind["by"].as_str().unwrap_or("someone");
	let post = &kind["postId"];
	let what = match kind["type"].as_str().unwrap_or_default() {
		"replied" => format!("{by} replied to you with #{post}"),
		"mentioned" => format!("{by} mentioned you in #{post}"),
		"quoted" => format!("{by} quoted your post #{post}"),
		"reposted" => format!("{by} reposted your post #{post}"),
		"reacted" => {
			let reaction = kind["reaction"].as_u64().and_then(|r| REACTIONS.get(r as usize));
			format!("{by} reacted {} to #{post}", reaction.unwrap_or(&"?"))
		},
		"tipped" => {
			let amount = kind["amount"].as_str().and_then(|a| a.parse().ok()).unwrap_or(0);
			let on = if post.is_null() { String::new() } else { format!(" for #{post}") };
			let memo = kind["memo"].as_str().map(|m| format!(": \"{m}\"")).unwrap_or_default();
			format!("{by} tipped you {}{on}{memo}", amount::format(amount))
		},
		"followed" => format!("{by} followed you"),
		"reported" => format!("you were reported ({})", kind["target"]),
		"caseDecided" => format!(
			"case {} about you was decided: {}",
			kind["caseId"],
			if kind["upheld"].as_bool() == Some(true) { "upheld" } else { "rejected" }
		),
		"appealDecided" => format!(
			"your appeal of case {} was decided: {}",
			kind["caseId"],
			if kind["overturned"].as_bool() == Some(true) { "overturned" } else { "kept" }
		),
		other => format!("{other}: {kind}"),
	};
	format!("[{}] {what} (block {})", item["seq"], item["block"])
}

#[cfg(test)]
mod tests {
	use serde_json::json;

	#[test]
	fn a_post_reads_as_a_person_would_say_it() {
		let post = json!({ "id": 7, "author": "k1", "authorHandle": "bob", "authorName": "Bob",
			"kind": {"type": "reply", "parent": 3, "root": 3}, "created": 12, "edited": false,
			"deleted": false, "hidden": false, "replies": 1, "reposts": 0, "quotes": 0,
			"reactions": [2, 0, 0, 0, 0, 0], "tipped": "1500000000000",
			"content": {"type": "text", "text": "hello #kith"} });
		assert_eq!(
			super::post(&post),
			"#7 @bob (Bob) replying to #3 · block 12 · 1 reply, 2 like, tipped 1.5 KITH\n    hello #kith"
		);
		let hidden = json!({ "id": 1, "author": "k1", "kind": {"type": "root"}, "created": 2,
			"hidden": true, "content": {"type": "text", "text": "x"} });
		assert!(super::post(&hidden).ends_with("[hidden by a community rule]"));
	}

	#[test]
	fn notifications_read_in_one_line() {
		let tip = json!({ "seq": 4, "block": 9, "kind": {"type": "tipped", "postId": 2, "by": "@charlie",
			"amount": "2000000000000", "memo": "thanks"} });
		assert_eq!(
			super::notification(&tip),
			"[4] @charlie tipped you 2 KITH for #2: \"thanks\" (block 9)"
		);
	}
}
