"""Articles per month as an inline SVG bar chart (Persian and Arabic stacked), drawn at build
time: no chart library in the browser. Each bar is a link to that month's archive page, named
for screen readers; the page also shows the same numbers as a table."""
from __future__ import annotations

from markupsafe import Markup


def timeline_svg(counts: list[dict], href_for, *, height: int = 120, bar: int = 14, gap: int = 4,
                 labels: dict | None = None, rtl: bool = True) -> Markup:
    """``counts``: [{"month": "YYYY-MM", "fa": n, "ar": n}], oldest first.

    >>> svg = timeline_svg([{"month": "2020-07", "fa": 1, "ar": 2}], lambda m: "a/" + m + ".html")
    >>> svg.count("<rect"), 'href="a/2020-07.html"' in svg
    (2, True)

    The SVG is built with markupsafe: every label and link is escaped where it is placed, so
    the result is safe to render in an autoescaping template.
    """
    if not counts:
        return Markup("")
    labels = labels or {}
    top = max(c["fa"] + c["ar"] + c.get("other", 0) for c in counts) or 1
    width = len(counts) * (bar + gap) + gap
    scale = (height - 20) / top
    parts = [Markup('<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {0} {1}" '
                    'width="{0}" height="{1}" role="group" aria-label="{2}">').format(
                        width, height, labels.get("chart", "timeline"))]
    for i, c in enumerate(counts):
        # right-to-left pages read time from right (oldest) to left (newest)
        x = (width - (i + 1) * (bar + gap)) if rtl else gap + i * (bar + gap)
        if c["month"].endswith("-01") or i == 0:
            parts.append(Markup('<text x="{}" y="{}" text-anchor="middle" font-size="10">{}</text>')
                         .format(f"{x + bar / 2:.0f}", height - 2, c["month"][:4]))
        if not (c["fa"] or c["ar"]):
            continue  # an empty month: a gap on the axis, no link to an empty page
        y = height - 14
        name = f"{c['month']}: {c['fa']} fa, {c['ar']} ar"
        parts.append(Markup('<a href="{}" aria-label="{}">').format(href_for(c["month"]), name))
        parts.append(Markup("<title>{}</title>").format(name))
        for lang in ("fa", "ar"):
            h = c[lang] * scale
            if h:
                y -= h
                parts.append(Markup('<rect class="bar-{}" x="{}" y="{}" width="{}" height="{}"/>')
                             .format(lang, x, f"{y:.1f}", bar, f"{h:.1f}"))
        parts.append(Markup("</a>"))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
