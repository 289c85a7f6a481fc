//! Writing activities in code: values built with the generated constructors
//! and setters validate clean and serialize to exactly the documented JSON;
//! amounts are exact and keep the form they came in; integer fields read
//! numeric text as number fields do.

use std::path::Path;

use serde_json::Value;
use wix_activities::envelope::{ContactUpdate, Details, Email, Phone};
use wix_activities::validate::{self, Validate};
use wix_activities::{common, e_commerce, hotels, Activity, ActivityInfo, Decimal};

fn fixture(relative: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn amount(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn name() -> common::Name {
    common::Name::new()
        .with_prefix("Mr.")
        .with_first("Marcus")
        .with_middle("James")
        .with_last("Holloway")
        .with_suffix("Jr.")
}

fn night(date: &str) -> hotels::Rate {
    let tax = hotels::Tax::new("NYC hotel occupancy tax", amount("51.83"), "USD");
    hotels::Rate::new(
        date.parse::<wix_activities::DateTime>().unwrap(),
        349,
        vec![tax],
        amount("400.83"),
        "USD",
    )
}

/// The complete `hotels/purchase` fixture, built in code.
fn purchase() -> Activity {
    let purchase = hotels::Purchase::new(
        hotels::Guests::new(2, 2, 0),
        hotels::Stay::new(
            "2026-12-18T16:00:00-05:00"
                .parse::<wix_activities::DateTime>()
                .unwrap(),
            "2026-12-20T12:00:00-05:00"
                .parse::<wix_activities::DateTime>()
                .unwrap(),
        ),
        vec![
            night("2026-12-18T00:00:00-05:00"),
            night("2026-12-19T00:00:00-05:00"),
        ],
        hotels::PurchasePayment::new(698, amount("801.66"), "USD", "credit"),
        vec![hotels::Room::new(
            vec![hotels::Bed::new("queen"), hotels::Bed::new("queen")],
            4,
            ["wifi", "coffee machine", "Central Park view"].map(String::from),
        )
        .with_id("1807")],
    )
    .with_reservation_id("PAS-88213")
    .with_customer(
        hotels::Customer::new()
            .with_contact_id("b84e2f07-51c3-4e9d-a6f2-0d7c1e93b45a")
            .with_is_guest(false)
            .with_name(name())
            .with_phone("+1 212-555-0187")
            .with_email("marcus.holloway@example.net"),
    );
    Activity::from(purchase)
        .with_details(
            Details::new()
                .with_additional_info_url(
                    "https://www.parkavenuesuites.com/account/reservations/PAS-88213",
                )
                .with_summary("Marcus Holloway paid $801.66 for two nights in a Double Queen room"),
        )
        .with_contact_update(
            ContactUpdate::new()
                .with_name(name())
                .with_emails(vec![Email::new()
                    .with_tag("main")
                    .with_email("marcus.holloway@example.net")])
                .with_phones(vec![Phone::new()
                    .with_tag("mobile")
                    .with_phone("+1 212-555-0187")]),
        )
}

#[test]
fn a_purchase_built_in_code_is_the_documented_json_and_valid() {
    let activity = purchase();
    let report = activity.validate();
    assert!(report.violations().is_empty(), "{report}");
    assert_eq!(
        serde_json::to_value(&activity).unwrap(),
        fixture("complete/hotels/purchase.json")
    );
    // The typed form reads back as the same value.
    let back: Activity = serde_json::from_value(serde_json::to_value(&activity).unwrap()).unwrap();
    assert_eq!(back, activity);
    // An `Activity` typed by its info writes the same JSON.
    let ActivityInfo::HotelsPurchase(info) = activity.info.clone() else {
        panic!()
    };
    assert_eq!(
        serde_json::to_value(
            Activity::new(info)
                .with_details(activity.details.clone())
                .with_contact_update(activity.contact_update.clone())
        )
        .unwrap(),
        fixture("complete/hotels/purchase.json")
    );
}

#[test]
fn amounts_are_exact_add_up_to_the_cent_and_keep_their_form() {
    let mut json = fixture("complete/hotels/purchase.json");
    json["info"]["payment"]["total"] = "801.660".into();
    json["info"]["rates"][0]["total"] = serde_json::from_str("400.83").unwrap();
    let activity: Activity = serde_json::from_value(json.clone()).unwrap();
    let ActivityInfo::HotelsPurchase(purchase) = &activity.info else {
        panic!()
    };
    let nights: wix_activities::rust_decimal::Decimal =
        purchase.rates.iter().map(|rate| rate.total.value()).sum();
    assert_eq!(
        nights,
        purchase.payment.total.value(),
        "400.83 + 400.83 is 801.66 exactly"
    );
    assert_eq!(nights.to_string(), "801.66");
    // Text stays text with its trailing zero; a number stays a number.
    let written = serde_json::to_value(&activity).unwrap();
    assert_eq!(written["info"]["payment"]["total"], "801.660");
    assert!(written["info"]["rates"][0]["total"].is_number());
    assert_eq!(written, json);
    assert!(activity.validate().is_valid());
    // Built from `rust_decimal`, an amount is written as its schema's number.
    let payment = hotels::PurchasePayment::new(
        wix_activities::rust_decimal::Decimal::new(69800, 2),
        801,
        "USD",
        "credit",
    );
    assert_eq!(
        serde_json::to_string(&payment).unwrap(),
        r#"{"subtotal":698,"total":801,"currency":"USD","source":"credit"}"#
    );
}

#[test]
fn integer_fields_read_numeric_text_as_number_fields_do() {
    let mut json = fixture("complete/e_commerce/cart-add.json");
    json["info"]["item"]["quantity"] = "2".into();
    json["info"]["item"]["price"] = "12.50".into();
    let body = json.to_string();
    let body = body.as_bytes();
    let activity: Activity = serde_json::from_slice(body).unwrap();
    let ActivityInfo::ECommerceCartAdd(add) = &activity.info else {
        panic!()
    };
    let item: &e_commerce::Item = &add.item;
    assert_eq!(item.quantity, 2);
    assert_eq!(item.price.value().unwrap().to_string(), "12.50");
    for report in [activity.validate(), validate::activity_json(body)] {
        assert!(report.errors().next().is_none(), "{report}");
    }
    let mut wrong: Value = serde_json::from_slice(body).unwrap();
    wrong["info"]["item"]["quantity"] = "two".into();
    assert!(serde_json::from_value::<Activity>(wrong.clone()).is_err());
    let report = validate::activity_json(wrong.to_string().as_bytes());
    assert!(
        report.errors().any(|e| e.pointer == "/info/item/quantity"),
        "{report}"
    );
}

#[test]
fn a_typo_is_kept_and_told_with_what_it_likely_means_in_both_walks() {
    let mut json = fixture("complete/e_commerce/cart-add.json");
    json["info"]["storName"] = "Corner Shop".into();
    json["info"]["giftWrap"] = true.into();
    let activity: Activity = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(
        serde_json::to_value(&activity).unwrap(),
        json,
        "kept and written back"
    );
    let raw = validate::activity_json(json.to_string().as_bytes());
    for report in [activity.validate(), raw.clone()] {
        let warnings: Vec<String> = report.warnings().map(|w| w.to_string()).collect();
        assert_eq!(
            warnings,
            [
                "/info/storName: warning: `storName` is not a documented property; did you mean `storeName`?",
                "/info/giftWrap: warning: `giftWrap` is not a documented property",
            ]
        );
        assert!(report.is_valid());
    }
    let strict = raw.unknown_as_errors();
    assert_eq!(strict.errors().count(), 2);
    assert!(!strict.is_valid());
}
