"""Human labels for the machine names a page shows: cleaning rules, log actions, record fields.

The cleaning log stores what ran by name (``take_label_value_lines``, action ``meta``, field
``news_code``). A reader of a Persian or Arabic page gets a label in the page's language
instead; the rule's name stays on the page as code, out of the way, for whoever wants to look
the rule up. The English strings below are gettext msgids: ``make catalogs`` extracts them
(``N_`` marks them, babel.cfg lists this file) into ``themes/daftar/messages.pot`` and the
fa/ar catalogs translate them like any template string.

Every rule registered in ``daftar_seeds.clean.RULES`` and every field of
``daftar_seeds.fields.FIELDS`` has a label here (tests/daftar_theme/test_labels.py checks it):
a new rule is a new line in this table and two translations.

Pure: no Pelican import.
"""
from __future__ import annotations


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


#: Cleaning rule -> what it does, as a reader would say it.
RULE_LABELS = {
    # text rules: whitespace, punctuation, invisible characters, ZWNJ
    "normalize_newlines": N_("Line endings made uniform"),
    "remove_bidi_controls": N_("Invisible direction marks removed"),
    "remove_control_characters": N_("Invisible control characters removed"),
    "nbsp_to_space": N_("Special spaces made plain"),
    "collapse_spaces": N_("Repeated spaces collapsed"),
    "fix_double_colon": N_("Doubled colon repaired"),
    "fix_spaced_zwnj": N_("Space inside a word made a half-space"),
    "fix_glued_zwnj": N_("Missing half-space restored"),
    # parse rules: what a line states
    "take_label_value_lines": N_("Labelled metadata line"),
    "take_url_lines": N_("Web address line"),
    "take_bullet_metadata": N_("Metadata in a bulleted line"),
    "take_date_lines": N_("Date line"),
    "read_credits_on_lines": N_("Credits (outlet, agency, author)"),
    # chrome rules: the site's furniture
    "drop_symbol_lines": N_("Line of symbols only"),
    "drop_chrome_phrases": N_("Site furniture (share, print, ads…)"),
    "drop_empty_labels": N_("Label without a value"),
    "drop_end_markers": N_("End-of-report marker"),
    "drop_breadcrumbs": N_("Breadcrumb navigation"),
    "drop_navigation_runs": N_("Menu and widget lines"),
    # duplicates
    "drop_repeated_lines": N_("Repeated line"),
    "drop_repeated_body": N_("Text shown twice"),
    # structure
    "find_article_block": N_("Article body located"),
    "take_headline": N_("Headline"),
    "take_byline": N_("Byline"),
    "keep_truncated_tail": N_("Cut-off last line kept"),
    "drop_outside_article": N_("Outside the article"),
}

#: Log action -> label; ``%(field)s`` is the field's label, ``%(count)s`` a number.
ACTION_LABELS = {
    "edited": N_("%(count)s edits"),
    "kept": N_("Kept in the text"),
    "chrome": N_("Removed (site furniture)"),
    "duplicate": N_("Removed (a copy)"),
    "title": N_("Taken as the headline"),
    "meta": N_("Metadata"),
    "meta_field": N_("Metadata: %(field)s"),
    "field": N_("Source of: %(field)s"),
}

#: Record field -> label (for the log's "metadata: date" and "source of: outlet").
FIELD_LABELS = {
    "title": N_("Headline"),
    "title_source": N_("Origin of the headline"),
    "title_marker": N_("Media tag of the headline"),
    "lead": N_("Lead"),
    "date": N_("Date"),
    "date_source": N_("Origin of the date"),
    "date_text": N_("Date as written"),
    "date_calendar": N_("Calendar of the date"),
    "date_reference": N_("Reference date"),
    "date_reference_source": N_("Origin of the reference date"),
    "captured": N_("Captured"),
    "updated": N_("Last update"),
    "outlet": N_("Outlet"),
    "outlet_host": N_("Website of the outlet"),
    "agencies": N_("Agencies"),
    "relayed_from": N_("Reporting from"),
    "desk": N_("Desk"),
    "dateline": N_("Dateline"),
    "author": N_("Author"),
    "byline": N_("Byline"),
    "category": N_("Category"),
    "news_code": N_("News code"),
    "views": N_("Views"),
    "source_url": N_("Original address"),
    "truncated": N_("Cut off"),
    "provenance": N_("Provenance"),
    "overridden": N_("Corrected by a curator"),
    "curator_note": N_("Curator's note"),
}

