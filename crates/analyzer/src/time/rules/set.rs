//! Sets: recurring times ("every week" → `P1W`, "daily", "each Monday").

use super::*;

impl Rules<'_> {
    pub(super) fn set(&self, i: usize) -> Option<TimexCandidate> {
        let w = self.word(i);
        // (not "annually", "yearly": in news they give the rate of an amount — "revenue to
        // increase by 20% annually", "payments of C$17.9 million annually" — which TimeBank
        // leaves untagged: of the tuned part's three, none was tagged with our value, and
        // leaving them out raised both parts' value F1; issue 24)
        let single = match w {
            "daily" => Some("XXXX-XX-XX"),
            "hourly" => Some("PT1H"),
            "weekly" => Some("P1W"),
            "monthly" => Some("P1M"),
            "nightly" => Some("XXXX-XX-XXTNI"),
            _ => None,
        };
        if let Some(v) = single {
            return Some(TimexCandidate::other(i, i + 1, TimexType::Set, v));
        }
        if matches!(w, "every" | "each" | "per") {
            let mut j = i + 1;
            if self.word_is(j, key!("other")) {
                j += 1;
            }
            let (mut k, n) = match self.number(j) {
                Some((k, n)) if !n.article && !n.vague => (k, n.v as u64),
                _ => (j, 1),
            };
            if self.hyphen(k) {
                k += 1;
            }
            if let Some((e, u, _)) = self.unit(k) {
                let n = if self.word_is(i + 1, key!("other")) { 2 } else { n };
                let t = if u.is_clock() { "T" } else { "" };
                return Some(TimexCandidate::other(i, e, TimexType::Set, format!("P{t}{n}{}", u.code())));
            }
            if let Some((wd, _)) = lex::weekday(self.word(k)).filter(|_| self.capitalized(k)) {
                let mut e = k + 1;
                let mut v = format!("XXXX-WXX-{wd}");
                if let Some(p) = lex::part_of_day(self.word(e)) {
                    v += &format!("T{p}");
                    e += 1;
                }
                return Some(TimexCandidate::other(i, e, TimexType::Set, v));
            }
            if let Some(m) =
                lex::month(self.word(k)).filter(|_| self.capitalized(k) && self.word(k).len() > 3)
            {
                return Some(TimexCandidate::other(i, k + 1, TimexType::Set, format!("XXXX-{m:02}")));
            }
            if let Some(p) = lex::part_of_day(self.word(k)) {
                return Some(TimexCandidate::other(i, k + 1, TimexType::Set, format!("XXXX-XX-XXT{p}")));
            }
            if let Some(s) = lex::season(self.word(k)) {
                let code = ["WI", "SP", "SU", "FA"][usize::from(s)];
                return Some(TimexCandidate::other(i, k + 1, TimexType::Set, format!("XXXX-{code}")));
            }
            return None;
        }
        // plural weekdays: "on Mondays", "Tuesday nights"
        if let Some((wd, plural)) = lex::weekday(w).filter(|_| self.capitalized(i)) {
            if plural {
                let mut e = i + 1;
                let mut v = format!("XXXX-WXX-{wd}");
                if let Some(p) = lex::part_of_day(self.word(e)) {
                    v += &format!("T{p}");
                    e += 1;
                }
                return Some(TimexCandidate::other(i, e, TimexType::Set, v));
            }
            if let Some(p) = lex::part_of_day(self.word(i + 1)).filter(|_| self.word(i + 1).ends_with('s')) {
                return Some(TimexCandidate::other(i, i + 2, TimexType::Set, format!("XXXX-WXX-{wd}T{p}")));
            }
        }
        None
    }
}
