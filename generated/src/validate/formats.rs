//! String formats that activity payloads use: currency codes, emails, URLs, date-times.
//!
//! The checks are hand-written (no regex, no URL parser) because the validator
//! that calls them sees untrusted payloads: each one allocates nothing, never
//! panics (it slices only at positions it found itself, at ASCII characters,
//! so always on a char boundary), and rejects input longer than the longest
//! value it could accept before looking at a single character, so a hostile
//! megabyte string costs one length comparison.

/// Whether `code` is an active ISO 4217 currency code (`USD`, `EUR`, `CAD`, ...).
/// Upper case only: `usd` is not a code. `UDS` (a typo Wix's own examples send) is not a code.
///
/// Accepts exactly the entries of [`CURRENCY_CODES`]; rejects everything
/// else, including lower- or mixed-case spellings, withdrawn codes (`HRK`,
/// `CUC`, `VEF`) and anything that is not three bytes long.
pub fn is_currency_code(code: &str) -> bool {
    match code.as_bytes() {
        &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => {
            let index = currency_index([a, b, c]);
            CURRENCY_BITS[index / 64] & (1 << (index % 64)) != 0
        }
        _ => false,
    }
}

/// Where three upper-case letters are in [`CURRENCY_BITS`].
const fn currency_index(code: [u8; 3]) -> usize {
    ((code[0] - b'A') as usize * 26 + (code[1] - b'A') as usize) * 26 + (code[2] - b'A') as usize
}

/// A bit per three-letter code, set for those in [`CURRENCY_CODES`]: a
/// lookup costs one load, where a search compares strings.
const CURRENCY_BITS: [u64; 26 * 26 * 26 / 64 + 1] = {
    let mut bits = [0u64; 26 * 26 * 26 / 64 + 1];
    let mut i = 0;
    while i < CURRENCY_CODES.len() {
        let code = CURRENCY_CODES[i].as_bytes();
        let index = currency_index([code[0], code[1], code[2]]);
        bits[index / 64] |= 1 << (index % 64);
        i += 1;
    }
    bits
};

/// Every active ISO 4217 alphabetic code, sorted, for messages and tests.
///
/// This is list one (current funds and currencies) as maintained by SIX, the
/// ISO 4217 maintenance agency, as amended up to 2025: it has `VED` and `VES`
/// (Venezuela), `SLE` (Sierra Leone, 2022), `ZWG` (Zimbabwe Gold, June 2024)
/// and `XCG` (Caribbean guilder, in use from 31 March 2025), and no longer has
/// the withdrawn `HRK` (Croatia joined the euro in 2023), `CUC`, `SLL` and
/// `ZWL`. `ANG` is kept: it was legal tender alongside `XCG` until the end
/// of June 2025 and payloads from before then carry it. `BGN` is still here
/// (Bulgaria's move to the euro takes effect in 2026).
///
/// List one also carries fund codes (`BOV`, `CHE`, `CHW`, `CLF`, `COU`,
/// `MXV`, `USN`, `UYI`, `UYW`), precious metals (`XAU`, `XAG`, `XPD`,
/// `XPT`), bond-market units (`XBA`..`XBD`), `XDR`, `XSU`, `XUA`, the testing
/// code `XTS` and "no currency" `XXX`; they are included because they are
/// valid codes in the standard.
pub const CURRENCY_CODES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUP", "CVE",
    "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL",
    "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR",
    "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD",
    "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK",
    "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO",
    "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON",
    "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD",
    "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD",
    "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV",
    "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD",
    "XPF", "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW", "ZWG",
];

/// The longest address SMTP can carry (RFC 5321's 256-byte path, less the
/// angle brackets).
const MAX_EMAIL_LEN: usize = 254;

/// The longest local part SMTP servers must accept (RFC 5321, 4.5.3.1.1);
/// longer ones are refused by real mail systems.
const MAX_LOCAL_PART_LEN: usize = 64;

/// The longest DNS label (RFC 1035).
const MAX_LABEL_LEN: usize = 63;

/// The characters RFC 5322 allows in a dot-atom besides letters and digits.
const ATEXT_SPECIALS: &str = "!#$%&'*+/=?^_`{|}~-";

