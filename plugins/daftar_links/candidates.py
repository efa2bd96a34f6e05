"""The curator's tool: name-like phrases the gazetteer does not know yet, found in the archive.

Two signals, both cheap and from data (``roles.yaml``):

* **after a role word** — «سخنگوی وزارت خارجه روسیه ماریا زاخارووا», «المتحدثة باسم الخارجية
  الروسية ماريا زاخاروفا», «السفير الروسي ...»: the words after the role and its complement
  (وزارت، خارجه، any Arabic word with ال, the place's name or demonym) up to a break (a verb of
  saying, a preposition, punctuation);
* **quoted** — Persian news puts foreign names in guillemets («کنث مک‌کنزی»): a short quoted
  phrase of name-like words.

A phrase that the matcher already links is not a candidate. :func:`phrase_candidates` runs
per article (it is part of the cached features); :func:`entity_candidates` sums the articles'
lists into the rows of ``data/entity-candidates.csv``: phrase, language, kind, role word,
mentions, articles, an example article id. Rows that only one article has and no role word
introduced are left out: a curator reads what recurs.
"""
from __future__ import annotations

import bisect
import csv
import io
import re
from functools import lru_cache
from pathlib import Path

import yaml

from daftar_text.fold import fold

ROLES_PATH = Path(__file__).with_name("roles.yaml")
MAX_PER_ARTICLE = 24
CSV_FIELDS = ("phrase", "lang", "kind", "role", "mentions", "articles", "example")
#: what may stand between two words of one phrase (spaces, ZWNJ, a hyphen): punctuation ends it
_GAP_RE = re.compile(r"^[\s\u200c\u200d\u00a0\-]*$")
_QUOTED_RE = re.compile(r"«([^«»\n]{3,60})»")


