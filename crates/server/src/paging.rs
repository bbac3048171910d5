//! Cursor paging: no endpoint returns an unbounded list.

use base64::Engine;

use kring_api::paging::PageBounds;

use crate::problem::ApiError;

/// An opaque position in a list: the sort key of the last item on the previous page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor(pub i64);

const ENGINE: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

impl Cursor {
    /// The cursor as clients see it.
    pub fn encode(self) -> String {
        ENGINE.encode(format!("k1:{}", self.0))
    }

    /// Reads a cursor a client sent back; anything else is an `invalid-parameter`.
    pub fn decode(text: &str) -> Result<Self, ApiError> {
        let invalid = || ApiError::InvalidParameter {
            name: "cursor".into(),
            reason: format!("not a cursor: {text:?}"),
        };
        let bytes = ENGINE.decode(text).map_err(|_| invalid())?;
        let text = std::str::from_utf8(&bytes).map_err(|_| invalid())?;
        text.strip_prefix("k1:")
            .and_then(|n| n.parse::<i64>().ok())
            .map(Cursor)
            .ok_or_else(invalid)
    }
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

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let c = Cursor(42);
        assert_eq!(Cursor::decode(&c.encode()).unwrap(), c);
        assert!(Cursor::decode("not-a-cursor").is_err());
        assert!(Cursor::decode(&ENGINE.encode("k1:x")).is_err());
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