/// Whether `email` looks like an email address a mail system would accept:
/// `local@domain` with a non-empty local part of allowed characters (RFC 5322 dot-atom: letters, digits, ``!#$%&'*+/=?^_`{|}~-`` and non-leading/trailing/double dots), a domain of at least two dot-separated labels (letters, digits, hyphens, not starting or ending with a hyphen, each at most 63 bytes), total at most 254 bytes. Non-ASCII letters allowed in both parts (internationalized addresses).
///
/// Accepts `email@gmail.com`, `first.last+tag@sub.example.co.uk`,
/// `josé@exemple.fr`. The local part is at most 64 bytes (RFC 5321). Any
/// non-ASCII character other than whitespace and control characters counts
/// as a letter, as RFC 6531 allows UTF-8 in both parts.
///
/// Rejects a missing or second `@`, an empty local part, leading, trailing
/// or doubled dots, spaces, quoted local parts (`"a b"@x.com`) and comments
/// (legal in RFC 5322 but never what a form means), single-label domains
/// (`a@b`), domain literals (`a@[127.0.0.1]`), labels starting or ending
/// with `-`, empty labels (`a@x..com`, `a@x.com.`), and anything over 254
/// bytes.
pub fn is_email(email: &str) -> bool {
    if email.len() > MAX_EMAIL_LEN {
        return false;
    }
    // A dot-atom local part cannot contain `@`, so the first `@` is the
    // separator; a second one ends up in the domain, where no label allows it.
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    is_dot_atom(local) && is_email_domain(domain)
}

/// RFC 5322 dot-atom: atoms of `atext` joined by single dots.
fn is_dot_atom(local: &str) -> bool {
    // Splitting on `.` turns a leading, trailing or doubled dot into an empty
    // atom, so one emptiness check covers all three.
    !local.is_empty()
        && local.len() <= MAX_LOCAL_PART_LEN
        && local
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(is_atext))
}

fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || ATEXT_SPECIALS.contains(c) || is_non_ascii_text(c)
}

/// A non-ASCII character that can stand in an internationalized address or
/// IRI: anything but whitespace (including no-break and line separators) and
/// control characters, which are never part of one and are how smuggled
/// headers and spoofed text get in.
fn is_non_ascii_text(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace() && !c.is_control()
}

/// A mail domain: at least two labels, because a bare `a@localhost` is not
/// deliverable from outside and is almost always a typo in a payload.
fn is_email_domain(domain: &str) -> bool {
    let mut labels = 0usize;
    for label in domain.split('.') {
        if !is_host_label(label) {
            return false;
        }
        labels += 1;
    }
    labels >= 2
}

/// One DNS label in LDH form (RFC 1123), plus non-ASCII characters for
/// internationalized names written in Unicode rather than punycode.
fn is_host_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= MAX_LABEL_LEN
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || is_non_ascii_text(c))
}

/// Browsers and sitemaps have long treated 2048 bytes as the practical limit
/// for a link; anything longer in a payload is not a link a person follows.
const MAX_URL_LEN: usize = 2048;

/// The longest DNS name in text form (RFC 1035: 255 octets on the wire).
const MAX_HOST_LEN: usize = 253;

/// ASCII characters RFC 3986 never allows unescaped outside the authority,
/// which also mark unexpanded templates like `{app-def-id}`.
const URL_FORBIDDEN: &str = "{}<>\"\\^`|";

