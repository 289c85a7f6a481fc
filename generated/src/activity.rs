//! The activity envelope, read and written in both of Wix's forms.
//!
//! The JavaScript SDK posts `{type, info, details, contactUpdate}`; the HTTP
//! API sends and returns `{id, activityType, activityInfo, activityDetails,
//! activityLocationUrl, createdAt, contactUpdate}`. [`Activity`] reads either,
//! remembers which one it read, and writes that form back.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::deferred::Deferred;
use crate::envelope::{ContactUpdate, Details};
use crate::validate::check::{self, Found};
use crate::validate::{
    walk, JsonRules, Kind, Path, Report, Rule, StructRules, Text, Validate, ValidateJson,
};
use crate::{ActivityInfo, DateTime, Nullable};

/// An `info` payload whose shape is chosen by the activity's type.
///
/// The generator implements it for the `ActivityInfo` enum it emits, so a
/// crate that generates its own types from its own schemas can still use
/// [`Activity`] with them.
pub trait TypedInfo: Sized {
    /// The wire name of the activity type this payload belongs to.
    fn wire_name(&self) -> &str;

    /// Reads the `info` of an activity whose type is `wire_name`.
    fn deserialize_info<'de, D: Deserializer<'de>>(
        wire_name: &str,
        deserializer: D,
    ) -> Result<Self, D::Error>;

    /// Writes the payload as the `info` object.
    fn serialize_info<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;

    /// Adds what is wrong with the payload to `report` (see [`Validate`]).
    fn validate_info(&self, path: &mut Path, report: &mut Report);

    /// The raw-JSON rules of the `info` of activity type `wire_name`, if
    /// it has a documented shape (see [`JsonRules`]).
    fn info_rules(wire_name: &str) -> Option<&'static StructRules>;

    /// The payload's undocumented fields, if it has a documented shape.
    fn undocumented(&self) -> Option<&crate::JsonMap>;

    /// What the schemas these types were generated from say of the
    /// activity type `wire_name`.
    fn documentation(wire_name: &str) -> Documentation;
}

/// The `info` of one activity type, typed: the generator implements it for
/// each activity's struct (`hotels::Purchase`), so that an
/// `Activity<hotels::Purchase>` reads, writes and validates as an
/// `Activity` does, its type being that struct's.
///
/// ```
/// use wix_activities::validate::Validate;
/// use wix_activities::{music, Activity, ActivityPayload};
///
/// let fan = music::AlbumFan::new(music::Album::new("Graduation"))
///     .with_artist(music::Artist::new("Kanye West"));
/// let activity = Activity::new(fan);
/// assert_eq!(<music::AlbumFan as ActivityPayload>::WIRE_NAME, "music/album-fan");
/// assert!(activity.validate().is_valid());
/// let json = serde_json::to_string(&activity)?;
/// assert_eq!(
///     json,
///     r#"{"type":"music/album-fan","info":{"album":{"name":"Graduation"},"artist":{"name":"Kanye West"}}}"#
/// );
/// let back: Activity<music::AlbumFan> = serde_json::from_str(&json)?;
/// assert_eq!(back, activity);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub trait ActivityPayload: Serialize + for<'de> Deserialize<'de> + JsonRules {
    /// The wire name of its activity type (`hotels/purchase`).
    const WIRE_NAME: &'static str;

    /// Its fields the schema does not document.
    fn undocumented(&self) -> &crate::JsonMap;

    /// What the schemas say of its activity type.
    fn documentation() -> Documentation;
}

impl<T: ActivityPayload> TypedInfo for T {
    fn wire_name(&self) -> &str {
        T::WIRE_NAME
    }

    fn deserialize_info<'de, D: Deserializer<'de>>(
        wire_name: &str,
        deserializer: D,
    ) -> Result<Self, D::Error> {
        if wire_name == T::WIRE_NAME {
            T::deserialize(deserializer)
        } else {
            Err(de::Error::custom(format_args!(
                "the activity type is `{wire_name}`, not `{}`",
                T::WIRE_NAME
            )))
        }
    }

