use storyline_model::TimexType::{self, Date as D, Duration as Dur, Set, Time as T};

use super::*;

fn date(y: i16, m: i8, d: i8) -> Option<Date> {
    Some(Date::new(y, m, d).unwrap())
}

/// Monday 2018-09-24.
const MON: Option<Date> = Some(jiff::civil::date(2018, 9, 24));
/// Saturday 2018-09-22.
const SAT: Option<Date> = Some(jiff::civil::date(2018, 9, 22));

/// The single timex expected in `text`: (extent, type, value).
#[track_caller]
fn one(text: &str, dct: Option<Date>, extent: &str, kind: TimexType, value: &str) {
    let found = extract(text, dct);
    let hit = found.iter().find(|t| t.text == extent);
    assert!(hit.is_some(), "{text:?}: no timex {extent:?} in {found:#?}");
    let t = hit.unwrap();
    assert_eq!((t.kind, t.value.as_str()), (kind, value), "{text:?} / {extent:?}");
    assert_eq!(&text[t.start..t.end], extent);
}

#[track_caller]
fn none(text: &str, dct: Option<Date>) {
    let found = extract(text, dct);
    assert!(found.is_empty(), "{text:?}: unexpected {found:#?}");
}

#[test]
fn explicit_dates() {
    one("The deal closed Sep. 24, 2018, in Paris.", MON, "Sep. 24, 2018", D, "2018-09-24");
    one("It was announced Sept. 21.", MON, "Sept. 21", D, "2018-09-21");
    one("It was announced Sept. 21.", None, "Sept. 21", D, "XXXX-09-21");
    one("The dividend is payable Jan. 3.", MON, "Jan. 3", D, "2019-01-03");
    one("Prices peaked in 1998.", MON, "1998", D, "1998");
    one("Prices peaked in 1998.", None, "1998", D, "1998");
    one("a boom in the 1990s", MON, "the 1990s", D, "199");
    one("the '80s were different", MON, "the '80s", D, "198");
    one("filed on 1998-02-13 with", None, "1998-02-13", D, "1998-02-13");
    one("in August 1988 the war ended", MON, "August 1988", D, "1988-08");
    one("She was born March 8, 1960.", None, "March 8, 1960", D, "1960-03-08");
    one("on Saturday, April 25, the court", date(1998, 4, 24), "Saturday, April 25", D, "1998-04-25");
    one("in nineteen ninety-six", MON, "nineteen ninety-six", D, "1996");
    one("by the year two thousand", MON, "the year two thousand", D, "2000");
}

#[test]
fn quarters_and_fiscal_years() {
    let oct = date(1989, 10, 26);
    one("Net rose in the third quarter.", oct, "the third quarter", D, "1989-Q3");
    one("Net rose in the third quarter.", None, "the third quarter", D, "XXXX-Q3");
    one("The third-quarter loss widened.", oct, "third-quarter", D, "1989-Q3");
    one("the loss in the third-quarter results", oct, "third-quarter", D, "1989-Q3");
    one("Revenue for fiscal 1990 will rise.", oct, "fiscal 1990", D, "1990");
    one("in the fourth quarter of 1984", oct, "the fourth quarter of 1984", D, "1984-Q4");
    one("the first half of 1990", oct, "the first half of 1990", D, "1990-H1");
    // "a year earlier" in an earnings sentence is the same quarter a year before
    let text = "Net income in the third quarter rose to $5 million from $4 million a year earlier.";
    one(text, oct, "a year earlier", D, "1988-Q3");
    one("In the year-ago quarter, it lost money.", oct, "the year-ago quarter", D, "1988-Q3");
}

