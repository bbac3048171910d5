//! Times and days as the contract carries them: typed values that are RFC 3339 and ISO
//! 8601 strings on the wire.
//!
//! The app never parses a time again after the contract read it: a [`Day`] holds its
//! year, month and day, a [`Timestamp`] its text (the browser's `Date` and
//! `Intl.DateTimeFormat` take it as it is). chrono stays out of the app's WebAssembly;
//! the server converts with the `chrono` feature.

use std::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a text is not a day or a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotATime(String);

impl fmt::Display for NotATime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not ", self.0)?;
        f.write_str(if self.0.len() <= 10 {
            "a date YYYY-MM-DD"
        } else {
            "an RFC 3339 time"
        })
    }
}

impl std::error::Error for NotATime {}

/// A calendar day, `YYYY-MM-DD` on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    year: u16,
    month: u8,
    day: u8,
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl Day {
    /// 1 January 1970, the first day of Unix time.
    pub const EPOCH: Day = Day {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// The day, if it exists in the calendar.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Day { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Reads `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Self, NotATime> {
        let wrong = || NotATime(text.to_owned());
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(wrong());
        }
        let number = |range: std::ops::Range<usize>| {
            text.get(range)
                .filter(|part| part.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|part| part.parse::<u16>().ok())
        };
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        match (year, month, day) {
            (Some(year), Some(month), Some(day)) => {
                Day::new(year, month as u8, day as u8).ok_or_else(wrong)
            }
            _ => Err(wrong()),
        }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Day {
    type Err = NotATime;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Day::parse(text)
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Day::parse(&text).map_err(D::Error::custom)
    }
}

/// A moment in time, RFC 3339 on the wire (`2026-12-03T10:22:11Z`). Kept as the text
/// it came in: the app hands it to the browser, the server converts it with chrono.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Timestamp(String);

impl Timestamp {
    /// Reads an RFC 3339 time (`YYYY-MM-DDTHH:MM:SS`, optional fraction, `Z` or an
    /// offset).
    pub fn parse(text: &str) -> Result<Self, NotATime> {
        let wrong = || NotATime(text.to_owned());
        let (day, rest) = text.split_at_checked(10).ok_or_else(wrong)?;
        Day::parse(day).map_err(|_| wrong())?;
        let rest = rest
            .strip_prefix('T')
            .or_else(|| rest.strip_prefix('t'))
            .ok_or_else(wrong)?;
        let clock = rest.get(..8).ok_or_else(wrong)?;
        let two = |at: usize, max: u8| {
            clock
                .get(at..at + 2)
                .filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u8>().ok())
                .filter(|n| *n <= max)
        };
        let fine = clock.as_bytes()[2] == b':'
            && clock.as_bytes()[5] == b':'
            && two(0, 23).is_some()
            && two(3, 59).is_some()
            && two(6, 60).is_some();
        if !fine {
            return Err(wrong());
        }
        let mut zone = &rest[8..];
        if let Some(fraction) = zone.strip_prefix('.') {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return Err(wrong());
            }
            zone = &fraction[digits..];
        }
        let offset_fine = matches!(zone, "Z" | "z")
            || (zone.len() == 6
                && matches!(zone.as_bytes()[0], b'+' | b'-')
                && zone.as_bytes()[3] == b':'
                && zone[1..3].bytes().all(|b| b.is_ascii_digit())
                && zone[4..6].bytes().all(|b| b.is_ascii_digit()));
        if offset_fine {
            Ok(Timestamp(text.to_owned()))
        } else {
            Err(wrong())
        }
    }

    /// 1 January 1970 at midnight UTC, the start of Unix time.
    pub fn epoch() -> Self {
        Timestamp("1970-01-01T00:00:00Z".to_owned())
    }

    /// The RFC 3339 text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Timestamp::parse(&text).map_err(D::Error::custom)
    }
}

#[cfg(feature = "openapi")]
mod schemas {
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
    use utoipa::openapi::RefOr;

    use super::{Day, Timestamp};

    fn string(format: KnownFormat, description: &str) -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(format)))
            .description(Some(description))
            .into()
    }

    impl utoipa::PartialSchema for Day {
        fn schema() -> RefOr<Schema> {
            string(KnownFormat::Date, "A calendar day, `YYYY-MM-DD`.")
        }
    }

    impl utoipa::ToSchema for Day {}

    impl utoipa::PartialSchema for Timestamp {
        fn schema() -> RefOr<Schema> {
            string(
                KnownFormat::DateTime,
                "A moment in time, RFC 3339 (UTC from the reference server).",
            )
        }
    }

    impl utoipa::ToSchema for Timestamp {}
}

#[cfg(feature = "chrono")]
mod chrono_conversions {
    use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};

    use super::{Day, Timestamp};

    impl From<DateTime<Utc>> for Timestamp {
        fn from(time: DateTime<Utc>) -> Self {
            Timestamp(time.to_rfc3339_opts(SecondsFormat::Secs, true))
        }
    }

    impl From<NaiveDate> for Day {
        fn from(date: NaiveDate) -> Self {
            Day {
                year: date.year().clamp(0, 9999) as u16,
                month: date.month() as u8,
                day: date.day() as u8,
            }
        }
    }

    impl From<Day> for NaiveDate {
        fn from(day: Day) -> Self {
            NaiveDate::from_ymd_opt(day.year.into(), day.month.into(), day.day.into())
                .unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_and_write_iso_dates_and_refuse_the_rest() {
        let day = Day::parse("2024-02-29").unwrap();
        assert_eq!((day.year(), day.month(), day.day()), (2024, 2, 29));
        assert_eq!(day.to_string(), "2024-02-29");
        for wrong in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "24-01-01",
            "2024-01-0a",
            "",
        ] {
            assert!(Day::parse(wrong).is_err(), "{wrong}");
        }
        assert!(Day::parse("2024-01-02").unwrap() < Day::parse("2024-01-10").unwrap());
    }

    #[test]
    fn timestamps_accept_rfc_3339_and_refuse_the_rest() {
        for fine in [
            "2026-12-03T10:22:11Z",
            "2026-12-03T10:22:11.123456Z",
            "2026-12-03T10:22:11+01:00",
        ] {
            assert_eq!(Timestamp::parse(fine).unwrap().as_str(), fine);
        }
        for wrong in [
            "2026-12-03",
            "2026-12-03 10:22:11Z",
            "2026-12-03T25:00:00Z",
            "2026-12-03T10:22:11",
            "2026-12-03T10:22:11.Z",
            "2026-12-32T10:22:11Z",
        ] {
            assert!(Timestamp::parse(wrong).is_err(), "{wrong}");
        }
    }
}
