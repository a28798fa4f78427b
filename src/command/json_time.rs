//! Times in JSON output carry the flow's UTC offset (PRODUCT.md: "RFC 3339 with
//! the flow's UTC offset, everywhere"), also where the JSON comes from engine
//! types that serialize their instants in UTC (`plan`'s actions, `explain`).
//!
//! Only the members that the engine's types declare as instants are rewritten,
//! by key (`at`, `due_at`, …, and the pairs of `pauses` and `next`); members that
//! hold user text (`attrs`, `fields`, `body`, …) are never entered or touched,
//! so a note that happens to look like a time stays as written.

use chrono::DateTime;
use chrono_tz::Tz;
use serde_json::Value;

/// Members whose string value is an instant.
const INSTANTS: &[&str] = &[
    "at",
    "created_at",
    "due_at",
    "done_at",
    "entered_at",
    "left_at",
    "started_at",
    "next_wake",
    "ended_at",
    "known_at",
    "live_from",
];

/// Members holding data as the user wrote it: never rewritten.
const USER_DATA: &[&str] = &["attrs", "fields", "contact"];

/// Rewrites every instant in `value` to RFC 3339 in `tz`.
pub(crate) fn localize(value: &mut Value, tz: Tz) {
    match value {
        Value::Object(map) => {
            for (key, member) in map.iter_mut() {
                if USER_DATA.contains(&key.as_str()) {
                    continue;
                }
                if INSTANTS.contains(&key.as_str()) {
                    localize_instant(member, tz);
                } else if key == "pauses" {
                    // [[start, end|null], …]
                    for pair in member.as_array_mut().into_iter().flatten() {
                        for t in pair.as_array_mut().into_iter().flatten() {
                            localize_instant(t, tz);
                        }
                    }
                } else if key == "next" {
                    // [step, due]
                    if let Some(due) = member.as_array_mut().and_then(|a| a.get_mut(1)) {
                        localize_instant(due, tz);
                    }
                } else if key == "skipped" {
                    // [[step, due], …]
                    for pair in member.as_array_mut().into_iter().flatten() {
                        if let Some(due) = pair.as_array_mut().and_then(|a| a.get_mut(1)) {
                            localize_instant(due, tz);
                        }
                    }
                } else {
                    localize(member, tz);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                localize(item, tz);
            }
        }
        _ => {}
    }
}

fn localize_instant(value: &mut Value, tz: Tz) {
    if let Value::String(text) = value {
        if let Ok(t) = DateTime::parse_from_rfc3339(text) {
            *text = t.with_timezone(&tz).to_rfc3339();
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn instants_get_the_offset_and_user_text_stays() {
        let mut v = json!({
            "at": "2026-03-02T01:00:00Z",
            "actions": [{"kind": "task", "due_at": "2026-03-06T01:00:00Z", "title": "2026-03-02T01:00:00Z"}],
            "timers": [{"pauses": [["2026-03-02T01:00:00Z", null]], "next": ["after 48h", "2026-03-04T01:00:00Z"]}],
            "witnesses": [{"at": "2026-03-02T01:00:00Z", "attrs": {"at": "2026-03-02T01:00:00Z"}}],
            "left_at": null,
        });
        localize(&mut v, chrono_tz::Asia::Shanghai);
        assert_eq!(v["at"], "2026-03-02T09:00:00+08:00");
        assert_eq!(v["actions"][0]["due_at"], "2026-03-06T09:00:00+08:00");
        assert_eq!(v["actions"][0]["title"], "2026-03-02T01:00:00Z");
        assert_eq!(v["timers"][0]["pauses"][0][0], "2026-03-02T09:00:00+08:00");
        assert_eq!(v["timers"][0]["next"][1], "2026-03-04T09:00:00+08:00");
        assert_eq!(v["witnesses"][0]["at"], "2026-03-02T09:00:00+08:00");
        assert_eq!(v["witnesses"][0]["attrs"]["at"], "2026-03-02T01:00:00Z");
        assert_eq!(v["left_at"], Value::Null);
    }
}
