//! What both walkers do in an object: find each property's rule, note which
//! were seen, keep what the consistency rules compare, and at the end report
//! what is missing or inconsistent.

use super::check::{self, Kept};
use super::rules::{FieldRule, StructRules};
use super::{Path, Report};

/// One object being walked.
pub(crate) struct ObjectState {
    rules: &'static StructRules,
    /// Which properties were seen: a bit each, in a word for the usual sizes.
    seen: Seen,
    /// The index after the last property found, where a typed value's next one is.
    next: usize,
    /// The values the consistency rules compare (allocated only if there are such rules).
    kept: Vec<(&'static str, Kept)>,
}

enum Seen {
    Few(u128),
    Many(Vec<bool>),
}

impl ObjectState {
    pub(crate) fn new(rules: &'static StructRules) -> ObjectState {
        ObjectState {
            rules,
            seen: if rules.fields.len() <= 128 {
                Seen::Few(0)
            } else {
                Seen::Many(vec![false; rules.fields.len()])
            },
            next: 0,
            kept: Vec::new(),
        }
    }

    /// The rule of property `key`, marked as seen; `None` for an undocumented one.
    pub(crate) fn field(&mut self, key: &str) -> Option<&'static FieldRule> {
        let fields = self.rules.fields;
        // A typed value writes its properties in order: try the next one first.
        let index = match fields.get(self.next) {
            Some(field) if same(field.wire, key) => self.next,
            _ => self.rules.field(key)?,
        };
        self.next = index + 1;
        match &mut self.seen {
            Seen::Few(bits) => *bits |= 1 << index,
            Seen::Many(seen) => seen[index] = true,
        }
        Some(&fields[index])
    }

    /// `field` was sent as `null`: for a property the sender is documented to
    /// always send, that counts as missing, as it does for a typed value
    /// (which reads `null` as `None`).
    pub(crate) fn null(&mut self, field: &'static FieldRule) {
        let Some(index) = self
            .rules
            .fields
            .iter()
            .position(|f| std::ptr::eq(f, field))
        else {
            return;
        };
        match &mut self.seen {
            Seen::Few(bits) => *bits &= !(1 << index),
            Seen::Many(seen) => seen[index] = false,
        }
    }

    fn was_seen(&self, index: usize) -> bool {
        match &self.seen {
            Seen::Few(bits) => bits & (1 << index) != 0,
            Seen::Many(seen) => seen[index],
        }
    }

    /// Whether a consistency rule compares `field`, so its value must be kept.
    pub(crate) fn compares(&self, field: &FieldRule) -> bool {
        self.rules.compares(field.wire)
    }

    /// Keeps the value of `field` for the consistency rules.
    pub(crate) fn keep(&mut self, field: &'static FieldRule, value: Kept) {
        self.kept.push((field.wire, value));
    }

    /// An undocumented property `key`: an error where the schema forbids them.
    pub(crate) fn undocumented(&self, key: &str, path: &mut Path, report: &mut Report) {
        if self.rules.closed || self.rules.warn_unknown {
            let likely = check::likely_meant(key, self.rules.fields);
            let closed = self.rules.closed;
            path.at(key, |path| {
                check::undocumented(path, closed, likely, report)
            });
        }
    }

    /// The object ended: what is missing, and what disagrees.
    pub(crate) fn finish(self, path: &mut Path, report: &mut Report) {
        for (index, field) in self.rules.fields.iter().enumerate() {
            if self.was_seen(index) {
                continue;
            }
            if field.required {
                path.at(field.wire, |path| check::missing(path, report));
            } else if field.expected {
                path.at(field.wire, |path| check::expected(path, report));
            }
        }
        for names in self.rules.order {
            check::order(&self.kept, *names, path, report);
        }
        if let Some(sum) = self.rules.sum {
            check::sum(&self.kept, sum, path, report);
        }
    }
}

/// `a == b`, first by address: a typed value's keys are the same string
/// constants as the rules' names, so most comparisons need no byte compare.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a == b)
}