/// The quarter reported on, which "the latest quarter" and "a year ago" refer to (TimeBank
/// sentences, against their documents' dates).
#[test]
fn the_quarter_reported_on() {
    let nov = date(1989, 11, 2);
    // wsj_0144: a quarter ahead ("will result in a fourth-quarter charge") is not the one
    // reported on; "the latest quarter" is, and "a year ago" compares with it
    let text = "Travelers estimated that the California earthquake last month will result in a \
                fourth-quarter pre-tax charge of less than $10 million. The insurer's earnings from \
                commercial property/casualty lines fell 59% in the latest quarter, while it lost $7.2 \
                million in its personal property/casualty business, compared with earnings of $6.1 \
                million a year ago.";
    one(text, nov, "fourth-quarter", D, "1989-Q4");
    one(text, nov, "the latest quarter", D, "1989-Q3");
    one(text, nov, "a year ago", D, "1988-Q3");
    // wsj_0144: after "the first nine months" the period talked about is the year's
    let text = "Travelers Corp.'s third-quarter net income rose 11%. In the first nine months, net was \
                $306 million, compared with a loss of $195 million in the 1988 period. The year-ago \
                results included a $415 million charge.";
    one(text, nov, "the 1988 period", D, "1988");
    one(text, nov, "year-ago", D, "1988");
    // wsj_0928 (1989-10-26): "the 1988 period" is what the fiscal first quarter is compared
    // with; "the quarter" after it is still the fiscal first quarter
    let text = "Sun Microsystems Inc. said it earned $5.2 million, or seven cents a share, in the \
                fiscal first quarter. Sun, a maker of computer workstations, reported sales of $538.5 \
                million for the quarter ended Sept. 29, up 39% from $388.5 million a year earlier. In \
                the 1988 period, the company earned $20.6 million, or 26 cents a share. Sun's results \
                were slightly better than expectations. Earlier this month, the company said it \
                expected to break even for the quarter on sales of $530 million.";
    let oct26 = date(1989, 10, 26);
    one(text, oct26, "the 1988 period", D, "1988-Q1");
    let found = extract(text, oct26);
    assert_eq!(found.last().map(|t| (t.text.as_str(), t.value.as_str())), Some(("the quarter", "1989-Q1")));
    // wsj_0344 (1989-11-01): the results of "this quarter" are the reported quarter's
    let text = "Price Stern Sloan Inc. reported a net loss of $8.1 million for the third quarter ended \
                Sept. 30. This quarter's loss includes pretax charges of $4.9 million. Sales in this \
                quarter will rise.";
    let nov1 = date(1989, 11, 1);
    one(text, nov1, "This quarter", D, "1989-Q3");
    one(text, nov1, "this quarter", D, "1989-Q4");
    // wsj_0534 (1989-10-30): "until then" is the date told just before
    let text = "Conseco said all conversion rights on the stock will terminate on Nov. 30. Until then, \
                Conseco said the stock remains convertible. Then it fell.";
    let oct30 = date(1989, 10, 30);
    let found = extract(text, oct30);
    let thens: Vec<_> = found.iter().filter(|t| t.text.eq_ignore_ascii_case("then")).collect();
    assert_eq!(thens.len(), 1, "{found:#?}");
    assert_eq!((thens[0].kind, thens[0].value.as_str()), (D, "1989-11-30"));
    // wsj_0026 (1989-11-02): "that year" is the year told just before
    let text = "Imports of the types of watches that now will be eligible for duty-free treatment \
                totaled about $37.3 million in 1988, a relatively small share of the $1.5 billion in \
                U.S. watch imports that year, according to an aide.";
    one(text, nov, "that year", D, "1988");
    none("Prices rose that year.", nov);
    // wsj_0558 (1989-10-30): "year-earlier" compares with the year reported on, not with the
    // year before the last one told
    let text = "Last year catastrophe losses totaled $5 million, when net was $235.5 million, or $2.07 \
                a share. The year-earlier results have been restated to reflect an accounting change.";
    one(text, date(1989, 10, 30), "year-earlier", D, "1988");
    // wsj_1013 (1989-10-26): "the quarter a year ago" is one expression, the quarter a year back
    let oct = date(1989, 10, 26);
    let text = "Columbia Savings & Loan Association announced a loss for the third quarter of $226.3 \
                million, or $11.57 a share. For the quarter a year ago, Columbia reported earnings of \
                $16.3 million, or 37 cents a share.";
    one(text, oct, "the quarter a year ago", D, "1988-Q3");
    assert_eq!(extract(text, oct).len(), 2, "{:?}", extract(text, oct));
    // wsj_0344 (1989-11-01)
    let text = "Price Stern Sloan Inc. reported a net loss of $8.1 million, or $2.14 a share, for the \
                third quarter ended Sept. 30. These results compare with net income of $1.8 million, or \
                44 cents a share, for the corresponding period last year.";
    one(text, nov, "the corresponding period last year", D, "1988-Q3");
}

#[test]
fn times_of_day() {
    one("The plane landed at 10:27 AM local time.", MON, "10:27 AM local time", T, "2018-09-24T10:27");
    one("The plane landed at 10:27 AM.", None, "10:27 AM", T, "XXXX-XX-XXT10:27");
    one("The vote is at 10 p.m. Wednesday.", date(1998, 2, 13), "10 p.m. Wednesday", T, "1998-02-11T22:00");
    one("They met Monday morning.", MON, "Monday morning", T, "2018-09-24TMO");
    one("They met Monday morning.", None, "Monday morning", T, "XXXX-WXX-1TMO");
    one("He spoke this morning.", MON, "this morning", T, "2018-09-24TMO");
    one("He spoke last night.", MON, "last night", T, "2018-09-23TNI");
    one("The game is tonight.", MON, "tonight", T, "2018-09-24TNI");
    one("The strike started at noon Saturday.", MON, "noon Saturday", T, "2018-09-22T12:00");
}