@lru_cache(maxsize=4)
def load_roles(path: str | Path = ROLES_PATH) -> dict:
    """Folded role data per language.

    >>> r = load_roles()
    >>> "سخنگوی" in r["fa"]["roles"] and "المتحدثه" in r["ar"]["roles"]
    True
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    out = {}
    for lang, d in data.items():
        out[lang] = {key: frozenset(fold(w).replace("\u200c", "") for w in d.get(key, ()))
                     for key in ("roles", "complements", "breaks")}
        out[lang]["max_words"] = int(d.get("max_words", 3))
        out[lang]["quoted_names"] = bool(d.get("quoted_names", False))
    return out


def _words(text: str) -> list[tuple[str, int, int]]:
    """(folded word, start, end) per word of ``text`` (the original's offsets), as the matcher
    splits it: a word with a ZWNJ inside is one word."""
    from .matcher import split_words

    return split_words(text)


def _name_like(word: str, data: dict) -> bool:
    return (len(word) >= 2 and not word.isdigit() and not word.isascii()
            and word not in data["breaks"] and word not in data["roles"] and word not in data["complements"])


def _overlapping(words: list[tuple[str, int, int]], spans) -> list[bool]:
    """For each word, whether it overlaps one of ``spans`` — one sweep over both, sorted
    (a long text has many words and many linked names: no pairwise comparison).

    >>> _overlapping([("a", 0, 1), ("b", 2, 3), ("c", 4, 5)], [(2, 5)])
    [False, True, True]
    """
    spans = sorted(spans)
    out, k = [], 0
    for _w, s, e in words:
        while k < len(spans) and spans[k][1] <= s:
            k += 1
        j, hit = k, False
        while j < len(spans) and spans[j][0] < e:
            if spans[j][1] > s:
                hit = True
                break
            j += 1
        out.append(hit)
    return out


def phrase_candidates(text: str, lang: str, linked: list[tuple[int, int]] = (),
                      roles: dict | None = None) -> list[list[str]]:
    """Candidate phrases of one text: ``[[folded, surface, kind, role], ...]`` in text order,
    at most :data:`MAX_PER_ARTICLE`. ``linked`` holds (start, end) spans the matcher linked:
    they continue a role (سفیر روسیه) but are never a candidate themselves.

    >>> t = "سخنگوی وزارت خارجه روسیه، ماریا زاخارووا گفت"
    >>> phrase_candidates(t, "fa", linked=[(19, 24)])
    [['ماریا زاخارووا', 'ماریا زاخارووا', 'role', 'سخنگوی']]
    >>> phrase_candidates("قال السفير الروسي ليفان جاغاريان إن", "ar")
    [['لیفان جاغاریان', 'ليفان جاغاريان', 'role', 'السفیر']]
    >>> phrase_candidates("جنرال «کنث مک‌کنزی» رئیس ستاد", "fa")
    [['کنث مککنزی', 'کنث مک\u200cکنزی', 'quoted', '']]
    """
    data = (roles or load_roles()).get(lang)
    if not data:
        return []
    words = _words(text)
    in_link = _overlapping(words, linked)
    out: list[list[str]] = []
    seen: set[str] = set()

    def take(i: int, kind: str, role: str) -> None:
        name = []
        while i < len(words) and len(name) < data["max_words"]:
            w, s, e = words[i]
            if name and not _GAP_RE.match(text[words[i - 1][2]:s]):
                break  # punctuation ends a name
            if in_link[i] or not _name_like(w, data) or (lang == "ar" and not name and w.startswith("ال")):
                break
            name.append(i)
            i += 1
        if name:
            s, e = words[name[0]][1], words[name[-1]][2]
            folded = " ".join(words[k][0] for k in name)
            if folded not in seen and len(name) > 1:  # a lone word after a role is most often not a name
                seen.add(folded)
                out.append([folded, text[s:e], kind, role])

    i = 0
    while i < len(words) and len(out) < MAX_PER_ARTICLE:
        w = words[i][0]
        if w in data["roles"] and not in_link[i]:
            j = i + 1
            # skip the role's complement: its words, linked names (روسیه), Arabic ال-words;
            # a comma may close the complement (سخنگوی وزارت خارجه روسیه، ماریا ...)
            while j < len(words) and (words[j][0] in data["complements"] or in_link[j]
                                      or (lang == "ar" and words[j][0].startswith("ال"))):
                j += 1
            if j < len(words) and re.match(r"^[\s،,«\u200c]*$", text[words[j - 1][2]:words[j][1]]):
                take(j, "role", w)
            i = j
            continue
        i += 1
    starts = [s for _, s, _ in words]
    for m in _QUOTED_RE.finditer(text) if data["quoted_names"] else ():
        if len(out) >= MAX_PER_ARTICLE:
            break
        # the words inside the quotes, found by bisection (a long text has many quotes)
        lo = bisect.bisect_left(starts, m.start(1))
        hi = lo
        while hi < len(words) and words[hi][2] <= m.end(1) and hi - lo <= data["max_words"]:
            hi += 1
        inner = words[lo:hi]
        if (1 < len(inner) <= data["max_words"] and all(_name_like(w, data) for w, _, _ in inner)
                and not any(in_link[lo:hi])):
            folded = " ".join(w for w, _, _ in inner)
            if folded not in seen:
                seen.add(folded)
                out.append([folded, text[inner[0][1]:inner[-1][2]], "quoted", ""])
    return out


def entity_candidates(items, min_articles: int = 2) -> list[dict]:
    """Rows for ``data/entity-candidates.csv`` from ``(article_id, lang, candidates)`` items
    (``candidates`` as :func:`phrase_candidates` returns them, e.g. ``features["candidates"]``).

    A phrase is kept when a role word introduced it at least once, or when at least
    ``min_articles`` articles have it. Sorted by articles, mentions, then phrase; the example
    is the smallest article id, so the rows do not depend on the input order.

    >>> rows = entity_candidates([("b", "fa", [["کنث مککنزی", "کنث مک‌کنزی", "quoted", ""]]),
    ...                           ("a", "fa", [["کنث مککنزی", "کنث مک‌کنزی", "quoted", ""]]),
    ...                           ("a", "fa", [["علی رضایی", "علی رضایی", "quoted", ""]])])
    >>> [(r["phrase"], r["articles"], r["example"]) for r in rows]
    [('کنث مک\u200cکنزی', 2, 'a')]
    """
    acc: dict[tuple[str, str], dict] = {}
    for article_id, lang, cands in items:
        for folded, surface, kind, role in cands or ():
            row = acc.get((lang, folded))
            if row is None:
                row = acc[(lang, folded)] = {"phrase": surface, "lang": lang, "kind": kind, "role": role,
                                             "mentions": 0, "ids": set(), "example": article_id}
            row["mentions"] += 1
            row["ids"].add(article_id)
            if article_id < row["example"]:
                row["example"], row["phrase"] = article_id, surface
            if role and (not row["role"] or role < row["role"]):
                row["kind"], row["role"] = "role", role
    rows = []
    for (lang, folded), row in acc.items():
        n = len(row.pop("ids"))
        if row["role"] or n >= min_articles:
            rows.append(dict(row, articles=n))
    rows.sort(key=lambda r: (-r["articles"], -r["mentions"], r["lang"], fold(r["phrase"])))
    return rows


def candidates_csv(rows: list[dict]) -> str:
    """The rows as CSV text (UTF-8 with a BOM so spreadsheet programs read the letters).

    >>> candidates_csv([{"phrase": "x y", "lang": "fa", "kind": "role", "role": "وزیر", "mentions": 2,
    ...                  "articles": 1, "example": "001"}]).splitlines()[1]
    'x y,fa,role,وزیر,2,1,001'
    """
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: r[k] for k in CSV_FIELDS})
    return buf.getvalue()