/// Whether `url` is an absolute URL with a scheme and a host: `scheme://host[:port][/path][?query][#fragment]`, scheme per RFC 3986 (letter then letters/digits/`+-.`), host a DNS name, IPv4 or bracketed IPv6, port digits, no spaces or control characters anywhere, and no unescaped `{` `}` `<` `>` `"` `\` `^` `` ` `` `|` (so Wix's template `http://www.wix.com/my-account/app/{app-def-id}/...` is NOT a URL); percent-escapes must be `%` + two hex digits. `mailto:` and `tel:` style URLs without `//` are not accepted: these payload fields are web links. At most 2048 bytes.
///
/// Accepts `https://www.wix.com/my-account`, `https://example.com:8443/a?b=c#d`,
/// `http://127.0.0.1/`, `http://[::1]:80/`. Host names follow DNS label rules
/// (see [`is_email`]) and may be single-label (`http://localhost/`) or written
/// in Unicode; the path, query and fragment may hold non-ASCII characters
/// (as IRIs do and as browsers send them).
///
/// Rejects text without a scheme (`www.wix.com`, `link`), a scheme not
/// followed by `//`, an empty host (`http://`, `http:///x`), user info
/// (`http://user@host/`, which the link fields never need and which is a
/// classic spoofing device), a host whose last label is a number but which
/// is not a dotted-quad IPv4 address (`http://1.2.3/`, `http://256.0.0.1/`,
/// as browsers read such hosts as IPv4), IPv6 zone identifiers, a port that
/// is empty, not digits or over 65535, a second `#`, a malformed
/// percent-escape (`%zz`), and anything over 2048 bytes.
pub fn is_url(url: &str) -> bool {
    if url.len() > MAX_URL_LEN {
        return false;
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    if !is_scheme(scheme) {
        return false;
    }
    let Some(rest) = rest.strip_prefix("//") else {
        return false;
    };
    // RFC 3986: the authority runs to the first `/`, `?` or `#`.
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    is_authority(authority) && is_url_tail(tail)
}

/// An RFC 3986 URI-reference: an absolute URI, or a reference relative
/// to one (`/shop`, `../a?b#c`, `//example.com/x`, `""`), as JSON Schema's
/// `uri-reference` format means it.
pub fn is_uri_reference(text: &str) -> bool {
    if text.len() > MAX_URL_LEN {
        return false;
    }
    // A colon before any `/`, `?` or `#` ends a scheme: a relative
    // reference's first segment may not hold one (RFC 3986 `path-noscheme`).
    let first = text.find([':', '/', '?', '#']).unwrap_or(text.len());
    let rest = match text[first..].starts_with(':') {
        true if is_scheme(&text[..first]) => &text[first + 1..],
        true => return false,
        false => text,
    };
    match rest.strip_prefix("//") {
        Some(rest) => {
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            let (authority, tail) = rest.split_at(end);
            (authority.is_empty() || is_authority(authority)) && is_url_tail(tail)
        }
        None => is_url_tail(rest),
    }
}

/// RFC 3986 scheme: `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
fn is_scheme(scheme: &str) -> bool {
    let mut bytes = scheme.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

/// `host[:port]`, where host is a bracketed IPv6 address or a name / IPv4.
fn is_authority(authority: &str) -> bool {
    let (host_ok, after_host) = match authority.strip_prefix('[') {
        Some(bracketed) => {
            let Some((address, after)) = bracketed.split_once(']') else {
                return false;
            };
            (is_ipv6(address), after)
        }
        None => {
            // No `[` means no IPv6, so the first `:` starts the port. An `@`
            // (user info) stays in the host and fails the label check.
            let end = authority.find(':').unwrap_or(authority.len());
            let (host, after) = authority.split_at(end);
            (is_host(host), after)
        }
    };
    host_ok && (after_host.is_empty() || after_host.strip_prefix(':').is_some_and(is_port))
}

/// A TCP port: 1 to 5 digits, at most 65535.
fn is_port(port: &str) -> bool {
    // The length bound comes first so the sum below cannot overflow.
    (1..=5).contains(&port.len())
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0')) <= 65535
}

/// A DNS name, or a dotted-quad IPv4 address.
fn is_host(host: &str) -> bool {
    if host.is_empty() || host.len() > MAX_HOST_LEN {
        return false;
    }
    // Browsers (WHATWG URL) parse a host whose last label is all digits as
    // IPv4, so `http://1.2.3/` or `http://999.1.1.1/` cannot be a name either.
    let last_is_number = host
        .rsplit('.')
        .next()
        .is_some_and(|label| !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit()));
    if last_is_number {
        return is_ipv4(host);
    }
    host.split('.').all(is_host_label)
}

/// Whether `text` is an IPv4 address (JSON Schema's `ipv4`), as RFC 3986
/// IPv4address writes one: four decimal octets 0-255, no leading zeros (which
/// some parsers read as octal).
pub fn is_ipv4(text: &str) -> bool {
    let mut parts = 0usize;
    for part in text.split('.') {
        parts += 1;
        if parts > 4 || !is_ipv4_octet(part) {
            return false;
        }
    }
    parts == 4
}

fn is_ipv4_octet(part: &str) -> bool {
    // At most three digits, so the sum cannot overflow.
    (1..=3).contains(&part.len())
        && part.bytes().all(|b| b.is_ascii_digit())
        && (part == "0" || !part.starts_with('0'))
        && part.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0')) <= 255
}

/// Whether `text` is an IPv6 address (JSON Schema's `ipv6`) in RFC 4291's
/// text form: eight groups of 1-4 hex digits, at most one `::`
/// standing for one or more zero groups, and optionally a dotted-quad IPv4
/// address as the last 32 bits. Zone identifiers (`%25eth0`) are rejected.
pub fn is_ipv6(text: &str) -> bool {
    // The longest form is `ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255`.
    if text.len() > 45 {
        return false;
    }
    match text.split_once("::") {
        // With `::`, the groups on either side must leave room for at least
        // one zero group; only the right side can end in IPv4.
        Some((head, tail)) => {
            if tail.contains("::") {
                return false;
            }
            match (ipv6_groups(head, false), ipv6_groups(tail, true)) {
                (Some(h), Some(t)) => h + t <= 7,
                _ => false,
            }
        }
        None => ipv6_groups(text, true) == Some(8),
    }
}

/// How many 16-bit groups `part` (colon-separated, no `::`) spells, counting
/// a trailing IPv4 address as two; `None` if it is malformed.
fn ipv6_groups(part: &str, ipv4_last: bool) -> Option<usize> {
    if part.is_empty() {
        return Some(0);
    }
    let mut groups = 0usize;
    let mut pieces = part.split(':').peekable();
    while let Some(piece) = pieces.next() {
        let is_last = pieces.peek().is_none();
        if is_last && ipv4_last && piece.contains('.') {
            if !is_ipv4(piece) {
                return None;
            }
            groups += 2;
        } else if (1..=4).contains(&piece.len()) && piece.bytes().all(|b| b.is_ascii_hexdigit()) {
            groups += 1;
        } else {
            return None;
        }
    }
    Some(groups)
}

/// Path, query and fragment: no whitespace, controls or
/// [`URL_FORBIDDEN`] characters, well-formed percent-escapes, and at most
/// one `#` (RFC 3986 does not allow `#` inside a fragment).
fn is_url_tail(tail: &str) -> bool {
    let mut in_fragment = false;
    let mut chars = tail.chars();
    while let Some(c) = chars.next() {
        match c {
            '%' => {
                let escape_ok = matches!(
                    (chars.next(), chars.next()),
                    (Some(hi), Some(lo)) if hi.is_ascii_hexdigit() && lo.is_ascii_hexdigit()
                );
                if !escape_ok {
                    return false;
                }
            }
            '#' if in_fragment => return false,
            '#' => in_fragment = true,
            c if c.is_whitespace() || c.is_control() || URL_FORBIDDEN.contains(c) => return false,
            _ => {}
        }
    }
    true
}

/// `YYYY-MM-DDTHH:MM:SS` is 19 bytes; a fraction adds `.` and up to 9 digits.
const MAX_LOCAL_DATE_TIME_LEN: usize = 19 + 1 + 9;

/// A local date-time plus the longest offset, `+HH:MM`.
const MAX_DATE_TIME_LEN: usize = MAX_LOCAL_DATE_TIME_LEN + 6;

/// Whether `text` is an RFC 3339 date-time with a UTC offset (`2013-07-01T08:07:40.802Z`, `2013-07-01T10:07:40+02:00`).
///
/// Accepts `YYYY-MM-DDTHH:MM:SS[.fraction]` followed by `Z`, `z` or
/// `±HH:MM`, with `T` or `t` between date and time, a fraction of 1 to 9
/// digits (nanoseconds, the finest any client sends), days valid for the
/// month including 29 February in leap years, hours 0-23, minutes 0-59,
/// seconds 0-60 (60 for a leap second), offset hours 0-23 and minutes 0-59.
///
/// Rejects a missing offset (see [`is_local_date_time`]), a space instead of
/// `T`, dates alone, missing seconds or zero-padding, `2015-02-29`,
/// `2013-13-01`, ISO 8601 forms RFC 3339 does not have (`+0200`, `+02`,
/// `20130701T080740Z`), and anything longer than 35 bytes.
pub fn is_date_time(text: &str) -> bool {
    if text.len() > MAX_DATE_TIME_LEN {
        return false;
    }
    let bytes = text.as_bytes();
    let Some(end) = local_date_time_len(bytes) else {
        return false;
    };
    is_offset(&bytes[end..])
}

/// Whether `text` is a date-time in RFC 3339's shape but without the offset (`2016-09-15T15:53:00`), which real clients send.
///
/// Accepts and rejects what [`is_date_time`] does for the date and time
/// (same ranges, `T`/`t`, 1-9 fraction digits), but requires that nothing
/// follow them: `2016-09-15T15:53:00Z` is not a local date-time. At most 29
/// bytes.
pub fn is_local_date_time(text: &str) -> bool {
    text.len() <= MAX_LOCAL_DATE_TIME_LEN
        && local_date_time_len(text.as_bytes()) == Some(text.len())
}

/// Whether `text` is an RFC 3339 full-date (JSON Schema's `date`):
/// `YYYY-MM-DD`, a real day of the proleptic Gregorian calendar.
pub fn is_date(text: &str) -> bool {
    text.len() == 10 && date(text.as_bytes()).is_some()
}

/// Whether `text` is an RFC 3339 full-time (JSON Schema's `time`):
/// `HH:MM:SS[.fraction]` and an offset (`Z` or `±HH:MM`), which it must have.
pub fn is_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.len() <= MAX_DATE_TIME_LEN
        && time_len(bytes, 0).is_some_and(|end| is_offset(&bytes[end..]))
}

