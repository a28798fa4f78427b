//! Feishu (飞书) custom bot: `POST` the bot's webhook URL with
//! `{"msg_type":"text","content":{"text"}}`, people mentioned in the text as
//! `<at user_id="ou_…">name</at>`. With a signing secret the body gains
//! `timestamp` (seconds, the real time, as a string as Feishu's examples write
//! it) and `sign`. The bot answers `{"code":0}` (older bots
//! `{"StatusCode":0}`); 9499 and 11232 mean too many requests.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::http::{HttpRequest, VendorCodes};
use super::message::Outgoing;
use super::secret::Secret;
use super::sign;

/// How the bot reports a refusal.
pub const CODES: VendorCodes = VendorCodes {
    fields: &["code", "StatusCode"],
    messages: &["msg", "StatusMessage"],
    throttled: &[9499, 11232],
};

/// The request for `out`, signed at `wall` when there is a secret.
pub fn request(
    url: &Secret,
    secret: Option<&Secret>,
    out: &Outgoing<'_>,
    wall: DateTime<Utc>,
) -> HttpRequest {
    let mentions: Vec<String> = out
        .everyone()
        .into_iter()
        .filter_map(|a| {
            a.handle
                .as_ref()
                .map(|h| format!("<at user_id=\"{h}\">{}</at>", a.name))
        })
        .collect();
    let text = if mentions.is_empty() {
        out.row.body.clone()
    } else {
        format!("{}\n{}", out.row.body, mentions.join(" "))
    };
    let mut body = json!({ "msg_type": "text", "content": { "text": text } });
    if let Some(secret) = secret {
        let s = wall.timestamp();
        body["timestamp"] = json!(s.to_string());
        body["sign"] = json!(sign::feishu(secret.expose(), s));
    }
    HttpRequest {
        url: url.expose().to_string(),
        headers: Vec::new(),
        body: body.to_string().into_bytes(),
    }
}