#[test]
fn weekdays_follow_tense() {
    one("Trump said Sunday that talks failed.", MON, "Sunday", D, "2018-09-23");
    one("Trump said Sunday that talks failed.", None, "Sunday", D, "XXXX-WXX-7");
    one("The leaders will meet Friday in Rome.", MON, "Friday", D, "2018-09-28");
    one("The leaders will meet Friday in Rome.", None, "Friday", D, "XXXX-WXX-5");
    // no tense clue, past-tense news: the closest past one
    one("Friday, police arrested two men.", SAT, "Friday", D, "2018-09-21");
    one("Police arrested two men Friday.", SAT, "Friday", D, "2018-09-21");
    one("The talks are set to resume Monday.", SAT, "Monday", D, "2018-09-24");
    one("The company said the meeting was last Friday.", MON, "last Friday", D, "2018-09-21");
    one("on Tuesday nights", MON, "Tuesday nights", Set, "XXXX-WXX-2TNI");
}

/// Wednesday 2025-03-12, the date of the article of issue 24.
const WED: Option<Date> = Some(jiff::civil::date(2025, 3, 12));

/// Issue 24's sentence and its variants: the conditional, the future and the plans of what
/// was reported point forward, a "by" deadline too; the reporting verb keeps its own day.
#[test]
fn direction_of_what_was_reported() {
    let maine = "The Maine Department of Transportation said it would publish a detour plan by Friday.";
    one(maine, WED, "Friday", D, "2025-03-14");
    one(maine, None, "Friday", D, "XXXX-WXX-5");
    for verb in ["will publish", "is to publish", "plans to publish", "expects to publish", "could publish"] {
        let text = format!("The Maine Department of Transportation said it {verb} a detour plan Friday.");
        one(&text, WED, "Friday", D, "2025-03-14");
    }
    // what was reported is a deadline, whatever its verb's tense
    let text = "The Maine Department of Transportation said the detour plan is due by Friday.";
    one(text, WED, "Friday", D, "2025-03-14");
    // the reporting verb's own date stays past, beside the future it reports
    let text = "The Maine Department of Transportation said Monday it would publish a detour plan by Friday.";
    one(text, WED, "Monday", D, "2025-03-10");
    one(text, WED, "Friday", D, "2025-03-14");
    // past tense: the Friday before
    let text = "The Maine Department of Transportation published a detour plan Friday.";
    one(text, WED, "Friday", D, "2025-03-07");
    // a conditional perfect is past
    let text = "The Maine Department of Transportation said it would have published a detour plan Friday.";
    one(text, WED, "Friday", D, "2025-03-07");
}

/// Modals, the conditional and "won't" point forward (PolNeAR sentences, against their
/// articles' dates).
#[test]
fn direction_of_modals() {
    // breitbart, Thursday 2016-04-14: "would" after a present "says"
    let text = "On his tax returns, he says he would release his information for 2014 on Friday, \
                calling them \u{201c}very boring tax returns\u{201d}.";
    one(text, date(2016, 4, 14), "Friday", D, "2016-04-15");
    // west-journal, Friday 2016-05-06: the announcement's day, and the meeting's ahead
    let text = "After a day of tensions between two of the nation\u{2019}s highest-profile Republicans, \
                House Speaker Paul Ryan\u{2019}s office announced Friday that Ryan will meet with \
                presumptive Republican presidential nominee Donald Trump on Thursday.";
    one(text, date(2016, 5, 6), "Friday", D, "2016-05-06");
    one(text, date(2016, 5, 6), "Thursday", D, "2016-05-12");
    // politico, Wednesday 2016-02-17 and 2016-04-06: "won't" is no past "won"
    let text = "But for whom? The votes won\u{2019}t be counted until March 15, and the speculation rages.";
    one(text, date(2016, 2, 17), "March 15", D, "2016-03-15");
    let text = "In California for example, where Democrats won\u{2019}t vote until June, the unionized \
                faculty of the University of California system is on board.";
    one(text, date(2016, 4, 6), "June", D, "2016-06");
    // TimeBank wsj_0527 (Monday 1989-10-30): "may" the modal, "effective" a start ahead
    let text = "Crossland may not meet the new government capital criteria effective Dec. 7.";
    one(text, date(1989, 10, 30), "Dec. 7", D, "1989-12-07");
}

