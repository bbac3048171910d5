//! Days and times from the API as the person's device shows them: the local day for
//! grouping lists, the local clock time, and dates written out in the person's language.
//!
//! The words ("3 maart 2026", "Monday 3 March 2026") come from the browser's own
//! `Intl.DateTimeFormat`, so the app carries no month or weekday names of its own.
//! A [`Day`] is a calendar day without a zone and is written as that day; a
//! [`Timestamp`] is a moment and is written in the device's time zone.

use std::cell::RefCell;

use js_sys::{Array, Date, Function, Intl, Object, Reflect};
use kring_api::{Day, Timestamp};
use wasm_bindgen::JsValue;

use crate::i18n::*;

/// A moment in the device's time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalMoment {
    /// Its calendar day on this device.
    pub day: Day,
    /// 0 to 23.
    pub hour: u32,
    /// 0 to 59.
    pub minute: u32,
}

/// What a date is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// "3 maart 2026".
    Date,
    /// "maandag 3 maart 2026".
    WeekdayDate,
    /// "maart 2026".
    MonthYear,
}

/// The language tag the browser formats with: Dutch as in the Netherlands, and British
/// English, whose day-month-year order matches the Dutch texts.
fn language_tag(locale: Locale) -> &'static str {
    match locale {
        Locale::nl => "nl-NL",
        Locale::en => "en-GB",
    }
}

thread_local! {
    /// Formatters already made: making one costs far more than using it, and a list
    /// writes a date on every row.
    static FORMATTERS: RefCell<Vec<((Locale, Style), Function)>> = const { RefCell::new(Vec::new()) };
}

/// The bound `format` function of an `Intl.DateTimeFormat` for this language and style.
fn formatter(locale: Locale, style: Style) -> Function {
    FORMATTERS.with(|cache| {
        if let Some((_, format)) = cache
            .borrow()
            .iter()
            .find(|(key, _)| *key == (locale, style))
        {
            return format.clone();
        }
        let options = Object::new();
        let set = |name: &str, value: &str| {
            // Setting a property on a fresh plain object cannot fail.
            let _ = Reflect::set(
                &options,
                &JsValue::from_str(name),
                &JsValue::from_str(value),
            );
        };
        match style {
            Style::Date => {
                set("day", "numeric");
                set("month", "long");
                set("year", "numeric");
            }
            Style::WeekdayDate => {
                set("weekday", "long");
                set("day", "numeric");
                set("month", "long");
                set("year", "numeric");
            }
            Style::MonthYear => {
                set("month", "long");
                set("year", "numeric");
            }
        }
        let locales = Array::of1(&JsValue::from_str(language_tag(locale)));
        let format = Intl::DateTimeFormat::new(&locales, &options).format();
        cache.borrow_mut().push(((locale, style), format.clone()));
        format
    })
}