#: What a line can hold besides a record field (the ``field`` of a log entry on a line).
LINE_LABELS = {
    "url": N_("Web address"),
    "bullet": N_("Bulleted item"),
    "credit": N_("Credit"),
    "fragment": N_("Part of a line"),
}

#: Time-zone words: the only zone a page states as a word is UTC (or an offset from it).
ZONE_LABELS = {
    "utc": N_("UTC"),
    "offset": N_("UTC%(offset)s"),
}

#: The timeline chart: its accessible name and one bar's (month name, counts in the page's digits).
CHART_LABELS = {
    "chart": N_("Articles per month"),
    "bar": N_("%(month)s: %(fa)s Persian, %(ar)s Arabic"),
}

#: Outlet kinds from daftar_seeds/data/outlets.yaml.
KIND_LABELS = {
    "agency": N_("News agency"),
    "outlet": N_("News outlet"),
}


def action_label(entry: dict, gettext, field_label, number=str) -> str:
    """The log entry's action in words, through ``gettext``; ``field_label(name)`` names a
    field and ``number(n)`` writes a count in the page's digits.

    >>> action_label({"action": "meta", "field": "date"}, lambda s: s, lambda f: FIELD_LABELS[f])
    'Metadata: Date'
    >>> action_label({"action": "edited", "count": 9}, lambda s: s, str, lambda n: f"<{n}>")
    '<9> edits'
    >>> action_label({"action": "something new"}, lambda s: s, str)
    'something new'
    """
    action = entry.get("action") or ""
    key = "meta_field" if action == "meta" and entry.get("field") else action
    msg = ACTION_LABELS.get(key)
    if msg is None:
        return action
    values = {}
    if "%(field)s" in msg:
        values["field"] = field_label(entry.get("field") or "")
    if "%(count)s" in msg:
        values["count"] = number(entry.get("count") or 0)
    return gettext(msg) % values if values else gettext(msg)


def log_groups(entries) -> list[tuple[str, list[tuple[dict, int]]]]:
    """A cleaning log as the page's table shows it: one group per rule, in the order the
    rules first appear, each entry in its log order; beside each entry, how many rows its
    action cell spans (the entries after it in the group with the same action and field share
    that cell: 0 for them). A rule that set aside nine lines is one rule cell and one action
    cell beside nine line numbers and texts, not nine copies of both. (The same action: the
    same action, field and count, so the same words in the cell.)

    >>> log = [{"rule": "a", "action": "dropped", "line": 3}, {"rule": "b", "action": "edited"},
    ...        {"rule": "a", "action": "dropped", "line": 5}, {"rule": "a", "action": "meta", "line": 7}]
    >>> [(rule, [(e.get("line"), span) for e, span in rows]) for rule, rows in log_groups(log)]
    [('a', [(3, 2), (5, 0), (7, 1)]), ('b', [(None, 1)])]
    """
    groups: dict[str, list[dict]] = {}
    for e in entries or ():
        groups.setdefault(e.get("rule") or "", []).append(e)
    out = []
    for rule, items in groups.items():
        rows: list[tuple[dict, int]] = []
        head = 0
        for i, e in enumerate(items):
            same = i and _action_key(e) == _action_key(items[head])
            if same:
                rows[head] = (items[head], rows[head][1] + 1)
                rows.append((e, 0))
            else:
                head = i
                rows.append((e, 1))
        out.append((rule, rows))
    return out


def _action_key(entry: dict) -> tuple:
    return entry.get("action"), entry.get("field"), entry.get("count")
