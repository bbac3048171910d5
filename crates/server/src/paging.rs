//! Cursor paging: no endpoint returns an unbounded list.
//!
//! A list reads one item more than its page size, to know whether another page follows;
//! the cursor of that next page carries the position of the last item shown: the list's
//! sort key ([`CursorKey`]), such as an id, a (time, id) or a (day, id) pair, or the
//! number of items shown so far for a list whose order is not a key. Every list's cursor
//! is written by [`encode`] and read by [`decode`]: `c1:` and the key's text, in
//! base64url. Clients treat it as opaque (`kring_api::Cursor`); a cursor that is not one
//! this list wrote is refused as an `invalid-parameter` on `cursor`.

use base64::Engine;
use chrono::{DateTime, NaiveDate, Utc};

use kring_api::paging::{Cursor, PageBounds};

use crate::problem::ApiError;

/// The cursor format's version, in front of every key. A new format gets a new version,
/// so that a cursor of the old one is refused rather than misread.
const VERSION: &str = "c1:";

const ENGINE: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// A list's sort key as a cursor carries it: the position of the last item shown.
pub trait CursorKey: Sized {
    /// The key as text. Only a pair puts a `:` in it, between its parts.
    fn write(&self) -> String;

    /// The key `write` wrote; `None` for any other text.
    fn read(text: &str) -> Option<Self>;
}

/// An id, a version number, or the number of items shown so far.
impl CursorKey for i64 {
    fn write(&self) -> String {
        self.to_string()
    }

    fn read(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

/// A version number.
impl CursorKey for u32 {
    fn write(&self) -> String {
        self.to_string()
    }

    fn read(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

/// A text sort key (a name), in base64url so that it holds no `:` and can stand first
/// in a pair.
impl CursorKey for String {
    fn write(&self) -> String {
        ENGINE.encode(self)
    }

    fn read(text: &str) -> Option<Self> {
        String::from_utf8(ENGINE.decode(text).ok()?).ok()
    }
}

/// A day, `YYYY-MM-DD`.
impl CursorKey for NaiveDate {
    fn write(&self) -> String {
        self.format("%Y-%m-%d").to_string()
    }

    fn read(text: &str) -> Option<Self> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }
}

/// A moment, in microseconds since 1970 (UTC), as precise as the database keeps it.
impl CursorKey for DateTime<Utc> {
    fn write(&self) -> String {
        self.timestamp_micros().to_string()
    }

    fn read(text: &str) -> Option<Self> {
        DateTime::from_timestamp_micros(text.parse().ok()?)
    }
}

/// Two keys, `first:second`: a sort key and the id that breaks its ties.
impl<A: CursorKey, B: CursorKey> CursorKey for (A, B) {
    fn write(&self) -> String {
        format!("{}:{}", self.0.write(), self.1.write())
    }

    fn read(text: &str) -> Option<Self> {
        let (first, second) = text.split_once(':')?;
        Some((A::read(first)?, B::read(second)?))
    }
}

/// Why a cursor was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CursorError {
    /// Not base64url without padding.
    #[error("not base64url")]
    NotBase64,
    /// The bytes are not text.
    #[error("not UTF-8")]
    NotText,
    /// Not of this format's version (made by an older server, or not a cursor at all).
    #[error("not a version 1 cursor")]
    Version,
    /// Not a position in this list (a cursor of another list, or changed by hand).
    #[error("not a position in this list")]
    Key,
}

impl From<CursorError> for ApiError {
    fn from(error: CursorError) -> Self {
        ApiError::InvalidParameter {
            name: "cursor".into(),
            reason: error.to_string(),
        }
    }
}

/// The cursor of the page after the item at `key`.
pub fn encode<K: CursorKey>(key: &K) -> Cursor {
    Cursor::from(ENGINE.encode(format!("{VERSION}{}", key.write())))
}

/// The position a client's cursor points at, if this list wrote it.
pub fn decode<K: CursorKey>(cursor: &Cursor) -> Result<K, CursorError> {
    let bytes = ENGINE
        .decode(cursor.as_str())
        .map_err(|_| CursorError::NotBase64)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| CursorError::NotText)?;
    let key = text.strip_prefix(VERSION).ok_or(CursorError::Version)?;
    K::read(key).ok_or(CursorError::Key)
}

/// The query's cursor, read: `None` for the first page, an `invalid-parameter` on
/// `cursor` when this list did not write it.
pub fn position<K: CursorKey>(cursor: Option<&Cursor>) -> Result<Option<K>, ApiError> {
    Ok(cursor.map(decode).transpose()?)
}

/// The first `limit` of `rows` (read with one more than `limit`), and the cursor after
/// the last of them when more follow.
pub fn take_page<T, K: CursorKey>(
    mut rows: Vec<T>,
    limit: u32,
    key: impl FnOnce(&T) -> K,
) -> (Vec<T>, Option<Cursor>) {
    let limit = limit as usize;
    if rows.len() <= limit {
        return (rows, None);
    }
    rows.truncate(limit);
    let next = rows.last().map(|last| encode(&key(last)));
    (rows, next)
}

/// A page size within an endpoint's bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageLimit(u32);

impl PageLimit {
    /// `requested` or the default; outside 1..=max is an `invalid-parameter`.
    pub fn parse(requested: Option<u32>, bounds: PageBounds) -> Result<Self, ApiError> {
        let PageBounds { default, max } = bounds;
        match requested {
            None => Ok(Self(default)),
            Some(n) if (1..=max).contains(&n) => Ok(Self(n)),
            Some(n) => Err(ApiError::InvalidParameter {
                name: "limit".into(),
                reason: format!("{n} is outside 1..={max}"),
            }),
        }
    }