    fn serialize_info<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize(serializer)
    }

    fn validate_info(&self, path: &mut Path, report: &mut Report) {
        self.validate_into(path, report);
    }

    fn info_rules(wire_name: &str) -> Option<&'static StructRules> {
        (wire_name == T::WIRE_NAME).then_some(&T::RULES)
    }

    fn undocumented(&self) -> Option<&crate::JsonMap> {
        Some(ActivityPayload::undocumented(self))
    }

    fn documentation(wire_name: &str) -> Documentation {
        if wire_name == T::WIRE_NAME {
            T::documentation()
        } else {
            Documentation::Unknown
        }
    }
}

/// What a set of generated activity types knows of a wire name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Documentation {
    /// A type with a documented `info`, which is checked.
    Documented,
    /// A type its publisher deprecated; post one of these instead.
    Deprecated {
        /// The wire names of the types that replace it.
        replaced_by: &'static [&'static str],
    },
    /// A wire name the schemas do not know; its `info` is not checked.
    Unknown,
}

/// Which of Wix's two envelope forms an [`Activity`] is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum WireForm {
    /// The JavaScript SDK's `type` / `info` / `details` / `contactUpdate`.
    #[default]
    Sdk,
    /// The HTTP API's `activityType` / `activityInfo` / `activityDetails` /
    /// `activityLocationUrl` / `createdAt` / `contactUpdate` (and `id`).
    Http,
}

/// A site activity: its typed `info` and the envelope around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity<I = ActivityInfo> {
    /// The activity's payload; its variant carries the activity type.
    pub info: I,
    /// The dashboard notification's details (`details` / `activityDetails`).
    pub details: Nullable<Details>,
    /// What the app knows about the site visitor, used to link the activity to a contact.
    pub contact_update: Nullable<ContactUpdate>,
    /// The activity ID of a stored activity (HTTP form only).
    pub id: Nullable<String>,
    /// The page the activity happened on (`activityLocationUrl`, HTTP form only).
    pub location_url: Nullable<String>,
    /// When the activity was created (`createdAt`, HTTP form only).
    pub created_at: Nullable<DateTime>,
    /// The form this activity is written in.
    pub form: WireForm,
    /// Envelope fields neither form documents, kept so that they are written back.
    pub extra: crate::JsonMap,
}

impl<I> Activity<I> {
    /// An activity with this `info` and an empty envelope, written in the SDK form.
    pub fn new(info: I) -> Self {
        Activity {
            info,
            details: Nullable::Absent,
            contact_update: Nullable::Absent,
            id: Nullable::Absent,
            location_url: Nullable::Absent,
            created_at: Nullable::Absent,
            form: WireForm::Sdk,
            extra: crate::JsonMap::new(),
        }
    }

    /// Sets the dashboard notification's details.
    pub fn with_details(mut self, details: impl Into<Nullable<Details>>) -> Self {
        self.details = details.into();
        self
    }

    /// Sets what the app knows about the site visitor.
    pub fn with_contact_update(
        mut self,
        contact_update: impl Into<Nullable<ContactUpdate>>,
    ) -> Self {
        self.contact_update = contact_update.into();
        self
    }

    /// Sets the form the activity is written in.
    pub fn with_form(mut self, form: WireForm) -> Self {
        self.form = form;
        self
    }
}

impl<I: TypedInfo> Serialize for Activity<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Info<'a, I>(&'a I);

        impl<I: TypedInfo> Serialize for Info<'_, I> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.0.serialize_info(serializer)
            }
        }

        let keys = Keys::of(self.form);
        let mut map = serializer.serialize_map(None)?;
        if !self.id.is_absent() {
            map.serialize_entry("id", &self.id)?;
        }
        map.serialize_entry(keys.kind, self.info.wire_name())?;
        map.serialize_entry(keys.info, &Info(&self.info))?;
        if !self.details.is_absent() {
            map.serialize_entry(keys.details, &self.details)?;
        }
        if !self.location_url.is_absent() {
            map.serialize_entry("activityLocationUrl", &self.location_url)?;
        }
        if !self.created_at.is_absent() {
            map.serialize_entry("createdAt", &self.created_at)?;
        }
        if !self.contact_update.is_absent() {
            map.serialize_entry("contactUpdate", &self.contact_update)?;
        }
        for (key, value) in &self.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// The key names of one form.
struct Keys {
    kind: &'static str,
    info: &'static str,
    details: &'static str,
}

impl Keys {
    fn of(form: WireForm) -> Keys {
        match form {
            WireForm::Sdk => Keys {
                kind: "type",
                info: "info",
                details: "details",
            },
            WireForm::Http => Keys {
                kind: "activityType",
                info: "activityInfo",
                details: "activityDetails",
            },
        }
    }
}

