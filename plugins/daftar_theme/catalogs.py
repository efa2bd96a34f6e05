"""Interface strings per page language, from gettext catalogs compiled with Babel.

The theme's ``translations/<lang>/LC_MESSAGES/messages.po`` are compiled in memory with
Babel (``babel.messages.mofile.write_mo``) into :class:`gettext.GNUTranslations`. A Persian
article's page speaks Persian and an Arabic article's page speaks Arabic: the gettext
callable installed into Jinja looks at the page being rendered, not at a global locale.
"""
from __future__ import annotations

import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def load_catalogs(translations_dir: str | Path, langs=("fa", "ar")) -> dict[str, gettext.NullTranslations]:
    """Compile each language's messages.po (missing ones fall back to the msgid)."""
    out: dict[str, gettext.NullTranslations] = {}
    for lang in langs:
        po = Path(translations_dir) / lang / "LC_MESSAGES" / "messages.po"
        if not po.exists():
            out[lang] = gettext.NullTranslations()
            continue
        with open(po, "rb") as fh:
            catalog = read_po(fh, locale=lang)
        buf = io.BytesIO()
        write_mo(buf, catalog)
        buf.seek(0)
        out[lang] = gettext.GNUTranslations(buf)
    return out
