"""Articles per month as an inline SVG bar chart (Persian and Arabic stacked), drawn at build
time: no chart library in the browser. Each bar is a link to that month's archive page, named
for screen readers in the page's language; the page also shows the same numbers as a table.

The chart has no ``viewBox``: bars are placed in percentages of its width and its text is
sized in CSS pixels, so it fills a 360 px phone and a 1280 px screen alike and its year labels
stay 13 px high on both (a scaled-down viewBox made them 4 px on a phone). Labels are written
in the page's digits; month names come from daftar_text's dates.yaml, the same list the date
parser and the article pages use.

Pure: no Pelican import.
"""
from __future__ import annotations

import math

from markupsafe import Markup

from daftar_text.calendars import display_names, to_digits

#: Height of the bars' area and of the label row, in CSS pixels.
BAR_AREA = 96
LABEL_ROW = 20
FONT_PX = 13
#: The chart is never narrower than a phone's column; labels are spaced for that width.
MIN_WIDTH_PX = 320
#: Horizontal room one year label needs at FONT_PX ("۲۰۲۴" plus a margin).
LABEL_PX = 48
#: A label centred closer than this to an edge (in % of the width) is aligned to the edge instead.
EDGE_PCT = 5
#: Fewer months than this are drawn at this many slots' width, so one month is not a wall.
MIN_SLOTS = 24
#: Share of a month's slot its bar fills.
BAR_SHARE = 0.72


def month_label(month: str, lang: str | None) -> str:
    """``YYYY-MM`` as the page says it: month name and year in its digits.

    >>> month_label("2020-07", "fa"), month_label("2020-07", "ar"), month_label("2020-07", None)
    ('ژوئیه ۲۰۲۰', 'يوليو ٢٠٢٠', 'July 2020')
    """
    names = display_names()
    table = names.get(lang or "en") or names["en"]
    year, mon = month[:4], int(month[5:7])
    return to_digits(f"{table['gregorian'][mon - 1]} {year}", lang or "en")


def _pct(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".") + "%"


def year_labels(months: list[str]) -> list[int]:
    """Indexes of the months that carry a year label: the first month (so the oldest bars
    always say their year), then Januaries — every k-th year when the archive spans so many
    years that labels would touch at phone width — leaving out a January too close to the first.

    >>> year_labels(["2020-07", "2020-08"])
    [0]
    >>> year_labels([f"{y}-{m:02d}" for y in (2020, 2021) for m in range(1, 13)])
    [0, 12]
    >>> year_labels(["2020-11", "2020-12"] + [f"2021-{m:02d}" for m in range(1, 13)])
    [0]
    >>> len(year_labels([f"{y}-{m:02d}" for y in range(1950, 2025) for m in range(1, 13)])) < 40
    True
    """
    slots = max(len(months), MIN_SLOTS)
    px_per_month = MIN_WIDTH_PX / slots
    step = max(1, math.ceil(LABEL_PX / (px_per_month * 12)))
    januaries = [i for i, m in enumerate(months) if i and m.endswith("-01") and int(m[:4]) % step == 0]
    return [0] + [i for i in januaries if i * px_per_month >= LABEL_PX]


def timeline_svg(counts: list[dict], href_for, *, lang: str | None = None, labels: dict | None = None,
                 rtl: bool = True, **_legacy) -> Markup:
    """``counts``: [{"month": "YYYY-MM", "fa": n, "ar": n}], oldest first, no gaps.

    ``labels``: ``chart`` (the chart's accessible name) and ``bar`` (a %-format with
    ``month``, ``fa`` and ``ar``: one bar's accessible name), both already in the page's
    language; ``lang`` gives the digits and month names.

    >>> svg = timeline_svg([{"month": "2020-07", "fa": 1, "ar": 2}], lambda m: "a/" + m + ".html",
    ...                    lang="fa", labels={"bar": "%(month)s: %(fa)s فارسی، %(ar)s عربی"})
    >>> svg.count("<rect"), 'href="a/2020-07.html"' in svg, "ژوئیه ۲۰۲۰: ۱ فارسی، ۲ عربی" in svg
    (2, True, True)
    >>> ">۲۰۲۰</text>" in svg, 'font-size="13"' in svg, "viewBox" in svg
    (True, True, False)

    The SVG is built with markupsafe: every label and link is escaped where it is placed, so
    the result is safe to render in an autoescaping template.
    """
    if not counts:
        return Markup("")
    labels = labels or {}
    bar_name = labels.get("bar") or "%(month)s: %(fa)s fa, %(ar)s ar"
    top = max(c["fa"] + c["ar"] + c.get("other", 0) for c in counts) or 1
    height = BAR_AREA + LABEL_ROW
    slot = 100 / max(len(counts), MIN_SLOTS)
    bar = slot * BAR_SHARE
    scale = (BAR_AREA - 4) / top
    parts = [Markup('<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="100%" height="{0}" '
                    'role="group" aria-label="{1}">').format(height, labels.get("chart") or "")]

    def left(i: int) -> float:
        # right-to-left pages read time from right (oldest) to left (newest)
        return 100 - (i + 1) * slot if rtl else i * slot

    for i in year_labels([c["month"] for c in counts]):
        # a January's label stands under its tick (the year's start), the first month's under its bar
        start_of_year = counts[i]["month"].endswith("-01")
        x = left(i) + ((slot if rtl else 0) if start_of_year else slot / 2)
        anchor = "middle"
        # digits only, laid out left to right: "end" is then the label's right edge
        if x > 100 - EDGE_PCT:
            x, anchor = 100, "end"
        elif x < EDGE_PCT:
            x, anchor = 0, "start"
        parts.append(Markup('<text x="{}" y="{}" text-anchor="{}" direction="ltr" font-size="{}" aria-hidden="true">{}</text>')
                     .format(_pct(x), height - 3, anchor, FONT_PX, to_digits(counts[i]["month"][:4], lang or "en")))
    parts.append(Markup('<line class="axis" x1="0" x2="100%" y1="{0}" y2="{0}" aria-hidden="true"/>').format(BAR_AREA))
    # a tick at the start of every year, labelled or not
    for i, c in enumerate(counts):
        if c["month"].endswith("-01"):
            x = _pct(left(i) + (slot if rtl else 0))
            parts.append(Markup('<line class="tick" x1="{0}" x2="{0}" y1="{1}" y2="{2}" aria-hidden="true"/>')
                         .format(x, BAR_AREA, BAR_AREA + 4))
    for i, c in enumerate(counts):
        if not (c["fa"] or c["ar"]):
            continue  # an empty month: a gap on the axis, no link to an empty page
        name = bar_name % {"month": month_label(c["month"], lang),
                           "fa": to_digits(str(c["fa"]), lang or "en"),
                           "ar": to_digits(str(c["ar"]), lang or "en")}
        parts.append(Markup('<a href="{}" aria-label="{}">').format(href_for(c["month"]), name))
        parts.append(Markup("<title>{}</title>").format(name))
        y = BAR_AREA
        x = left(i) + (slot - bar) / 2
        for key in ("fa", "ar"):
            h = c[key] * scale
            if h:
                y -= h
                parts.append(Markup('<rect class="bar-{}" x="{}" y="{}" width="{}" height="{}"/>')
                             .format(key, _pct(x), f"{y:.1f}", _pct(bar), f"{h:.1f}"))
        parts.append(Markup("</a>"))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
