//! A webhook body from arbitrary bytes. With the first byte even, the rest
//! is taken as the token's payload and signed with the test key first, so
//! that the fuzzer reaches the layers inside a good signature; odd, the
//! rest is the body as it came. Either way: an error or a webhook, never a
//! panic, and a webhook's event is written back whole.
#![no_main]

use std::sync::OnceLock;

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use libfuzzer_sys::fuzz_target;
use wix_activities::webhooks::{self, PublicKey};

const PUBLIC: &str = include_str!("../../tests/fixtures/webhooks/app-public.pem");
const PRIVATE: &str = include_str!("../../tests/fixtures/webhooks/app-private.pem");

fn keys() -> &'static (PublicKey, EncodingKey) {
    static KEYS: OnceLock<(PublicKey, EncodingKey)> = OnceLock::new();
    KEYS.get_or_init(|| {
        (
            PublicKey::from_pem(PUBLIC).expect("the test key"),
            EncodingKey::from_rsa_pem(PRIVATE.as_bytes()).expect("the test key"),
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (public, private) = keys();
    let body = if mode % 2 == 0 {
        let Ok(payload) = serde_json::from_slice::<serde_json::Value>(rest) else {
            return;
        };
        match jsonwebtoken::encode(&Header::new(Algorithm::RS256), &payload, private) {
            Ok(token) => token.into_bytes(),
            Err(_) => return,
        }
    } else {
        rest.to_vec()
    };
    if let Ok(webhook) = webhooks::parse(&body, public) {
        let written = serde_json::to_vec(&webhook.event).expect("an event read is written");
        let mut deserializer = serde_json::Deserializer::from_slice(&written);
        let again = wix_activities::backend_events::Event::deserialize_named(
            webhook.name.clone(),
            &mut deserializer,
        )
        .expect("written back, the event reads");
        assert_eq!(again, webhook.event);
    }
});
