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
