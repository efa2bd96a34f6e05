"""Curator overrides: a sidecar ``<id>.meta.yaml`` beside a seed corrects extracted metadata.

What the sidecar states wins over extraction and is marked as an override; the raw seed is
never touched. An invalid sidecar (bad YAML, unknown field, impossible date, wrong type)
yields errors naming the file and the field, and the article keeps its extracted values.
"""
from __future__ import annotations

import datetime as dt
import re

import yaml

#: field -> expected type ("str", "date", "int", "list", "url", "lang")
FIELDS = {
    "title": "str", "date": "date", "captured": "date", "outlet": "str", "author": "str",
    "agencies": "list", "category": "str", "news_code": "str", "views": "int", "source_url": "url",
    "dateline": "str", "lead": "str", "lang": "lang", "note": "str",
}
class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, so an impossible date is reported by field."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?$")


def _check(field: str, value, kind: str):
    """Return (normalised value, error or None)."""
    if kind == "date":
        if isinstance(value, dt.datetime):
            value = value.isoformat()
        elif isinstance(value, dt.date):
            value = value.isoformat()
        if not isinstance(value, str) or not _ISO_RE.match(value):
            return None, f"{field}: not an ISO 8601 date: {value!r}"
        try:
            dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None, f"{field}: impossible date: {value!r}"
        if not 1900 <= int(value[:4]) <= 2100:
            return None, f"{field}: year outside 1900–2100: {value!r}"
        return value, None
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return None, f"{field}: not a whole number: {value!r}"
        return value, None
    if kind == "list":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return None, f"{field}: not a list of names: {value!r}"
        return [v.strip() for v in value], None
    if kind == "url":
        if not isinstance(value, str) or not re.match(r"^https?://\S+$", value):
            return None, f"{field}: not an http(s) URL: {value!r}"
        return value, None
    if kind == "lang":
        if value not in ("fa", "ar"):
            return None, f"{field}: must be fa or ar: {value!r}"
        return value, None
    if not isinstance(value, (str, int)) or not str(value).strip():
        return None, f"{field}: not a text value: {value!r}"
    return str(value).strip(), None


def parse_sidecar(text: str, name: str = "sidecar") -> tuple[dict, list[str]]:
    """Parse and validate a sidecar; returns (valid overrides, errors naming file and field).

    >>> parse_sidecar("date: 2020-07-22\\noutlet: وكالة الأنباء\\n")
    ({'date': '2020-07-22', 'outlet': 'وكالة الأنباء'}, [])
    >>> parse_sidecar("colour: red\\ndate: 2020-02-31\\n", "x.meta.yaml")[1]
    ["x.meta.yaml: unknown field 'colour'", "x.meta.yaml: date: impossible date: '2020-02-31'"]
    """
    try:
        data = yaml.load(text, Loader=_Loader) if text.strip() else {}  # noqa: S506 (safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        return {}, [f"{name}: invalid YAML{where}"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [f"{name}: expected a mapping of field: value"]
    out, errors = {}, []
    for key, value in data.items():
        kind = FIELDS.get(str(key))
        if kind is None:
            errors.append(f"{name}: unknown field {key!r}")
            continue
        if isinstance(value, str) and kind == "date":
            value = value.strip()
        norm, err = _check(str(key), value, kind)
        if err:
            errors.append(f"{name}: {err}")
        else:
            out[str(key)] = norm
    return out, errors


def apply_overrides(fields: dict, overrides: dict) -> dict:
    """Fields with the curator's values; ``overridden`` lists them, dates marked ``override``."""
    new = dict(fields)
    for key, value in overrides.items():
        if key in ("lang", "note"):
            continue
        new[key] = value
    if "date" in overrides:
        new["date_source"] = "override"
        new["date_text"] = None
        new["date_calendar"] = "gregorian"
    if "title" in overrides:
        new["title_source"] = "override"
    new["overridden"] = sorted(k for k in overrides if k != "note")
    if overrides.get("note"):
        new["curator_note"] = overrides["note"]
    return new
