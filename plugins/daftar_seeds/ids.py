"""Seed files, ids and slugs: which files are seeds, and a unique URL name for each.

An article's id is its seed's path under the seeds folder without ``.txt`` (``2024/abc``), so
two files can never share an id. Its slug — the file name of its page — is made from the id,
ASCII and at most :data:`MAX_SLUG` characters; when two ids give one slug (``Dup.txt`` and
``dup.txt``, ``a .txt`` and ``a.txt``, ``sub/a.txt`` and ``sub-a.txt``), the first in id order
keeps it and the others get a suffix from their own id, so the assignment is stable and each
collision is reported once, naming both files.

Pure: no Pelican import.
"""
from __future__ import annotations

import difflib
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

SEED_SUFFIX = ".txt"
SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml")
MAX_SLUG = 80
_SLUG_OK = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def _short_hash(s: str, n: int = 8) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:n]


def make_slug(seed_id: str) -> str:
    """A stable ASCII slug from a seed id (never from the title).

    >>> make_slug("017_example-page")
    '017_example-page'
    >>> make_slug("2024/Example")
    '2024-example'
    >>> make_slug("خبر مهم").startswith("seed-")
    True
    >>> len(make_slug("x" * 250)) <= MAX_SLUG
    True
    """
    s = seed_id.strip().lower().replace("/", "-").replace(os.sep, "-")
    if _SLUG_OK.match(s) and len(s) <= MAX_SLUG and not s.endswith("."):
        return s
    ascii_part = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    ascii_part = re.sub(r"[^a-z0-9._-]+", "-", ascii_part).strip("-.")
    digest = _short_hash(seed_id, 10)
    if not ascii_part:
        return f"seed-{digest}"
    if ascii_part == s and len(s) <= MAX_SLUG:
        return s
    return f"{ascii_part[:MAX_SLUG - 11].rstrip('-.')}-{digest}"


def allocate_slugs(ids: list[str]) -> tuple[dict[str, str], list[str]]:
    """A unique slug for every id, and one message per collision.

    >>> slugs, notes = allocate_slugs(["dup", "Dup", "a "])
    >>> slugs["Dup"], slugs["a "], slugs["dup"].startswith("dup-")
    ('dup', 'a', True)
    >>> notes
    ["seeds 'Dup.txt' and 'dup.txt' both make the page name 'dup': 'dup.txt' is published as 'dup-7116abcd'"]
    """
    by_slug: dict[str, list[str]] = {}
    for i in sorted(set(ids)):
        by_slug.setdefault(make_slug(i), []).append(i)
    out: dict[str, str] = {}
    notes: list[str] = []
    taken = set(by_slug)
    for slug, group in sorted(by_slug.items()):
        out[group[0]] = slug
        for other in group[1:]:
            alt = f"{slug[:MAX_SLUG - 9]}-{_short_hash(other)}"
            n = 2
            while alt in taken:
                alt = f"{slug[:MAX_SLUG - 12]}-{_short_hash(other)}-{n}"
                n += 1
            taken.add(alt)
            out[other] = alt
            notes.append(f"seeds {group[0] + SEED_SUFFIX!r} and {other + SEED_SUFFIX!r} both make the page "
                         f"name {slug!r}: {other + SEED_SUFFIX!r} is published as {alt!r}")
    return out, notes


@dataclass(frozen=True)
class SeedFile:
    path: str  # absolute path of the seed
    rel: str  # path under the seeds folder, with "/" separators
    id: str  # rel without ".txt"
    sidecar: str | None  # absolute path of its curator sidecar, if any
    slug: str = ""


@dataclass
class SeedListing:
    seeds: list[SeedFile]
    ignored: list[tuple[str, str]]  # (rel path, reason): files that are not seeds
    orphans: list[tuple[str, str]]  # (rel path, message): sidecars that match no seed
    collisions: list[str]


def list_seeds(root: str | os.PathLike) -> SeedListing:
    """Every ``*.txt`` under ``root`` (following symlinks, never twice into one folder), its
    sidecar, and what else is there."""
    root = Path(root)
    seen_dirs: set[str] = set()
    txt: dict[str, str] = {}
    sidecars: dict[str, str] = {}
    ignored: list[tuple[str, str]] = []
    orphans: list[tuple[str, str]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen_dirs:  # a symlink loop or a second link to one folder
            dirnames[:] = []
            continue
        seen_dirs.add(real)
        # a folder named like a sidecar is a sidecar that cannot be read (reported as such)
        odd = [d for d in dirnames if d.lower().endswith(SIDECAR_SUFFIXES)]
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in odd)
        for name in sorted(filenames + odd):
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            if name.startswith("."):
                continue  # .gitkeep, editor files: not the curator's content
            low = name.lower()
            if low.endswith(SIDECAR_SUFFIXES):
                stem = rel[: -len(next(s for s in SIDECAR_SUFFIXES if low.endswith(s)))]
                if stem in sidecars:
                    orphans.append((rel, f"sidecar {rel!r} ignored: {os.path.basename(sidecars[stem])!r} is used"))
                    continue
                sidecars[stem] = full
            elif low.endswith(SEED_SUFFIX):
                txt[rel[: -len(SEED_SUFFIX)]] = full
            else:
                ignored.append((rel, "not a seed (only *.txt files in the seeds folder are read)"))
    for stem, side in sorted(sidecars.items()):
        if stem not in txt:
            rel = os.path.relpath(side, root).replace(os.sep, "/")
            near = difflib.get_close_matches(stem, sorted(txt), n=1, cutoff=0.6)
            hint = f" (did you mean {near[0] + SEED_SUFFIX!r}?)" if near else ""
            orphans.append((rel, f"sidecar {rel!r} matches no seed{hint}: it is not applied"))
    slugs, collisions = allocate_slugs(list(txt))
    seeds = [SeedFile(txt[i], i + SEED_SUFFIX, i, sidecars.get(i), slugs[i]) for i in sorted(txt)]
    return SeedListing(seeds, ignored, orphans, collisions)


def project_dir(settings) -> str:
    """The folder holding content/ (relative settings paths are read from there)."""
    return os.path.dirname(os.path.abspath(settings["PATH"]))


def seeds_dir(settings) -> str:
    """The seeds folder: ``DAFTAR_SEEDS_PATH``, relative to the project folder."""
    path = settings["DAFTAR_SEEDS_PATH"]
    return os.path.abspath(path if os.path.isabs(path) else os.path.join(project_dir(settings), path))
