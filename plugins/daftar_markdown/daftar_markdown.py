"""A Markdown reader built on markdown-it-py, replacing Pelican's Python-Markdown reader.

Pages in ``content/pages/*.md`` start with Pelican-style ``Key: value`` metadata lines,
then a blank line, then CommonMark. Raw HTML in the source is not rendered (html=False).
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from pelican import signals
from pelican.readers import BaseReader

_META_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):\s*(.*)$")


def split_metadata(text: str) -> tuple[dict[str, str], str]:
    """Leading ``Key: value`` lines (until the first blank line) and the rest.

    >>> split_metadata("Title: درباره\\nLang: fa\\n\\n# سلام")
    ({'title': 'درباره', 'lang': 'fa'}, '# سلام')
    """
    meta: dict[str, str] = {}
    lines = text.lstrip("\ufeff").split("\n")
    i = 0
    while i < len(lines):
        m = _META_RE.match(lines[i])
        if not m:
            break
        meta[m.group(1).lower()] = m.group(2).strip()
        i += 1
    if meta and i < len(lines) and not lines[i].strip():
        i += 1
    elif not meta:
        i = 0
    return meta, "\n".join(lines[i:])


def render(text: str) -> str:
    """CommonMark with tables, no raw HTML.

    >>> render("**دفتر**")
    '<p><strong>دفتر</strong></p>\\n'
    """
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table").render(text)


class MarkdownItReader(BaseReader):
    enabled = True
    file_extensions = ["md", "markdown"]

    def read(self, source_path):
        with open(source_path, encoding="utf-8") as fh:
            meta, body = split_metadata(fh.read())
        metadata = {k: self.process_metadata(k, v) for k, v in meta.items()}
        return render(body), metadata


def add_reader(readers):
    for ext in MarkdownItReader.file_extensions:
        readers.reader_classes[ext] = MarkdownItReader
    # Pelican warns about its disabled Python-Markdown reader even when another reader
    # handles .md; our reader replaces it, so that warning is noise for these extensions.
    original = readers.check_file

    def check_file(source_path, _original=original):
        if not source_path.endswith(tuple("." + e for e in MarkdownItReader.file_extensions)):
            _original(source_path)

    readers.check_file = check_file


def register():
    signals.readers_init.connect(add_reader)
