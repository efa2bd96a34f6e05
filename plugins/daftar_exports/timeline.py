"""Articles per month as an inline SVG bar chart (Persian and Arabic stacked), drawn at build
time: no chart library in the browser. Each bar is a link to that month's archive page, named
for screen readers; the page also shows the same numbers as a table."""
from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr


def timeline_svg(counts: list[dict], href_for, *, height: int = 120, bar: int = 14, gap: int = 4,
                 labels: dict | None = None, rtl: bool = True) -> str:
    """``counts``: [{"month": "YYYY-MM", "fa": n, "ar": n}], oldest first.

    >>> svg = timeline_svg([{"month": "2020-07", "fa": 1, "ar": 2}], lambda m: "a/" + m + ".html")
    >>> svg.count("<rect"), 'href="a/2020-07.html"' in svg
    (2, True)
    """
    if not counts:
        return ""
    labels = labels or {}
    top = max(c["fa"] + c["ar"] + c.get("other", 0) for c in counts) or 1
    width = len(counts) * (bar + gap) + gap
    scale = (height - 20) / top
    parts = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="group" aria-label={quoteattr(labels.get("chart", "timeline"))}>']
    for i, c in enumerate(counts):
        # right-to-left pages read time from right (oldest) to left (newest)
        x = (width - (i + 1) * (bar + gap)) if rtl else gap + i * (bar + gap)
        if c["month"].endswith("-01") or i == 0:
            parts.append(f'<text x="{x + bar / 2:.0f}" y="{height - 2}" text-anchor="middle" '
                         f'font-size="10">{escape(c["month"][:4])}</text>')
        if not (c["fa"] or c["ar"]):
            continue  # an empty month: a gap on the axis, no link to an empty page
        y = height - 14
        name = f"{c['month']}: {c['fa']} fa, {c['ar']} ar"
        parts.append(f"<a href={quoteattr(href_for(c['month']))} aria-label={quoteattr(name)}>")
        parts.append(f"<title>{escape(name)}</title>")
        for lang in ("fa", "ar"):
            h = c[lang] * scale
            if h:
                y -= h
                parts.append(f'<rect class="bar-{lang}" x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}"/>')
        parts.append("</a>")
    parts.append("</svg>")
    return "".join(parts)
