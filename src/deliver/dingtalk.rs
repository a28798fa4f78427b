//! DingTalk (钉钉) custom robot: `POST` the robot's webhook URL with
//! `{"msgtype":"text","text":{"content"},"at":{"atMobiles","atUserIds"}}`. A
//! mention shows only when the text also carries `@` and the mobile, so the
//! mobiles are appended to the text. With a signing secret the URL gains
//! `timestamp` (milliseconds, the real time) and `sign`. The robot answers
//! `{"errcode":0}`; 130101 and 410100 mean too many requests.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::http::{HttpRequest, VendorCodes};
use super::message::Outgoing;
use super::secret::Secret;
use super::sign;

/// How the robot reports a refusal.
pub const CODES: VendorCodes = VendorCodes {
    fields: &["errcode"],
    messages: &["errmsg"],
    throttled: &[130_101, 410_100],
};

/// The request for `out`, signed at `wall` when there is a secret.
pub fn request(
    url: &Secret,
    secret: Option<&Secret>,
    out: &Outgoing<'_>,
    wall: DateTime<Utc>,
) -> HttpRequest {
    let mobiles = out.handles();
    let mut content = out.row.body.clone();
    if !mobiles.is_empty() {
        let at: Vec<String> = mobiles.iter().map(|m| format!("@{m}")).collect();
        content = format!("{content}\n{}", at.join(" "));
    }
    let body = json!({
        "msgtype": "text",
        "text": { "content": content },
        "at": { "atMobiles": mobiles, "atUserIds": Vec::<String>::new() },
    });
    let mut full = url.expose().to_string();
    if let Some(secret) = secret {
        let ms = wall.timestamp_millis();
        let separator = if full.contains('?') { '&' } else { '?' };
        full = format!(
            "{full}{separator}timestamp={ms}&sign={}",
            sign::dingtalk(secret.expose(), ms)
        );
    }
    HttpRequest {
        url: full,
        headers: Vec::new(),
        body: body.to_string().into_bytes(),
    }
}
