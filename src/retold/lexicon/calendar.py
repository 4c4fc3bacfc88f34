"""Months, weekdays and the words of relative dates ("last week", "tonight")."""

from __future__ import annotations

#: Month names, capitalised, January first.
MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: Month abbreviations as AP style writes them before a day ("Sept. 5"),
#: capitalised and without their period. May, June and July have none.
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
)
#: Lower-case month name or abbreviation -> 1..12.
MONTH_NUMBERS: dict[str, int] = {
    **{name.lower(): k for k, name in enumerate(MONTH_NAMES, 1)},
    **{abbr.lower(): MONTH_NAMES.index(next(n for n in MONTH_NAMES if n.startswith(abbr))) + 1
       for abbr in MONTH_ABBREVIATIONS},
}  # fmt: skip
#: Weekday names, lower case, Monday first.
WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
#: Single words that name a day relative to today.
RELATIVE_DAYS: tuple[str, ...] = ("yesterday", "today", "tomorrow", "tonight")
#: Words that place a period relative to now ("last week", "coming season").
RELATIVE_MARKERS: tuple[str, ...] = ("last", "this", "next", "past", "coming")
#: The seasons, with both American "fall" and British "autumn".
SEASONS: tuple[str, ...] = ("spring", "summer", "fall", "autumn", "winter")
#: Parts of a day.
DAY_PARTS: tuple[str, ...] = ("morning", "afternoon", "evening", "night")
#: Periods a relative marker can precede ("last week", "this spring").
RELATIVE_PERIODS: tuple[str, ...] = (
    "week",
    "weekend",
    "month",
    "year",
    "decade",
    "century",
    "season",
    *SEASONS,
    *DAY_PARTS,
)