/// Plans and schedules point forward, unless overtaken (past perfect).
#[test]
fn direction_of_plans_and_schedules() {
    // TimeBank wsj_0505 (Tuesday 1989-10-31): "to be completed by"
    let text = "They said they expect the transaction to be completed by Dec. 15.";
    one(text, date(1989, 10, 31), "Dec. 15", D, "1989-12-15");
    // TimeBank wsj_0527 (1989-10-30): "to be published in"
    let text = "He added that final guidelines to be published in early November will determine \
                whether the bank is in compliance.";
    one(text, date(1989, 10, 30), "early November", D, "1989-11");
    // politico, Monday 2016-05-09: "is scheduled to … this Thursday"
    let text = "Trump is scheduled to meet with Ryan and other top congressional Republicans this \
                Thursday in Washington D.C.";
    one(text, date(2016, 5, 9), "this Thursday", D, "2016-05-12");
    // TimeBank wsj_0542 (Monday 1989-10-30): a schedule in the past perfect is overtaken
    let text = "The offer, which Telerate's two independent directors have rejected as inadequate, \
                previously had been scheduled to expire at midnight Friday.";
    one(text, date(1989, 10, 30), "midnight Friday", T, "1989-10-27T24");
    // wash-post, Sunday 2016-09-18: a commitment in the past perfect is still ahead
    let text = "She said leaders had agreed to put together a reform plan by March of next year.";
    one(text, date(2016, 9, 18), "March of next year", D, "2017-03");
}

/// "by", "until", "beginning" point forward from a reporting verb, a decision or no verb;
/// a past verb of the clause itself keeps them past.
#[test]
fn direction_of_forward_cues() {
    // wash-post, Sunday 2016-05-29: what a judge ordered
    let text = "Curiel ordered that the playbooks and other records, numbering about 1,000 pages, be \
                released by Thursday, allowing time to redact telephone numbers.";
    one(text, date(2016, 5, 29), "Thursday", D, "2016-06-02");
    // politico, Wednesday 2015-12-23: a reported "until"
    let text = "They said he didn\u{2019}t need to come out until January and start talking about policy.";
    one(text, date(2015, 12, 23), "January", D, "2016-01");
    // politico, Thursday 2016-01-28
    one("It will air beginning Friday on TV and online.", date(2016, 1, 28), "Friday", D, "2016-01-29");
    // the clause's own past verb: the Friday before
    let text = "The bridge remained closed until Friday.";
    one(text, WED, "Friday", D, "2025-03-07");
}

/// Past tenses point back: simple past, reporting verbs, the present perfect.
#[test]
fn direction_of_past_tenses() {
    // nyt, Wednesday 2016-08-17
    let text = "It laid bare the strengths and tics of a would-be candidate who decided last year \
                against challenging the woman he spent Monday embracing.";
    one(text, date(2016, 8, 17), "Monday", D, "2016-08-15");
    // breitbart, Monday 2016-02-08: the reporting verb after a quoted future
    let text = "\u{201c}If elected POTUS- I will create borders & the drugs will stop pouring in,\u{201d} \
                he tweeted Saturday.";
    one(text, date(2016, 2, 8), "Saturday", D, "2016-02-06");
    // usa-today, Tuesday 2016-01-19: the present perfect looks back
    let text = "Trump has posted more than 5,000 times since June, mostly on Twitter.";
    one(text, date(2016, 1, 19), "June", D, "2015-06");
}

/// "next", "last" and "this" with a weekday.
#[test]
fn direction_of_next_last_this() {
    // politico, Friday 2016-08-26
    let text = "Biden will appear on behalf of the Democratic ticket next Thursday at events in the \
                Mahoning Valley and the Cleveland area.";
    one(text, date(2016, 8, 26), "next Thursday", D, "2016-09-01");
    one("The company said the meeting was last Friday.", WED, "last Friday", D, "2025-03-07");
    // "this" + weekday: the coming one, but the one past in a past clause
    one("The council meets this Friday.", WED, "this Friday", D, "2025-03-14");
    one("The talks broke down this Monday.", WED, "this Monday", D, "2025-03-10");
    // months: "next March" and "last March" in March are a year away
    one("The bridge will reopen next March.", WED, "next March", D, "2026-03");
    one("The bridge closed last March.", WED, "last March", D, "2024-03");
    one("The bridge will reopen next April.", WED, "next April", D, "2025-04");
    one("The bridge closed last February.", WED, "last February", D, "2025-02");
    // "this weekend": the coming one, but the one just gone in a past clause (nyt, Monday
    // 2016-09-19)
    let text = "The president told African-Americans this weekend he would consider it a \"personal \
                insult\" if they did not vote for Mrs. Clinton.";
    one(text, date(2016, 9, 19), "this weekend", D, "2016-W37-WE");
    one("The council meets this weekend.", WED, "this weekend", D, "2025-W11-WE");
    one("The council met this weekend.", SAT, "this weekend", D, "2018-W38-WE");
}

