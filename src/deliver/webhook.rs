//! A plain webhook: `POST` the outbox row as JSON to the channel's URL (its
//! fields, plus `customer_name` and `recipient_name`), with an
//! `Idempotency-Key` header (the row's key: a receiver that has seen it has
//! the message already, whatever a retry resends) and, with a secret,
//! `X-Salesflow-Signature: sha256=…`, the HMAC of the exact body. Any 2xx is
//! acceptance. Times are RFC 3339 with the flow's offset, as in all salesflow
//! JSON.

use serde_json::json;

use super::http::HttpRequest;
use super::message::Outgoing;
use super::secret::Secret;
use super::sign;
use crate::timefmt::rfc3339;

/// The request for `out`.
pub fn request(url: &Secret, secret: Option<&Secret>, out: &Outgoing<'_>) -> HttpRequest {
    let row = out.row;
    let body = json!({
        "id": row.id,
        "key": row.key,
        "kind": row.kind,
        "customer": row.customer,
        "customer_name": out.customer_name,
        "recipient": row.recipient,
        "recipient_name": out.to.name,
        "cc": row.cc,
        "subject": row.subject,
        "body": row.body,
        "origin": row.origin,
        "created_at": rfc3339(row.created_at, out.tz),
    })
    .to_string()
    .into_bytes();
    let mut headers = vec![("Idempotency-Key", row.key.clone())];
    if let Some(secret) = secret {
        headers.push((
            "X-Salesflow-Signature",
            sign::webhook(secret.expose(), &body),
        ));
    }
    HttpRequest {
        url: url.expose().to_string(),
        headers,
        body,
    }
}
