"""One seed file -> one archive document: decode, detect language, clean, extract metadata.

Pure: no Pelican import. The reader plugin (``daftar_seeds.py``) adapts the returned record to
Pelican; tests and scripts call :func:`build_document` directly. A :class:`Document` is a plain
dataclass that round-trips through JSON (:meth:`Document.to_dict`, :meth:`Document.from_dict`),
so the reader can cache documents on disk keyed by the seed's sha256.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass, field

from daftar_text.lang import detect_lang, script_share

from .clean import clean_document
from .dates import find_dates
from .decode import decode_bytes
from .fields import extract_fields, provenance_log
from .overrides import apply_overrides

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def make_slug(stem: str) -> str:
    """A stable ASCII slug from the file stem (never from the title).

    >>> make_slug("017_example-page")
    '017_example-page'
    >>> make_slug("خبر مهم").startswith("seed-")
    True
    """
    s = stem.strip().lower()
    if SLUG_RE.match(s):
        return s
    ascii_part = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()).strip("-")
    digest = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:10]
    return f"{ascii_part[:40]}-{digest}" if ascii_part else f"seed-{digest}"


@dataclass
class Rejected:
    """A seed that is not published, and why (the reader logs it as one warning line)."""

    reason: str
    sha256: str | None = None


@dataclass
class Document:
    """One published seed. ``fields`` holds exactly the keys of :data:`fields.FIELDS`."""

    id: str
    slug: str
    lang: str
    dir: str
    sha256: str
    encoding: str
    raw_size: int
    title: str
    fields: dict
    paragraphs: list[str]
    cleaning_log: list[dict]
    cleaning: dict
    extras: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def body_html(self) -> str:
        """Paragraphs as escaped HTML: seed text is never interpreted as markup."""
        return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in self.paragraphs)

    def to_dict(self) -> dict:
        """A JSON-plain dict of every field (``from_dict(to_dict())`` gives the same document).

        >>> d = Document("a", "a", "fa", "rtl", "0" * 64, "utf-8", 3, "t", {"agencies": []}, ["p"], [], {})
        >>> Document.from_dict(d.to_dict()) == d
        True
        """
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Document":
        """The document a :meth:`to_dict` (or its JSON) holds; unknown keys are ignored."""
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def build_document(raw: bytes, stem: str, *, reference: dt.date | None = None,
                   max_bytes: int | None = None, other_languages: str = "skip",
                   overrides: dict | None = None) -> Document | Rejected:
    """Build the document for one seed. ``other_languages``: "skip" or "publish" (LTR).

    ``reference``: the date year-less dates are resolved against when the page states no
    "today" of its own and the sidecar no ``captured`` (the caller passes a fixed collection
    date; None leaves such dates unresolved — the machine's clock is never used).
    ``overrides``: validated curator values (see :mod:`overrides`); they win over extraction.
    """
    sha = hashlib.sha256(raw).hexdigest()
    decoded = decode_bytes(raw, max_bytes=max_bytes)
    if decoded.text is None:
        return Rejected(decoded.problem or "undecodable", sha)
    text = decoded.text
    if not text.strip():
        return Rejected("whitespace only", sha)
    overrides = overrides or {}
    lang = overrides.get("lang") or detect_lang(text)
    direction = "rtl"
    if lang is None:
        if other_languages != "publish" or script_share(text) > 0.3 or not re.search(r"[A-Za-z]{3}", text):
            return Rejected("neither Persian nor Arabic (DAFTAR_OTHER_LANGUAGES='skip')", sha)
        lang, direction = "und", "ltr"
    result = clean_document(text, lang, find_dates=find_dates, reference=reference)
    if not result.paragraphs:
        return Rejected("no article text left after cleaning (chrome only)", sha)
    fields, rules = extract_fields(result, lang, reference=reference,
                                   sidecar_captured=overrides.get("captured"), with_rules=True)
    log = result.log() + provenance_log(fields, rules, result)
    if overrides:
        fields = apply_overrides(fields, overrides)
    return Document(
        id=stem, slug=make_slug(stem), lang=lang, dir=direction, sha256=sha,
        encoding=decoded.encoding or "utf-8", raw_size=len(raw), title=fields["title"] or stem,
        fields=fields, paragraphs=result.paragraphs, cleaning_log=log,
        cleaning=result.rule_counts(),
    )
