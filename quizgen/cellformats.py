"""A spreadsheet cell's value as the text the cell displays: the common number and date formats
of Excel, LibreOffice and Google Sheets (digits, decimals, thousands separators, ``%``, literal
text, ``yyyy mm mmm mmmm dd d hh mm ss AM/PM``); any other format shows as ``General`` does.
``records_from`` reads an XLSX cell through it, so that a fact reads as the teacher sees it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any


def display_text(value: Any, number_format: str = "General") -> str:
    """A cell's value as the text the spreadsheet shows, for the common number formats."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return _date_text(value, number_format)
    if isinstance(value, int | float):
        return _number_text(value, number_format)
    return str(value)


_LITERAL = re.compile(r'"([^"]*)"|\\(.)|\[[^\]]*\]|_.|\*.')


def _literal(part: str) -> str:
    """A format's literal text: quoted strings and escaped characters kept, colours and
    padding instructions dropped."""
    return _LITERAL.sub(lambda m: m.group(1) or m.group(2) or "", part)


_NUMBER_TOKEN = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|[#0?][#0?,]*(?:\.[#0?]*)?|\.[#0?]+|.')


def _number_text(value: float, number_format: str) -> str:
    section = number_format.split(";")[0]  # the format of positive numbers (and of all here)
    if section in ("General", "@", ""):
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.10g}" if isinstance(value, float) else str(value)
    shown = value * 100 if "%" in _LITERAL.sub("", section) else value
    out, placed = [], False
    for token in _NUMBER_TOKEN.findall(section):
        if not placed and token[0] in "#0?.":
            decimals = len(token.split(".")[1]) if "." in token else 0
            grouped = "," in token.split(".")[0]
            out.append(f"{shown:,.{decimals}f}" if grouped else f"{shown:.{decimals}f}")
            placed = True
        else:
            out.append(_literal(token))
    return "".join(out) if placed else _literal(section)


_DATE_TOKEN = re.compile(
    r'yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|AM/PM|am/pm|A/P|"[^"]*"|\\.|\[[^\]]*\]|.',
    re.IGNORECASE,
)


def _date_text(value: dt.datetime | dt.date | dt.time, number_format: str) -> str:
    section = number_format.split(";")[0]
    tokens = _DATE_TOKEN.findall(section)
    lowered = [t.lower() for t in tokens]
    if not any(t[0] in "ymdhs" for t in lowered if t):  # "General": ISO 8601
        if isinstance(value, dt.datetime):
            midnight = value.time() == dt.time(0)
            return value.date().isoformat() if midnight else value.isoformat(sep=" ")
        return value.isoformat()
    twelve = any(t in ("am/pm", "a/p") for t in lowered)
    date = value if isinstance(value, dt.date) else dt.date(1899, 12, 31)
    if isinstance(value, dt.time):
        clock = value
    else:
        clock = value.time() if isinstance(value, dt.datetime) else dt.time(0)
    out = []
    for index, (token, low) in enumerate(zip(tokens, lowered, strict=True)):
        before = next((t for t in reversed(lowered[:index]) if t[0] in "ymdhs"), "")
        after = next((t for t in lowered[index + 1 :] if t[0] in "ymdhs"), "")
        hour = clock.hour % 12 or 12 if twelve else clock.hour
        if low == "yyyy":
            out.append(f"{date.year:04d}")
        elif low == "yy":
            out.append(f"{date.year % 100:02d}")
        elif low in ("m", "mm") and (before.startswith("h") or after.startswith("s")):
            out.append(f"{clock.minute:02d}" if low == "mm" else str(clock.minute))
        elif low == "mmmmm":
            out.append(date.strftime("%B")[0])
        elif low == "mmmm":
            out.append(date.strftime("%B"))
        elif low == "mmm":
            out.append(date.strftime("%b"))
        elif low == "mm":
            out.append(f"{date.month:02d}")
        elif low == "m":
            out.append(str(date.month))
        elif low == "dddd":
            out.append(date.strftime("%A"))
        elif low == "ddd":
            out.append(date.strftime("%a"))
        elif low == "dd":
            out.append(f"{date.day:02d}")
        elif low == "d":
            out.append(str(date.day))
        elif low == "hh":
            out.append(f"{hour:02d}")
        elif low == "h":
            out.append(str(hour))
        elif low == "ss":
            out.append(f"{clock.second:02d}")
        elif low == "s":
            out.append(str(clock.second))
        elif low in ("am/pm", "a/p"):
            am = clock.hour < 12
            out.append(("AM" if am else "PM") if low == "am/pm" else ("A" if am else "P"))
        else:
            out.append(_literal(token))
    return "".join(out)
