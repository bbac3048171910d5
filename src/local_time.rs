//! Times from the API (UTC, RFC 3339) as the person's device shows them: the local day
//! for grouping lists and the local clock time.

use crate::i18n::*;

/// A day in the device's time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LocalDay {
    /// The year.
    pub year: u32,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31.
    pub day: u32,
    /// 0 (Sunday) to 6.
    pub weekday: u32,
}

/// A moment in the device's time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalMoment {
    /// Its day.
    pub day: LocalDay,
    /// 0 to 23.
    pub hour: u32,
    /// 0 to 59.
    pub minute: u32,
}

fn moment_of(date: &js_sys::Date) -> Option<LocalMoment> {
    if date.get_time().is_nan() {
        return None;
    }
    Some(LocalMoment {
        day: LocalDay {
            year: date.get_full_year(),
            month: date.get_month() + 1,
            day: date.get_date(),
            weekday: date.get_day(),
        },
        hour: date.get_hours(),
        minute: date.get_minutes(),
    })
}

/// The local moment of an RFC 3339 time; `None` when it cannot be read.
pub fn local_moment(rfc3339: &str) -> Option<LocalMoment> {
    moment_of(&js_sys::Date::new(&wasm_bindgen::JsValue::from_str(
        rfc3339,
    )))
}

/// Today and yesterday on this device.
fn today_and_yesterday() -> (Option<LocalDay>, Option<LocalDay>) {
    let now = js_sys::Date::new_0();
    let today = moment_of(&now).map(|m| m.day);
    // Built from the calendar day, so a daylight-saving change does not shift it.
    let yesterday = today.and_then(|t| {
        moment_of(&js_sys::Date::new_with_year_month_day(
            t.year,
            t.month as i32 - 1,
            t.day as i32 - 1,
        ))
        .map(|m| m.day)
    });
    (today, yesterday)
}

impl LocalDay {
    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// "Vandaag", "Gisteren" or "maandag 3 maart 2026" (in English likewise).
    pub fn heading(&self, locale: Locale) -> String {
        let (today, yesterday) = today_and_yesterday();
        if today == Some(*self) {
            return td_string!(locale, reports.today).to_owned();
        }
        if yesterday == Some(*self) {
            return td_string!(locale, reports.yesterday).to_owned();
        }
        let weekday = match self.weekday {
            0 => td_string!(locale, weekdays.d0),
            1 => td_string!(locale, weekdays.d1),
            2 => td_string!(locale, weekdays.d2),
            3 => td_string!(locale, weekdays.d3),
            4 => td_string!(locale, weekdays.d4),
            5 => td_string!(locale, weekdays.d5),
            _ => td_string!(locale, weekdays.d6),
        };
        format!("{weekday} {}", format_date(&self.iso(), locale))
    }
}

impl LocalMoment {
    /// The clock time, `14:05`.
    pub fn clock(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }
}

/// The local date of an RFC 3339 time as people write it ("3 maart 2026").
pub fn local_date_text(rfc3339: &str, locale: Locale) -> String {
    match local_moment(rfc3339) {
        Some(moment) => format_date(&moment.day.iso(), locale),
        None => rfc3339.to_owned(),
    }
}

/// Today on this device, `YYYY-MM-DD`.
pub fn today_iso() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// Days since 1970-01-01 of a calendar date (proleptic Gregorian; H. Hinnant's method).
/// Plain arithmetic rather than the browser's `Date`: no time zone or daylight saving to
/// think about, and no quiet rolling over of 31 February into March.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The calendar date (year, month, day) of a count of days since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The day count of a real `YYYY-MM-DD` date (what a date input gives, around spaces);
/// `None` for anything else, 31 February included.
fn day_number(iso: &str) -> Option<i64> {
    let iso = iso.trim();
    let mut parts = iso.splitn(3, '-');
    let mut number = |digits: usize| {
        parts
            .next()
            .filter(|p| p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()))?
            .parse::<i64>()
            .ok()
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    if year == 0 || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // 31 February and the like come back as another date.
    (civil_from_days(days) == (year, month, day)).then_some(days)
}

/// Whether `iso` is a real `YYYY-MM-DD` date (not 31 February).
pub fn is_date(iso: &str) -> bool {
    day_number(iso).is_some()
}

/// The `YYYY-MM-DD` date `days` days after `iso` (before it, for a negative count);
/// `None` when `iso` is not a real date, or the answer is outside the years 1 to 9999.
pub fn add_days(iso: &str, days: i64) -> Option<String> {
    let (year, month, day) = civil_from_days(day_number(iso)?.checked_add(days)?);
    (1..=9999)
        .contains(&year)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn adds_days_across_months_years_and_leap_days() {
        assert_eq!(add_days("2025-12-28", 7).as_deref(), Some("2026-01-04"));
        assert_eq!(add_days("2024-02-27", 3).as_deref(), Some("2024-03-01"));
        assert_eq!(add_days("2024-03-01", -1).as_deref(), Some("2024-02-29"));
        assert_eq!(add_days("2026-03-01", -1).as_deref(), Some("2026-02-28"));
        assert_eq!(add_days(" 2026-05-10 ", 0).as_deref(), Some("2026-05-10"));
        assert_eq!(add_days("2026-01-01", 182).as_deref(), Some("2026-07-02"));
    }

    #[wasm_bindgen_test]
    fn only_real_dates_count() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2026-02-29"));
        assert!(!is_date("2026-02-31"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("2026-1-01"));
        assert!(!is_date("0000-01-01"));
        assert!(!is_date("2026-01-01x"));
        assert!(!is_date(""));
        assert_eq!(add_days("2026-02-31", 1), None);
        assert_eq!(add_days("9999-12-31", 1), None);
    }
}