/// Whether `text` is a UUID (JSON Schema's `uuid`, RFC 4122's text form):
/// 32 hex digits in groups of 8-4-4-4-12, joined by hyphens, any case.
pub fn is_uuid(text: &str) -> bool {
    text.len() == 36
        && text.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// Whether `text` is a host name (JSON Schema's `hostname`, RFC 1123):
/// dot-separated labels of ASCII letters, digits and inner hyphens, each
/// at most 63 long, at most 253 in all; a final dot is allowed.
pub fn is_hostname(text: &str) -> bool {
    let name = text.strip_suffix('.').unwrap_or(text);
    !name.is_empty()
        && name.len() <= MAX_HOST_LEN
        && name
            .split('.')
            .all(|label| label.is_ascii() && is_host_label(label))
}

/// `YYYY-MM-DD` at the start of `b`, a real day.
fn date(b: &[u8]) -> Option<()> {
    let year = digits(b, 0, 4)?;
    expect(b, 4, b'-')?;
    let month = digits(b, 5, 2)?;
    expect(b, 7, b'-')?;
    let day = digits(b, 8, 2)?;
    ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day)).then_some(())
}

/// `HH:MM:SS[.fraction]` at `at` in `b`, checking ranges: where it ends.
fn time_len(b: &[u8], at: usize) -> Option<usize> {
    let hour = digits(b, at, 2)?;
    expect(b, at + 2, b':')?;
    let minute = digits(b, at + 3, 2)?;
    expect(b, at + 5, b':')?;
    let second = digits(b, at + 6, 2)?;
    // Second 60 is RFC 3339's leap second; which minutes may have one
    // depends on IERS announcements, so any minute is allowed it.
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let end = at + 8;
    if b.get(end) != Some(&b'.') {
        return Some(end);
    }
    let fraction = b
        .get(end + 1..)
        .unwrap_or_default()
        .iter()
        .take_while(|d| d.is_ascii_digit())
        .count();
    (1..=9).contains(&fraction).then_some(end + 1 + fraction)
}

