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
    /// Which properties were sent, `null` or not: a second one is a duplicate.
    sent: Seen,
    /// The undocumented names reported so far: a name sent twice is kept
    /// once by the typed value (the last wins), so it is reported once.
    undocumented: Vec<Box<str>>,
    /// The index after the last property found, where a typed value's next one is.
    next: usize,
    /// The values the consistency rules compare (allocated only if there are such rules).
    kept: Vec<(&'static str, Kept)>,
}

enum Seen {
    Few(u128),
    Many(Vec<bool>),
}

impl Seen {
    fn new(fields: usize) -> Seen {
        if fields <= 128 {
            Seen::Few(0)
        } else {
            Seen::Many(vec![false; fields])
        }
    }

    fn set(&mut self, index: usize, value: bool) {
        match self {
            Seen::Few(bits) if value => *bits |= 1 << index,
            Seen::Few(bits) => *bits &= !(1 << index),
            Seen::Many(seen) => seen[index] = value,
        }
    }

    fn get(&self, index: usize) -> bool {
        match self {
            Seen::Few(bits) => bits & (1 << index) != 0,
            Seen::Many(seen) => seen[index],
        }
    }
}

/// A documented property found in an object.
pub(crate) struct Found {
    pub(crate) rule: &'static FieldRule,
    /// It was sent before in the same object.
    pub(crate) repeated: bool,
}

impl ObjectState {
    pub(crate) fn new(rules: &'static StructRules) -> ObjectState {
        ObjectState {
            rules,
            seen: Seen::new(rules.fields.len()),
            sent: Seen::new(rules.fields.len()),
            undocumented: Vec::new(),
            next: 0,
            kept: Vec::new(),
        }
    }

    /// The rule of property `key`, marked as seen; `None` for an undocumented one.
    pub(crate) fn field(&mut self, key: &str) -> Option<Found> {
        let fields = self.rules.fields;
        // A typed value writes its properties in order: try the next one first.
        let index = match fields.get(self.next) {
            Some(field) if same(field.wire, key) => self.next,
            _ => self.rules.field(key)?,
        };
        self.next = index + 1;
        self.seen.set(index, true);
        let repeated = self.sent.get(index);
        self.sent.set(index, true);
        Some(Found {
            rule: &fields[index],
            repeated,
        })
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
        self.seen.set(index, false);
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
    pub(crate) fn undocumented(&mut self, key: &str, path: &mut Path, report: &mut Report) {
        if self.rules.closed || self.rules.warn_unknown {
            if self.undocumented.iter().any(|seen| **seen == *key) {
                return;
            }
            self.undocumented.push(key.into());
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
            if self.seen.get(index) {
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
