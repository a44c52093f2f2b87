"""All date parsing of the project, and day/month disambiguation.

Blogs write dates in many ways on one page: ISO stamps in markup, ``4.12.2016`` under a title,
``12/03/18 10:09 PM`` on comments, ``7. Dezember 2020`` in German themes, ``3 days ago`` in
JavaScript-free widgets. This module reads them with a small table-driven parser (regexes and
word tables, no ``dateparser``: the parser must stay fast) and never raises: garbage gives None.

Rules a caller must know:

* ISO 8601 (extended ``2018-06-19T05:50:00+09:00`` or basic ``20180619T055000+0900``) and CJK
  dates (``2012年12月10日 16:42``) are read as written.
* ISO 8601 with an offset gives an aware datetime in *that* offset (never shifted to UTC);
  without an offset the result is naive.
* A numeric date such as ``4.12.2016`` whose day and month cannot be told apart from the date
  itself is read with, in this order: the site's order for that separator style (``orders``),
  the site's order (``order``), then a documented default (:data:`DEFAULT_ORDER_BY_STYLE`):
  dotted and dashed dates are day-first (European); slashed dates are month-first (US) unless
  the page language says otherwise (``en-GB``, ``de``, ``fr``...: day-first), so a slashed
  stamp with an AM/PM clock on an English page reads month-first. Such a parse is flagged
  ``ambiguous``.
* :func:`resolve_order` learns a site's order from every numeric date seen on it. Evidence is
  kept per separator style, because one page may write ``4.12.2016`` (day.month) for posts and
  ``12/03/18 10:09 PM`` (month/day) for comment stamps.
* Relative dates ("3 days ago", "vor 2 Tagen", "yesterday") need ``reference``; without one
  they give None, so results never depend on the clock of the machine.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from scraper.dates_tables import (
    DMY_LANGUAGES,
    MDY_LOCALES,
    MONTHS,
    RELATIVE_DAY_WORDS,
    RELATIVE_UNITS,
    TIME_WORDS,
    WEEKDAYS,
)
from scraper.models import DateOrder

__all__ = [
    "DEFAULT_ORDER_BY_STYLE",
    "DateParse",
    "date_style",
    "find_numeric_dates",
    "is_relative_stamp",
    "parse_date",
    "parse_date_detail",
    "resolve_order",
    "resolve_orders",
    "weekday",
]


MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_TEXT = 400  # longer texts are not date stamps; only their start is searched
TWO_DIGIT_PIVOT = 70  # yy < 70 -> 20yy, else 19yy

#: Default day/month order per separator style when neither the date nor the site tells.
DEFAULT_ORDER_BY_STYLE: Mapping[str, DateOrder] = {
    ".": "DMY",
    "-": "DMY",
    "/12h": "MDY",
    "/": "MDY",  # unless the page language is a day-first one; see _default_order
}

_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?(?!\d)",
    re.I,
)
#: ISO 8601 basic and mixed forms with a clock: ``20180619T055000+0900``, ``2016-06-13T1603Z``.
_ISO_BASIC = re.compile(
    r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?(?!\d)",
    re.I,
)
#: Chinese, Japanese and Korean dates: ``2012年12月10日``, ``2019년 8월 20일``.
_CJK = re.compile(r"(?<!\d)(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
#: A weekday in brackets between a CJK date and its clock: ``2018年6月20日（水）``.
_CJK_WEEKDAY = re.compile(r"\s*\(\w{1,3}\)")
_YMD = re.compile(r"(?<![\d.])(\d{4})([./])(\d{1,2})\2(\d{1,2})(?![\d])")
#: A dotted day.month with the year after a comma: ``17.07, 2011`` (read as ``17.07.2011``).
_DOTTED_COMMA_YEAR = re.compile(r"(?<![\d.:/-])(\d{1,2})\.(\d{2}),\s*(\d{4})(?![\d.:/-]\d|\d)")
_NUMERIC = re.compile(r"(?<![\d.:/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[./-]\d)")
_TIME = re.compile(
    r"(?<![\d:])(\d{1,2})(?::|h(?=\d{2}))(\d{2})(?::(\d{2}))?(?:[.,]\d+)?"
    r"(?:\s*([ap])\.?\s?m\b\.?)?",
    re.I,
)
_TIME_WORDS = "|".join(sorted(TIME_WORDS, key=len, reverse=True))
_AMPM = re.compile(r"\d\s*[ap]\.?\s?m\b", re.I)
_WORD = r"([^\W\d_]{3,}\.?)"
_ORD = r"(?:st|nd|rd|th|er|re|e|eme|o|a|º|ª|°|\.)?"
_DMY_TEXT = re.compile(
    r"(?<!\d)(\d{1,2})" + _ORD + r"\s*(?:de\s+|of\s+|-)?" + _WORD + r",?\s*(?:de\s+|del\s+|-)?"
    r"(\d{4})(?!\d)"
)
_MDY_TEXT = re.compile(_WORD + r"\s*(\d{1,2})" + _ORD + r",?\s+(\d{4})(?!\d)")
#: Year-less stamps ("Jul 14", "14 juil.", "9. Januar um 13:06"), read only with ``after``.
_MD_TEXT = re.compile(r"(?<!\w)" + _WORD + r"\s*(\d{1,2})" + _ORD + r"(?![\d:])")
_DM_TEXT = re.compile(r"(?<![\d.:])(\d{1,2})" + _ORD + r"\s*(?:de\s+)?" + _WORD)
_REL_NUM = r"(\d+|an?|one|ein(?:e[mnr]?)?|une?|uno?|una|un|een|um|uma)"
_UNITS = "|".join(sorted(RELATIVE_UNITS, key=len, reverse=True))
_RELATIVE = [
    re.compile(_REL_NUM + r"\s+(" + _UNITS + r")\s+(?:ago|fa|geleden|atras)\b"),
    re.compile(r"\b(?:vor|il y a|hace|ha|faz)\s+" + _REL_NUM + r"\s+(" + _UNITS + r")\b"),
]
_RFC2822_SHAPE = re.compile(r"\s*(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d\d:\d\d")
_WORD_NUMBERS = {"a": 1, "an": 1}
_MONTHS_RE = {k.rstrip("."): v for k, v in MONTHS.items()}


@dataclass(frozen=True)
class DateParse:
    """A parsed date and how it was read.

    ``ambiguous`` is True for a numeric date whose day/month order could not be told from the
    date itself; ``order`` is the order that was used for it (None when no order was needed).
    """

    value: datetime
    ambiguous: bool = False
    order: DateOrder | None = None


def parse_date(
    text: str,
    *,
    order: DateOrder | None = None,
    reference: datetime | None = None,
    language: str | None = None,
    orders: Mapping[str, DateOrder] | None = None,
    after: datetime | None = None,
) -> datetime | None:
    """Parse one date stamp; None when the text holds no date. Never raises.

    Args:
        text: a short text holding a date, e.g. ``"12/03/18 10:09 PM"`` or ``"Posted 7 Dec 2020"``.
        order: the site's day/month order for ambiguous numeric dates.
        reference: "now" for relative dates such as ``"3 days ago"``.
        language: the page language (``"de"``, ``"en-US"``) for defaults.
        orders: the site's order per separator style (see :func:`resolve_orders`), which wins
            over ``order``.
        after: the earliest the date can be (a comment's post date): a stamp without a year
            (``"Jul 14"``, ``"Le 9 janvier à 13:06"``) is read as the first such day on or
            after it. Without ``after`` such stamps give None.
    """
    found = parse_date_detail(
        text, order=order, reference=reference, language=language, orders=orders, after=after
    )
    return found.value if found else None


def parse_date_detail(
    text: str,
    *,
    order: DateOrder | None = None,
    reference: datetime | None = None,
    language: str | None = None,
    orders: Mapping[str, DateOrder] | None = None,
    after: datetime | None = None,
) -> DateParse | None:
    """Like :func:`parse_date`, but also say whether the day/month order was a guess."""
    if not isinstance(text, str) or not text:
        return None
    try:
        found = _parse(text[:MAX_TEXT], order, reference, language, orders)
        if found is None and after is not None:
            found = _yearless(_fold(text[:MAX_TEXT]), after)
        return found
    except (ValueError, OverflowError, TypeError, IndexError):
        return None


def _parse(
    raw: str,
    order: DateOrder | None,
    reference: datetime | None,
    language: str | None,
    orders: Mapping[str, DateOrder] | None,
) -> DateParse | None:
    text = _fold(raw)
    if not any(ch.isdigit() for ch in text):
        return _relative(text, reference)
    iso = _ISO.search(text)
    basic = _ISO_BASIC.search(text)
    if basic and (iso is None or basic.start() <= iso.start()):
        iso = basic
    if iso:
        return _from_iso(iso)
    if "年" in raw or "년" in raw:
        cjk = _from_cjk(unicodedata.normalize("NFKC", raw))  # NFKD would split Hangul
        if cjk:
            return cjk
    ymd = _YMD.search(text)
    if ymd:
        y, mo, d = int(ymd.group(1)), int(ymd.group(3)), int(ymd.group(4))
        return _build(y, mo, d, _time_after(text, ymd.end()), order="YMD")
    num = _NUMERIC.search(text)
    if num:
        return _from_numeric(text, num, order, language, orders)
    if _RFC2822_SHAPE.match(text):
        rfc = _rfc2822(raw)
        if rfc:
            return rfc
    written = _written(text)
    if written:
        return written
    return _relative(text, reference)


def _fold(text: str) -> str:
    """Lower-case and strip accents, so ``Décembre`` and ``dezembro`` hit the tables; a dotted
    date with its year after a comma (``17.07, 2011``) is written as one (``17.07.2011``)."""
    folded = text.casefold()
    if folded.isascii():  # most dates: nothing to decompose, no combining mark to drop
        return _dotted(folded)
    decomposed = unicodedata.normalize("NFKD", folded)
    return _dotted("".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def _dotted(text: str) -> str:
    return _DOTTED_COMMA_YEAR.sub(r"\1.\2.\3", text) if "," in text else text


def _from_iso(m: re.Match[str]) -> DateParse | None:
    y, mo, d, hh, mm, ss, tz = m.groups()
    tzinfo: timezone | None = None
    if tz:
        if tz.lower() == "z":
            tzinfo = timezone.utc
        else:
            sign = -1 if tz[0] == "-" else 1
            digits = tz[1:].replace(":", "")
            offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
            tzinfo = timezone(sign * offset)
    # A clock apart from the date ("2011-07-03 @ 13:04") is read as other dates' clocks are.
    clock = (int(hh), int(mm), int(ss or 0)) if hh else _time_after(m.string, m.end())
    built = _build(int(y), int(mo), int(d), clock)
    if built is None:
        return None
    return DateParse(built.value.replace(tzinfo=tzinfo), order="YMD")


def _from_cjk(text: str) -> DateParse | None:
    m = _CJK.search(text)
    if not m:
        return None
    weekday = _CJK_WEEKDAY.match(text, m.end())
    clock = _time_after(text, weekday.end() if weekday else m.end())
    return _build(int(m.group(1)), int(m.group(2)), int(m.group(3)), clock, order="YMD")


def date_style(raw: str) -> str:
    """The separator style of a numeric date: ``"."``, ``"-"``, ``"/"`` or ``"/12h"``."""
    raw = _dotted(raw)
    m = _NUMERIC.search(raw)
    if not m:
        return ""
    if m.group(2) == "/" and _AMPM.search(raw, m.end()):
        return "/12h"
    return m.group(2)


def _default_order(style: str, language: str | None) -> DateOrder:
    if style in ("/", "/12h"):
        return _language_order(language) or "MDY"
    return DEFAULT_ORDER_BY_STYLE.get(style, "DMY")


def _from_numeric(
    text: str,
    m: re.Match[str],
    order: DateOrder | None,
    language: str | None,
    orders: Mapping[str, DateOrder] | None,
) -> DateParse | None:
    a, b, year = int(m.group(1)), int(m.group(3)), _year(m.group(4))
    style = date_style(text[m.start() :])
    ambiguous = a <= 12 and b <= 12 and a != b
    if a > 12 and b <= 12:
        used: DateOrder = "DMY"
    elif b > 12 and a <= 12:
        used = "MDY"
    elif orders and style in orders:
        used = orders[style]
    elif orders and style == "/12h" and "/" in orders:
        used = orders["/"]
    elif order in ("DMY", "MDY"):
        used = order
    else:
        used = _default_order(style, language)
    day, month = (a, b) if used == "DMY" else (b, a)
    found = _build(year, month, day, _time_after(text, m.end()), order=used)
    if found is None:
        return None
    return DateParse(found.value, ambiguous=ambiguous, order=used)


def _year(digits: str) -> int:
    y = int(digits)
    if len(digits) == 2:
        y += 2000 if y < TWO_DIGIT_PIVOT else 1900
    return y


def _time_after(text: str, pos: int) -> tuple[int, int, int]:
    """The clock time written right after a date (``at 10:09 PM``, ``um 14:30``, ``22h09``)."""
    rest = text[pos : pos + 40]
    lead = re.match(r"[\s,;|@\-–—/]*(?:(?:" + _TIME_WORDS + r")\s+)?", rest)
    start = lead.end() if lead else 0
    m = _TIME.match(rest, start)
    if not m:
        return (0, 0, 0)
    return _clock(m)


def _clock(m: re.Match[str]) -> tuple[int, int, int]:
    hh, mm, ss = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    half = (m.group(4) or "").lower()
    if half == "p" and hh < 12:
        hh += 12
    elif half == "a" and hh == 12:
        hh = 0
    if hh > 23 or mm > 59 or ss > 59:
        return (0, 0, 0)
    return (hh, mm, ss)


def _build(
    y: int, mo: int, d: int, clock: tuple[int, int, int], *, order: DateOrder | None = None
) -> DateParse | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return DateParse(datetime(y, mo, d, *clock), order=order)
    except ValueError:
        return None


def _month(word: str) -> int | None:
    return _MONTHS_RE.get(word.rstrip("."))


def weekday(word: str) -> int | None:
    """The weekday (Monday = 0) a word names in any language of ``WEEKDAYS``, case and accents
    aside ("Terça-feira"), or None."""
    return WEEKDAYS.get(_fold(word))


def _written(text: str) -> DateParse | None:
    """``7 December 2020``, ``7. Dezember 2020``, ``1er mars 2019``, ``Dec 7th, 2020``..."""
    best: tuple[int, int, int, int, int] | None = None  # start, end, y, m, d
    for m in _DMY_TEXT.finditer(text):
        month = _month(m.group(2))
        if month:
            best = (m.start(), m.end(), int(m.group(3)), month, int(m.group(1)))
            break
    for m in _MDY_TEXT.finditer(text):
        if best and m.start() >= best[0]:
            break
        month = _month(m.group(1))
        if month:
            best = (m.start(), m.end(), int(m.group(3)), month, int(m.group(2)))
            break
    if best is None:
        return None
    _, end, y, mo, d = best
    clock = _time_after(text, end)
    if clock == (0, 0, 0):
        clock = _time_before(text, best[0])
    return _build(y, mo, d, clock)


def _yearless(text: str, after: datetime) -> DateParse | None:
    """``Jul 14``, ``14 juillet à 10:09``: the first such day on or after ``after``."""
    for pattern, month_group, day_group in ((_MD_TEXT, 1, 2), (_DM_TEXT, 2, 1)):
        for m in pattern.finditer(text):
            month = _month(m.group(month_group))
            if not month:
                continue
            day = int(m.group(day_group))
            year = after.year
            if (month, day) < (after.month, after.day):
                year += 1
            return _build(year, month, day, _time_after(text, m.end()))
    return None


def _time_before(text: str, start: int) -> tuple[int, int, int]:
    """A clock time written before the date, as in ``10:09 pm, 7 December 2020``."""
    m = _TIME.search(text[max(0, start - 20) : start])
    return _clock(m) if m else (0, 0, 0)


def _rfc2822(raw: str) -> DateParse | None:
    try:
        value = parsedate_to_datetime(raw.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if value is None or not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    return DateParse(value)


def _relative(text: str, reference: datetime | None) -> DateParse | None:
    """``3 days ago``, ``vor 2 Tagen``, ``il y a 3 jours``, ``yesterday``; needs ``reference``."""
    if reference is None:
        return None
    words = text.strip(" .,:;!()[]")
    for phrase, days in RELATIVE_DAY_WORDS.items():
        if re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", words):
            when = reference + timedelta(days=days)
            clock = _TIME.search(words)
            if clock:
                hh, mm, ss = _clock(clock)
                when = when.replace(hour=hh, minute=mm, second=ss, microsecond=0)
            return DateParse(when)
    for pattern in _RELATIVE:
        m = pattern.search(words)
        if not m:
            continue
        count_word, unit = m.group(1), m.group(2)
        count = int(count_word) if count_word.isdigit() else _WORD_NUMBERS.get(count_word, 1)
        seconds = RELATIVE_UNITS[unit] * count
        return DateParse(reference - timedelta(seconds=seconds))
    return None


#: A relative stamp may carry this many words besides its phrase and a clock time ("added 3
#: days ago", "1 minute ago (2:26 PM)"); a sentence that mentions "two years ago" carries more.
MAX_RELATIVE_EXTRA_WORDS = 2
MAX_RELATIVE_CHARS = 60


def is_relative_stamp(text: str) -> bool:
    """True for a short stamp written relative to when the page was shown (``3 days ago``,
    ``added about 9 hours ago``, ``vor 2 Tagen``): a date that only the fetch time can place,
    so :func:`parse_date` reads it only with ``reference``."""
    if not isinstance(text, str) or len(text) > MAX_RELATIVE_CHARS:
        return False
    folded = _fold(text)
    for pattern in _RELATIVE:
        m = pattern.search(folded)
        if m:
            rest = _TIME.sub(" ", folded[: m.start()] + " " + folded[m.end() :])
            return len(re.findall(r"\w+", rest)) <= MAX_RELATIVE_EXTRA_WORDS
    return False


# ------------------------------------------------------------------ learning a site's order

#: The first digit comes before the look-behind (``\d(?<!X\d)`` is ``(?<!X)\d``): a pattern that
#: starts with a digit lets the regex engine skip ahead to the next digit, three times faster.
_FIND = re.compile(
    r"\d(?<![\d.:/-]\d)\d?([./-])\d{1,2}\1(?:\d{4}|\d{2})(?![\d]|[./-]\d)"
    r"(?:,?\s*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?)?",
    re.I,
)


def find_numeric_dates(text: str) -> list[str]:
    """Raw day/month/year-like numeric dates in a text, with any clock time that follows.

    Year-first dates (``2016-12-04``) are left out: they say nothing about day/month order.
    The clock is kept because an AM/PM clock is itself evidence of a US-style stamp.
    """
    return [m.group(0) for m in _FIND.finditer(text)]


def _vote(sample: str) -> tuple[str, DateOrder | None]:
    sample = _dotted(sample)
    m = _NUMERIC.search(sample)
    if not m:
        return "", None
    a, b = int(m.group(1)), int(m.group(3))
    style = date_style(sample)
    if a > 12 >= b:
        return style, "DMY"
    if b > 12 >= a:
        return style, "MDY"
    return style, None


def resolve_orders(samples: Iterable[str]) -> dict[str, DateOrder]:
    """The day/month order per separator style that the samples themselves settle.

    A first field > 12 is a vote for DMY, a second field > 12 a vote for MDY; the majority of
    votes decides each style. Styles with no decisive sample are absent.
    """
    votes: dict[str, Counter[str]] = {}
    for sample in samples:
        style, vote = _vote(sample)
        if vote:
            votes.setdefault(style, Counter())[vote] += 1
    result: dict[str, DateOrder] = {}
    for style, counter in votes.items():
        result[style] = "DMY" if counter["DMY"] >= counter["MDY"] else "MDY"
    return result


def _language_order(language: str | None) -> DateOrder | None:
    if not language:
        return None
    lang = language.strip().lower().replace("_", "-")
    if lang in MDY_LOCALES:
        return "MDY"
    base = lang.split("-")[0]
    if base in DMY_LANGUAGES or (base == "en" and lang != "en"):
        return "DMY"
    return None


def resolve_order(
    samples: Iterable[str], language: str | None = None
) -> tuple[DateOrder | None, str]:
    """Decide a site's DMY/MDY order from all numeric dates seen on it, then its language.

    Returns the order (None when nothing settles it: callers then get the per-style defaults,
    flagged ambiguous) and the evidence as a sentence for the archive. When styles disagree
    (``23.11.2016`` dotted but ``12/23/18`` slashed), the style with more decisive samples
    gives the order and the evidence names both; :func:`resolve_orders` keeps them apart.
    """
    listed = list(samples)
    counts: dict[str, Counter[str]] = {}
    examples: dict[tuple[str, str], str] = {}
    for sample in listed:
        style, vote = _vote(sample)
        if vote is not None:
            counts.setdefault(style, Counter())[vote] += 1
            examples.setdefault((style, vote), sample.strip())
    if counts:
        total: Counter[str] = Counter()
        parts = []
        for style, counter in sorted(counts.items()):
            total.update(counter)
            for decided_vote, n in counter.most_common():
                parts.append(
                    f"{n} '{style}' date(s) read {decided_vote}, "
                    f"e.g. {examples[(style, decided_vote)]!r}"
                )
        decided: DateOrder = "DMY" if total["DMY"] >= total["MDY"] else "MDY"
        conflict = " (styles disagree)" if len(total) > 1 else ""
        return decided, f"{decided} from site dates{conflict}: " + "; ".join(parts)
    by_language = _language_order(language)
    if by_language:
        return by_language, (
            f"{by_language} from page language {language!r}; "
            f"{len(listed)} numeric date(s) seen, none decisive"
        )
    return None, (
        f"undecided: {len(listed)} numeric date(s) seen, none decisive, language "
        f"{language!r}; defaults by style apply (dotted/dashed DMY, slashed MDY) and are "
        "marked ambiguous"
    )