/// An RFC 3339 offset, and nothing after it: `Z` or `±HH:MM`.
fn is_offset(b: &[u8]) -> bool {
    match b {
        b"Z" | b"z" => true,
        [b'+' | b'-', offset @ ..] => {
            offset.len() == 5
                && offset[2] == b':'
                && digits(offset, 0, 2).is_some_and(|h| h <= 23)
                && digits(offset, 3, 2).is_some_and(|m| m <= 59)
        }
        _ => false,
    }
}

/// Reads `YYYY-MM-DDTHH:MM:SS[.fraction]` at the start of `b`, checking
/// ranges, and returns how many bytes it spans.
fn local_date_time_len(b: &[u8]) -> Option<usize> {
    date(b)?;
    if !matches!(b.get(10), Some(b'T' | b't')) {
        return None;
    }
    time_len(b, 11)
}

/// The number written by exactly `count` ASCII digits at `at`, if they are
/// there. Callers pass at most 4, so the value cannot overflow.
fn digits(b: &[u8], at: usize, count: usize) -> Option<u32> {
    let mut value = 0u32;
    for &d in b.get(at..at.checked_add(count)?)? {
        if !d.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u32::from(d - b'0');
    }
    Some(value)
}

/// `Some(())` if the byte at `at` is `want`.
fn expect(b: &[u8], at: usize, want: u8) -> Option<()> {
    (b.get(at) == Some(&want)).then_some(())
}