impl<'de, I: TypedInfo> Deserialize<'de> for Activity<I> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ActivityVisitor(std::marker::PhantomData))
    }
}

struct ActivityVisitor<I>(std::marker::PhantomData<I>);

/// Reads `info` straight into its type when the type came first.
struct InfoSeed<'a, I>(&'a str, std::marker::PhantomData<I>);

impl<'de, I: TypedInfo> DeserializeSeed<'de> for InfoSeed<'_, I> {
    type Value = I;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<I, D::Error> {
        I::deserialize_info(self.0, deserializer)
    }
}

/// `info` before its type is known: typed now, or kept until the type
/// arrives, by its text (so that its numbers keep their spelling).
enum Pending<'de, I> {
    Typed(I),
    Raw(Deferred<'de>),
}

impl<'de, I: TypedInfo> Visitor<'de> for ActivityVisitor<I> {
    type Value = Activity<I>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "an activity object with `type` and `info` (or `activityType` and `activityInfo`)",
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut kind: Option<String> = None;
        let mut info: Option<Pending<'de, I>> = None;
        let mut activity = Activity::<()>::new(());
        let mut form = None;
        let mut sent = Sent::default();
        while let Some(key) = map.next_key::<crate::lenient::Key<'de>>()? {
            let key_form = match key.as_ref() {
                "type" | "info" | "details" => Some(WireForm::Sdk),
                "activityType" | "activityInfo" | "activityDetails" => Some(WireForm::Http),
                _ => None,
            };
            if let Some(key_form) = key_form {
                match form {
                    None => form = Some(key_form),
                    Some(seen) if seen != key_form => {
                        return Err(de::Error::custom(format_args!(
                            "`{key}` mixes the HTTP and SDK activity forms"
                        )))
                    }
                    Some(_) => {}
                }
            }
            if let Some(member) = Member::of(&key) {
                if sent.repeats(member) {
                    return Err(de::Error::duplicate_field(member.name()));
                }
            }
            match key.as_ref() {
                "type" | "activityType" => {
                    kind = Some(map.next_value()?);
                }
                "info" | "activityInfo" => {
                    info = Some(match &kind {
                        Some(kind) => {
                            Pending::Typed(map.next_value_seed(InfoSeed(kind, Default::default()))?)
                        }
                        None => Pending::Raw(map.next_value()?),
                    });
                }
                "details" | "activityDetails" => activity.details = map.next_value()?,
                "contactUpdate" => activity.contact_update = map.next_value()?,
                "id" => activity.id = map.next_value()?,
                "activityLocationUrl" => activity.location_url = map.next_value()?,
                "createdAt" => activity.created_at = map.next_value()?,
                _ => {
                    let value = map.next_value()?;
                    activity.extra.insert(key.into_owned(), value);
                }
            }
        }
        let form = form.unwrap_or_default();
        let kind = kind.ok_or_else(|| de::Error::missing_field(Keys::of(form).kind))?;
        let info = match info.ok_or_else(|| de::Error::missing_field(Keys::of(form).info))? {
            Pending::Typed(info) => info,
            Pending::Raw(Deferred::Text(text)) => {
                let mut deserializer = serde_json::Deserializer::from_str(&text);
                I::deserialize_info(&kind, &mut deserializer)
                    .and_then(|info| deserializer.end().map(|()| info))
                    .map_err(de::Error::custom)?
            }
            Pending::Raw(Deferred::Value(raw)) => {
                I::deserialize_info(&kind, raw).map_err(de::Error::custom)?
            }
        };
        Ok(Activity {
            info,
            details: activity.details,
            contact_update: activity.contact_update,
            id: activity.id,
            location_url: activity.location_url,
            created_at: activity.created_at,
            extra: activity.extra,
            form,
        })
    }
}

/// A documented envelope member, by either form's name: each may be sent
/// once. A repeated one is an error in the typed read and in the walk
/// alike, as a repeated documented property of any generated type is;
/// only an undocumented member may repeat, and then the last one is kept.
#[derive(Clone, Copy)]
enum Member {
    Type,
    Info,
    Details,
    ContactUpdate,
    Id,
    LocationUrl,
    CreatedAt,
}