    /// The number of items per page.
    pub fn get(self) -> u32 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Cursor {
        Cursor::from(ENGINE.encode(text))
    }

    #[test]
    fn keys_round_trip() {
        let id = 42_i64;
        assert_eq!(decode::<i64>(&encode(&id)), Ok(id));
        let negative = -7_i64;
        assert_eq!(decode::<i64>(&encode(&negative)), Ok(negative));
        let at = DateTime::from_timestamp_micros(1_700_000_000_123_456).unwrap();
        assert_eq!(decode(&encode(&(at, 42_i64))), Ok((at, 42_i64)));
        let day = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(decode(&encode(&(day, 7_i64))), Ok((day, 7_i64)));
    }

    #[test]
    fn text_keys_round_trip_with_colons() {
        let key = ("Anna: de Vries".to_owned(), 12_i64);
        assert_eq!(decode(&encode(&key)), Ok(key));
        assert_eq!(
            decode::<(String, i64)>(&encode(&3_i64)),
            Err(CursorError::Key)
        );
    }

    #[test]
    fn one_format_for_every_list() {
        assert_eq!(encode(&42_i64).as_str(), ENGINE.encode("c1:42"));
        let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        assert_eq!(
            encode(&(day, 3_i64)).as_str(),
            ENGINE.encode("c1:2024-05-01:3")
        );
        // URL-safe as it is: no padding, no `+` or `/`.
        let at = DateTime::from_timestamp_micros(253_402_300_799_999_999).unwrap();
        let cursor = encode(&(at, i64::MAX));
        assert!(cursor
            .as_str()
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }

    #[test]
    fn garbage_and_tampered_cursors_are_refused() {
        let garbage = Cursor::from("not a cursor!".to_owned());
        assert_eq!(decode::<i64>(&garbage), Err(CursorError::NotBase64));
        assert_eq!(
            decode::<i64>(&Cursor::from(ENGINE.encode([0xff, 0xfe]))),
            Err(CursorError::NotText)
        );
        // The old formats (k1, r1, p1) and no version at all.
        assert_eq!(decode::<i64>(&raw("k1:42")), Err(CursorError::Version));
        assert_eq!(decode::<i64>(&raw("42")), Err(CursorError::Version));
        assert_eq!(decode::<i64>(&raw("c2:42")), Err(CursorError::Version));
        assert_eq!(decode::<i64>(&raw("c1:x")), Err(CursorError::Key));
        assert_eq!(decode::<i64>(&raw("c1:")), Err(CursorError::Key));
        assert_eq!(decode::<i64>(&raw("c1:42:1")), Err(CursorError::Key));
        type DayKey = (NaiveDate, i64);
        assert_eq!(
            decode::<DayKey>(&raw("c1:2024-02-30:1")),
            Err(CursorError::Key)
        );
        assert_eq!(
            decode::<DayKey>(&raw("c1:2024-02-01:")),
            Err(CursorError::Key)
        );
        assert_eq!(
            decode::<DayKey>(&raw("c1:2024-02-01:1:2")),
            Err(CursorError::Key)
        );
        type TimeKey = (DateTime<Utc>, i64);
        assert_eq!(
            decode::<TimeKey>(&raw(&format!("c1:{}:1", i64::MAX))),
            Err(CursorError::Key)
        );
    }

    #[test]
    fn a_cursor_of_another_list_is_refused() {
        let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        let photos = encode(&(day, 3_i64));
        assert_eq!(decode::<i64>(&photos), Err(CursorError::Key));
        assert_eq!(
            decode::<(DateTime<Utc>, i64)>(&photos),
            Err(CursorError::Key)
        );
        assert_eq!(
            decode::<(NaiveDate, i64)>(&encode(&3_i64)),
            Err(CursorError::Key)
        );
    }

    #[test]
    fn a_refused_cursor_is_an_invalid_parameter() {
        let error = position::<i64>(Some(&raw("k1:42"))).unwrap_err();
        assert!(matches!(
            error,
            ApiError::InvalidParameter { ref name, .. } if name == "cursor"
        ));
        assert_eq!(position::<i64>(None).unwrap(), None);
        assert_eq!(position::<i64>(Some(&encode(&5_i64))).unwrap(), Some(5));
    }

    #[test]
    fn a_page_is_cut_at_its_limit() {
        let (rows, next) = take_page(vec![9_i64, 8, 7], 2, |row| *row);
        assert_eq!(rows, vec![9, 8]);
        assert_eq!(next.map(|c| decode::<i64>(&c)), Some(Ok(8)));
        let (rows, next) = take_page(vec![9_i64, 8], 2, |row| *row);
        assert_eq!(rows, vec![9, 8]);
        assert_eq!(next, None);
    }

    #[test]
    fn limit_bounds() {
        let bounds = PageBounds {
            default: 20,
            max: 50,
        };
        assert_eq!(PageLimit::parse(None, bounds).unwrap().get(), 20);
        assert_eq!(PageLimit::parse(Some(50), bounds).unwrap().get(), 50);
        assert!(PageLimit::parse(Some(0), bounds).is_err());
        assert!(PageLimit::parse(Some(51), bounds).is_err());
    }
}
