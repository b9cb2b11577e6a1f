//! Calendar points of various granularity and their TIMEX3 values.

use jiff::ToSpan;
use jiff::civil::Date;

/// A resolved calendar point (the value of a DATE timex), kept so later anaphoric
/// expressions ("a year earlier", "the quarter") can refer back to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CalendarPoint {
    Year(i32),
    Half(i32, u8),
    Quarter(i32, u8),
    Season(i32, u8),
    Month(i32, u8),
    Week(i32, u8),
    Weekend(i32, u8),
    Day(Date),
    Decade(i32),
    Century(i32),
}

const SEASONS: [&str; 4] = ["WI", "SP", "SU", "FA"];

impl CalendarPoint {
    pub fn value(self) -> String {
        match self {
            CalendarPoint::Year(y) => year4(y),
            CalendarPoint::Half(y, h) => format!("{}-H{h}", year4(y)),
            CalendarPoint::Quarter(y, q) => format!("{}-Q{q}", year4(y)),
            CalendarPoint::Season(y, s) => format!("{}-{}", year4(y), SEASONS[usize::from(s) % 4]),
            CalendarPoint::Month(y, m) => format!("{}-{m:02}", year4(y)),
            CalendarPoint::Week(y, w) => format!("{}-W{w:02}", year4(y)),
            CalendarPoint::Weekend(y, w) => format!("{}-W{w:02}-WE", year4(y)),
            CalendarPoint::Day(d) => day_value(d),
            CalendarPoint::Decade(d) => format!("{:03}", d.clamp(0, 999)),
            CalendarPoint::Century(c) => format!("{:02}", c.clamp(0, 99)),
        }
    }

    pub fn year(self) -> i32 {
        match self {
            CalendarPoint::Year(y)
            | CalendarPoint::Half(y, _)
            | CalendarPoint::Quarter(y, _)
            | CalendarPoint::Season(y, _)
            | CalendarPoint::Month(y, _)
            | CalendarPoint::Week(y, _)
            | CalendarPoint::Weekend(y, _) => y,
            CalendarPoint::Day(d) => i32::from(d.year()),
            CalendarPoint::Decade(d) => d * 10,
            CalendarPoint::Century(c) => c * 100,
        }
    }

    /// The same point `n` years away.
    pub fn shift_years(self, n: i32) -> Option<CalendarPoint> {
        Some(match self {
            CalendarPoint::Year(y) => CalendarPoint::Year(y + n),
            CalendarPoint::Half(y, h) => CalendarPoint::Half(y + n, h),
            CalendarPoint::Quarter(y, q) => CalendarPoint::Quarter(y + n, q),
            CalendarPoint::Season(y, s) => CalendarPoint::Season(y + n, s),
            CalendarPoint::Month(y, m) => CalendarPoint::Month(y + n, m),
            CalendarPoint::Week(y, w) => CalendarPoint::Week(y + n, w),
            CalendarPoint::Weekend(y, w) => CalendarPoint::Weekend(y + n, w),
            CalendarPoint::Day(d) => CalendarPoint::Day(d.checked_add(n.years()).ok()?),
            CalendarPoint::Decade(_) | CalendarPoint::Century(_) => return None,
        })
    }
}

fn year4(y: i32) -> String {
    format!("{:04}", y.clamp(0, 9999))
}

pub(crate) fn day_value(d: Date) -> String {
    format!("{}-{:02}-{:02}", year4(i32::from(d.year())), d.month(), d.day())
}

pub(crate) fn date(y: i32, m: u8, d: u8) -> Option<Date> {
    let y = i16::try_from(y).ok()?;
    Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

pub(crate) fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}

pub(crate) fn add_months(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.months()).ok()
}

pub(crate) fn week_of(d: Date) -> CalendarPoint {
    let w = d.iso_week_date();
    CalendarPoint::Week(i32::from(w.year()), u8::try_from(w.week()).unwrap_or(1))
}

pub(crate) fn weekend_of(d: Date) -> CalendarPoint {
    match week_of(d) {
        CalendarPoint::Week(y, w) => CalendarPoint::Weekend(y, w),
        p => p,
    }
}

pub(crate) fn quarter_of(d: Date) -> CalendarPoint {
    CalendarPoint::Quarter(i32::from(d.year()), (d.month() as u8 - 1) / 3 + 1)
}

pub(crate) fn month_of(d: Date) -> CalendarPoint {
    CalendarPoint::Month(i32::from(d.year()), d.month() as u8)
}

/// 0 = winter … 3 = fall (meteorological seasons, December counted in winter).
pub(crate) fn season_index(month: u8) -> u8 {
    match month {
        3..=5 => 1,
        6..=8 => 2,
        9..=11 => 3,
        _ => 0,
    }
}

/// 1 = Monday … 7 = Sunday.
pub(crate) fn weekday_num(d: Date) -> u8 {
    d.weekday().to_monday_one_offset() as u8
}

/// The weekday `wd` (1..=7) on or before / after `d`; `strict` excludes `d` itself.
pub(crate) fn weekday_before(d: Date, wd: u8, strict: bool) -> Option<Date> {
    let cur = i64::from(weekday_num(d));
    let mut back = (cur - i64::from(wd)).rem_euclid(7);
    if back == 0 && strict {
        back = 7;
    }
    add_days(d, -back)
}

pub(crate) fn weekday_after(d: Date, wd: u8, strict: bool) -> Option<Date> {
    let cur = i64::from(weekday_num(d));
    let mut fwd = (i64::from(wd) - cur).rem_euclid(7);
    if fwd == 0 && strict {
        fwd = 7;
    }
    add_days(d, fwd)
}

/// Month index since year 0 (for distances).
pub(crate) fn month_index(y: i32, m: u8) -> i64 {
    i64::from(y) * 12 + i64::from(m) - 1
}
