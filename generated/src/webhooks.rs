//! Wix webhooks: the signed body Wix posts to a service, verified and read
//! into the same typed [`Event`] a Velo backend handler gets.
//!
//! Wix posts the body as a JWT signed RS256 with the app's key. Inside it,
//! as Wix's JavaScript SDK (`@wix/sdk`) reads it, are three layers of
//! JSON-in-JSON: the token's `data` claim is a JSON string holding the
//! envelope `{eventType, instanceId, identity, accountInfo, data}`, whose
//! `identity` and `data` are JSON strings again; `data` is the domain event
//! `{id, entityFqdn, slug, entityId, eventTime, …}` with one of
//! `createdEvent`, `updatedEvent`, `deletedEvent` or `actionEvent`, whose
//! entity may itself arrive as a JSON string (`entityAsJson`). [`parse`]
//! undoes each layer, builds what the SDK hands a handler (`{entity | data,
//! metadata, modifiedFields}`, the metadata being the envelope's
//! `instanceId`, `identity` and `accountInfo` with the domain event's
//! fields), renames the REST names to the SDK's (`id` → `_id`,
//! `createdDate` → `_createdDate`, `updatedDate` → `_updatedDate`, at every
//! depth, as the SDK does), converts the images, page URLs and addresses
//! Wix's SDK converts for the event ([`EventName::rest_paths`]), and reads
//! the result by its event type.
//!
//! A token is trusted only if it is signed RS256 by the key given; `none`,
//! HMAC and the other RSA algorithms are refused, as is an expired token.
//! Each failure says which layer and, inside a layer, which JSON pointer.
//!
//! In an axum handler:
//!
//! ```
//! # mod axum { pub mod http { pub type StatusCode = u16; } }
//! use wix_activities::backend_events::Event;
//! use wix_activities::webhooks::{self, PublicKey};
//!
//! fn on_webhook(key: &PublicKey, body: &[u8]) -> axum::http::StatusCode {
//!     match webhooks::parse(body, key) {
//!         Ok(webhook) => {
//!             if let Event::CartCreated(created) = &webhook.event {
//!                 let _cart = created.entity.as_ref();
//!             }
//!             200
//!         }
//!         // Forged, expired or malformed: say why in the log, refuse the request.
//!         Err(error) => {
//!             eprintln!("refused a webhook: {error}");
//!             401
//!         }
//!     }
//! }
//! # let key = PublicKey::from_pem(include_str!("../../tests/fixtures/webhooks/app-public.pem")).unwrap();
//! # assert_eq!(on_webhook(&key, b"not a token"), 401);
//! ```
//!
//! (with axum, `body: axum::body::Bytes` and the key in the router's state;
//! actix-web's `web::Bytes` works the same way.)

use std::fmt;

use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Map, Value};

use crate::backend_events::{Event, EventName};
use crate::validate::{walk, Report};

/// The largest body [`parse`] reads: a webhook is a few kilobytes, and a
/// larger one is refused before any work is done on it.
pub const MAX_BODY: usize = 8 * 1024 * 1024;

/// An app's public key, which Wix signs its webhooks with.
#[derive(Clone)]
pub struct PublicKey(DecodingKey);

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PublicKey(RSA)")
    }
}

impl PublicKey {
    /// The key as Wix's dashboard shows it: a PEM (`-----BEGIN PUBLIC
    /// KEY-----` …), or, as Wix's SDK also accepts, the PEM in base64 on one line.
    pub fn from_pem(text: &str) -> Result<PublicKey, Error> {
        let text = text.trim();
        let pem = if text.contains('\n') || text.contains('\r') || text.starts_with("-----") {
            text.as_bytes().to_vec()
        } else {
            base64::engine::general_purpose::STANDARD
                .decode(text)
                .map_err(|e| Error::Key(format!("neither a PEM nor a PEM in base64: {e}")))?
        };
        // jsonwebtoken would take a private key's PEM too, and verify with
        // its public half: a secret pasted where a public key belongs is
        // refused, not silently used.
        if pem.windows(11).any(|w| w == b"PRIVATE KEY") {
            return Err(Error::Key(
                "a private key; give the app's public key (Wix keeps the private one)".into(),
            ));
        }
        DecodingKey::from_rsa_pem(&pem)
            .map(PublicKey)
            .map_err(|e| Error::Key(format!("not an RSA public key in PEM: {e}")))
    }
}