impl Member {
    fn of(key: &str) -> Option<Member> {
        Some(match key {
            "type" | "activityType" => Member::Type,
            "info" | "activityInfo" => Member::Info,
            "details" | "activityDetails" => Member::Details,
            "contactUpdate" => Member::ContactUpdate,
            "id" => Member::Id,
            "activityLocationUrl" => Member::LocationUrl,
            "createdAt" => Member::CreatedAt,
            _ => return None,
        })
    }

    /// The name a duplicate error gives (the SDK form's, as before).
    fn name(self) -> &'static str {
        match self {
            Member::Type => "type",
            Member::Info => "info",
            Member::Details => "details",
            Member::ContactUpdate => "contactUpdate",
            Member::Id => "id",
            Member::LocationUrl => "activityLocationUrl",
            Member::CreatedAt => "createdAt",
        }
    }
}

/// The members sent so far, a bit each.
#[derive(Default)]
struct Sent(u8);

impl Sent {
    /// Notes `member` as sent; whether it was sent before.
    fn repeats(&mut self, member: Member) -> bool {
        let bit = 1 << member as u8;
        let repeated = self.0 & bit != 0;
        self.0 |= bit;
        repeated
    }
}

#[cfg(feature = "schemars")]
impl<I> schemars::JsonSchema for Activity<I> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Activity".into()
    }

    /// The SDK form; `info`'s shape depends on `type`, so it is any object here.
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let details = generator.subschema_for::<Details>();
        let contact_update = generator.subschema_for::<ContactUpdate>();
        schemars::json_schema!({
            "type": "object",
            "required": ["type", "info"],
            "properties": {
                "type": { "type": "string", "description": "The activity type's wire name, such as `hotels/purchase`." },
                "info": { "type": "object", "description": "The activity's payload, as its type's schema describes it." },
                "details": details,
                "contactUpdate": contact_update
            }
        })
    }
}

/// Envelope fields that B11 (a `}` missing before them) moves inside `info`.
const ENVELOPE_FIELDS: &[&str] = &["details", "contactUpdate"];

fn warn_about_type<I: TypedInfo>(wire_name: &str, path: &mut Path, report: &mut Report) {
    let documentation = I::documentation(wire_name);
    if let Documentation::Deprecated { replaced_by } = documentation {
        let instead: Vec<String> = replaced_by.iter().map(|t| format!("`{t}`")).collect();
        report.warning(
            path,
            Kind::Enum,
            format_args!(
                "`{wire_name}` is deprecated; use {} instead",
                instead.join(" or ")
            ),
        );
    } else if documentation == Documentation::Unknown {
        report.warning(
            path,
            Kind::Enum,
            format_args!(
                "`{wire_name}` is not a documented activity type; its info is not checked"
            ),
        );
    }
}

fn warn_about_nesting<'a>(
    keys: impl Iterator<Item = &'a String>,
    path: &mut Path,
    report: &mut Report,
) {
    for key in keys.filter(|k| ENVELOPE_FIELDS.contains(&k.as_str())) {
        path.at(key, |path| {
            // Said more precisely than the info's own "not documented".
            report.refine(
                path,
                Kind::UnknownProperty,
                format_args!(
                    "`{key}` belongs to the envelope, not to `info`; is a `}}` missing before it?"
                ),
            );
        });
    }
}

impl<I: TypedInfo> Validate for Activity<I> {
    fn validate_into(&self, path: &mut Path, report: &mut Report) {
        let keys = Keys::of(self.form);
        path.at(keys.kind, |path| {
            warn_about_type::<I>(self.info.wire_name(), path, report)
        });
        path.at(keys.info, |path| {
            self.info.validate_info(path, report);
            if let Some(extra) = self.info.undocumented() {
                warn_about_nesting(extra.keys(), path, report);
            }
        });
        if let Some(details) = self.details.value() {
            path.at(keys.details, |path| details.validate_into(path, report));
        }
        if let Some(contact_update) = self.contact_update.value() {
            path.at("contactUpdate", |path| {
                contact_update.validate_into(path, report)
            });
        }
        if let Some(url) = self.location_url.value() {
            path.at("activityLocationUrl", |path| {
                check::found(&URL, Found::Str(url), false, path, report)
            });
        }
        if let Some(created_at) = self.created_at.value() {
            path.at("createdAt", |path| created_at.validate_into(path, report));
        }
    }
}

