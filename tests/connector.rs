//! The connector's bodies (seed 002): what the seed describes is typed, the
//! rest is kept as it came.

use serde_json::{json, Value};
use wix_activities::connector::{self, webhooks, CollectionProducts, Message, Product};
use wix_activities::validate::{Validate, ValidateJson};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(body: &Value) -> T {
    let typed: T = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(&serde_json::to_value(&typed).unwrap(), body);
    typed
}

#[test]
fn a_product_body_has_every_field_the_seed_describes() {
    let body = json!({
        "name": "Shoe",
        "price": 85,
        "sku": "364215376135191",
        "description": "<p>Black leather</p>",
        "weight": 0.5,
        "discount": {"type": "PERCENT", "value": 10},
        "manageVariants": true,
        "productOptions": [
            {"name": "Color", "choices": [{"value": "#000", "description": "Black"}]}
        ],
        "media": [{"url": "https://example.com/shoe.jpg"}],
        "visible": true
    });
    let product: Product = round_trip(&body);
    assert_eq!(product.price.into_value().unwrap().as_i64(), Some(85));
    let options = product.product_options.into_value().unwrap();
    let choice = &options[0].choices.value().unwrap()[0];
    assert_eq!(choice.description.as_deref(), Some("Black"));
    assert!(
        product.extra.is_empty(),
        "nothing the seed describes is left undocumented"
    );
    // Media: the seed says only "images or videos", so they are raw JSON.
    assert_eq!(
        product.media.into_value().unwrap().value().unwrap()[0]["url"],
        "https://example.com/shoe.jpg"
    );
}

#[test]
fn collection_and_message_bodies_say_what_is_missing() {
    let add: CollectionProducts =
        round_trip(&json!({"collectionId": "c1", "productIds": ["p1", "p2"]}));
    assert_eq!(add.product_ids, ["p1", "p2"]);
    let message: Message = round_trip(&json!({"channelId": "ch", "text": "Hello"}));
    assert!(message.validate().is_valid());

    let report = CollectionProducts::validate_json(&json!({"productIds": "p1"}));
    let found: Vec<String> = report
        .violations()
        .iter()
        .map(|v| v.pointer.clone())
        .collect();
    assert_eq!(found, ["/productIds", "/collectionId"]);
    let report = Message::validate_json(&json!({"channelId": "ch", "text": ""}));
    assert_eq!(report.violations()[0].pointer, "/text");
    let _: connector::Collection = round_trip(&json!({"name": "Summer"}));
}

#[test]
fn webhook_bodies_are_kept_whole() {
    let body = json!({"instanceId": "i", "data": {"contact": {"id": "c", "emails": ["a@b.c"]}}});
    let contact: webhooks::ContactEvent = round_trip(&body);
    assert_eq!(contact.extra["data"].value().unwrap()["contact"]["id"], "c");
    let _: webhooks::CartEvent = round_trip(&body);
    let _: webhooks::FormSubmissionEvent = round_trip(&json!({}));
    assert!(webhooks::OrderEvent::validate_json(&json!({"any": [1, 2]})).is_valid());
    assert!(!webhooks::OrderEvent::validate_json(&json!([1, 2])).is_valid());
}