/// A verified webhook: the typed event and what the envelope around it said.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Webhook {
    /// The event type as sent (`wix.ecom.v1.cart_created`).
    pub event_type: String,
    /// The event's name: a documented one, or [`EventName::Other`] keeping the event type.
    pub name: EventName,
    /// The app instance the event is for.
    pub instance_id: Option<String>,
    /// Who triggered it (`{identityType, memberId | …}`), decoded from its JSON string.
    pub identity: Option<Value>,
    /// The Wix accounts it belongs to.
    pub account_info: Option<Value>,
    /// What happened to the entity.
    pub change: Change,
    /// For an update, the fields that changed, when Wix says.
    pub modified_fields: Option<Value>,
    /// The event, in the shape Wix's SDK hands a handler, typed by its event
    /// type; an unknown event type gives [`Event::Other`] with the body.
    pub event: Event,
}

/// Which change a domain event reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Change {
    /// `createdEvent`: the entity is the new one.
    Created,
    /// `updatedEvent`: the entity is the current one.
    Updated,
    /// `deletedEvent`: the entity, when sent, is the deleted one.
    Deleted,
    /// `actionEvent`: the body is the event's `data`.
    Action,
    /// None of the four (the SDK reads it as a creation without an entity).
    Unspecified,
}

/// The layer of a webhook that a [`Error::Layer`] is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// The token's payload and the envelope in its `data` claim.
    Envelope,
    /// The domain event in the envelope's `data`.
    DomainEvent,
    /// The event body built from it, read by its event type.
    Entity,
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Layer::Envelope => "envelope",
            Layer::DomainEvent => "domain event",
            Layer::Entity => "entity",
        })
    }
}

/// Why a webhook was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The public key given is not usable.
    Key(String),
    /// The body is larger than [`MAX_BODY`].
    TooLarge(usize),
    /// The body is not a JWT.
    Malformed(String),
    /// The token is signed with another algorithm than RS256 (`none`, `HS256`, …).
    Algorithm(String),
    /// The signature does not match the key: a forged or altered token.
    Signature,
    /// The token's `exp` has passed.
    Expired,
    /// The token's `nbf` has not come yet.
    NotYetValid,
    /// A layer inside the verified token is not what Wix sends.
    Layer {
        /// Which layer.
        layer: Layer,
        /// Where, as a JSON pointer: in the token's payload (`/data`,
        /// `/data/identity`, `/data/data/createdEvent/entityAsJson`; a
        /// pointer goes on into a decoded JSON string), or for
        /// [`Layer::Entity`], in the event body as the SDK hands it over.
        pointer: String,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Key(reason) => write!(f, "the public key: {reason}"),
            Error::TooLarge(size) => write!(f, "token: a body of {size} bytes is larger than the {MAX_BODY} a webhook may be"),
            Error::Malformed(reason) => write!(f, "token: not a JWT: {reason}"),
            Error::Algorithm(alg) => write!(f, "token: signed with `{alg}`; Wix signs webhooks with `RS256`"),
            Error::Signature => f.write_str("token: the signature does not match the app's public key (a forged or altered webhook)"),
            Error::Expired => f.write_str("token: expired"),
            Error::NotYetValid => f.write_str("token: not valid yet (`nbf`)"),
            Error::Layer { layer, pointer, message } => {
                let pointer = if pointer.is_empty() { "/" } else { pointer };
                write!(f, "{layer}: {pointer}: {message}")
            }
        }
    }
}

