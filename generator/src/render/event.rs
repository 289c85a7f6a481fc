//! `EventName` and `Event`: the backend events, told apart by handler name.

use proc_macro2::TokenStream;
use quote::quote;

use super::format::doc;
use super::items::ident;
use crate::model::{Item, Model, Presence, Ty, TypeRef};

/// What the events module says of the backend events.
pub fn module_doc() -> &'static str {
    "`Event` tells the events apart by handler name (`wixEcom_onCartCreated`)\n\
     or event type (`wix.ecom.v1.cart_created`); their types are in the app modules below."
}

/// The `use` lines and the items of `event.rs`.
pub fn tokens(model: &Model) -> (TokenStream, Vec<TokenStream>) {
    let events = Events::of(model);
    let uses = quote! {
        use serde::{Deserialize, Deserializer, Serialize, Serializer};
        use wix_activities::lenient::RestPaths;
        use wix_activities::validate::{JsonRules, Path, Report, StructRules, Validate};
    };
    (uses, vec![event_name(&events), event(model, &events)])
}

/// What every generated item of the file needs of the events, in one order.
struct Events {
    /// The module of `event.rs`, a child of the model's events module.
    module: String,
    variants: Vec<proc_macro2::Ident>,
    event_types: Vec<Option<String>>,
    handlers: Vec<String>,
    apps: Vec<String>,
    types: Vec<TokenStream>,
    name_variants: Vec<TokenStream>,
    event_variants: Vec<TokenStream>,
    /// Each event's `RestPaths` value.
    rest: Vec<TokenStream>,
}

