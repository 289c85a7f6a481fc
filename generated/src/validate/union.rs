//! Alternatives (`oneOf`, `anyOf`): a value checked against each branch.
//!
//! The value is buffered as its JSON text (numbers keep their spelling) and
//! walked once per branch into a report of its own. A branch named by the
//! value's tag property is the only one checked, and its violations are the
//! value's; otherwise the branches that match decide, and when none does,
//! the violations of the one that came closest are reported, so that a
//! pointer leads to what to fix.

use serde_json::Value;

use super::rules::Union;
use super::{Kind, Path, Report};

/// Checks the JSON `text` of a value against `union`.
pub(crate) fn check(
    text: &str,
    union: &Union,
    required: bool,
    path: &mut Path,
    report: &mut Report,
) {
    if text == "null" && !required {
        return;
    }
    if let Some(branch) = tagged_branch(text, union) {
        walk(text, &union.branches[branch], path, report);
        return;
    }
    let outcomes: Vec<Report> = union
        .branches
        .iter()
        .map(|branch| {
            let mut outcome = Report::new();
            walk(text, branch, path, &mut outcome);
            outcome
        })
        .collect();
    let matching: Vec<usize> = (0..outcomes.len())
        .filter(|&i| outcomes[i].is_valid())
        .collect();
    match matching.as_slice() {
        [] => none_match(outcomes, path, report),
        [one] => report.extend(outcomes.into_iter().nth(*one).unwrap_or_default()),
        [first, ..] if !union.exactly_one => {
            report.extend(outcomes.into_iter().nth(*first).unwrap_or_default());
        }
        many => {
            let numbers: Vec<String> = many.iter().map(|i| (i + 1).to_string()).collect();
            report.error(
                path,
                Kind::Alternatives,
                format_args!(
                    "{} matches alternatives {}, where exactly one is allowed (`oneOf`)",
                    subject(path),
                    numbers.join(" and ")
                ),
            );
        }
    }
}

/// The branch the value's tag names, when the union has a tag and the
/// value is an object that sends one of its values.
fn tagged_branch(text: &str, union: &Union) -> Option<usize> {
    let (property, values) = union.tag?;
    if !text.starts_with('{') {
        return None;
    }
    let value: Value = serde_json::from_str(text).ok()?;
    let tag = value.get(property)?.as_str()?;
    values.iter().position(|v| *v == tag)
}

/// No branch matches: the closest one's violations, where it came close
/// (errors inside the value); one error at the value where every branch
/// wants another kind of value.
fn none_match(outcomes: Vec<Report>, path: &Path, report: &mut Report) {
    let pointer = path.pointer();
    let at_value = |outcome: &Report| outcome.errors().all(|e| e.pointer == pointer);
    if outcomes.iter().all(at_value) {
        let wanted: Vec<String> = outcomes
            .iter()
            .filter_map(|o| o.errors().next())
            .map(|e| e.message.clone())
            .collect();
        report.error(
            path,
            Kind::Alternatives,
            format_args!(
                "{} matches none of its alternatives: {}",
                subject(path),
                wanted.join("; ")
            ),
        );
        return;
    }
    let closest = outcomes
        .into_iter()
        .filter(|o| !at_value(o))
        .min_by_key(|o| o.errors().count());
    report.extend(closest.unwrap_or_default());
}

fn subject(path: &Path) -> String {
    match path.pointer().rsplit('/').next() {
        Some(name) if !path.pointer().is_empty() => format!("`{name}`"),
        _ => "the value".to_owned(),
    }
}

fn walk(text: &str, rule: &super::Rule, path: &mut Path, report: &mut Report) {
    super::walk::text(text, rule, true, path, report);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{FieldRule, Rule, StructRules, Text};

    const CIRCLE: StructRules = StructRules::new(&[
        FieldRule::required("kind", Rule::Text(Text::ANY.constant("circle"))),
        FieldRule::required("radius", Rule::NUMBER),
    ]);
    const SQUARE: StructRules = StructRules::new(&[
        FieldRule::required("kind", Rule::Text(Text::ANY.constant("square"))),
        FieldRule::required("side", Rule::NUMBER),
    ]);
    const SHAPE: Union = Union::one_of(&[Rule::Object(&CIRCLE), Rule::Object(&SQUARE)])
        .tagged("kind", &["circle", "square"]);
    const ID: Union = Union::one_of(&[Rule::STRICT_TEXT, Rule::STRICT_INTEGER]);
    const NUMBERS: Union = Union::one_of(&[Rule::NUMBER, Rule::INTEGER]);

    fn run(text: &str, union: &Union) -> Vec<String> {
        let mut report = Report::new();
        let mut path = Path::new();
        path.push_key("x");
        check(text, union, true, &mut path, &mut report);
        report.violations().iter().map(|v| v.to_string()).collect()
    }

    #[test]
    fn a_tag_names_the_branch_whose_violations_are_the_values() {
        assert!(run(r#"{"kind": "circle", "radius": 1}"#, &SHAPE).is_empty());
        assert_eq!(
            run(r#"{"kind": "square", "radius": 1}"#, &SHAPE),
            ["/x/side: `side` is required but missing or empty"]
        );
    }

    #[test]
    fn without_a_tag_the_closest_branch_or_the_kinds_wanted_are_told() {
        assert!(run(r#""a""#, &ID).is_empty());
        assert!(run("7", &ID).is_empty());
        assert_eq!(
            run("true", &ID),
            ["/x: `x` matches none of its alternatives: `x` must be a string, found the boolean `true`; `x` must be a whole number, found the boolean `true`"]
        );
        assert_eq!(
            run(r#"{"kind": "oval", "side": 2}"#, &SHAPE),
            ["/x/kind: `kind` must be `square`, found `oval`"]
        );
    }

    #[test]
    fn one_of_refuses_a_value_that_two_branches_match() {
        assert_eq!(
            run("2", &NUMBERS),
            ["/x: `x` matches alternatives 1 and 2, where exactly one is allowed (`oneOf`)"]
        );
        assert!(run("2.5", &NUMBERS).is_empty());
    }
}
