//! Stage 4: the model → every output file, as text.
//!
//! Rendering is pure: it returns `file name → text` in a `BTreeMap`, and the
//! caller decides whether to write it (`generate`) or compare it
//! (`--check`). The same model always gives the same bytes.

mod activity;
mod event;
pub(crate) mod format;
mod items;
pub mod json_schemas;
mod scope;
mod validators;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::error::Result;
use crate::model::{self, Model, ACTIVITY_TYPES, EVENT_TYPES};

pub use crate::model::INDEX;

/// Choices that change the rendered code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The feature under which types derive `schemars::JsonSchema`, if any.
    pub schemars_feature: Option<String>,
}

/// Every output file (`file name → text`), and for each schema file the Rust
/// of the types first found in it (`schema path → text`), for review.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    /// The output files.
    pub files: BTreeMap<String, String>,
    /// The types of each schema file, formatted.
    pub by_schema: BTreeMap<String, String>,
}

/// Renders every output file. `schemas` is how headers name the schema folder.
pub fn files(model: &Model, schemas: &str, options: &Options) -> Result<Rendered> {
    let mut files = BTreeMap::new();
    let mut by_schema: BTreeMap<String, String> = BTreeMap::new();
    let mut tree = Declarations::default();
    for module in model.modules.values() {
        let file_name = &module.file;
        let from = match module.sources.as_slice() {
            [one] => format!("{schemas}/{one}"),
            many => {
                let folders: std::collections::BTreeSet<String> = many
                    .iter()
                    .map(|s| {
                        s.rsplit_once('/')
                            .map_or(String::new(), |(d, _)| format!("{d}/"))
                    })
                    .collect();
                let folders: Vec<String> = folders
                    .into_iter()
                    .map(|f| format!("{schemas}/{f}"))
                    .collect();
                folders.join(", ")
            }
        };
        let (uses, items) = items::module(module, options);
        // Each item is formatted once, for its module's file and its schema's review text.
        let mut texts = Vec::with_capacity(items.len());
        for (schema, item) in items {
            let text = format::item(item)?;
            let entry = by_schema.entry(schema).or_default();
            if !entry.is_empty() {
                entry.push('\n');
            }
            entry.push_str(&text);
            texts.push(text);
        }
        files.insert(
            file_name.clone(),
            format::assemble(&format::header(&from), uses, &texts)?,
        );
        let node = tree.node(&module.name);
        node.doc = Some(
            module
                .doc
                .clone()
                .unwrap_or_else(|| default_module_doc(module)),
        );
        node.body.extend(quote! { include!(#file_name); });
    }
    let mut tail = Vec::new();
    if !model.activities.is_empty() {
        let (uses, items) = activity::tokens(model);
        files.insert(
            model::file(ACTIVITY_TYPES),
            format::file(
                &format::header(&format!("{schemas}/activities/")),
                uses,
                items,
            )?,
        );
        tail.push(activity_index());
    }
    if !model.events.is_empty() {
        let (uses, items) = event::tokens(model);
        let folder = match model.event_module.as_str() {
            "" => format!("{schemas}/"),
            module => format!("{schemas}/{}/", module.replace("::", "/")),
        };
        files.insert(
            model::file(EVENT_TYPES),
            format::file(&format::header(&folder), uses, items)?,
        );
        if model.event_module.is_empty() {
            tail.push(event_index());
        } else {
            let node = tree.node(&model.event_module);
            node.doc = Some(match node.doc.take() {
                Some(doc) => format!("{doc}\n\n{}", event::module_doc()),
                None => event::module_doc().to_owned(),
            });
            node.body.extend(event_index());
        }
    }
    let index: Vec<TokenStream> = tree
        .children
        .iter()
        .map(|(name, node)| node.tokens(name))
        .chain(tail)
        .collect();
    files.insert(
        INDEX.to_owned(),
        format::file(
            &format::header(&format!("{schemas}/")),
            TokenStream::new(),
            index,
        )?,
    );
    Ok(Rendered { files, by_schema })
}

fn event_index() -> TokenStream {
    own_module(EVENT_TYPES, quote! { {Event, EventName} })
}

/// One of the generator's own modules, included from its file, with what it
/// exports.
fn own_module(name: &str, exports: TokenStream) -> TokenStream {
    let module = format_ident!("{name}");
    let file = model::file(name);
    quote! {
        mod #module {
            include!(#file);
        }
        pub use #module::#exports;
    }
}

/// The module declarations of `mod.rs`, nested as the `::` paths say.
#[derive(Default)]
struct Declarations {
    doc: Option<String>,
    /// What goes inside the module before its children: the `include!`.
    body: TokenStream,
    children: BTreeMap<String, Declarations>,
}

impl Declarations {
    fn node(&mut self, path: &str) -> &mut Declarations {
        path.split("::").fold(self, |node, segment| {
            node.children.entry(segment.to_owned()).or_default()
        })
    }

    fn tokens(&self, name: &str) -> TokenStream {
        let ident = items::ident(name);
        let docs = format::doc(Some(
            self.doc
                .as_deref()
                .unwrap_or("Modules of the schemas in this folder."),
        ));
        let body = &self.body;
        let children = self.children.iter().map(|(name, child)| child.tokens(name));
        quote! {
            #docs
            pub mod #ident {
                #body
                #(#children)*
            }
        }
    }
}

fn activity_index() -> TokenStream {
    own_module(ACTIVITY_TYPES, quote! { {ActivityInfo, ActivityType} })
}

fn default_module_doc(module: &crate::model::Module) -> String {
    match module.name.as_str() {
        "common" => "Types that several activities share, such as a person's name.".to_owned(),
        "envelope" => {
            "The activity envelope: details, contact update, the post result, and listing."
                .to_owned()
        }
        name => format!("Types from the `{name}` schemas."),
    }
}
