//! WeCom (企业微信) group robot: `POST` the robot's webhook URL with
//! `{"msgtype":"text","text":{"content","mentioned_list","mentioned_mobile_list"}}`
//! (people mentioned by WeCom id, else by mobile), or `{"msgtype":"markdown",
//! "markdown":{"content"}}` with mentions written `<@id>` in the text. The robot
//! answers `{"errcode":0}`; 45009 means too many requests.

use serde_json::json;

use super::channel::TextFormat;
use super::http::{HttpRequest, VendorCodes};
use super::message::Outgoing;
use super::secret::Secret;

/// How the robot reports a refusal.
pub const CODES: VendorCodes = VendorCodes {
    fields: &["errcode"],
    messages: &["errmsg"],
    throttled: &[45009],
};

/// The request for `out`.
pub fn request(url: &Secret, format: TextFormat, out: &Outgoing<'_>) -> HttpRequest {
    let body = match format {
        TextFormat::Text => {
            let mobiles: Vec<&String> = out
                .everyone()
                .into_iter()
                .filter(|a| a.handle.is_none())
                .filter_map(|a| a.mobile.as_ref())
                .collect();
            json!({
                "msgtype": "text",
                "text": {
                    "content": out.row.body,
                    "mentioned_list": out.handles(),
                    "mentioned_mobile_list": mobiles,
                }
            })
        }
        TextFormat::Markdown => {
            let mentions: Vec<String> = out.handles().iter().map(|h| format!("<@{h}>")).collect();
            let content = if mentions.is_empty() {
                out.row.body.clone()
            } else {
                format!("{}\n{}", out.row.body, mentions.join(" "))
            };
            json!({ "msgtype": "markdown", "markdown": { "content": content } })
        }
    };
    HttpRequest {
        url: url.expose().to_string(),
        headers: Vec::new(),
        body: body.to_string().into_bytes(),
    }
}
