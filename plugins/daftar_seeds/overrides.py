"""Curator overrides: a sidecar ``<id>.meta.yaml`` beside a seed corrects extracted metadata.

What the sidecar states wins over extraction and is marked as an override; the raw seed is
never touched. An invalid sidecar (bad YAML, unknown field, impossible date, wrong type)
yields errors naming the file and the field, and the article keeps its extracted values.

A sidecar is curator input but still untrusted bytes, so it is read defensively:

* a size cap (:data:`MAX_SIDECAR_BYTES`) and a cap on YAML nodes; anchors and aliases are
  refused while composing, so a 500-byte alias bomb costs nothing (it used to take 77 s and
  2.8 GB);
* YAML strings stay strings: no YAML 1.1 coercion (``news_code: 0123`` stays "0123",
  ``author: on`` stays "on", ``title: 1e3`` stays "1e3"); numbers are read only where a
  field wants a number;
* values go through the seeds' own ``normalize`` text rules (controls, bidi overrides, odd
  spaces), each text field has a length cap, and one-line fields must be one line: a line
  break in ``title`` is *refused* rather than folded, because it is almost always a paste
  error the curator should see, and folding would silently rewrite their text (and a newline
  in a title once injected a second RIS record);
* error messages show at most :data:`SHOWN` characters of a value, never a whole value;
* a misspelt field gets "did you mean …?"; a YAML error names the line where the broken
  construct starts.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent

from daftar_text.messages import SHOWN, shown as _show

from .clean import RULES, apply_text_rules

#: field -> expected type ("str", "text" (may span lines), "date", "int", "list", "url", "lang")
FIELDS = {
    "title": "str", "date": "date", "captured": "date", "updated": "date", "outlet": "str",
    "author": "str", "agencies": "list", "relayed_from": "list", "desk": "str", "category": "str",
    "news_code": "str", "views": "int", "source_url": "url", "dateline": "str", "lead": "str",
    "lang": "lang", "note": "text",
}
#: Longest value, in characters, per field (lists: per item).
MAX_CHARS = {"title": 500, "lead": 5000, "note": 5000, "source_url": 2000, "news_code": 40,
             "dateline": 100, "category": 100, "desk": 100}
DEFAULT_MAX_CHARS = 200
MAX_ITEMS = 20
MAX_SIDECAR_BYTES = 64 * 1024
MAX_NODES = 500
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?$")
_INT_RE = re.compile(r"^[0-9]{1,12}$")
_URL_RE = re.compile(r"^https?://[^\s]{1,2000}$")


class _Refused(yaml.YAMLError):
    """A sidecar the loader will not build (aliases, anchors, too many nodes)."""

    def __init__(self, problem: str, mark=None):
        super().__init__(problem)
        self.problem, self.problem_mark, self.context_mark = problem, mark, None


class _Loader(yaml.BaseLoader):
    """YAML without typing (every scalar is a string: no 1.1 coercion), without anchors and
    aliases, and with a node cap, checked while composing, before anything is built."""

    def __init__(self, stream):
        super().__init__(stream)
        self._nodes = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused("aliases are not allowed in a sidecar", event.start_mark)
        if isinstance(event, (ScalarEvent, SequenceStartEvent, MappingStartEvent)) and event.anchor:
            raise _Refused("anchors are not allowed in a sidecar", event.start_mark)
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Refused(f"more than {MAX_NODES} YAML nodes", event.start_mark)
        return Composer.compose_node(self, parent, index)


def _clean(value: str) -> str:
    """The seeds' normalize text rules, then trimmed."""
    return apply_text_rules(value, None, ("normalize",))[0].strip()


def _text(field: str, value, multiline: bool = False):
    if not isinstance(value, str):
        return None, f"{field}: not a text value: {_show(value)}"
    if not multiline and _LINE_BREAKS.search(value.strip()):
        return None, f"{field}: must be one line (a line break is refused, not folded: check the value)"
    value = _clean(value) if not multiline else "\n".join(_clean(p) for p in value.splitlines()).strip()
    if not value:
        return None, f"{field}: empty value"
    cap = MAX_CHARS.get(field, DEFAULT_MAX_CHARS)
    if len(value) > cap:
        return None, f"{field}: longer than {cap} characters ({len(value)}): {_show(value)}"
    return value, None