#[test]
fn relative_dates() {
    one("Sales fell a year ago.", MON, "a year ago", D, "2017");
    one("Sales fell a year ago.", None, "a year ago", D, "XXXX");
    one("Prices rose last month.", MON, "last month", D, "2018-08");
    one("Prices rose last month.", None, "last month", D, "XXXX-XX");
    one("A day earlier, the talks broke down.", MON, "A day earlier", D, "2018-09-23");
    one("The shares rose in June.", MON, "June", D, "2018-06");
    one("The shares rose in June.", None, "June", D, "XXXX-06");
    one("The council meets this week.", SAT, "this week", D, "2018-W38");
    one("The council meets this week.", None, "this week", D, "XXXX-WXX");
    one("Elections are due next year.", MON, "next year", D, "2019");
    one("It grew over the past two years.", MON, "the past two years", Dur, "P2Y");
    one("He arrived yesterday.", MON, "yesterday", D, "2018-09-23");
    one("He arrives today.", MON, "today", D, "2018-09-24");
    one("He arrives tomorrow.", MON, "tomorrow", D, "2018-09-25");
    one("He arrives tomorrow.", None, "tomorrow", D, "XXXX-XX-XX");
    one("Prices have risen in recent weeks.", MON, "recent weeks", Dur, "PXW");
    one("Growth will slow early next year.", MON, "early next year", D, "2019");
    one("Earlier this month, the firm cut jobs.", MON, "Earlier this month", D, "2018-09");
    one("Profit rose last year.", MON, "last year", D, "2017");
    one("The plan was unveiled two weeks ago.", MON, "two weeks ago", D, "2018-09-10");
    one("The plan was unveiled two weeks ago.", None, "two weeks ago", D, "XXXX-XX-XX");
    // APW19980322.0749 (Sunday 1998-03-22)
    let text = "Britain, which is overseeing talks that are supposed to conclude by May, invited \
                Sinn Fein to rejoin two weeks ago.";
    one(text, date(1998, 3, 22), "two weeks ago", D, "1998-03-08");
    one("The vote is three weeks from now.", MON, "three weeks from now", D, "2018-10-15");
    one("It happened 10 days ago.", MON, "10 days ago", D, "2018-09-14");
    one("The fund grew this summer.", MON, "this summer", D, "2018-SU");
}

#[test]
fn durations() {
    one("The war lasted two years.", MON, "two years", Dur, "P2Y");
    one("a minute and a half", MON, "a minute and a half", Dur, "PT1.5M");
    one("It took 10 days to finish.", MON, "10 days", Dur, "P10D");
    one("It took 10 days to finish.", None, "10 days", Dur, "P10D");
    one("The talks took several months.", MON, "several months", Dur, "PXM");
    one("a two-year contract", MON, "two-year", Dur, "P2Y");
    one("a 30-day period", MON, "a 30-day period", Dur, "P30D");
    one("a 30-day notice", MON, "30-day", Dur, "P30D");
    one("for 2 1/2 years", MON, "2 1/2 years", Dur, "P2Y6M");
    one("for nearly three hours", MON, "nearly three hours", Dur, "PT3H");
    one("in the first nine months", MON, "the first nine months", Dur, "P9M");
    // TimeBank wsj_1003 (1989-10-26): a date that starts inside a duration and reaches past it
    let text = "He expects the disappointing trend to continue into the fourth quarter and through at \
                least the first two quarters of 1990, when the industry will increasingly see the \
                effects.";
    one(text, date(1989, 10, 26), "the first two quarters of 1990", D, "1990-H1");
    one("It rose in the first nine months of 1989.", MON, "the first nine months", Dur, "P9M");
    one("over the next few days", MON, "the next few days", Dur, "PXD");
    // TimeBank PRI19980303: after a modal, "one day" is some day ahead
    let text = "According to the Arab American institute, Islam will one day be the second largest \
                religion in the country.";
    one(text, date(1998, 3, 3), "one day", D, "FUTURE_REF");
    one("The action followed by one day an announcement.", MON, "one day", Dur, "P1D");
}

