//! A property that may be left out or sent as `null`, each kept apart.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A property a sender may leave out, send as `null` or send with a value:
/// what every optional field (and every text field Wix's clients are known
/// to leave out) is typed as.
///
/// Each is written back as it was read: an absent property stays absent
/// and a `null` stays `null`, so a payload read and written back holds
/// neither more nor less than the one that came in. `Default` is
/// [`Absent`](Nullable::Absent); a value converts with `into()`:
///
/// ```
/// use wix_activities::Nullable;
///
/// let note: Nullable<String> = "ring twice".to_owned().into();
/// assert_eq!(note.as_deref(), Some("ring twice"));
/// assert!(Nullable::<String>::default().is_absent());
/// assert!(Nullable::<String>::from(None).is_absent());
/// ```
///
/// A struct field of this type carries
/// `#[serde(default, skip_serializing_if = "Nullable::is_absent")]`, which
/// is what tells absent from `null`; on its own (in an array, say)
/// `Absent` is written as `null`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Nullable<T> {
    /// The property was not sent.
    #[default]
    Absent,
    /// The property was sent as `null`.
    Null,
    /// The property was sent with a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the property was not sent.
    pub const fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// Whether the property was sent as `null`.
    pub const fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// Whether the property was sent with a value.
    pub const fn is_value(&self) -> bool {
        matches!(self, Nullable::Value(_))
    }

    /// The value, if there is one.
    pub const fn value(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// The value, mutably, if there is one.
    pub fn value_mut(&mut self) -> Option<&mut T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// The value, if there is one, forgetting whether it was absent or `null`.
    pub fn into_value(self) -> Option<T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// A `Nullable` of a reference to the value.
    pub const fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(value),
        }
    }

    /// The value dereferenced (`Option<&str>` for a `Nullable<String>`).
    pub fn as_deref(&self) -> Option<&T::Target>
    where
        T: std::ops::Deref,
    {
        self.value().map(|value| &**value)
    }

    /// Maps the value, keeping absent and `null` as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(f(value)),
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl From<&str> for Nullable<String> {
    fn from(value: &str) -> Self {
        Nullable::Value(value.to_owned())
    }
}

/// `None` is absent: a value built in code that has nothing to say leaves
/// the property out.
impl<T> From<Option<T>> for Nullable<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Nullable::Absent, Nullable::Value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => serializer.serialize_some(value),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

/// Reads `null` as [`Null`](Nullable::Null) and anything else as the value;
/// [`Absent`](Nullable::Absent) comes from the field's `#[serde(default)]`.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer)
            .map(|value| value.map_or(Nullable::Null, Nullable::Value))
    }
}

#[cfg(feature = "schemars")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Nullable<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        Option::<T>::schema_name()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Option::<T>::json_schema(generator)
    }

    // Like `Option`: a struct field of this type is not required.
    fn _schemars_private_is_option() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::Nullable;

    #[derive(Debug, PartialEq, Deserialize, Serialize)]
    struct Note {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        text: Nullable<String>,
    }

    #[test]
    fn absent_null_and_a_value_each_come_back_as_they_came() {
        for (json, read) in [
            ("{}", Nullable::Absent),
            (r#"{"text":null}"#, Nullable::Null),
            (r#"{"text":"hi"}"#, Nullable::Value("hi".to_owned())),
        ] {
            let note: Note = serde_json::from_str(json).unwrap();
            assert_eq!(note.text, read, "{json}");
            assert_eq!(serde_json::to_string(&note).unwrap(), json);
        }
    }

    #[test]
    fn accessors_see_only_the_value() {
        let value = Nullable::Value(2);
        assert_eq!(value.value(), Some(&2));
        assert_eq!(value.map(|n| n * 2).into_value(), Some(4));
        assert_eq!(Nullable::<i32>::Null.value(), None);
        assert!(Nullable::<i32>::Null.is_null() && !Nullable::<i32>::Null.is_absent());
        assert_eq!(Nullable::from(Some(1)), Nullable::Value(1));
    }
}
