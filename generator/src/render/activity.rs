//! `ActivityType` and `ActivityInfo`: the catalogue of activity types.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::format::doc;
use super::items::ident;
use crate::model::{Activity, Model};
use crate::naming::pascal;

/// One wire name of the `ActivityType` enum.
struct Kind {
    wire: String,
    variant: Ident,
    doc: String,
    /// For a deprecated type, the wire names of the types that replace it.
    replaced_by: Vec<String>,
}

/// The activity types of the catalogue: the documented ones (with an `info`
/// type), then the deprecated ones without one.
struct Catalogue {
    documented: Vec<Kind>,
    deprecated: Vec<Kind>,
    notifications: Vec<String>,
}

impl Catalogue {
    fn of(model: &Model) -> Catalogue {
        let documented = model
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
        let deprecated = model
            .catalogue
            .deprecated
            .iter()
            .filter(|d| !model.activities.iter().any(|a| a.wire_name == d.wire_name))
            .map(|d| Kind {
                wire: d.wire_name.clone(),
                variant: variant_of(&d.wire_name),
                doc: format!("`{}`, deprecated: {}", d.wire_name, d.description),
                replaced_by: d.replaced_by.clone(),
            })
            .collect();
        Catalogue {
            documented,
            deprecated,
            notifications: model.catalogue.notifications.iter().cloned().collect(),
        }
    }

    fn all(&self) -> impl Iterator<Item = &Kind> {
        self.documented.iter().chain(&self.deprecated)
    }
}

/// The `ActivityType` variant of a wire name (`hotels/purchase` → `HotelsPurchase`).
fn variant_of(wire_name: &str) -> Ident {
    ident(&pascal(&wire_name.replace('/', "_")))
}

/// The `use` lines and the items of `activity_type.rs`.
pub fn tokens(model: &Model) -> (TokenStream, Vec<TokenStream>) {
    let catalogue = Catalogue::of(model);
    let uses = quote! {
        use serde::{Deserialize, Deserializer, Serialize, Serializer};
        use wix_activities::validate::{JsonRules, Path, Report, StructRules, Validate};
    };
    let items = vec![
        activity_type(&catalogue),
        activity_type_impls(&catalogue),
        activity_info(model),
        typed_info(model, &catalogue),
        from_impls(&model.activities),
        payload_impls(model),
    ];
    (uses, items)
}