#[test]
fn sets() {
    one("The board meets every week.", MON, "every week", Set, "P1W");
    one("The board meets every week.", None, "every week", Set, "P1W");
    one("Dividends are paid daily.", MON, "daily", Set, "XXXX-XX-XX");
    // a rate of an amount, untagged in TimeBank (wsj_0542, wsj_0798)
    none("Telerate's management expects the company's revenue to increase by 20% annually.", MON);
    none("The move will eliminate dividend payments of C$17.9 million annually.", MON);
    one("Rent is reviewed each month.", MON, "each month", Set, "P1M");
    one("It costs $5 million a year.", MON, "a year", Set, "P1Y");
    one("The festival is held each July.", MON, "each July", Set, "XXXX-07");
}

#[test]
fn vague_references() {
    one("The company is now profitable.", MON, "now", D, "PRESENT_REF");
    one("The company is now profitable.", None, "now", D, "PRESENT_REF");
    one("No changes are planned for the immediate future.", MON, "the immediate future", D, "FUTURE_REF");
    one("Shares fell recently.", MON, "recently", D, "PAST_REF");
    one("In the past, it was different.", MON, "the past", D, "PAST_REF");
    one("It currently employs 500.", MON, "currently", D, "PRESENT_REF");
    one("A deal is expected soon.", MON, "soon", D, "FUTURE_REF");
}

#[test]
fn extents_follow_timeml() {
    // prepositions are outside, determiners inside
    one("It happened in June.", MON, "June", D, "2018-06");
    one("on Sunday", MON, "Sunday", D, "2018-09-23");
    one("during the past two years", MON, "the past two years", Dur, "P2Y");
    // a determiner before a hyphenated modifier is not part of it
    one("the two-week crisis", MON, "two-week", Dur, "P2W");
}

#[test]
fn no_false_alarms() {
    none("He may resign.", MON);
    none("The 1,990 shares rose 1998%.", MON);
    none("He was 52 years old.", MON);
    none("She hopes to march on the capital.", MON);
    none("Theresa May spoke to reporters.", MON);
    none("", MON);
    none("   \n\n  ", None);
}

#[test]
fn spans_are_sorted_non_overlapping_and_on_char_boundaries() {
    let text = "Le 3 mars — «Friday» — él dijo ayer: 10:30 p.m. Wednesday, “last week” and the past two years; 日本 1998年 now.";
    for dct in [MON, None] {
        let found = extract(text, dct);
        assert!(!found.is_empty());
        let mut prev_end = 0;
        for t in &found {
            assert!(t.start < t.end && t.start >= prev_end, "{found:#?}");
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert_eq!(&text[t.start..t.end], t.text);
            prev_end = t.end;
        }
    }
}

/// A small deterministic generator (xorshift) for the fuzz test.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

#[test]
fn never_panics_on_random_or_mutated_input() {
    let pieces = [
        "Sept",
        ".",
        " ",
        "24",
        ",",
        "2018",
        "Friday",
        "last",
        "week",
        "the",
        "past",
        "two",
        "years",
        "ago",
        "a",
        "year",
        "earlier",
        "10",
        ":",
        "27",
        "p",
        "m",
        "AM",
        "-",
        "'",
        "80s",
        "s",
        "quarter",
        "third",
        "fiscal",
        "every",
        "each",
        "now",
        "é",
        "日",
        "\n",
        "\u{0}",
        "9999",
        "0000",
        "31",
        "February",
        "30",
        "99:99",
        "/",
        "12/31/99",
        "1998-02-31",
        "nineteen",
        "ninety",
        "thousand",
        "hundred",
        "½",
        "🙂",
        "twenty-first",
        "of",
        "mid",
        "early",
        "noon",
        "midnight",
        "EST",
        "tonight",
        "year-earlier",
        "the year-ago period",
        "0",
        "00",
        "4294967296",
        "18446744073709551616",
        "2 1/0",
        "1/2",
        "and a half",
        "o'clock",
        "24",
        "60",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..3000 {
        let n = (rng.next() % 40) as usize;
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(rng.pick(&pieces));
            if rng.next().is_multiple_of(3) {
                s.push(' ');
            }
        }
        // random raw characters as well
        if round % 5 == 0 {
            for _ in 0..(rng.next() % 20) {
                if let Some(c) = char::from_u32((rng.next() % 0x3000) as u32) {
                    s.push(c);
                }
            }
        }
        for dct in [MON, None, date(1, 1, 1), date(9999, 12, 31), date(-9999, 1, 1)] {
            let found = extract(&s, dct);
            let mut prev_end = 0;
            for t in &found {
                assert!(t.start < t.end && t.start >= prev_end && t.end <= s.len(), "{s:?}");
                assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end), "{s:?}");
                prev_end = t.end;
            }
        }
    }
}

