//! What both walkers do in an object: find each property's rule, note which
//! were seen, keep what the consistency rules compare, and at the end report
//! what is missing or inconsistent.

use super::check::{self, Kept};
use super::rules::{FieldRule, StructRules};
use super::{Path, Report};

/// One object being walked.
pub(crate) struct ObjectState {
    rules: &'static StructRules,
    /// Which properties were seen, and sent.
    marks: Marks,
    /// The undocumented names reported so far: a name sent twice is kept
    /// once by the typed value (the last wins), so it is reported once.
    undocumented: Vec<Box<str>>,
    /// The index after the last property found, where a typed value's next one is.
    next: usize,
    /// The values the consistency rules compare (allocated only if there are such rules).
    kept: Vec<(&'static str, Kept)>,
    /// How many properties were sent, each name once.
    count: usize,
    /// Every name sent, where a rule needs them all (`propertyNames`,
    /// `dependentRequired`); else empty.
    names: Vec<Box<str>>,
}

/// Two bits a property: seen (sent and not `null` where that counts as
/// missing), and sent at all (a second one is a duplicate); in two words
/// for the usual sizes.
enum Marks {
    Few { seen: u128, sent: u128 },
    Many(Vec<u8>),
}

const SEEN: u8 = 1;
const SENT: u8 = 2;

impl Marks {
    fn new(fields: usize) -> Marks {
        if fields <= 128 {
            Marks::Few { seen: 0, sent: 0 }
        } else {
            Marks::Many(vec![0; fields])
        }
    }

    /// Marks property `index` as sent and seen; whether it was sent before.
    fn send(&mut self, index: usize) -> bool {
        match self {
            Marks::Few { seen, sent } => {
                let bit = 1 << index;
                let repeated = *sent & bit != 0;
                *seen |= bit;
                *sent |= bit;
                repeated
            }
            Marks::Many(marks) => {
                let repeated = marks[index] & SENT != 0;
                marks[index] |= SEEN | SENT;
                repeated
            }
        }
    }

    fn unsee(&mut self, index: usize) {
        match self {
            Marks::Few { seen, .. } => *seen &= !(1 << index),
            Marks::Many(marks) => marks[index] &= !SEEN,
        }
    }

    fn seen(&self, index: usize) -> bool {
        match self {
            Marks::Few { seen, .. } => seen & (1 << index) != 0,
            Marks::Many(marks) => marks[index] & SEEN != 0,
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
    /// Whether `null` for `field` is an error.
    pub(crate) fn null_is_error(&self, field: &FieldRule) -> bool {
        field.null_is_error(self.rules.strict)
    }

    pub(crate) fn new(rules: &'static StructRules) -> ObjectState {
        ObjectState {
            rules,
            marks: Marks::new(rules.fields.len()),
            undocumented: Vec::new(),
            next: 0,
            kept: Vec::new(),
            count: 0,
            names: Vec::new(),
        }
    }

    /// Counts a property sent under `key` (once however often it is sent),
    /// and keeps its name where a rule needs every name.
    fn sent(&mut self, key: &str, repeated: bool) {
        if repeated {
            return;
        }
        self.count += 1;
        if self.rules.keeps_names() {
            self.names.push(key.into());
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
        let repeated = self.marks.send(index);
        self.sent(key, repeated);
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
        self.marks.unsee(index);
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
        let repeated = self.undocumented.iter().any(|seen| **seen == *key);
        self.sent(key, repeated);
        if !repeated && (self.rules.closed || self.rules.warn_unknown || self.rules.keeps_names()) {
            self.undocumented.push(key.into());
        }
        if self.rules.closed || self.rules.warn_unknown {
            if repeated {
                return;
            }
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
            if self.marks.seen(index) {
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
        check::properties(self.count, self.rules, path, report);
        if let Some(rules) = &self.rules.property_names {
            for name in &self.names {
                check::property_name(name, rules, path, report);
            }
        }
        let sent = |name: &str| self.names.iter().any(|n| **n == *name);
        for (trigger, needed) in self.rules.dependent_required {
            if !sent(trigger) {
                continue;
            }
            for name in needed.iter().filter(|name| !sent(name)) {
                path.at(name, |path| check::missing(path, report));
            }
        }
    }
}

/// `a == b`, first by address: a typed value's keys are the same string
/// constants as the rules' names, so most comparisons need no byte compare.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a == b)
}