fn activity_type(catalogue: &Catalogue) -> TokenStream {
    let variants = catalogue.all().map(|k| {
        let (docs, variant) = (doc(Some(&k.doc)), &k.variant);
        quote! { #docs #variant, }
    });
    quote! {
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
    }
}

/// `matches!(self, A | B)`, or `false` for no variants.
fn any_of(variants: &[&Ident]) -> TokenStream {
    if variants.is_empty() {
        quote! { false }
    } else {
        quote! { matches!(self, #(ActivityType::#variants)|*) }
    }
}

fn activity_type_impls(catalogue: &Catalogue) -> TokenStream {
    let as_str = catalogue.all().map(|k| {
        let (variant, wire) = (&k.variant, &k.wire);
        quote! { ActivityType::#variant => #wire, }
    });
    let from_wire = catalogue.all().map(|k| {
        let (variant, wire) = (&k.variant, &k.wire);
        quote! { #wire => ActivityType::#variant, }
    });
    let documented: Vec<&Ident> = catalogue.documented.iter().map(|k| &k.variant).collect();
    let deprecated: Vec<&Ident> = catalogue.deprecated.iter().map(|k| &k.variant).collect();
    let replaced = catalogue.deprecated.iter().map(|k| {
        let variant = &k.variant;
        let by = k.replaced_by.iter().map(|w| variant_of(w));
        quote! { ActivityType::#variant => &[#(ActivityType::#by),*], }
    });
    // Without deprecated types the match would be its one arm.
    let replaced_by = if catalogue.deprecated.is_empty() {
        quote! { &[] }
    } else {
        quote! {
            match self {
                #(#replaced)*
                _ => &[],
            }
        }
    };
    let notifying: Vec<&Ident> = catalogue
        .all()
        .filter(|k| catalogue.notifications.contains(&k.wire))
        .map(|k| &k.variant)
        .collect();
    let (notifies, is_deprecated) = (any_of(&notifying), any_of(&deprecated));
    let (documented_count, deprecated_count) = (documented.len(), deprecated.len());
    quote! {
        impl ActivityType {
            /// Every type with a documented `info` schema.
            pub const DOCUMENTED: [ActivityType; #documented_count] = [#(ActivityType::#documented),*];

            /// Every type Wix deprecated.
            pub const DEPRECATED: [ActivityType; #deprecated_count] = [#(ActivityType::#deprecated),*];

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
                #is_deprecated
            }

            /// The types to post instead of a deprecated one.
            pub fn replaced_by(&self) -> &'static [ActivityType] {
                #replaced_by
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
    }
}

fn activity_info(model: &Model) -> TokenStream {
    let activities = &model.activities;
    let variants = activities.iter().map(|a| {
        let (variant, info) = (ident(&a.variant), type_path(&a.info));
        let docs = doc(Some(&format!(
            "The `info` of a `{}` activity.",
            a.wire_name
        )));
        quote! { #docs #variant(#info), }
    });
    let info_type = activities.iter().map(|a| {
        let variant = ident(&a.variant);
        quote! { ActivityInfo::#variant(_) => ActivityType::#variant, }
    });
    quote! {
        /// The `info` of an activity, typed by the activity's type.
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[allow(clippy::large_enum_variant, reason = "an activity holds one info, read once; boxing would add an allocation to every parse")]
        pub enum ActivityInfo {
            #(#variants)*
            /// The `info` of a type with no documented shape (deprecated or
            /// unknown), kept as raw JSON.
            Other {
                /// The activity's type.
                activity_type: ActivityType,
                /// The `info` as it came.
                info: wix_activities::Json,
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
    }
}

/// `impl TypedInfo for ActivityInfo`: what `Activity` asks of its `info`.
fn typed_info(model: &Model, catalogue: &Catalogue) -> TokenStream {
    let each = |f: &dyn Fn(&Activity, &Ident) -> TokenStream| -> Vec<TokenStream> {
        model
            .activities
            .iter()
            .map(|a| f(a, &ident(&a.variant)))
            .collect()
    };
    let wire_name = each(&|a, v| {
        let wire = &a.wire_name;
        quote! { ActivityInfo::#v(_) => #wire, }
    });
    let read = each(&|a, v| {
        let wire = &a.wire_name;
        quote! { #wire => ActivityInfo::#v(Deserialize::deserialize(deserializer)?), }
    });
    let write = each(&|_, v| quote! { ActivityInfo::#v(info) => info.serialize(serializer), });
    let validate =
        each(&|_, v| quote! { ActivityInfo::#v(info) => info.validate_into(path, report), });
    let rules = each(&|a, _| {
        let (wire, info) = (&a.wire_name, type_path(&a.info));
        quote! { #wire => Some(&<#info as JsonRules>::RULES), }
    });
    let undocumented = each(&|a, v| {
        let extra = ident(
            model
                .structure(&a.info)
                .map_or("extra", |s| s.extra.as_str()),
        );
        quote! { ActivityInfo::#v(info) => Some(&info.#extra), }
    });
    let documented = catalogue.documented.iter().map(|k| &k.wire);
    let deprecated = catalogue.deprecated.iter().map(|k| {
        let (wire, by) = (&k.wire, &k.replaced_by);
        quote! { #wire => wix_activities::Documentation::Deprecated { replaced_by: &[#(#by),*] }, }
    });
    quote! {
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
                    #(#rules)*
                    _ => None,
                }
            }

            fn undocumented(&self) -> Option<&wix_activities::JsonMap> {
                match self {
                    #(#undocumented)*
                    ActivityInfo::Other { .. } => None,
                }
            }

            fn documentation(wire_name: &str) -> wix_activities::Documentation {
                match wire_name {
                    #(#documented)|* => wix_activities::Documentation::Documented,
                    #(#deprecated)*
                    _ => wix_activities::Documentation::Unknown,
                }
            }
        }
    }
}

fn from_impls(activities: &[Activity]) -> TokenStream {
    let impls = activities.iter().map(|a| {
        let (variant, info) = (ident(&a.variant), type_path(&a.info));
        quote! {
            impl From<#info> for ActivityInfo {
                fn from(info: #info) -> Self {
                    ActivityInfo::#variant(info)
                }
            }
        }
    });
    quote! { #(#impls)* }
}

/// `ActivityPayload` for each activity's struct, and `From` it for `Activity`.
fn payload_impls(model: &Model) -> TokenStream {
    let impls = model.activities.iter().map(|a| {
        let (wire, variant, info) = (&a.wire_name, ident(&a.variant), type_path(&a.info));
        let extra = ident(
            model
                .structure(&a.info)
                .map_or("extra", |s| s.extra.as_str()),
        );
        quote! {
            impl wix_activities::ActivityPayload for #info {
                const WIRE_NAME: &'static str = #wire;

                fn undocumented(&self) -> &wix_activities::JsonMap {
                    &self.#extra
                }

                fn documentation() -> wix_activities::Documentation {
                    <ActivityInfo as wix_activities::TypedInfo>::documentation(#wire)
                }
            }

            impl From<#info> for wix_activities::Activity<ActivityInfo> {
                fn from(info: #info) -> Self {
                    wix_activities::Activity::new(ActivityInfo::#variant(info))
                }
            }
        }
    });
    quote! { #(#impls)* }
}

/// A generated type's path from the `activity_type` module, a child of the root.
fn type_path(reference: &crate::model::TypeRef) -> TokenStream {
    super::items::type_path("activity_type", reference)
}
