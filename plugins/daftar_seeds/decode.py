"""Turn a seed's raw bytes into text, or say precisely why that cannot be done safely.

Scraped files arrive as UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy code page
(Windows-1256 for Arabic/Persian). We detect rather than guess: BOMs first, then strict UTF-8,
then charset-normalizer; a result that is not mostly Arabic-script or Latin text is refused
instead of being published as mojibake. The raw bytes are never modified (exports copy them).
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from daftar_text.lang import script_share


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding: str | None
    problem: str | None = None  # why the file is not published, when text is None


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(raw: bytes, max_bytes: int | None = None) -> Decoded:
    """Decode ``raw``; on failure ``text`` is None and ``problem`` says why.

    >>> decode_bytes("سلام دنیا".encode("utf-8")).encoding
    'utf-8'
    >>> decode_bytes(codecs.BOM_UTF16_LE + "سلام".encode("utf-16-le")).text
    'سلام'
    >>> decode_bytes(b"").problem
    'empty file'
    >>> decode_bytes(b"ab\\x00cd").problem
    'binary file (NUL bytes)'
    """
    if max_bytes is not None and len(raw) > max_bytes:
        return Decoded(None, None, f"file too large ({len(raw)} bytes > DAFTAR_MAX_SEED_BYTES={max_bytes})")
    if not raw:
        return Decoded(None, None, "empty file")
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(enc), enc)
            except UnicodeDecodeError as exc:
                return Decoded(None, None, f"invalid {enc} after BOM: {exc.reason}")
    if b"\x00" in raw:
        return Decoded(None, None, "binary file (NUL bytes)")
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _detect_legacy(raw)


def _detect_legacy(raw: bytes) -> Decoded:
    """Legacy code pages: accept only a confident detection that yields Arabic-script text."""
    from charset_normalizer import from_bytes

    best = None
    # charset-normalizer ranks candidates; we also try the code pages this archive meets most.
    candidates = [m for m in from_bytes(raw, cp_isolation=["cp1256", "iso8859_6", "cp720"])]
    for match in candidates:
        text = str(match)
        share = script_share(text)
        if share >= 0.5 and (best is None or share > best[1]):
            best = (match.encoding, share, text)
    if best is None:
        return Decoded(None, None, "undecodable: not UTF-8 and no confident legacy encoding found")
    return Decoded(best[2], best[0])