/// Days in `month` (1-12) of `year` in the proleptic Gregorian calendar,
/// which RFC 3339 uses for every year, including 0000.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten megabytes, far past every limit in this module.
    const HUGE: usize = 10 * 1024 * 1024;

    #[test]
    fn currency_codes_are_sorted_unique_and_well_formed() {
        for pair in CURRENCY_CODES.windows(2) {
            assert!(pair[0] < pair[1], "{} before {}", pair[0], pair[1]);
        }
        for code in CURRENCY_CODES {
            assert!(
                code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()),
                "{code}"
            );
            assert!(is_currency_code(code), "{code}");
        }
        assert_eq!(CURRENCY_CODES.len(), 179);
    }

    #[test]
    fn the_lookup_takes_exactly_the_listed_codes() {
        let mut accepted = 0;
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                for c in b'A'..=b'Z' {
                    let code = String::from_utf8(vec![a, b, c]).unwrap();
                    let listed = CURRENCY_CODES.contains(&code.as_str());
                    assert_eq!(is_currency_code(&code), listed, "{code}");
                    accepted += usize::from(listed);
                }
            }
        }
        assert_eq!(accepted, CURRENCY_CODES.len());
    }

    #[test]
    fn currency_codes_accepted() {
        for code in [
            "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "ILS", "BRL", "INR", "CNY", "ZAR",
            "SLE", "VES", "VED", "ZWG", "XCG", "XAU", "XAG", "XDR", "XTS", "XXX", "AED", "ZMW",
        ] {
            assert!(is_currency_code(code), "{code}");
        }
    }

    #[test]
    fn currency_codes_rejected() {
        for code in [
            "UDS", "usd", "Usd", "US", "USDD", "", " USD", "USD ", "HRK", "CUC", "VEF", "ZWL",
            "ABC", "U$D", "ÜSD",
        ] {
            assert!(!is_currency_code(code), "{code:?}");
        }
    }

    #[test]
    fn emails_accepted() {
        for email in [
            "email@gmail.com",
            "first.last+tag@sub.example.co.uk",
            "josé@exemple.fr",
            "user@münchen.de",
            "a@b.co",
            "x_y-z@a-b.example",
            "!#$%&'*+/=?^_`{|}~-@example.com",
            "1234@123.example",
        ] {
            assert!(is_email(email), "{email}");
        }
        let longest_local = format!("{}@x.com", "a".repeat(64));
        assert!(is_email(&longest_local));
        // 64 + 1 + 63 + 1 + 63 + 1 + 61 = 254 bytes.
        let longest = format!(
            "{}@{}.{}.{}",
            "a".repeat(64),
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(61)
        );
        assert_eq!(longest.len(), 254);
        assert!(is_email(&longest));
    }

    #[test]
    fn emails_rejected() {
        let long = format!("{}@{}.com", "a".repeat(60), "b".repeat(235));
        assert_eq!(long.len(), 300);
        for email in [
            "",
            "a@b",
            "@x.com",
            "a@",
            "a",
            "a..b@x.com",
            ".a@x.com",
            "a.@x.com",
            "a@-x.com",
            "a@x-.com",
            "a@x..com",
            "a@.x.com",
            "a@x.com.",
            "a b@x.com",
            "a@x .com",
            "a@b@x.com",
            "\"a b\"@x.com",
            "a@[127.0.0.1]",
            "a@x_y.com",
            "a\u{a0}b@x.com",
            "a\nb@x.com",
            "a@x.com\n",
            long.as_str(),
        ] {
            assert!(!is_email(email), "{email:?}");
        }
        let long_local = format!("{}@x.com", "a".repeat(65));
        assert!(!is_email(&long_local));
        let long_label = format!("a@{}.com", "b".repeat(64));
        assert!(!is_email(&long_label));
    }

    #[test]
    fn urls_accepted() {
        for url in [
            "https://www.wix.com/my-account",
            "http://static.wixstatic.com/media/3cd1de924697419088c1e033bb3384ef.jpg",
            "https://example.com:8443/a?b=c#d",
            "http://127.0.0.1/",
            "http://[::1]:80/",
            "http://[::1]",
            "http://[2001:db8::ff00:42:8329]/x",
            "http://[::ffff:192.0.2.128]/",
            "http://[1:2:3:4:5:6:7:8]/",
            "https://example.com",
            "https://example.com?q=1",
            "https://example.com#top",
            "http://localhost:8080",
            "https://a.b/path%20with%2Fescapes?x=%E2%82%AC",
            "https://example.com/café?q=ü",
            "https://münchen.de/",
            "git+ssh://host.example/repo.git",
            "https://example.com/a?b=c&d[]=e#f?g",
            "http://0.0.0.0:65535/",
        ] {
            assert!(is_url(url), "{url}");
        }
        let longest = format!("https://example.com/{}", "a".repeat(2048 - 20));
        assert_eq!(longest.len(), 2048);
        assert!(is_url(&longest));
    }

    #[test]
    fn urls_rejected() {
        for url in [
            "",
            "LinkToAppointment",
            "link",
            "PIC",
            "www.wix.com",
            "www.wix.com/path",
            "http://",
            "http:///path",
            "http://www.wix.com/my-account/app/{app-def-id}/{instance-id}/{app-related-deep-link}",
            "http://exa mple.com",
            "http://example.com/a b",
            "http://example.com/\t",
            "http://x.com/%zz",
            "http://x.com/%2",
            "http://x.com/%",
            "mailto:a@example.com",
            "tel:+15551234",
            "https:example.com",
            "1http://example.com",
            "://example.com",
            "ht tp://example.com",
            "http://example.com:",
            "http://example.com:port",
            "http://example.com:65536/",
            "http://example.com:123456/",
            "http://user@example.com/",
            "http://user:pass@example.com/",
            "http://-x.com/",
            "http://x..com/",
            "http://x_y.com/",
            "http://256.1.1.1/",
            "http://1.2.3/",
            "http://01.2.3.4/",
            "http://[::1/",
            "http://[::1]x/",
            "http://[1::2::3]/",
            "http://[1:2:3:4:5:6:7:8:9]/",
            "http://[1:2:3:4:5:6:7]/",
            "http://[12345::]/",
            "http://[fe80::1%25eth0]/",
            "http://[::1.2.3]/",
            "http://::1/",
            "http://example.com/<script>",
            "http://example.com/\"q\"",
            "http://example.com/a\\b",
            "http://example.com/a^b",
            "http://example.com/a`b",
            "http://example.com/a|b",
            "http://example.com/#a#b",
            "http://example.com/\u{a0}",
        ] {
            assert!(!is_url(url), "{url:?}");
        }
        let too_long = format!("https://example.com/{}", "a".repeat(2048 - 19));
        assert!(!is_url(&too_long));
    }

    #[test]
    fn ipv6_forms() {
        for ok in [
            "::",
            "::1",
            "1::",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1:2:3:4:5:6:1.2.3.4",
            "::1.2.3.4",
            "ABCD:ef01::",
        ] {
            assert!(is_ipv6(ok), "{ok}");
        }
        for bad in [
            "",
            ":",
            ":::",
            ":1::",
            "1:::2",
            "1:2:3:4:5:6:7:8::",
            "1.2.3.4::",
            "1:2:3:4:5:6:7:1.2.3.4",
            "g::",
            "1:2:3:4:5:6:7:8:",
        ] {
            assert!(!is_ipv6(bad), "{bad}");
        }
    }

    #[test]
    fn date_times_accepted() {
        for text in [
            "2013-07-01T08:07:40.802Z",
            "2026-11-23T12:00:00.000Z",
            "2013-07-01T10:07:40+02:00",
            "2016-02-29T00:00:00Z",
            "2000-02-29T00:00:00Z",
            "2013-07-01t08:07:40z",
            "2013-12-31T23:59:60Z",
            "2013-07-01T08:07:40.123456789-23:59",
            "2013-07-01T08:07:40.1+00:00",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
        ] {
            assert!(is_date_time(text), "{text}");
        }
    }

    #[test]
    fn date_times_rejected() {
        for text in [
            "",
            "yesterday",
            "2015-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2013-13-01T00:00:00Z",
            "2013-00-01T00:00:00Z",
            "2013-04-31T00:00:00Z",
            "2013-07-00T00:00:00Z",
            "2013-07-01 08:07:40Z",
            "2016-09-15T15:53:00",
            "2013-07-01",
            "2013-07-01T08:07Z",
            "2013-7-01T08:07:40Z",
            "2013-07-01T24:00:00Z",
            "2013-07-01T08:60:00Z",
            "2013-07-01T08:07:61Z",
            "2013-07-01T08:07:40.Z",
            "2013-07-01T08:07:40.1234567890Z",
            "2013-07-01T08:07:40+0200",
            "2013-07-01T08:07:40+02",
            "2013-07-01T08:07:40+24:00",
            "2013-07-01T08:07:40+02:60",
            "2013-07-01T08:07:40+02:00 ",
            "2013-07-01T08:07:40ZZ",
            "20130701T080740Z",
            "+2013-07-01T08:07:40Z",
            "２０13-07-01T08:07:40Z",
        ] {
            assert!(!is_date_time(text), "{text:?}");
        }
    }

    #[test]
    fn local_date_times() {
        for text in [
            "2016-09-15T15:53:00",
            "2016-09-15t15:53:00.5",
            "2016-02-29T00:00:00.123456789",
        ] {
            assert!(is_local_date_time(text), "{text}");
            assert!(!is_date_time(text), "{text}");
        }
        for text in [
            "",
            "yesterday",
            "2013-07-01T08:07:40.802Z",
            "2013-07-01T10:07:40+02:00",
            "2015-02-29T00:00:00",
            "2013-13-01T00:00:00",
            "2016-09-15 15:53:00",
            "2016-09-15T15:53",
            "2016-09-15T15:53:00.",
            "2016-09-15T15:53:00.1234567890",
        ] {
            assert!(!is_local_date_time(text), "{text:?}");
        }
    }

    #[test]
    fn huge_inputs_rejected() {
        let plain = "a".repeat(HUGE);
        assert!(!is_currency_code(&plain));
        assert!(!is_email(&plain));
        assert!(!is_url(&plain));
        assert!(!is_date_time(&plain));
        assert!(!is_local_date_time(&plain));

        // Valid-looking prefixes, so a check that scanned first and measured
        // later would do the full 10 MB of work.
        let email = format!("a@{}.com", "b".repeat(HUGE));
        assert!(!is_email(&email));
        let url = format!("https://example.com/{}", "a".repeat(HUGE));
        assert!(!is_url(&url));
        let date_time = format!("2013-07-01T08:07:40.{}Z", "1".repeat(HUGE));
        assert!(!is_date_time(&date_time));
        assert!(!is_local_date_time(&date_time));
        let code = format!("USD{}", "D".repeat(HUGE));
        assert!(!is_currency_code(&code));
    }

    #[test]
    fn dates_times_uuids_addresses_and_host_names() {
        for date in ["2020-01-02", "2024-02-29", "0000-01-01"] {
            assert!(is_date(date), "{date}");
        }
        for date in [
            "2020-1-02",
            "2023-02-29",
            "2020-13-01",
            "2020-01-02T00:00:00Z",
            "20200102",
            "",
        ] {
            assert!(!is_date(date), "{date}");
        }
        for time in ["08:07:40Z", "23:59:60+02:00", "08:07:40.802-05:00"] {
            assert!(is_time(time), "{time}");
        }
        for time in [
            "08:07:40",
            "24:00:00Z",
            "8:07:40Z",
            "08:07:40.Z",
            "08:07:40+0200",
        ] {
            assert!(!is_time(time), "{time}");
        }
        assert!(is_uuid("00000000-0000-4000-8000-00000000000A"));
        for uuid in [
            "00000000000040008000000000000000",
            "{00000000-0000-4000-8000-000000000000}",
            "00000000-0000-4000-8000-00000000000g",
        ] {
            assert!(!is_uuid(uuid), "{uuid}");
        }
        assert!(is_ipv4("192.168.0.1") && !is_ipv4("192.168.0.01") && !is_ipv4("::1"));
        assert!(is_ipv6("::1") && is_ipv6("2001:db8::8a2e:370:7334") && !is_ipv6("1.2.3.4"));
        for host in ["example.com", "a-b.c1.", "localhost"] {
            assert!(is_hostname(host), "{host}");
        }
        for reference in [
            "",
            "/shop",
            "../a?b#c",
            "//example.com/x",
            "urn:isbn:1",
            "a/b:c",
        ] {
            assert!(is_uri_reference(reference), "{reference}");
        }
        for reference in ["1a:b", "a b", "/x#y#z", "%zz", "http://exa mple.com"] {
            assert!(!is_uri_reference(reference), "{reference}");
        }
        for host in [
            "-a.com",
            "a..b",
            "ex ample.com",
            "bücher.de",
            "",
            &"a".repeat(64),
        ] {
            assert!(!is_hostname(host), "{host}");
        }
    }
}
