//! Numbers and units: cardinals in digits or words ("two", "a", "several") and the
//! time units after them.

use super::*;

impl Rules<'_> {
    /// A cardinal number at `i`: digits, words, "a"/"an", vague quantifiers.
    pub(super) fn number(&self, i: usize) -> Option<(usize, Num)> {
        let exact = |v: f64| Num { v, vague: false, article: false };
        let vague = Num { v: 0.0, vague: true, article: false };
        if let Some(n) = self.digits(i) {
            let mut v = f64::from(n);
            let mut j = i + 1;
            if self.word_is(j, key!(".")) && self.glued(j) && self.is_num(j + 1) && self.glued(j + 1) {
                let frac = self.word(j + 1);
                v = format!("{n}.{frac}").parse().ok()?;
                j += 2;
            } else if self.word_is(j, key!(",")) && self.glued(j) && self.is_num(j + 1) && self.glued(j + 1) {
                let t = self.tok(j + 1)?;
                if t.len() != 3 {
                    return None;
                }
                v = v * 1000.0 + f64::from(self.word(j + 1).parse::<u32>().ok()?);
                j += 2;
            }
            // "2 1/2"
            if let (Some(a), true, Some(b)) =
                (self.digits(j), self.word_is(j + 1, key!("/")), self.digits(j + 2))
                && self.glued(j + 1)
                && self.glued(j + 2)
                && b > a
                && b != 0
            {
                v += f64::from(a) / f64::from(b);
                j += 3;
            }
            return Some((j, exact(v)));
        }
        let w = self.word(i);
        match w {
            "a" | "an" => {
                if let Some(j) = self.phrase_end(i + 1, keys!["couple", "of"]) {
                    return Some((j, exact(2.0)));
                }
                if self.word_is(i + 1, key!("few")) {
                    return Some((i + 2, vague));
                }
                if self.word_is(i + 1, key!("dozen")) {
                    return Some((i + 2, exact(12.0)));
                }
                if self.word_in(i + 1, keys!["hundred", "thousand"]) {
                    let m = if self.word_is(i + 1, key!("hundred")) { 100.0 } else { 1000.0 };
                    return Some((i + 2, exact(m)));
                }
                return Some((i + 1, Num { v: 1.0, vague: false, article: true }));
            }
            "several" | "few" | "many" | "some" | "numerous" => return Some((i + 1, vague)),
            "couple" => return self.phrase_end(i + 1, keys!["of"]).map(|j| (j, exact(2.0))),
            "dozen" => return Some((i + 1, exact(12.0))),
            "half" => {
                if self.word_in(i + 1, keys!["a", "an"]) {
                    return Some((i + 2, exact(0.5)));
                }
                return None;
            }
            _ => {}
        }
        let mut v;
        let mut j;
        if let Some(t) = lex::tens(w) {
            v = t;
            j = i + 1;
            let k = if self.hyphen(j) { j + 1 } else { j };
            if let Some(u) = lex::small_number(self.word(k)).filter(|&u| (1..10).contains(&u)) {
                v += u;
                j = k + 1;
            }
        } else if let Some(u) = lex::small_number(w) {
            v = u;
            j = i + 1;
        } else {
            return None;
        }
        if self.word_is(j, key!("hundred")) {
            v *= 100;
            j += 1;
        } else if self.word_is(j, key!("thousand")) {
            v *= 1000;
            j += 1;
        }
        Some((j, exact(f64::from(v))))
    }

    /// A unit word at `i`, allowing a few adjectives before it ("trading days", "more years").
    pub(super) fn unit(&self, i: usize) -> Option<(usize, Unit, bool)> {
        let mut j = i;
        if self.word_in(
            j,
            keys![
                "additional",
                "more",
                "extra",
                "full",
                "straight",
                "consecutive",
                "trading",
                "business",
                "working",
                "calendar",
                "whole",
                "long"
            ],
        ) {
            j += 1;
        }
        let (u, plural) = lex::unit(self.word(j))?;
        Some((j + 1, u, plural))
    }

    pub(super) fn dur_value(n: Num, u: Unit) -> String {
        let t = if u.is_clock() { "T" } else { "" };
        if n.vague {
            return format!("P{t}X{}", u.code());
        }
        let whole = n.v.trunc();
        let frac = n.v - whole;
        if frac.abs() < 1e-9 {
            return format!("P{t}{}{}", whole as u64, u.code());
        }
        let w = whole as u64;
        if (frac - 0.5).abs() < 1e-9 {
            let lower = match u {
                Unit::Year => Some((6, "M", "")),
                Unit::Hour => Some((30, "M", "")),
                Unit::Day => Some((12, "H", "T")),
                _ => None,
            };
            if let Some((n2, c2, t2)) = lower {
                let head = if w > 0 { format!("{w}{}", u.code()) } else { String::new() };
                return format!("P{t}{head}{t2}{n2}{c2}");
            }
        }
        let mut s = format!("{:.3}", n.v);
        while s.ends_with('0') {
            s.pop();
        }
        format!("P{t}{s}{}", u.code())
    }
}