impl std::error::Error for Error {}

/// Verifies a webhook's raw request body with the app's public key and reads it.
pub fn parse(body: &[u8], key: &PublicKey) -> Result<Webhook, Error> {
    if body.len() > MAX_BODY {
        return Err(Error::TooLarge(body.len()));
    }
    let token = std::str::from_utf8(body)
        .map_err(|_| Error::Malformed("the body is not UTF-8 text".into()))?
        .trim();
    let payload = verify(token, key)?;
    let envelope = envelope(&payload)?;
    let domain = json_string(
        envelope.get("data"),
        Layer::DomainEvent,
        "/data/data",
        "the domain event",
    )?;
    let Value::Object(domain) = domain else {
        return Err(layer(
            Layer::DomainEvent,
            "/data/data",
            "must be a JSON object",
        ));
    };
    let Unwrapped {
        change,
        body,
        modified_fields,
    } = body_of(domain)?;
    let event_type = envelope
        .get("eventType")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let instance_id = envelope
        .get("instanceId")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let identity = match envelope.get("identity") {
        None | Some(Value::Null) => None,
        some => Some(json_string(
            some,
            Layer::Envelope,
            "/data/identity",
            "the identity",
        )?),
    };
    let account_info = envelope
        .get("accountInfo")
        .filter(|v| !v.is_null())
        .cloned();
    let mut sdk_body = body;
    // What the SDK puts in `metadata` before the domain event's own fields:
    // the envelope's, each as it came (a `null` stays `null`).
    let metadata = sdk_body
        .entry("metadata")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(metadata) = metadata {
        let mut base = Map::new();
        for (key, value) in [
            ("instanceId", envelope.get("instanceId").cloned()),
            (
                "identity",
                identity
                    .clone()
                    .or_else(|| envelope.get("identity").cloned()),
            ),
            ("accountInfo", envelope.get("accountInfo").cloned()),
        ] {
            if let Some(value) = value {
                base.insert(key.to_owned(), value);
            }
        }
        base.append(metadata);
        *metadata = base;
    }
    let mut sdk_body = Value::Object(sdk_body);
    rest_to_sdk(&mut sdk_body);
    let name = EventName::from_event_type(&event_type);
    name.rest_paths().to_sdk(&mut sdk_body);
    let event = read_event(&name, sdk_body)?;
    Ok(Webhook {
        event_type,
        name,
        instance_id,
        identity,
        account_info,
        change,
        modified_fields,
        event,
    })
}

/// Makes sure `jsonwebtoken` has a crypto backend before it is asked to
/// verify. It picks one from its features, but when another crate in the
/// program also turns on its `aws_lc_rs` backend it has two, picks neither,
/// and panics on the first `decode`; this crate then installs the pure-Rust
/// backend it depends on itself, once for the process. An application that
/// installed a provider of its own keeps it.
fn ensure_crypto_provider() {
    use jsonwebtoken::crypto::CryptoProvider;
    if CryptoProvider::try_get_default().is_none() {
        // Losing a race to another installer is fine: there is one now.
        let _ = jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER.install_default();
    }
}