impl<I: TypedInfo> ValidateJson for Activity<I> {
    fn validate_json_into(value: &serde_json::Value, path: &mut Path, report: &mut Report) {
        // A `Value` is well-formed JSON: the walk cannot fail.
        let _ = walk_envelope::<I, _>(value, path, report);
    }
}

/// The rules of the envelope around `info`, for the streaming walk.
const DETAILS: Rule = Rule::Object(&<Details as JsonRules>::RULES);
const CONTACT_UPDATE: Rule = Rule::Object(&<ContactUpdate as JsonRules>::RULES);
// The envelope's own texts are read as `String`s: a number is refused.
const URL: Rule = Rule::StrictText(Text::URL);
const TEXT: Rule = Rule::StrictText(Text::ANY);

/// Walks an activity envelope in one pass: `info` is walked with its
/// type's rules as it is read, or kept until the type arrives when it comes
/// first. Returns `Err` only when the input is not JSON at all.
fn walk_envelope<'de, I: TypedInfo, D: de::Deserializer<'de>>(
    deserializer: D,
    path: &mut Path,
    report: &mut Report,
) -> Result<(), D::Error> {
    deserializer.deserialize_any(EnvelopeVisitor::<I> {
        path,
        report,
        marker: std::marker::PhantomData,
    })
}

struct EnvelopeVisitor<'p, I> {
    path: &'p mut Path,
    report: &'p mut Report,
    marker: std::marker::PhantomData<I>,
}

impl<I> EnvelopeVisitor<'_, I> {
    /// A document that is not an object.
    fn found(self, found: Found<'_>) {
        check::object(found, self.path, self.report);
    }
}

impl<'de, I: TypedInfo> Visitor<'de> for EnvelopeVisitor<'_, I> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an activity object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (path, report) = (self.path, self.report);
        let mut form: Option<WireForm> = None;
        let mut kind: Option<String> = None;
        let mut pending_info: Option<Deferred<'de>> = None;
        let mut info_seen = false;
        let mut type_seen = false;
        let mut sent = Sent::default();
        while let Some(key) = map.next_key::<crate::lenient::Key<'de>>()? {
            let key_form = match key.as_ref() {
                "type" | "info" | "details" => Some(WireForm::Sdk),
                "activityType" | "activityInfo" | "activityDetails" => Some(WireForm::Http),
                _ => None,
            };
            if let (Some(seen), Some(this)) = (form, key_form) {
                if seen != this {
                    report.error(path, Kind::UnknownProperty, "the activity mixes the HTTP form (`activityType`, `activityInfo`, `activityDetails`) and the SDK form (`type`, `info`, `details`)");
                }
            }
            form = form.or(key_form);
            path.push_key(&key);
            if Member::of(&key).is_some_and(|member| sent.repeats(member)) {
                check::duplicate(path, report);
                map.next_value::<walk::Unkept>()?;
                path.pop();
                continue;
            }
            match key.as_ref() {
                "type" | "activityType" => {
                    type_seen = true;
                    match map.next_value_seed(walk::scalar())? {
                        serde_json::Value::String(wire_name) => {
                            warn_about_type::<I>(&wire_name, path, report);
                            kind = Some(wire_name);
                        }
                        // Read as a `String`: a number is not the type's name.
                        other => check::found(&TEXT, (&other).into(), true, path, report),
                    }
                }
                "info" | "activityInfo" => {
                    info_seen = true;
                    match kind.as_deref() {
                        Some(wire_name) => map.next_value_seed(InfoWalk::<I> {
                            wire_name,
                            path,
                            report,
                            marker: std::marker::PhantomData,
                        })?,
                        None => pending_info = Some(map.next_value()?),
                    }
                }
                "details" | "activityDetails" => {
                    map.next_value_seed(walk::seed(&DETAILS, false, path, report))?
                }
                "contactUpdate" => {
                    map.next_value_seed(walk::seed(&CONTACT_UPDATE, false, path, report))?
                }
                "activityLocationUrl" => {
                    map.next_value_seed(walk::seed(&URL, false, path, report))?
                }
                "createdAt" => {
                    map.next_value_seed(walk::seed(&Rule::DateTime, false, path, report))?
                }
                "id" => map.next_value_seed(walk::seed(&TEXT, false, path, report))?,
                _ => {
                    map.next_value::<walk::Unkept>()?;
                }
            }
            path.pop();
        }
        let keys = Keys::of(form.unwrap_or_default());
        for (name, seen) in [(keys.kind, type_seen), (keys.info, info_seen)] {
            if !seen {
                path.at(name, |path| {
                    report.error(
                        path,
                        Kind::Required,
                        format_args!("`{name}` is required but missing or empty"),
                    )
                });
            }
        }
        if let (Some(wire_name), Some(info)) = (kind, pending_info) {
            // Read now as it would have been after its type; what stops it is
            // what stops the document.
            path.at(keys.info, |path| match &info {
                Deferred::Text(text) => {
                    let mut deserializer = serde_json::Deserializer::from_str(text);
                    walk_info::<I, _>(&wire_name, &mut deserializer, path, report)
                        .and_then(|()| deserializer.end())
                }
                Deferred::Value(value) => walk_info::<I, _>(&wire_name, value, path, report),
            })
            .map_err(de::Error::custom)?;
        }
        Ok(())
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        self.found(Found::Array);
        Ok(())
    }

    walk::scalars_are_found!();
}