impl Events {
    fn of(model: &Model) -> Events {
        let module = event_module(model);
        let events = &model.events;
        let variants: Vec<_> = events.iter().map(|e| ident(&e.variant)).collect();
        let name_variants = events
            .iter()
            .zip(&variants)
            .map(|(e, variant)| {
                let summary = match &e.doc {
                    Some(doc) => format!("`{}`: {}", e.handler, first_sentence(doc)),
                    None => format!("`{}`.", e.handler),
                };
                let docs = doc(Some(&summary));
                quote! { #docs #variant, }
            })
            .collect();
        let types: Vec<TokenStream> = events.iter().map(|e| type_path(&module, &e.ty)).collect();
        let event_variants = events
            .iter()
            .zip(&variants)
            .zip(&types)
            .map(|((e, variant), ty)| {
                let docs = doc(Some(&format!("The body of `{}`.", e.handler)));
                quote! { #docs #variant(#ty), }
            })
            .collect();
        let rest = events
            .iter()
            .map(|e| {
                let (images, page_urls, addresses) =
                    (&e.rest.images, &e.rest.page_urls, &e.rest.addresses);
                quote! {
                    RestPaths {
                        images: &[#(#images),*],
                        page_urls: &[#(#page_urls),*],
                        addresses: &[#(#addresses),*],
                    }
                }
            })
            .collect();
        Events {
            module,
            rest,
            event_types: events.iter().map(|e| e.event_type.clone()).collect(),
            handlers: events.iter().map(|e| e.handler.clone()).collect(),
            apps: events.iter().map(|e| e.app().to_owned()).collect(),
            variants,
            types,
            name_variants,
            event_variants,
        }
    }
}

/// `EventName`, with its conversions.
fn event_name(events: &Events) -> TokenStream {
    let Events {
        variants,
        handlers,
        apps,
        types,
        name_variants,
        rest,
        ..
    } = events;
    let count = variants.len();
    let (typed_variants, typed_names): (Vec<_>, Vec<_>) = events
        .event_types
        .iter()
        .zip(variants)
        .filter_map(|(event_type, variant)| Some((variant, event_type.as_deref()?)))
        .unzip();
    // With no event types, the match would be its one arm.
    let from_event_type = if typed_names.is_empty() {
        quote! { EventName::Other(event_type.to_owned()) }
    } else {
        quote! {
            match event_type {
                #(#typed_names => EventName::#typed_variants,)*
                other => EventName::Other(other.to_owned()),
            }
        }
    };
    quote! {

        /// Which backend event a body is: known by its handler name
        /// (`wixEcom_onCartCreated`) in Wix's backend, and by its event type
        /// (`wix.ecom.v1.cart_created`) in webhooks and the SDK.
        ///
        /// Every documented event has a variant; any other name, of either
        /// kind, reads as [`EventName::Other`], keeping the name.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum EventName {
            #(#name_variants)*
            /// A handler name or event type this crate does not know, kept as it came.
            Other(String),
        }

        impl EventName {
            /// Every documented event, sorted by handler name.
            pub const ALL: [EventName; #count] = [#(EventName::#variants),*];

            /// The event a handler name names (`wixEcom_onCartCreated`).
            pub fn from_handler(handler: &str) -> EventName {
                match handler {
                    #(#handlers => EventName::#variants,)*
                    other => EventName::Other(other.to_owned()),
                }
            }

            /// The event a Wix event type names (`wix.ecom.v1.cart_created`),
            /// as a webhook's envelope carries it.
            pub fn from_event_type(event_type: &str) -> EventName {
                #from_event_type
            }

            /// The handler name (`wixEcom_onCartCreated`); for an unknown
            /// event, the name it was read by.
            pub fn as_str(&self) -> &str {
                match self {
                    #(EventName::#variants => #handlers,)*
                    EventName::Other(name) => name,
                }
            }

            /// The Wix event type (`wix.ecom.v1.cart_created`); for an unknown
            /// event, the name it was read by if that is an event type (it has
            /// a `.`, which no handler name has).
            pub fn event_type(&self) -> Option<&str> {
                match self {
                    #(EventName::#typed_variants => Some(#typed_names),)*
                    EventName::Other(name) if name.contains('.') => Some(name),
                    _ => None,
                }
            }

            /// The app that fires the event: the handler name's part before `_on` (`wixEcom`).
            pub fn app(&self) -> &str {
                match self {
                    #(EventName::#variants => #apps,)*
                    EventName::Other(handler) => handler.split_once("_on").map_or("", |(app, _)| app),
                }
            }

            /// Where the event's REST form, as a webhook carries it, sends
            /// another shape than its SDK form (from Wix's SDK); none for an
            /// unknown event.
            #[doc(hidden)]
            pub fn rest_paths(&self) -> &'static RestPaths {
                match self {
                    #(EventName::#variants => &#rest,)*
                    EventName::Other(_) => &RestPaths::NONE,
                }
            }

            /// The raw-JSON rules of the event's body, for a documented event.
            #[doc(hidden)]
            pub fn json_rules(&self) -> Option<&'static StructRules> {
                match self {
                    #(EventName::#variants => Some(&<#types as JsonRules>::RULES),)*
                    EventName::Other(_) => None,
                }
            }
        }

        impl std::fmt::Display for EventName {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for EventName {
            type Err = std::convert::Infallible;
            fn from_str(handler: &str) -> Result<Self, Self::Err> {
                Ok(EventName::from_handler(handler))
            }
        }

        impl Serialize for EventName {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for EventName {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let handler = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                Ok(EventName::from_handler(&handler))
            }
        }
    }
}

/// `Event`: a body typed by its handler name.
fn event(model: &Model, events: &Events) -> TokenStream {
    let Events {
        variants,
        types,
        event_variants,
        ..
    } = events;
    let metadata = shared_metadata(model).map(|metadata| {
        let path = type_path(&events.module, &metadata);
        let accessors = model.events.iter().map(|e| {
            let always = model
                .structure(&e.ty)
                .and_then(|s| s.fields.iter().find(|f| f.wire == "metadata"))
                .is_some_and(|f| f.presence == Presence::Always);
            if always {
                quote! { Some(&body.metadata) }
            } else {
                quote! { body.metadata.value() }
            }
        });
        quote! {
            /// The event's `metadata` (its ID, its entity's ID, when it happened);
            /// `None` for an event this crate does not know.
            pub fn metadata(&self) -> Option<&#path> {
                match self {
                    #(Event::#variants(body) => #accessors,)*
                    Event::Other { .. } => None,
                }
            }
        }
    });

    quote! {

        /// A backend event's body, typed by its handler name.
        ///
        /// ```
        /// use wix_activities::backend_events::{Event, EventName};
        ///
        /// let body = br#"{"metadata": {"id": "c350", "entityId": "1971", "eventTime": "2022-07-28T08:36:02.227138Z"}}"#;
        /// let event = Event::from_json("wixEcom_onCartDeleted", body)?;
        /// assert_eq!(event.name(), EventName::CartDeleted);
        /// # Ok::<(), serde_json::Error>(())
        /// ```
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[allow(
            clippy::large_enum_variant,
            reason = "an event holds one body, read once; boxing would add an allocation to every parse"
        )]
        pub enum Event {
            #(#event_variants)*
            /// The body of an event this crate does not know, kept as raw JSON.
            Other {
                /// The handler name.
                handler: String,
                /// The body as it came.
                body: wix_activities::Json,
            },
        }

        impl Event {
            /// Reads the JSON body of the event that handler `handler` receives.
            /// An unknown handler name gives [`Event::Other`]; unknown fields are kept.
            pub fn from_json(handler: &str, body: &[u8]) -> serde_json::Result<Event> {
                let mut deserializer = serde_json::Deserializer::from_slice(body);
                let event = Event::deserialize_named(EventName::from_handler(handler), &mut deserializer)?;
                deserializer.end()?;
                Ok(event)
            }

            /// Reads an already parsed body of the event that handler `handler` receives.
            pub fn from_value(handler: &str, body: serde_json::Value) -> serde_json::Result<Event> {
                Event::deserialize_named(EventName::from_handler(handler), body)
            }

            /// Reads the body of event `name` from any serde deserializer.
            pub fn deserialize_named<'de, D: Deserializer<'de>>(
                name: EventName,
                deserializer: D,
            ) -> Result<Event, D::Error> {
                Ok(match name {
                    #(EventName::#variants => Event::#variants(Deserialize::deserialize(deserializer)?),)*
                    EventName::Other(handler) => Event::Other {
                        handler,
                        body: Deserialize::deserialize(deserializer)?,
                    },
                })
            }

            /// The event's handler name.
            pub fn name(&self) -> EventName {
                match self {
                    #(Event::#variants(_) => EventName::#variants,)*
                    Event::Other { handler, .. } => EventName::Other(handler.clone()),
                }
            }

            #metadata
        }

        /// Writes the body, as it would arrive.
        impl Serialize for Event {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(Event::#variants(body) => body.serialize(serializer),)*
                    Event::Other { body, .. } => body.serialize(serializer),
                }
            }
        }

        impl Validate for Event {
            fn validate_into(&self, path: &mut Path, report: &mut Report) {
                match self {
                    #(Event::#variants(body) => body.validate_into(path, report),)*
                    Event::Other { .. } => {}
                }
            }
        }

        #(
            impl From<#types> for Event {
                fn from(body: #types) -> Self {
                    Event::#variants(body)
                }
            }
        )*
    }
}

