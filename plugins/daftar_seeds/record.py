"""The article record and the archive: what every stage reads and fills.

:class:`ArticleRecord` is created by daftar_seeds when Pelican reads a seed, complete with its
id, slug, URLs and metadata; it rides on Pelican's ``Article`` as ``article.daftar``. Each later
stage fills only its own part — ``links``, ``archive``, ``exports``, ``search`` — and reads what
earlier stages wrote (see :mod:`daftar_seeds.pipeline` for the order). The heavy parts of an
article (its paragraphs, cleaning log and per-stage features) stay in the per-seed cache and are
loaded when a stage or a template asks for them, so memory does not grow with the archive's text.

:class:`Archive` is the collection: the records in id order, the cache, every public page the
build will write (for the sitemap), each stage's collection-level results, and the counters of
the closing summary.

Pure: no Pelican import.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from .cache import Cache
from .document import Document


def document_to_dict(doc: Document) -> dict:
    to = getattr(doc, "to_dict", None)
    return to() if callable(to) else dataclasses.asdict(doc)


def document_from_dict(data: dict) -> Document:
    frm = getattr(Document, "from_dict", None)
    if callable(frm):
        return frm(data)
    names = {f.name for f in dataclasses.fields(Document)}
    return Document(**{k: v for k, v in data.items() if k in names})


def paragraphs_html(paragraphs: list[str]) -> Markup:
    """The body as HTML: one ``<p>`` per paragraph, every character of the text escaped.

    >>> paragraphs_html(["a <b>", "c"])
    Markup('<p>a &lt;b&gt;</p>\\n<p>c</p>')
    """
    return Markup("\n").join(Markup("<p>{}</p>").format(p) for p in paragraphs)


@dataclass(eq=False)
class ArticleRecord:
    """One published article. The fields up to ``doc_key`` belong to daftar_seeds."""

    id: str  # the seed's path under the seeds folder, without ".txt" (e.g. "2024/abc")
    slug: str  # unique, ASCII, from the id (never from the title)
    lang: str  # "fa", "ar" (or a code when other languages are published)
    dir: str  # "rtl" or "ltr"
    title: str
    sha256: str  # of the raw seed bytes
    encoding: str
    raw_size: int
    source_file: str  # the seed's path under the seeds folder
    fields: dict  # metadata extracted from the page (daftar_seeds.fields) and curator overrides
    cleaning: dict  # rule -> count
    url: str  # site-relative URL of the article page
    raw_url: str  # site-relative URL of the raw seed copy
    doc_key: str  # the cache key of the full document
    feature_keys: dict = field(default_factory=dict)  # stage -> cache key of its features
    store: Cache | None = field(default=None, repr=False)
    # --- filled by later stages, each by its owner
    links: Any = None
    archive: Any = None
    exports: Any = None
    search: Any = None

    # ---- metadata fields read as attributes (rec.outlet, rec.date …) for templates and stages
    def __getattr__(self, name: str):
        if name.startswith("_") or name in ("fields",):
            raise AttributeError(name)
        fields = self.__dict__.get("fields") or {}
        if name in fields:
            return fields[name]
        raise AttributeError(f"{type(self).__name__} has no field {name!r}")

    def get(self, name: str, default=None):
        """A metadata field, or ``default`` (also for fields an older record lacks)."""
        return self.fields.get(name, default)

    # ---- heavy parts, from the cache
    def document(self) -> Document:
        data = self.store.get("doc", self.doc_key) if self.store else None
        if data is None:
            raise LookupError(f"document {self.id} is not in the cache any more (key {self.doc_key[:12]})")
        return document_from_dict(data["document"])

    @property
    def paragraphs(self) -> list[str]:
        return self.document().paragraphs

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def cleaning_log(self) -> list[dict]:
        return self.document().cleaning_log

    def feature(self, stage: str) -> dict:
        key = self.feature_keys.get(stage)
        data = self.store.get("feature-" + stage, key) if (key and self.store) else None
        return data or {}

    def body_html(self) -> Markup:
        """The article body as HTML (with entity links when daftar_links ran)."""
        doc = self.document()
        if self.links is not None and hasattr(self.links, "body_html"):
            return self.links.body_html(doc.paragraphs)
        return paragraphs_html(doc.paragraphs)

    @property
    def date(self) -> str | None:
        return self.fields.get("date")


_INVERT = str.maketrans("0123456789", "9876543210")


def newest_first(rec) -> tuple:
    """Sort key of the archive's order: newest first, undated last (by id among themselves).

    Works on records and on plain dicts with "date" and "id".

    >>> [r["id"] for r in sorted([{"id": "u", "date": None}, {"id": "a", "date": "2020-01-02"},
    ...                           {"id": "b", "date": "2021-05-01T10:00Z"}], key=newest_first)]
    ['b', 'a', 'u']
    """
    get = rec.get if isinstance(rec, dict) else (lambda k: getattr(rec, k, None))
    d = get("date")
    return (d is None, "" if d is None else d[:19].translate(_INVERT), get("id"))


@dataclass
class Summary:
    """What the closing summary reports."""

    published: Counter = field(default_factory=Counter)  # lang -> count
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # non-seed files in seeds/
    sidecar_errors: list[str] = field(default_factory=list)
    warnings: Counter = field(default_factory=Counter)  # kind -> count
    outputs: dict = field(default_factory=dict)  # what -> path
    cache: dict = field(default_factory=dict)  # hits/misses
    timings: dict = field(default_factory=dict)  # stage -> seconds


@dataclass
class Archive:
    """The collection every stage works on."""

    records: list[ArticleRecord]
    settings: dict
    store: Cache | None = None
    pages: list[dict] = field(default_factory=list)  # {"path", "lang", "lastmod", "alternates"}
    parts: dict = field(default_factory=dict)  # stage -> its collection-level results
    summary: Summary = field(default_factory=Summary)

    def __post_init__(self):
        self.records = sorted(self.records, key=lambda r: r.id)
        self.by_id = {r.id: r for r in self.records}
        self.by_url = {r.url: r for r in self.records}
        self.context: dict | None = None  # Pelican's shared template context, for stages that add to it
        self._page_kinds: dict[str, str] = {}  # path -> kind of every registered page

    def add_page(self, path: str, lang: str | None = None, lastmod: str | None = None,
                 alternates: list[tuple[str, str]] | None = None, kind: str = "page") -> None:
        """Register a public HTML page the build writes (the sitemap lists them all). Two pages
        planned at one path are a plugin's error, reported before anything is written.

        >>> a = Archive([], {}); a.add_page("x.html"); a.add_page("x.html", kind="entity")
        Traceback (most recent call last):
        ValueError: two pages planned at x.html (page, then entity)
        """
        if path in self._page_kinds:
            raise ValueError(f"two pages planned at {path} ({self._page_kinds[path]}, then {kind})")
        self._page_kinds[path] = kind
        self.pages.append({"path": path, "lang": lang, "lastmod": lastmod,
                           "alternates": alternates or [], "kind": kind})