/// Walks the `info` of activity type `wire_name`: by its type's rules, or,
/// for a type without any, as strictly as the `Value` it is kept as.
fn walk_info<'de, I: TypedInfo, D: de::Deserializer<'de>>(
    wire_name: &str,
    deserializer: D,
    path: &mut Path,
    report: &mut Report,
) -> Result<(), D::Error> {
    match I::info_rules(wire_name) {
        Some(rules) => InfoRulesSeed::<I> {
            rules,
            check_nesting: I::documentation(wire_name) == Documentation::Documented,
            path,
            report,
            marker: std::marker::PhantomData,
        }
        .deserialize(deserializer),
        None => walk::Unkept::deserialize(deserializer).map(drop),
    }
}

/// [`walk_info`] as a seed, for a map's next value.
struct InfoWalk<'a, 'p, I> {
    wire_name: &'a str,
    path: &'p mut Path,
    report: &'p mut Report,
    marker: std::marker::PhantomData<I>,
}

impl<'de, I: TypedInfo> DeserializeSeed<'de> for InfoWalk<'_, '_, I> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        walk_info::<I, D>(self.wire_name, deserializer, self.path, self.report)
    }
}

/// Walks a typed `info` and warns about envelope fields found inside it (B11).
struct InfoRulesSeed<'p, I> {
    rules: &'static StructRules,
    check_nesting: bool,
    path: &'p mut Path,
    report: &'p mut Report,
    marker: std::marker::PhantomData<I>,
}

impl<'de, I> DeserializeSeed<'de> for InfoRulesSeed<'_, I> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let mut unknown = Vec::new();
        walk::object_noting_unknown(
            deserializer,
            self.rules,
            self.path,
            self.report,
            &mut unknown,
        )?;
        if self.check_nesting {
            warn_about_nesting(unknown.iter(), self.path, self.report);
        }
        Ok(())
    }
}

/// The fast path: bytes straight into the typed value, then the typed
/// checks; a payload that does not parse, or has anything to report, is
/// read as JSON and walked, to list everything that stops it with pointers
/// spelled as the payload spells them (`additionalinfourl`, which the typed
/// value knows only as `additionalInfoUrl`).
pub(crate) fn validate_json_bytes(bytes: &[u8]) -> Report {
    let parsed = serde_json::from_slice::<Activity>(bytes);
    if let Ok(activity) = &parsed {
        let report = activity.validate();
        if report.violations().is_empty() {
            return report;
        }
    }
    let mut report = walk_bytes(bytes);
    if let Err(error) = parsed {
        if report.is_valid() {
            // The walk is meant to find whatever stops the typed read; should
            // it miss something, the payload is still not called valid.
            report.error(&Path::new(), Kind::Type, format_args!("{UNREAD}: {error}"));
        }
    }
    report
}

/// How the message begins when only the typed read finds what is wrong.
const UNREAD: &str = "the activity does not read";

/// The envelope walked as raw JSON, in one streaming pass.
pub(crate) fn walk_bytes(bytes: &[u8]) -> Report {
    let mut report = Report::new();
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let walked = walk_envelope::<ActivityInfo, _>(&mut deserializer, &mut Path::new(), &mut report)
        .and_then(|()| deserializer.end());
    if let Err(error) = walked {
        report.not_json(&error);
    }
    report
}
