"""Settings of the Daftar plugins: one table per plugin, checked by one function.

Every plugin declares its settings as a tuple of :class:`Setting` under its own prefix
(``DAFTAR_SEEDS_``, ``DAFTAR_LINKS_`` …). :func:`check` reads a plugin's values from Pelican's
settings, merges the defaults (``dict(DEFAULTS, **user)``) and returns one message per problem —
a misspelt key ("did you mean …?"), a wrong type, a bad value — each naming the plugin and the
setting, so the adapter can log them once, before any seed is read. A bad value falls back to
the default: the build goes on, and Pelican's ``--fatal errors`` stops it if the user asks.

Pure: no Pelican import. The README's settings table is generated from these tables
(:func:`markdown_table`), and a test keeps the two equal.
"""
from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass


class Invalid(ValueError):
    """A setting's value is not acceptable; the message says what is expected."""


@dataclass(frozen=True)
class Setting:
    """One setting: its key, default, a checker that returns the normalised value (or raises
    :class:`Invalid`), and the sentence the README shows."""

    key: str
    default: object
    check: Callable[[object], object]
    doc: str


# ---- checkers: value -> normalised value, or Invalid with what was expected


def whole(lo: int | None = None, hi: int | None = None) -> Callable[[object], int]:
    """A whole number, optionally within ``lo``–``hi``.

    >>> whole(0, 20)(5)
    5
    >>> whole(0, 20)("five")
    Traceback (most recent call last):
    ...
    daftar_seeds.settings.Invalid: must be a whole number from 0 to 20, not 'five'
    """
    def check(v):
        within = "" if lo is None else (f" from {lo} to {hi}" if hi is not None else f" of at least {lo}")
        if isinstance(v, bool) or not isinstance(v, int) or (lo is not None and v < lo) or (hi is not None and v > hi):
            raise Invalid(f"must be a whole number{within}, not {_show(v)}")
        return v
    return check


def number(lo: float = 0.0) -> Callable[[object], float]:
    """A number (int or float) of at least ``lo``."""
    def check(v):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v < lo:
            raise Invalid(f"must be a number of at least {lo:g}, not {_show(v)}")
        return v
    return check


def one_of(*choices: str) -> Callable[[object], str]:
    """One of the given strings."""
    def check(v):
        if v not in choices:
            raise Invalid(f"must be one of {', '.join(map(repr, choices))}, not {_show(v)}")
        return v
    return check


def text(optional: bool = False) -> Callable[[object], str | None]:
    """A non-empty string (or None when ``optional``)."""
    def check(v):
        if v is None and optional:
            return None
        if not isinstance(v, str) or not v.strip():
            raise Invalid(f"must be a non-empty text{' or None' if optional else ''}, not {_show(v)}")
        return v
    return check


def iso_date(v):
    """None, a ``datetime.date`` or an ISO date string ``YYYY-MM-DD``.

    >>> iso_date("2024-11-21")
    datetime.date(2024, 11, 21)
    >>> iso_date("2024/11/21")
    Traceback (most recent call last):
    ...
    daftar_seeds.settings.Invalid: must be an ISO date YYYY-MM-DD, not '2024/11/21'
    """
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v.strip())
        except ValueError:
            pass
    raise Invalid(f"must be an ISO date YYYY-MM-DD, not {_show(v)}")


def _show(v) -> str:
    s = repr(v)
    return s if len(s) <= 60 else s[:57] + "…"


# ---- checking


def check(plugin: str, prefix: str, table: tuple[Setting, ...], settings: Mapping) -> tuple[dict, list[str]]:
    """The plugin's settings with defaults merged, and one message per problem.

    Keys under ``prefix`` that the table does not know are reported with the nearest known key.

    >>> T = (Setting("DAFTAR_X_RELATED", 5, whole(0, 20), "how many"),)
    >>> check("daftar_x", "DAFTAR_X_", T, {"DAFTAR_X_RELATD": 3})
    ({'DAFTAR_X_RELATED': 5}, ['daftar_x: unknown setting DAFTAR_X_RELATD (did you mean DAFTAR_X_RELATED?)'])
    >>> check("daftar_x", "DAFTAR_X_", T, {"DAFTAR_X_RELATED": "five"})[1]
    ["daftar_x: DAFTAR_X_RELATED must be a whole number from 0 to 20, not 'five'; using the default 5"]
    """
    known = {s.key: s for s in table}
    values: dict = {}
    problems: list[str] = []
    for s in table:
        raw = settings.get(s.key, s.default)
        try:
            values[s.key] = s.check(raw)
        except Invalid as exc:
            problems.append(f"{plugin}: {s.key} {exc}; using the default {_show(s.default)}")
            values[s.key] = s.check(s.default)
    for key in sorted(settings):
        if isinstance(key, str) and key.startswith(prefix) and key not in known:
            problems.append(f"{plugin}: unknown setting {key}{did_you_mean(key, known)}")
    return values, problems


def unowned(settings: Mapping, prefixes: Mapping[str, str], known: set[str]) -> list[str]:
    """Messages for ``DAFTAR_*`` keys under no plugin's prefix (``prefixes``: prefix -> plugin).

    >>> unowned({"DAFTAR_SEEDZ_PATH": "s"}, {"DAFTAR_SEEDS_": "daftar_seeds"}, {"DAFTAR_SEEDS_PATH"})
    ['daftar: unknown setting DAFTAR_SEEDZ_PATH (did you mean DAFTAR_SEEDS_PATH?)']
    """
    out = []
    for key in sorted(k for k in settings if isinstance(k, str) and k.startswith("DAFTAR_")):
        if not key.startswith(tuple(prefixes)):
            out.append(f"daftar: unknown setting {key}{did_you_mean(key, known)}")
    return out


def did_you_mean(key: str, known) -> str:
    near = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
    return f" (did you mean {near[0]}?)" if near else ""


def markdown_table(tables: Mapping[str, tuple[Setting, ...]]) -> str:
    """The README's table of every setting (plugin, key, default, meaning)."""
    rows = ["| setting | plugin | default | what it does |", "|---|---|---|---|"]
    for plugin, table in tables.items():
        for s in table:
            rows.append(f"| `{s.key}` | {plugin} | `{s.default!r}` | {s.doc} |")
    return "\n".join(rows) + "\n"