/// `date` written in `style`.
fn write(date: &Date, locale: Locale, style: Style) -> String {
    formatter(locale, style)
        .call1(&JsValue::NULL, date)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// Local midnight of a calendar day (the day it is on this device too).
fn local_date(day: Day) -> Date {
    Date::new_with_year_month_day(
        u32::from(day.year()),
        i32::from(day.month()) - 1,
        i32::from(day.day()),
    )
}

fn moment_of(date: &Date) -> Option<LocalMoment> {
    if date.get_time().is_nan() {
        return None;
    }
    let day = Day::new(
        u16::try_from(date.get_full_year()).ok()?,
        u8::try_from(date.get_month() + 1).ok()?,
        u8::try_from(date.get_date()).ok()?,
    )?;
    Some(LocalMoment {
        day,
        hour: date.get_hours(),
        minute: date.get_minutes(),
    })
}

/// The local moment of a time from the API; `None` when the browser cannot place it.
pub fn local_moment(at: &Timestamp) -> Option<LocalMoment> {
    moment_of(&Date::new(&JsValue::from_str(at.as_str())))
}

/// Today and yesterday on this device.
fn today_and_yesterday() -> (Option<Day>, Option<Day>) {
    let today = moment_of(&Date::new_0()).map(|m| m.day);
    (today, today.and_then(|t| add_days(t, -1)))
}

/// The day as one number, `YYYYMMDD`: larger is later (a list's key for its day rows).
pub fn day_number(day: Day) -> i64 {
    i64::from(day.year()) * 10_000 + i64::from(day.month()) * 100 + i64::from(day.day())
}

/// A list's heading for a day: "Vandaag", "Gisteren" or "maandag 3 maart 2026" (in
/// English likewise).
pub fn day_heading(day: Day, locale: Locale) -> String {
    let (today, yesterday) = today_and_yesterday();
    if today == Some(day) {
        return td_string!(locale, reports.today).to_owned();
    }
    if yesterday == Some(day) {
        return td_string!(locale, reports.yesterday).to_owned();
    }
    write(&local_date(day), locale, Style::WeekdayDate)
}

impl LocalMoment {
    /// The clock time, `14:05`.
    pub fn clock(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }
}

/// A calendar day as people write it: "3 maart 2026", "3 March 2026".
pub fn day_text(day: Day, locale: Locale) -> String {
    write(&local_date(day), locale, Style::Date)
}

/// A month of a year: "maart 2026", "March 2026".
pub fn month_text(year: u16, month: u8, locale: Locale) -> String {
    match Day::new(year, month, 1) {
        Some(first) => write(&local_date(first), locale, Style::MonthYear),
        None => format!("{year}-{month:02}"),
    }
}

/// The local date of a time from the API as people write it ("3 maart 2026").
pub fn local_date_text(at: &Timestamp, locale: Locale) -> String {
    match local_moment(at) {
        Some(moment) => day_text(moment.day, locale),
        None => at.to_string(),
    }
}

/// "3 maart 2026 om 14:05": `text` with its `{date}` and `{time}` filled in with the
/// local date and clock time of `at`.
pub fn date_and_time(at: &Timestamp, text: &str, locale: Locale) -> String {
    match local_moment(at) {
        Some(moment) => fill(
            text,
            &[
                ("date", &day_text(moment.day, locale)),
                ("time", &moment.clock()),
            ],
        ),
        None => at.to_string(),
    }
}

/// The moment as milliseconds since 1970 (the browser's `Date` reads it).
pub fn millis(at: &Timestamp) -> f64 {
    Date::parse(at.as_str())
}

/// Whether the moment is still to come on this device's clock.
pub fn in_future(at: &Timestamp) -> bool {
    millis(at) > Date::now()
}

/// Today on this device.
pub fn today() -> Day {
    // The browser's clock always has a day; 1970-01-01 only if it were unreadable.
    moment_of(&Date::new_0())
        .map(|m| m.day)
        .or_else(|| Day::new(1970, 1, 1))
        .expect("1970-01-01 is a day")
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

/// The day `days` days after `day` (before it, for a negative count); `None` outside
/// the years 1 to 9999.
pub fn add_days(day: Day, days: i64) -> Option<Day> {
    let count = days_from_civil(
        i64::from(day.year()),
        i64::from(day.month()),
        i64::from(day.day()),
    );
    let (year, month, day) = civil_from_days(count.checked_add(days)?);
    if !(1..=9999).contains(&year) {
        return None;
    }
    Day::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

/// The day a date field holds (`YYYY-MM-DD`, around spaces); `None` for anything else,
/// 31 February included.
pub fn field_day(text: &str) -> Option<Day> {
    Day::parse(text.trim()).ok().filter(|day| day.year() >= 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    fn after(text: &str, days: i64) -> Option<String> {
        add_days(day(text), days).map(|d| d.to_string())
    }

    #[wasm_bindgen_test]
    fn adds_days_across_months_years_and_leap_days() {
        assert_eq!(after("2025-12-28", 7).as_deref(), Some("2026-01-04"));
        assert_eq!(after("2024-02-27", 3).as_deref(), Some("2024-03-01"));
        assert_eq!(after("2024-03-01", -1).as_deref(), Some("2024-02-29"));
        assert_eq!(after("2026-03-01", -1).as_deref(), Some("2026-02-28"));
        assert_eq!(after("2026-01-01", 182).as_deref(), Some("2026-07-02"));
        assert_eq!(after("9999-12-31", 1), None);
    }

    #[wasm_bindgen_test]
    fn only_real_dates_count() {
        assert_eq!(field_day(" 2026-05-10 "), Some(day("2026-05-10")));
        assert!(field_day("2024-02-29").is_some());
        for wrong in [
            "2026-02-29",
            "2026-02-31",
            "2026-13-01",
            "2026-1-01",
            "0000-01-01",
            "2026-01-01x",
            "",
        ] {
            assert_eq!(field_day(wrong), None, "{wrong}");
        }
    }

    #[wasm_bindgen_test]
    fn the_browser_writes_dates_in_the_persons_language() {
        assert_eq!(day_text(day("2026-03-03"), Locale::nl), "3 maart 2026");
        assert_eq!(day_text(day("2026-03-03"), Locale::en), "3 March 2026");
        assert_eq!(month_text(2026, 3, Locale::nl), "maart 2026");
        assert_eq!(month_text(2026, 3, Locale::en), "March 2026");
        let tuesday = day("2024-03-05");
        assert_eq!(day_heading(tuesday, Locale::nl), "dinsdag 5 maart 2024");
        // British English writes a comma after the weekday in some browsers' data.
        let english = day_heading(tuesday, Locale::en);
        assert!(
            english.starts_with("Tuesday") && english.ends_with(" 5 March 2024"),
            "{english}"
        );
    }
}
