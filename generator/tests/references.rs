//! References across schema files: a shared definition is one type, in the
//! module of the file that defines it, whichever files reach it and however.

mod support;

use support::render;

const MONEY: &str = r#"{"description": "An amount.", "type": "object", "required": ["amount"],
    "properties": {"amount": {"type": "string", "format": "decimal"}}}"#;

const METADATA: &str = r#"{"type": "object", "required": ["id"],
    "properties": {"id": {"type": "string"}, "count": {"type": "string", "format": "int64"}}}"#;

fn event(handler: &str, entity: &str) -> String {
    format!(
        r#"{{"x-wix-handler": "{handler}", "type": "object", "required": ["metadata"],
        "properties": {{"metadata": {{"$ref": "../metadata.json"}}, "entity": {entity}}}}}"#
    )
}

#[test]
fn a_shared_definition_is_one_type_in_its_own_module() {
    let cart = r##"{"type": "object", "properties": {
        "total": {"$ref": "money.json"},
        "lines": {"type": "array", "items": {"$ref": "#/$defs/Line"}}
    }, "$defs": {"Line": {"type": "object", "properties": {"price": {"$ref": "money.json"}}}}}"##;
    let output = render(&[
        ("events/metadata.json", METADATA),
        ("events/shop/entities/money.json", MONEY),
        ("events/shop/entities/cart.json", cart),
        (
            "events/shop/cart-created.json",
            &event("wixShop_onCartCreated", r#"{"$ref": "entities/cart.json"}"#),
        ),
        (
            "events/shop/cart-updated.json",
            &event("wixShop_onCartUpdated", r#"{"$ref": "entities/cart.json"}"#),
        ),
        (
            "events/club/points-added.json",
            &event(
                "wixClub_onPointsAdded",
                r#"{"$ref": "../shop/entities/money.json"}"#,
            ),
        ),
    ]);
    let shop = &output.files["events_shop.rs"];
    for name in ["Money", "Cart", "Line", "CartCreated", "CartUpdated"] {
        assert_eq!(
            shop.matches(&format!("pub struct {name} {{")).count(),
            1,
            "{name}:\n{shop}"
        );
    }
    assert!(shop.contains("pub amount: Decimal,"), "{shop}");
    assert!(shop.contains("pub total: Nullable<Money>,"), "{shop}");
    assert!(shop.contains("use super::Metadata;"), "{shop}");

    // Reached from another app, it stays where it is defined.
    let club = &output.files["events_club.rs"];
    assert!(!club.contains("pub struct Money"), "{club}");
    assert!(club.contains("use super::shop::Money;"), "{club}");
    assert!(club.contains("pub entity: Nullable<Money>,"), "{club}");
    assert!(output.files["events.rs"].contains("pub count: Nullable<Int64>,"));

    // Each type is shown with the file that defines it.
    assert!(output.by_schema["events/shop/entities/money.json"].contains("pub struct Money"));
    assert!(output.by_schema["events/shop/entities/cart.json"].contains("pub struct Line"));

    let index = &output.files["mod.rs"];
    for declaration in [
        "pub mod events {",
        "pub mod club {",
        "pub mod shop {",
        "pub use event::{Event, EventName};",
    ] {
        assert!(index.contains(declaration), "{declaration}:\n{index}");
    }
    let events = &output.files["event.rs"];
    for handler in [
        "wixShop_onCartCreated",
        "wixShop_onCartUpdated",
        "wixClub_onPointsAdded",
    ] {
        assert!(events.contains(handler), "{handler}");
    }
    assert!(
        events.contains("CartCreated(super::shop::CartCreated)"),
        "{events}"
    );
}

#[test]
fn events_of_the_same_name_in_two_apps_are_told_apart() {
    let output = render(&[
        ("events/metadata.json", METADATA),
        (
            "events/shop/item-created.json",
            &event("wixShop_onItemCreated", r#"{"type": "object"}"#),
        ),
        (
            "events/club/item-created.json",
            &event("wixClub_onItemCreated", r#"{"type": "object"}"#),
        ),
    ]);
    let events = &output.files["event.rs"];
    assert!(
        events.contains("WixClubItemCreated(super::club::ItemCreated)"),
        "{events}"
    );
    assert!(
        events.contains("WixShopItemCreated(super::shop::ItemCreated)"),
        "{events}"
    );
}

#[test]
fn event_goes_to_the_module_that_holds_every_event() {
    let plain = |handler: &str| format!(r#"{{"x-wix-handler": "{handler}", "type": "object"}}"#);
    let nested = render(&[
        (
            "hooks/shop/item-created.json",
            &plain("wixShop_onItemCreated"),
        ),
        (
            "hooks/shop/item-deleted.json",
            &plain("wixShop_onItemDeleted"),
        ),
    ]);
    let index = &nested.files["mod.rs"];
    assert!(index.contains("pub mod hooks {"), "{index}");
    assert!(index.contains("pub mod shop {"), "{index}");
    assert!(
        index.contains("pub use event::{Event, EventName};"),
        "{index}"
    );
    assert!(nested.files["event.rs"].contains("ItemCreated(super::ItemCreated)"));
    assert!(nested.files["event.rs"].starts_with("// @generated by wix-activities-build from "));

    // Events in two top-level folders share only the crate root.
    let apart = render(&[
        ("shop/item-created.json", &plain("wixShop_onItemCreated")),
        ("club/points-added.json", &plain("wixClub_onPointsAdded")),
    ]);
    let index = &apart.files["mod.rs"];
    let root_use = index
        .lines()
        .any(|line| line == "pub use event::{Event, EventName};");
    assert!(root_use, "{index}");
    assert!(apart.files["event.rs"].contains("ItemCreated(super::shop::ItemCreated)"));
}