#[test]
fn context_api() {
    let ctx = TimeContext::new(MON);
    assert_eq!(ctx.source, DctSource::Given);
    assert_eq!(ctx.extract("yesterday")[0].value, "2018-09-23");
    let ctx = TimeContext::from_article(Some(storyline_model::DateStamp::date(2018, 9, 24)));
    assert_eq!(ctx.source, DctSource::Article);
    assert_eq!(ctx.extract("yesterday")[0].value, "2018-09-23");
    assert_eq!(TimeContext::from_article(None).extract("yesterday")[0].value, "XXXX-XX-XX");
}

#[test]
fn long_input_finds_every_expression() {
    // Its cost on long inputs is measured by `cargo xtask bench-scaling`, not here.
    let unit = "On Friday, the company said third-quarter profit rose 5% from a year earlier. ";
    let text = unit.repeat(20_000);
    let found = extract(&text, MON);
    assert_eq!(found.len(), 60_000);
}

/// Every token where the ungated rules find a candidate passes the start gate (see
/// `gate.rs`): on every word literal of the rules and word lists, at the start of a text and
/// after a word, followed by typical continuations and by random words; on random word
/// sequences; and on the seed articles.
#[test]
fn start_gate_is_safe() {
    let sources = [
        include_str!("rules/mod.rs"),
        include_str!("rules/number.rs"),
        include_str!("rules/duration.rs"),
        include_str!("rules/set.rs"),
        include_str!("rules/calendar.rs"),
        include_str!("rules/periods.rs"),
        include_str!("rules/relative.rs"),
        include_str!("rules/clock.rs"),
        include_str!("rules/vague.rs"),
        include_str!("lexicon.rs"),
        include_str!("gate.rs"),
    ];
    let mut vocab: Vec<String> = sources
        .iter()
        .flat_map(|s| s.split('"'))
        .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
        .map(str::to_string)
        .collect();
    vocab.sort();
    vocab.dedup();
    let capitalized: Vec<String> = vocab.iter().map(|w| w[..1].to_uppercase() + &w[1..]).collect();
    vocab.extend(capitalized);
    let continuations = [
        "",
        "years",
        "year",
        "2018",
        "24",
        "24, 2018",
        "the year",
        "of the year",
        "of 1990",
        "quarter",
        "-quarter loss",
        "half of 1990",
        "two years",
        "a year",
        "a couple of years",
        "few weeks",
        "two weeks ago",
        "morning",
        "Friday",
        "March",
        "March 5",
        "now",
        "1990s",
        "'80s",
        "nineties",
        "century",
        "the past two years",
        "than a year",
        "more than a year",
        "than two years",
        "least two years",
        "than a few weeks",
        "more than the past year",
        "-year",
        "time",
        "term",
        "future",
        "present",
        "weekend",
        "period",
        "ago",
        "earlier",
        "o'clock",
        "p.m.",
        ":30",
        "5 p.m.",
        "day",
        "days",
        "while",
        "date",
        "soon as possible",
        "upon a time",
        "10:30 a.m. Friday",
        "later",
        "recently",
        "fiscal 1990",
        "fiscal year",
        "year-end",
        "year-ago quarter",
        "same period",
        "of the month",
        "week",
        "month",
        "weeks",
        "of",
        "spring",
        "the end of the year",
        "the middle of the year",
        "the first half of the year",
        "of the fiscal year",
        "crucial moment",
        "near term",
        "longer term",
        "just-ended quarter",
        "year's third quarter",
        "-1990s",
        "20th century",
        "eleventh century",
        "year 2000",
    ];
    let mut texts: Vec<String> = Vec::new();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let pick = |rng: &mut Rng| vocab[(rng.next() % vocab.len() as u64) as usize].as_str();
    for w in &vocab {
        for c in continuations {
            texts.push(format!("{w} {c}"));
            texts.push(format!("in {w} {c}"));
        }
        for _ in 0..8 {
            texts.push(format!("{w} {} {} {}", pick(&mut rng), pick(&mut rng), pick(&mut rng)));
        }
    }
    for _ in 0..3000 {
        let n = (rng.next() % 12) as usize;
        texts.push((0..n).map(|_| pick(&mut rng)).collect::<Vec<_>>().join(" "));
    }
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    for e in std::fs::read_dir(seeds).into_iter().flatten().flatten() {
        texts.extend(std::fs::read_to_string(e.path()).ok());
    }
    for text in &texts {
        for dct in [MON, None] {
            let lowered = token::Lowered::new(text);
            let toks = token::tokenize(&lowered);
            let gate = gate::Gate::new(&toks.toks);
            let mut rules = rules::Rules::new(&toks, dct);
            for i in 0..toks.toks.len() {
                if let Some(c) = rules.best_ungated(i) {
                    assert!(gate.may_start(i), "{text:?}: the gate skips token {i}, where {c:?} starts");
                    rules.accept(&c);
                }
            }
        }
    }
}

