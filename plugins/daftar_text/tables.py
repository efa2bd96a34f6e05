"""The character tables of Persian and Arabic text, read once from ``data/tables.yaml``.

One data file holds the letter variants that folding unifies, the combining marks and tatweel,
the invisible format characters, the bidi controls and the digits of each script. Python code
builds its ``str.translate`` tables from here (:mod:`daftar_text.fold` does); the search page's
JavaScript receives the same data inside the search manifest (:func:`for_js`), so no table is
ever copied by hand into another file.

>>> LETTERS["ي"], LETTERS["ك"], LETTERS["ة"]
('ی', 'ک', 'ه')
>>> "\\u064e" in MARKS and "\\u200c" in INVISIBLE and "\\u202e" in BIDI_CONTROLS
True
>>> "۱۴۰۱".translate(latin_digits_table()), to_local_digits("2020", "ar")
('1401', '٢٠٢٠')
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "tables.yaml"

_CP = re.compile(r"^U\+([0-9A-Fa-f]{4,6})(?:-U\+([0-9A-Fa-f]{4,6}))?$")


def _code_points(value, key: str) -> list[str]:
    """Characters of one entry: ``U+XXXX``, ``U+XXXX-U+YYYY`` or the character itself."""
    if isinstance(value, list):
        return [ch for v in value for ch in _code_points(v, key)]
    if not isinstance(value, str) or not value:
        raise ValueError(f"{DATA}: {key}: {value!r} is not a character or U+XXXX code point")
    m = _CP.match(value)
    if m is None:
        if len(value) != 1:
            raise ValueError(f"{DATA}: {key}: {value!r} is not one character or U+XXXX code point")
        return [value]
    lo = int(m.group(1), 16)
    hi = int(m.group(2), 16) if m.group(2) else lo
    if hi < lo:
        raise ValueError(f"{DATA}: {key}: range {value!r} ends before it starts")
    return [chr(cp) for cp in range(lo, hi + 1)]


def _load() -> dict:
    with open(DATA, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    letters: dict[str, str] = {}
    for canon, variants in raw["letters"].items():
        for ch in _code_points(canon, "letters") + _code_points(variants, f"letters.{canon}"):
            if letters.get(ch, canon) != canon:
                raise ValueError(f"{DATA}: letters: {ch!r} folds to both {letters[ch]!r} and {canon!r}")
            letters[ch] = canon
    digits = raw["digits"]
    for lang, ds in digits.items():
        if not isinstance(ds, str) or len(ds) != 10:
            raise ValueError(f"{DATA}: digits.{lang}: needs the ten digits 0-9 as one string")
    tatweel = _code_points(raw["tatweel"], "tatweel")
    if len(tatweel) != 1:
        raise ValueError(f"{DATA}: tatweel: needs exactly one code point")
    return {
        "letters": letters,
        "marks": frozenset(_code_points(raw["marks"], "marks")),
        "tatweel": tatweel[0],
        "invisible": frozenset(_code_points(raw["invisible"], "invisible")),
        "bidi_controls": frozenset(_code_points(raw["bidi_controls"], "bidi_controls")),
        "digits": dict(digits),
    }


_T = _load()

#: Variant letter -> the letter folding writes (canonical letters map to themselves).
LETTERS: dict[str, str] = _T["letters"]
#: Harakat, superscript alef and Quranic marks.
MARKS: frozenset[str] = _T["marks"]
#: The kashida (U+0640).
TATWEEL: str = _T["tatweel"]
#: Zero-width and format characters that sit inside words (ZWNJ, ZWJ, LRM, RLM, ...).
INVISIBLE: frozenset[str] = _T["invisible"]
#: Bidi embedding, override and isolate controls.
BIDI_CONTROLS: frozenset[str] = _T["bidi_controls"]
#: Digits 0-9 of each script, by language code ("fa", "ar").
DIGITS: dict[str, str] = _T["digits"]


def fold_table() -> dict[int, str | None]:
    """The ``str.translate`` table of folding: letters unified, digits Latin, marks, tatweel,
    invisible characters and bidi controls deleted (``None``).

    >>> "وِزارَة\\u200c".translate(fold_table())
    'وزاره'
    """
    table: dict[int, str | None] = {ord(k): v for k, v in LETTERS.items() if k != v}
    for ch in MARKS | INVISIBLE | BIDI_CONTROLS | {TATWEEL}:
        table[ord(ch)] = None
    for ds in DIGITS.values():
        for i, ch in enumerate(ds):
            table[ord(ch)] = str(i)
    return table


def latin_digits_table() -> dict[int, str]:
    """``str.translate`` table writing every script's digits as Latin 0-9."""
    return {ord(ch): str(i) for ds in DIGITS.values() for i, ch in enumerate(ds)}


def local_digits_table(lang: str) -> dict[int, str] | None:
    """``str.translate`` table writing Latin digits in ``lang``'s digits (None: keep Latin)."""
    ds = DIGITS.get(lang)
    return str.maketrans("0123456789", ds) if ds else None


def to_local_digits(s: str, lang: str) -> str:
    """Latin digits of ``s`` written in ``lang``'s digits; other languages keep Latin."""
    table = local_digits_table(lang)
    return s.translate(table) if table else s


def deletion_table(*sets: frozenset[str]) -> dict[int, None]:
    """``str.translate`` table deleting the characters of ``sets`` (e.g. ``BIDI_CONTROLS``).

    >>> "\\u202eabc\\u202c".translate(deletion_table(BIDI_CONTROLS))
    'abc'
    """
    return {ord(ch): None for s in sets for ch in s}


def for_js() -> dict:
    """The tables as the search page's JavaScript reads them (inside the search manifest):
    ``fold`` maps each folded character to its replacement ("" deletes), ``digits`` gives each
    language's digits."""
    return {"fold": {chr(cp): (to or "") for cp, to in sorted(fold_table().items())},
            "digits": dict(DIGITS)}
