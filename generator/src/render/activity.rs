//! `ActivityType` and `ActivityInfo`: the catalogue of activity types.

use proc_macro2::TokenStream;
use quote::quote;

use super::format::doc;
use super::items::ident;
use crate::model::Model;
use crate::naming::pascal;

/// One wire name of the `ActivityType` enum.
struct Kind {
    wire: String,
    variant: proc_macro2::Ident,
    doc: String,
    replaced_by: Vec<proc_macro2::Ident>,
}

pub fn tokens(model: &Model) -> (TokenStream, Vec<TokenStream>) {
    let catalogue = &model.catalogue;
    let documented: Vec<Kind> = model
        .activities
        .iter()
        .map(|a| Kind {
            wire: a.wire_name.clone(),
            variant: ident(&a.variant),
            doc: match &a.doc {
                Some(doc) => format!("`{}`: {doc}", a.wire_name),
                None => format!("`{}`.", a.wire_name),
            },
            replaced_by: vec![],
        })
        .collect();
    let deprecated: Vec<Kind> = catalogue
        .deprecated
        .iter()
        .filter(|d| !model.activities.iter().any(|a| a.wire_name == d.wire_name))
        .map(|d| Kind {
            wire: d.wire_name.clone(),
            variant: ident(&pascal(&d.wire_name.replace('/', "_"))),
            doc: format!("`{}`, deprecated: {}", d.wire_name, d.description),
            replaced_by: d
                .replaced_by
                .iter()
                .map(|w| ident(&pascal(&w.replace('/', "_"))))
                .collect(),
        })
        .collect();
    let all: Vec<&Kind> = documented.iter().chain(&deprecated).collect();

    let variants = all.iter().map(|k| {
        let (docs, variant) = (doc(Some(&k.doc)), &k.variant);
        quote! { #docs #variant, }
    });
    let as_str = all.iter().map(|k| {
        let (variant, wire) = (&k.variant, &k.wire);
        quote! { ActivityType::#variant => #wire, }
    });
    let from_wire = all.iter().map(|k| {
        let (variant, wire) = (&k.variant, &k.wire);
        quote! { #wire => ActivityType::#variant, }
    });
    let documented_list = documented.iter().map(|k| &k.variant);
    let deprecated_list = deprecated.iter().map(|k| &k.variant);
    let replaced = deprecated.iter().map(|k| {
        let (variant, by) = (&k.variant, &k.replaced_by);
        quote! { ActivityType::#variant => &[#(ActivityType::#by),*], }
    });
    let notifying: Vec<_> = all
        .iter()
        .filter(|k| catalogue.notifications.contains(&k.wire))
        .map(|k| &k.variant)
        .collect();
    let notifies = if notifying.is_empty() {
        quote! { false }
    } else {
        quote! { matches!(self, #(ActivityType::#notifying)|*) }
    };
    let deprecated_match = if deprecated.is_empty() {
        quote! { false }
    } else {
        let list = deprecated.iter().map(|k| &k.variant);
        quote! { matches!(self, #(ActivityType::#list)|*) }
    };
    let documented_count = documented.len();
    let deprecated_count = deprecated.len();

    let info_variants = model.activities.iter().map(|a| {
        let (variant, info) = (ident(&a.variant), type_path(&a.info));
        let docs = doc(Some(&format!(
            "The `info` of a `{}` activity.",
            a.wire_name
        )));
        quote! { #docs #variant(#info), }
    });
    let info_type = model.activities.iter().map(|a| {
        let variant = ident(&a.variant);
        quote! { ActivityInfo::#variant(_) => ActivityType::#variant, }
    });
    let wire_name = model.activities.iter().map(|a| {
        let (variant, wire) = (ident(&a.variant), &a.wire_name);
        quote! { ActivityInfo::#variant(_) => #wire, }
    });
    let read = model.activities.iter().map(|a| {
        let (variant, wire) = (ident(&a.variant), &a.wire_name);
        quote! { #wire => ActivityInfo::#variant(Deserialize::deserialize(deserializer)?), }
    });
    let write = model.activities.iter().map(|a| {
        let variant = ident(&a.variant);
        quote! { ActivityInfo::#variant(info) => info.serialize(serializer), }
    });
    let validate = model.activities.iter().map(|a| {
        let variant = ident(&a.variant);
        quote! { ActivityInfo::#variant(info) => info.validate_into(path, report), }
    });
    let info_rules = model.activities.iter().map(|a| {
        let (wire, info) = (&a.wire_name, type_path(&a.info));
        quote! { #wire => Some(&<#info as JsonRules>::RULES), }
    });
    let undocumented = model.activities.iter().map(|a| {
        let variant = ident(&a.variant);
        let extra = ident(
            model
                .structure(&a.info)
                .map_or("extra", |s| s.extra.as_str()),
        );
        quote! { ActivityInfo::#variant(info) => Some(&info.#extra), }
    });
    let documented_wires = documented.iter().map(|k| &k.wire);
    let deprecated_docs = deprecated.iter().map(|k| {
        let wire = &k.wire;
        let by: Vec<String> = catalogue
            .deprecated
            .iter()
            .find(|d| d.wire_name == k.wire)
            .map(|d| d.replaced_by.clone())
            .unwrap_or_default();
        quote! { #wire => wix_activities::Documentation::Deprecated { replaced_by: &[#(#by),*] }, }
    });
    let from_impls = model.activities.iter().map(|a| {
        let (variant, info) = (ident(&a.variant), type_path(&a.info));
        quote! {
            impl From<#info> for ActivityInfo {
                fn from(info: #info) -> Self {
                    ActivityInfo::#variant(info)
                }
            }
        }
    });

    let uses = quote! {
        use serde::{Deserialize, Deserializer, Serialize, Serializer};
        use wix_activities::validate::{JsonRules, Path, Report, StructRules, Validate};
    };
    let activity_type = quote! {
        /// The type of an activity: the wire name in its `type` (or `activityType`) field.
        ///
        /// Every documented and deprecated type has a variant; any other wire
        /// name reads as [`ActivityType::Other`], keeping the name.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ActivityType {
            #(#variants)*
            /// A wire name this crate does not know, kept as it came.
            Other(String),
        }
    };
    let activity_type_impl = quote! {
        impl ActivityType {
            /// Every type with a documented `info` schema.
            pub const DOCUMENTED: [ActivityType; #documented_count] = [#(ActivityType::#documented_list),*];

            /// Every type Wix deprecated.
            pub const DEPRECATED: [ActivityType; #deprecated_count] = [#(ActivityType::#deprecated_list),*];

            /// The type with this wire name (`hotels/purchase`).
            pub fn from_wire(wire_name: &str) -> ActivityType {
                match wire_name {
                    #(#from_wire)*
                    other => ActivityType::Other(other.to_owned()),
                }
            }

            /// The wire name (`hotels/purchase`).
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    ActivityType::Other(wire_name) => wire_name,
                }
            }

            /// Whether Wix deprecated this type.
            pub fn is_deprecated(&self) -> bool {
                #deprecated_match
            }

            /// The types to post instead of a deprecated one.
            pub fn replaced_by(&self) -> &'static [ActivityType] {
                match self {
                    #(#replaced)*
                    _ => &[],
                }
            }

            /// Whether posting this activity shows a notification in the site's dashboard.
            pub fn notifies_dashboard(&self) -> bool {
                #notifies
            }
        }

        impl std::fmt::Display for ActivityType {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for ActivityType {
            type Err = std::convert::Infallible;

            fn from_str(wire_name: &str) -> Result<Self, Self::Err> {
                Ok(ActivityType::from_wire(wire_name))
            }
        }

        impl Serialize for ActivityType {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for ActivityType {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let wire_name = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                Ok(ActivityType::from_wire(&wire_name))
            }
        }
    };
    let activity_info = quote! {
        /// The `info` of an activity, typed by the activity's type.
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[allow(clippy::large_enum_variant, reason = "an activity holds one info, read once; boxing would add an allocation to every parse")]
        pub enum ActivityInfo {
            #(#info_variants)*
            /// The `info` of a type with no documented shape (deprecated or
            /// unknown), kept as raw JSON.
            Other {
                /// The activity's type.
                activity_type: ActivityType,
                /// The `info` as it came.
                info: serde_json::Value,
            },
        }

        impl ActivityInfo {
            /// The activity type this `info` belongs to.
            pub fn activity_type(&self) -> ActivityType {
                match self {
                    #(#info_type)*
                    ActivityInfo::Other { activity_type, .. } => activity_type.clone(),
                }
            }
        }

        impl wix_activities::TypedInfo for ActivityInfo {
            fn wire_name(&self) -> &str {
                match self {
                    #(#wire_name)*
                    ActivityInfo::Other { activity_type, .. } => activity_type.as_str(),
                }
            }

            fn deserialize_info<'de, D: Deserializer<'de>>(wire_name: &str, deserializer: D) -> Result<Self, D::Error> {
                Ok(match wire_name {
                    #(#read)*
                    other => ActivityInfo::Other {
                        activity_type: ActivityType::from_wire(other),
                        info: Deserialize::deserialize(deserializer)?,
                    },
                })
            }

            fn serialize_info<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#write)*
                    ActivityInfo::Other { info, .. } => info.serialize(serializer),
                }
            }

            fn validate_info(&self, path: &mut Path, report: &mut Report) {
                match self {
                    #(#validate)*
                    // No documented shape: nothing to check.
                    ActivityInfo::Other { .. } => {}
                }
            }

            fn info_rules(wire_name: &str) -> Option<&'static StructRules> {
                match wire_name {
                    #(#info_rules)*
                    _ => None,
                }
            }

            fn undocumented(&self) -> Option<&serde_json::Map<String, serde_json::Value>> {
                match self {
                    #(#undocumented)*
                    ActivityInfo::Other { .. } => None,
                }
            }

            fn documentation(wire_name: &str) -> wix_activities::Documentation {
                match wire_name {
                    #(#documented_wires)|* => wix_activities::Documentation::Documented,
                    #(#deprecated_docs)*
                    _ => wix_activities::Documentation::Unknown,
                }
            }
        }

        #(#from_impls)*
    };
    (uses, vec![activity_type, activity_type_impl, activity_info])
}

/// A generated type's path from the `activity_type` module, a child of the root.
fn type_path(reference: &crate::model::TypeRef) -> TokenStream {
    super::items::type_path("activity_type", reference)
}