/// The token's payload, once its algorithm, signature and times check out.
fn verify(token: &str, key: &PublicKey) -> Result<Value, Error> {
    let header = token
        .split('.')
        .next()
        .filter(|_| token.split('.').count() == 3)
        .ok_or_else(|| Error::Malformed("a JWT has three parts separated by `.`".into()))?;
    let header = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(header.trim_end_matches('='))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .ok_or_else(|| Error::Malformed("its header is not base64url-encoded JSON".into()))?;
    match header.get("alg").and_then(Value::as_str) {
        Some("RS256") => {}
        Some(other) => return Err(Error::Algorithm(other.to_owned())),
        None => return Err(Error::Malformed("its header names no `alg`".into())),
    }
    let mut validation = Validation::new(Algorithm::RS256);
    // As the SDK verifies it: `exp` and `nbf` when present, with no leeway;
    // no issuer or audience for webhooks.
    validation.required_spec_claims.clear();
    validation.leeway = 0;
    validation.validate_nbf = true;
    validation.validate_aud = false;
    use jsonwebtoken::errors::ErrorKind;
    ensure_crypto_provider();
    jsonwebtoken::decode::<Value>(token, &key.0, &validation)
        .map(|data| data.claims)
        .map_err(|e| match e.kind() {
            ErrorKind::InvalidSignature => Error::Signature,
            ErrorKind::ExpiredSignature => Error::Expired,
            ErrorKind::ImmatureSignature => Error::NotYetValid,
            ErrorKind::InvalidAlgorithm => {
                Error::Algorithm("an algorithm the key cannot verify".into())
            }
            _ => Error::Malformed(e.to_string()),
        })
}

/// The envelope in the token's `data` claim, which must be a JSON string.
fn envelope(payload: &Value) -> Result<Map<String, Value>, Error> {
    let envelope = json_string(
        payload.get("data"),
        Layer::Envelope,
        "/data",
        "the `data` claim",
    )?;
    let Value::Object(envelope) = envelope else {
        return Err(layer(Layer::Envelope, "/data", "must hold a JSON object"));
    };
    match envelope.get("eventType") {
        Some(Value::String(_)) => Ok(envelope),
        None => Err(layer(Layer::Envelope, "/data/eventType", "is missing")),
        Some(other) => Err(layer(
            Layer::Envelope,
            "/data/eventType",
            format!("must be a string, found {}", kind(other)),
        )),
    }
}

/// The body, the change and the modified fields of a domain event, in the
/// order the SDK tests for them: a delete, an action, an update, else a creation.
fn body_of(mut domain: Map<String, Value>) -> Result<Unwrapped, Error> {
    const BODIES: [(&str, Change, &str, &str); 4] = [
        ("deletedEvent", Change::Deleted, "deletedEntity", "entity"),
        ("actionEvent", Change::Action, "body", "data"),
        ("updatedEvent", Change::Updated, "currentEntity", "entity"),
        ("createdEvent", Change::Created, "entity", "entity"),
    ];
    let found = BODIES
        .iter()
        .find(|(key, ..)| domain.get(*key).is_some_and(|v| !v.is_null()))
        .copied();
    let mut bodies: Vec<(&str, Value)> = Vec::new();
    for (key, ..) in BODIES {
        if let Some(value) = domain.remove(key) {
            bodies.push((key, value));
        }
    }
    let mut sdk = Map::new();
    let mut modified_fields = None;
    let change = match found {
        None => Change::Unspecified,
        Some((key, change, member, target)) => {
            let pointer = format!("/data/data/{key}");
            let Some(Value::Object(mut inner)) =
                bodies.into_iter().find(|(k, _)| *k == key).map(|(_, v)| v)
            else {
                return Err(layer(Layer::DomainEvent, &pointer, "must be an object"));
            };
            if let Some(entity) = member_value(&mut inner, member, &pointer)? {
                sdk.insert(target.to_owned(), entity);
            }
            if change == Change::Updated {
                // Handed on as it came, a `null` too; the field says whether
                // there is any.
                if let Some(fields) = inner.remove("modifiedFields") {
                    sdk.insert("modifiedFields".to_owned(), fields.clone());
                    modified_fields = Some(fields).filter(|v| !v.is_null());
                }
            }
            change
        }
    };
    sdk.insert("metadata".to_owned(), Value::Object(domain));
    Ok(Unwrapped {
        change,
        body: sdk,
        modified_fields,
    })
}

/// A domain event, unwrapped into what the SDK hands a handler.
struct Unwrapped {
    change: Change,
    /// `{entity | data, metadata, modifiedFields}`, the metadata holding the
    /// domain event's own fields.
    body: Map<String, Value>,
    modified_fields: Option<Value>,
}