/// The type of the required `metadata` field that every event has, if they all have one.
fn shared_metadata(model: &Model) -> Option<TypeRef> {
    let mut shared: Option<TypeRef> = None;
    for event in &model.events {
        let item = model
            .modules
            .get(&event.ty.module)?
            .items
            .iter()
            .find(|item| item.name() == event.ty.name)?;
        let Item::Struct(s) = item else { return None };
        let field = s.fields.iter().find(|f| f.wire == "metadata")?;
        if !(field.required || field.expected) {
            return None;
        }
        let Ty::Named(reference) = &field.ty else {
            return None;
        };
        if shared.as_ref().is_some_and(|seen| seen != reference) {
            return None;
        }
        shared = Some(reference.clone());
    }
    shared
}

/// The module `event.rs` is included as.
pub fn event_module(model: &Model) -> String {
    match model.event_module.as_str() {
        "" => "event".to_owned(),
        parent => format!("{parent}::event"),
    }
}

/// A type's path from the `event` module.
fn type_path(module: &str, reference: &TypeRef) -> TokenStream {
    super::items::type_path(module, reference)
}

/// The first sentence of a description, for a one-line summary.
fn first_sentence(text: &str) -> &str {
    let line = text.lines().next().unwrap_or_default();
    match line.find(". ") {
        Some(end) => &line[..=end],
        None => line,
    }
}
