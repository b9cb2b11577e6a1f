use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A time of day with the precision the source gave (seconds optional).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeOfDay {
    /// 0 to 23.
    pub hour: u8,
    /// 0 to 59.
    pub minute: u8,
    /// 0 to 60, when the source gave seconds.
    pub second: Option<u8>,
}

/// A calendar date, optionally with a time of day and a UTC offset, keeping the
/// precision of its source: `2018-09-24`, `2018-09-24T10:27`, `2018-09-24T15:15-04:00`.
///
/// Serialized as that ISO-8601 string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateStamp {
    /// The year (four digits).
    pub year: i16,
    /// 1 to 12.
    pub month: u8,
    /// 1 to 31 (a day of that month).
    pub day: u8,
    /// The time of day, when the source gave one.
    pub time: Option<TimeOfDay>,
    /// Offset from UTC in minutes, when the source gave one (`EDT` → -240, `GMT` → 0).
    pub offset_minutes: Option<i16>,
}

impl DateStamp {
    /// A date without a time.
    pub const fn date(year: i16, month: u8, day: u8) -> Self {
        DateStamp { year, month, day, time: None, offset_minutes: None }
    }

    /// The same date at `time`.
    pub const fn with_time(mut self, time: TimeOfDay) -> Self {
        self.time = Some(time);
        self
    }

    /// The same date with a UTC offset of `minutes`.
    pub const fn with_offset(mut self, minutes: i16) -> Self {
        self.offset_minutes = Some(minutes);
        self
    }

    /// The date part only (`YYYY-MM-DD`).
    pub const fn date_only(&self) -> DateStamp {
        DateStamp::date(self.year, self.month, self.day)
    }
}

impl fmt::Display for DateStamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        if let Some(t) = self.time {
            write!(f, "T{:02}:{:02}", t.hour, t.minute)?;
            if let Some(s) = t.second {
                write!(f, ":{s:02}")?;
            }
            if let Some(off) = self.offset_minutes {
                if off == 0 {
                    f.write_str("Z")?;
                } else {
                    let sign = if off < 0 { '-' } else { '+' };
                    let a = off.unsigned_abs();
                    write!(f, "{sign}{:02}:{:02}", a / 60, a % 60)?;
                }
            }
        }
        Ok(())
    }
}

/// Error for a string that is not an ISO-8601 date stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateStampError(pub String);

impl fmt::Display for DateStampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not an ISO-8601 date or date-time: {:?}", self.0)
    }
}

impl std::error::Error for DateStampError {}

impl FromStr for DateStamp {
    type Err = DateStampError;

    /// Reads the forms [`fmt::Display`] writes: `YYYY-MM-DD[THH:MM[:SS][Z|±HH:MM]]`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateStampError(s.to_string());
        let num = |t: &str| -> Result<u32, DateStampError> {
            if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            t.parse().map_err(|_| err())
        };
        let (date, rest) = match s.split_once('T') {
            Some((d, r)) => (d, Some(r)),
            None => (s, None),
        };
        let mut parts = date.split('-');
        let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(err());
        };
        let (year, month, day) = (num(y)?, num(m)?, num(d)?);
        if y.len() != 4 || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err(err());
        }
        let mut stamp = DateStamp::date(year as i16, month as u8, day as u8);
        if let Some(rest) = rest {
            let (clock, offset) = if let Some(c) = rest.strip_suffix('Z') {
                (c, Some(0i32))
            } else if let Some(i) = rest.rfind(['+', '-']) {
                let (c, o) = rest.split_at(i);
                let (oh, om) = o[1..].split_once(':').ok_or_else(err)?;
                let mins = (num(oh)? * 60 + num(om)?) as i32;
                (c, Some(if o.starts_with('-') { -mins } else { mins }))
            } else {
                (rest, None)
            };
            let mut hms = clock.split(':');
            let h = num(hms.next().ok_or_else(err)?)?;
            let mi = num(hms.next().ok_or_else(err)?)?;
            let sec = hms.next().map(num).transpose()?;
            if hms.next().is_some() || h > 23 || mi > 59 || sec.is_some_and(|x| x > 60) {
                return Err(err());
            }
            stamp.time = Some(TimeOfDay { hour: h as u8, minute: mi as u8, second: sec.map(|x| x as u8) });
            stamp.offset_minutes = offset.map(|o| o as i16);
        }
        Ok(stamp)
    }
}

impl Serialize for DateStamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateStamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for DateStamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateStamp".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An ISO-8601 date with the precision of its source: YYYY-MM-DD, optionally THH:MM, :SS and an offset (Z or ±HH:MM).",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})?)?$",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_precision() {
        for s in [
            "2018-09-24",
            "2018-09-24T10:27",
            "2018-09-24T10:27:05",
            "2018-09-24T15:15-04:00",
            "2018-09-24T10:02Z",
        ] {
            let d: DateStamp = s.parse().unwrap();
            assert_eq!(d.to_string(), s);
        }
        assert!("2018-13-01".parse::<DateStamp>().is_err());
        assert!("Sep 24".parse::<DateStamp>().is_err());
    }
}