/// `member` of a body (`entity`), or its JSON-string twin (`entityAsJson`);
/// an entity that came as a JSON string is decoded.
fn member_value(
    inner: &mut Map<String, Value>,
    member: &str,
    at: &str,
) -> Result<Option<Value>, Error> {
    let as_json = format!("{member}AsJson");
    let (name, value) = match (inner.remove(member), inner.remove(&as_json)) {
        (Some(value), _) if !value.is_null() => (member, value),
        (_, Some(value)) if !value.is_null() => (as_json.as_str(), value),
        _ => return Ok(None),
    };
    let pointer = format!("{at}/{name}");
    match value {
        Value::String(_) => {
            json_string(Some(&value), Layer::DomainEvent, &pointer, "the entity").map(Some)
        }
        Value::Object(_) if name == member => Ok(Some(value)),
        other => Err(layer(
            Layer::DomainEvent,
            &pointer,
            format!("must be an object or a JSON string, found {}", kind(&other)),
        )),
    }
}

/// Decodes a JSON string at `pointer`, which must be there.
fn json_string(
    value: Option<&Value>,
    at: Layer,
    pointer: &str,
    what: &str,
) -> Result<Value, Error> {
    match value {
        Some(Value::String(text)) => serde_json::from_str(text)
            .map_err(|e| layer(at, pointer, format!("{what} is not JSON: {e}"))),
        None => Err(layer(at, pointer, format!("{what} is missing"))),
        Some(other) => Err(layer(
            at,
            pointer,
            format!("{what} must be a JSON string, found {}", kind(other)),
        )),
    }
}

/// Reads the SDK-shaped body by its event's name; a body that does not
/// read says where, from the validator's walk of the same rules.
fn read_event(name: &EventName, body: Value) -> Result<Event, Error> {
    let rules = name.json_rules();
    match Event::deserialize_named(name.clone(), &body) {
        Ok(event) => Ok(event),
        Err(error) => {
            let mut report = Report::new();
            if let Some(rules) = rules {
                walk::value(&body, rules, &mut crate::validate::Path::new(), &mut report);
            }
            let (pointer, message) = report
                .errors()
                .next()
                .map(|v| (v.pointer.clone(), v.message.clone()))
                .unwrap_or_else(|| (String::new(), error.to_string()));
            Err(layer(Layer::Entity, &pointer, message))
        }
    }
}

/// Wix's REST names → the SDK's, at every depth, as `@wix/sdk-runtime`'s
/// `renameKeysFromRESTResponseToSDKResponse` does: a key is left alone when
/// the object already has the new name.
fn rest_to_sdk(value: &mut Value) {
    const RENAMES: [(&str, &str); 3] = [
        ("id", "_id"),
        ("createdDate", "_createdDate"),
        ("updatedDate", "_updatedDate"),
    ];
    match value {
        Value::Object(map) => {
            for (from, to) in RENAMES {
                if map.contains_key(from) && !map.contains_key(to) {
                    if let Some(index) = map.keys().position(|k| k == from) {
                        // Keep the key's place: the order is the sender's.
                        let entries: Vec<(String, Value)> =
                            std::mem::take(map).into_iter().collect();
                        *map = entries
                            .into_iter()
                            .enumerate()
                            .map(|(i, (k, v))| {
                                if i == index {
                                    (to.to_owned(), v)
                                } else {
                                    (k, v)
                                }
                            })
                            .collect();
                    }
                }
            }
            map.values_mut().for_each(rest_to_sdk);
        }
        Value::Array(items) => items.iter_mut().for_each(rest_to_sdk),
        _ => {}
    }
}

fn layer(layer: Layer, pointer: &str, message: impl Into<String>) -> Error {
    Error::Layer {
        layer,
        pointer: pointer.to_owned(),
        message: message.into(),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
