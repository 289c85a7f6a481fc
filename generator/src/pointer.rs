//! JSON pointers (RFC 6901): the one place that escapes and unescapes their tokens.

/// Escapes one reference token: `a/b~c` → `a~1b~0c`.
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one reference token: `a~1b~0c` → `a/b~c`. `~1` goes first,
/// so that `~01` reads as `~1` and not as `/`.
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// `pointer` one level down, in property `key`.
pub fn child(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", escape(key))
}

/// The last token of `pointer`, unescaped (`/a/b~1c` → `b/c`).
pub fn last(pointer: &str) -> String {
    unescape(pointer.rsplit('/').next().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip() {
        for token in ["plain", "a/b", "a~b", "~1", "~01/", ""] {
            assert_eq!(unescape(&escape(token)), token);
        }
        assert_eq!(escape("a/b~c"), "a~1b~0c");
        assert_eq!(unescape("~01"), "~1");
        assert_eq!(child("/properties", "x/y"), "/properties/x~1y");
        assert_eq!(last("/$defs/a~1money.json"), "a/money.json");
    }
}