/// The tokenizer's fast path for General Punctuation agrees with the Unicode properties.
#[test]
fn general_punctuation_is_plain() {
    for c in (0x2000..0x2070).filter_map(char::from_u32).filter(|&c| token::plain_punct(c)) {
        assert!(!c.is_whitespace() && !c.is_alphabetic() && !c.is_uppercase(), "{c:?}");
        assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
    }
}

/// A clock time after a date takes that date; "twice a year" is a set; "the fourth quarter of
/// next year" is one expression.
#[test]
fn dates_joined_with_their_parts() {
    let oct = date(1989, 10, 30);
    one("The offer expires Friday at 5 p.m.", oct, "Friday at 5 p.m.", T, "1989-10-27T17:00");
    one("The deadline is Oct. 31, 1989, at noon.", oct, "Oct. 31, 1989, at noon", T, "1989-10-31T12:00");
    one("The ministers meet twice a year.", oct, "a year", Set, "P1Y");
    one(
        "The loss will come in the fourth quarter of next year.",
        oct,
        "the fourth quarter of next year",
        D,
        "1990-Q4",
    );
    one(
        "Sales rose in the second quarter of this year.",
        oct,
        "the second quarter of this year",
        D,
        "1989-Q2",
    );
}

/// Sentences of the ECB+ dev stories (`shared/data/stories/ecbplus-dev`), their date lines as
/// the DCT (issue 24).
#[test]
fn real_sentences_of_other_news() {
    // "due to" + a noun phrase is a cause, not a schedule: the Saturday before a Sunday DCT
    let sun = date(2013, 9, 15);
    let text = "Rescue personnel were not able to reach him or his three companions, who were all from overseas, due to low light levels on Saturday, Mid-South Canterbury Area Commander Inspector Dave Gaskin said.";
    one(text, sun, "Saturday", D, "2013-09-14");
    // after a form of "be" it is still a schedule
    one("The company is due to report results on Monday.", sun, "Monday", D, "2013-09-16");
    // a capitalised word before another inside a sentence is a name
    let thu = date(2013, 4, 12);
    let text = "Video of Brooklyn Mother of 13 Zurana Horton shot and killed in a gang shooting was revealed Thursday, according to the N. Y. Daily News.";
    let found = extract(text, thu);
    assert_eq!(found.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(), ["Thursday"], "{found:#?}");
    none("a Mobinil customer service representative told Daily News Egypt.", thu);
    // an indefinite weekday is no particular one
    let fri = date(2011, 10, 21);
    let text =
        "Lopez is accused of spraying 13 shots on a Friday afternoon, just as schools were being let out.";
    let found = extract(text, fri);
    assert!(found.iter().all(|t| !t.value.starts_with("2011")), "{found:#?}");
    // an age written half-hyphenated
    let text = "said Bensu Elianita, a 22 year-old resident in Bukit Sama village in Central Aceh district.";
    none(text, date(2013, 7, 2));
    // "soon afterwards" is after the event told, not the DCT's future
    none("His body was found under a pile of earth soon afterwards, he said.", date(2013, 7, 2));
}

/// Sentences of PolNeAR train (`shared/data/polnear/train`), the date in the file name as the
/// DCT (issue 24).
#[test]
fn real_sentences_of_political_news() {
    // a bare verb after a modal is the modal's: "will do" is the future, not the present "do"
    let mon = date(2016, 2, 8);
    let text = "Marco Rubio says he feels he did \u{201c}great\u{201d} in the last Republican presidential debate and is optimistic that he will do well in Tuesday\u{2019}s New Hampshire primary.";
    one(text, mon, "Tuesday", D, "2016-02-09");
    one("He said he would have to say no on Friday.", mon, "Friday", D, "2016-02-12");
    one("He did say no on Friday.", mon, "Friday", D, "2016-02-05");
    // the present of a timetable points forward
    let text = "She said she is headed to Philadelphia next week for the Democratic National Convention, which begins Monday.";
    one(text, date(2016, 7, 22), "Monday", D, "2016-07-25");
    one("The board meets on Tuesday.", mon, "Tuesday", D, "2016-02-09");
}