def _check(field: str, value, kind: str):
    """Return (normalised value, error or None)."""
    if kind == "date":
        if not isinstance(value, str) or not _ISO_RE.match(value.strip()):
            return None, f"{field}: not an ISO 8601 date: {_show(value)}"
        value = value.strip()
        try:
            dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None, f"{field}: impossible date: {_show(value)}"
        if not 1900 <= int(value[:4]) <= 2100:
            return None, f"{field}: year outside 1900–2100: {_show(value)}"
        return value, None
    if kind == "int":
        if not isinstance(value, str) or not _INT_RE.match(value.strip()):
            return None, f"{field}: not a whole number: {_show(value)}"
        return int(value.strip()), None
    if kind == "list":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or len(items) > MAX_ITEMS:
            return None, f"{field}: not a list of at most {MAX_ITEMS} names: {_show(value)}"
        out = []
        for item in items:
            v, err = _text(field, item)
            if err:
                return None, f"{field}: not a list of names ({err.split(': ', 1)[1]})"
            out.append(v)
        return out, None
    if kind == "url":
        if not isinstance(value, str) or not _URL_RE.match(value.strip()):
            return None, f"{field}: not an http(s) URL: {_show(value)}"
        return value.strip(), None
    if kind == "lang":
        if value not in ("fa", "ar"):
            return None, f"{field}: must be fa or ar: {_show(value)}"
        return value, None
    return _text(field, value, multiline=kind == "text")


def _yaml_line(exc: yaml.YAMLError, text: str) -> str:
    """" (line N)" for a YAML error: where the broken construct starts (``date: [unclosed``
    is line 1, not the end of the stream on line 2)."""
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    if mark is None:
        return ""
    last = max(1, len(text.rstrip("\n").split("\n")))
    return f" (line {min(mark.line + 1, last)})"


def parse_sidecar(text: str, name: str = "sidecar") -> tuple[dict, list[str]]:
    """Parse and validate a sidecar; returns (valid overrides, errors naming file and field).

    >>> parse_sidecar("date: 2020-07-22\\noutlet: وكالة الأنباء\\n")
    ({'date': '2020-07-22', 'outlet': 'وكالة الأنباء'}, [])
    >>> parse_sidecar("colour: red\\ndate: 2020-02-31\\n", "x.meta.yaml")[1]
    ["x.meta.yaml: unknown field 'colour'", "x.meta.yaml: date: impossible date: '2020-02-31'"]
    >>> parse_sidecar("news_code: 0123\\nauthor: on\\ntitle: 1e3\\nviews: 12\\n")[0]
    {'news_code': '0123', 'author': 'on', 'title': '1e3', 'views': 12}
    >>> parse_sidecar("titel: x\\n", "x.meta.yaml")[1]
    ["x.meta.yaml: unknown field 'titel' (did you mean title?)"]
    >>> parse_sidecar("a: &x [1]\\nb: *x\\n", "x.meta.yaml")[1]
    ['x.meta.yaml: invalid YAML (line 1): anchors are not allowed in a sidecar']
    """
    if not isinstance(text, str):
        return {}, [f"{name}: not text"]
    size = len(text.encode("utf-8", "replace"))
    if size > MAX_SIDECAR_BYTES:
        return {}, [f"{name}: sidecar too large ({size} bytes > {MAX_SIDECAR_BYTES})"]
    # the seeds' invisible-character rules first (they never touch YAML's structure: newlines,
    # spaces and tabs stay), so a NUL or a bidi override is removed, not a parse error
    for rule in ("normalize_newlines", "remove_bidi_controls", "remove_control_characters"):
        text = RULES[rule].fn(text)
    try:
        data = yaml.load(text, Loader=_Loader) if text.strip() else {}  # noqa: S506 (BaseLoader: strings only)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).split("\n", 1)[0][:SHOWN]
        return {}, [f"{name}: invalid YAML{_yaml_line(exc, text)}" + (f": {problem}" if problem else "")]
    if data is None or data == "":
        return {}, []
    if not isinstance(data, dict):
        return {}, [f"{name}: expected a mapping of field: value"]
    out, errors = {}, []
    for key, value in data.items():
        key = str(key)
        kind = FIELDS.get(key)
        if kind is None:
            close = difflib.get_close_matches(key, FIELDS, n=1, cutoff=0.7)
            hint = f" (did you mean {close[0]}?)" if close else ""
            errors.append(f"{name}: unknown field {_show(key)}{hint}")
            continue
        norm, err = _check(key, value, kind)
        if err:
            errors.append(f"{name}: {err}")
        else:
            out[key] = norm
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
        new["date_reference"] = new["date_reference_source"] = None
    if "title" in overrides:
        new["title_source"] = "override"
        new["title_marker"] = None
    new["overridden"] = sorted(k for k in overrides if k != "note")
    if overrides.get("note"):
        new["curator_note"] = overrides["note"]
    return new
