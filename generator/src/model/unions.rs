//! Alternatives (`oneOf`, `anyOf`) as a Rust enum: a variant for each
//! branch, named by the type it holds, and the tag that tells the branches
//! apart when every one is an object with its own constant for a property.

use std::collections::HashMap;

use serde_json::Value;

use super::rules::{self, EnumValues};
use super::shapes::{type_names, union_branches, Plan, Planned};
use super::{Alternative, Ty, TypeRef, Union};
use crate::keywords::{format_of, Format};
use crate::naming::Names;

/// The union `planned` is; its branches' named types are in `plan`, by
/// the key typify knows them by (`by_key`).
pub(super) fn build(
    planned: &Planned,
    plan: &Plan,
    by_key: &HashMap<String, TypeRef>,
    enums: &HashMap<TypeRef, EnumValues>,
) -> Union {
    let (keyword, branches) = match union_branches(&planned.hoisted) {
        Some((keyword, branches)) => (keyword, branches.clone()),
        None => ("oneOf", Vec::new()),
    };
    let mut names = Names::new();
    let mut variants: Vec<Alternative> = branches
        .iter()
        .map(|branch| {
            let ty = branch_type(branch, by_key);
            let ident = names.numbered(&variant_name(&ty), "");
            Alternative {
                ident,
                rule: rules::of(&ty, branch, enums, planned.leniency),
                tag: None,
                doc: branch
                    .get("description")
                    .or_else(|| branch.get("title"))
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                ty,
            }
        })
        .collect();
    let tag = tag(&variants, plan).map(|(property, values)| {
        for (variant, value) in variants.iter_mut().zip(values) {
            variant.tag = Some(value);
        }
        property
    });
    Union {
        name: planned.name.clone(),
        doc: planned.doc.clone(),
        variants,
        exactly_one: keyword == "oneOf",
        tag,
        origin: planned.origin.clone(),
        leniency: planned.leniency,
    }
}

/// The type a branch holds: the named type it refers to, or the value its
/// schema describes.
fn branch_type(branch: &Value, by_key: &HashMap<String, TypeRef>) -> Ty {
    if let Some(target) = branch.get("$ref").and_then(Value::as_str) {
        let key = target.rsplit('/').next().unwrap_or_default();
        if let Some(reference) = by_key.get(key) {
            return Ty::Named(reference.clone());
        }
    }
    let types = type_names(branch);
    match types.as_slice() {
        ["string"] => match format_of(branch) {
            Some(Format::DateTime) => Ty::DateTime,
            Some(Format::Decimal) => Ty::Decimal,
            Some(Format::Int64) => Ty::Int64,
            _ => Ty::String,
        },
        ["integer"] => Ty::Integer,
        ["number"] => Ty::Number,
        ["boolean"] => Ty::Bool,
        ["array"] => {
            let items = branch.get("items").unwrap_or(&Value::Null);
            match branch_type(items, by_key) {
                Ty::JsonObject => Ty::Json,
                inner => Ty::Vec(Box::new(inner)),
            }
        }
        ["object"] => Ty::JsonObject,
        _ => Ty::Json,
    }
}

/// A variant's name: the type it holds (`Circle`), or its kind of value.
fn variant_name(ty: &Ty) -> String {
    match ty {
        Ty::Named(reference) => reference.name.clone(),
        Ty::String => "Text".into(),
        Ty::Integer | Ty::Int64 => "Integer".into(),
        Ty::Number | Ty::Decimal | Ty::Amount => "Number".into(),
        Ty::Bool => "Bool".into(),
        Ty::DateTime => "DateTime".into(),
        Ty::Vec(inner) => format!("{}List", variant_name(inner)),
        Ty::JsonObject => "Object".into(),
        Ty::Json | Ty::External(_) => "Json".into(),
    }
}

/// The property every branch, each an object, gives a constant of its own
/// (`kind`: `circle`, `square`), and those constants in branch order.
fn tag(variants: &[Alternative], plan: &Plan) -> Option<(String, Vec<String>)> {
    let schemas: Vec<&Value> = variants
        .iter()
        .map(|variant| match &variant.ty {
            Ty::Named(reference) => plan
                .types
                .iter()
                .find(|t| t.name == reference.name && t.module == reference.module)
                .map(|t| &t.schema),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let first = schemas.first()?.get("properties")?.as_object()?;
    first.keys().find_map(|property| {
        let values: Vec<String> = schemas
            .iter()
            .map(|schema| constant(schema.get("properties")?.get(property)?))
            .collect::<Option<_>>()?;
        let distinct = values
            .iter()
            .enumerate()
            .all(|(i, v)| !values[..i].contains(v));
        distinct.then(|| (property.clone(), values))
    })
}

/// The one text a property's schema allows: its `const`, or an `enum` of one.
fn constant(schema: &Value) -> Option<String> {
    if let Some(text) = schema.get("const").and_then(Value::as_str) {
        return Some(text.to_owned());
    }
    match schema.get("enum")?.as_array()?.as_slice() {
        [Value::String(one)] => Some(one.clone()),
        _ => None,
    }
}
