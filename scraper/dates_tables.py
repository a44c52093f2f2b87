"""Word tables for :mod:`scraper.dates`: month names, relative-date words and units, clock
words, and the languages whose numeric dates are day-first. Data only; add a language here."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "DMY_LANGUAGES",
    "MDY_LOCALES",
    "MONTHS",
    "RELATIVE_DAY_WORDS",
    "RELATIVE_UNITS",
    "TIME_WORDS",
    "WEEKDAYS",
]


def _words(text: str) -> list[str]:
    return text.split()


def _month_table(rows: Mapping[int, str]) -> dict[str, int]:
    table: dict[str, int] = {}
    for number, words in rows.items():
        for word in words.split():
            table[word] = number
    return table


#: Month names and abbreviations (accents stripped, lower case) in en, de, fr, es, it, nl, pt.
MONTHS: Mapping[str, int] = _month_table(
    {
        1: "january jan januar janner jaenner janvier janv enero ene gennaio gen januari janeiro",
        2: "february feb febr februar fevrier fevr fev febrero febbraio februari fevereiro",
        3: "march mar marz maerz mrz mars marzo maart mrt marco",
        4: "april apr avril avr abril abr aprile",
        5: "may mai mayo maggio mag mei maio",
        6: "june jun juni juin junio giugno giu junho",
        7: "july jul juli juillet juil julio luglio lug julho",
        8: "august aug aout agosto ago augustus",
        9: "september sep sept septembre septiembre set settembre setembro",
        10: "october oct okt oktober octobre octubre ottobre ott oktober outubro out",
        11: "november nov novembre noviembre novembro",
        12: "december dec dez dezember decembre diciembre dic dicembre dezembro",
    }
)

#: Weekday names (accents stripped, lower case) in en, de, fr, es, it, nl, pt, Monday = 0:
#: a stamp's first word, where a byline's name ends ("By Ann Lee Tuesday, Aug. 17, 2010").
WEEKDAYS: Mapping[str, int] = _month_table(
    {
        0: "monday montag lundi lunes lunedi maandag segunda-feira",
        1: "tuesday dienstag mardi martes martedi dinsdag terca-feira",
        2: "wednesday mittwoch mercredi miercoles mercoledi woensdag quarta-feira",
        3: "thursday donnerstag jeudi jueves giovedi donderdag quinta-feira",
        4: "friday freitag vendredi viernes venerdi vrijdag sexta-feira",
        5: "saturday samstag sonnabend samedi sabado sabato zaterdag",
        6: "sunday sonntag dimanche domingo domenica zondag",
    }
)

#: Languages whose numeric dates are day-first when nothing else tells.
DMY_LANGUAGES = frozenset(_words("de fr es it nl pt da sv no nb fi pl cs ru tr el ro hu"))
#: Locales whose numeric dates are month-first.
MDY_LOCALES = frozenset({"en-us", "en-ph", "en-ca", "es-us"})

#: Words that stand for a whole day offset from the reference.
RELATIVE_DAY_WORDS: Mapping[str, int] = {
    "day before yesterday": -2,
    "vorgestern": -2,
    "avant-hier": -2,
    "anteayer": -2,
    "altro ieri": -2,
    "eergisteren": -2,
    "anteontem": -2,
    "yesterday": -1,
    "gestern": -1,
    "hier": -1,
    "ayer": -1,
    "ieri": -1,
    "gisteren": -1,
    "ontem": -1,
    "today": 0,
    "heute": 0,
    "aujourd'hui": 0,
    "hoy": 0,
    "oggi": 0,
    "vandaag": 0,
    "hoje": 0,
    "just now": 0,
    "gerade eben": 0,
    "a l'instant": 0,
}

_MINUTE, _HOUR, _DAY = 60, 3600, 86400
#: Relative-time units (singular and plural, every supported language) in seconds.
RELATIVE_UNITS: Mapping[str, int] = {
    **dict.fromkeys(
        _words(
            "second seconds sec secs sekunde sekunden seconde secondes segundo "
            "segundos secondo secondi seconden"
        ),
        1,
    ),
    **dict.fromkeys(
        _words("minute minutes min mins minuten minuto minutos minuti minuut"), _MINUTE
    ),
    **dict.fromkeys(
        _words("hour hours hr hrs stunde stunden heure heures hora horas ora ore uur uren"), _HOUR
    ),
    **dict.fromkeys(
        _words("day days tag tagen tage jour jours dia dias giorno giorni dag dagen"), _DAY
    ),
    **dict.fromkeys(
        _words("week weeks woche wochen semaine semaines semana semanas settimana settimane weken"),
        7 * _DAY,
    ),
    **dict.fromkeys(
        _words("month months monat monaten monate mois mes meses mese mesi maand maanden"),
        30 * _DAY,
    ),
    **dict.fromkeys(
        _words("year years jahr jahren jahre an ans annee annees ano anos anno anni jaar jaren"),
        365 * _DAY,
    ),
}

#: Words between a date and its clock time: "at", "um", "à", "a las", "alle", "om", "às".
TIME_WORDS = ("at", "um", "a", "a las", "a la", "alle", "om", "as", "-")
