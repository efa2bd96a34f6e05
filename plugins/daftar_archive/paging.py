"""Pages of a long listing: no page of the archive grows with the archive.

A listing of ``total`` items at ``per`` a page is written as ``<base>.html`` (page 1) and
``<base>.2.html``, ``<base>.3.html`` …; each :class:`Page` knows its slice and its neighbours.
Pure.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    count: int  # pages in all
    start: int  # slice of the items on this page
    stop: int
    base: str  # "fa/index", "entities/iran"

    @property
    def path(self) -> str:
        return page_path(self.base, self.number)

    @property
    def previous(self) -> str | None:
        return page_path(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return page_path(self.base, self.number + 1) if self.number < self.count else None

    def all(self) -> list[tuple[int, str]]:
        """(number, path) of every page of the listing."""
        return [(n, page_path(self.base, n)) for n in range(1, self.count + 1)]

    def nearby(self) -> list[tuple[int | None, str | None]]:
        """The page navigation: the first and last pages, the two on either side of this one and
        jumps of 10, 100 and 1,000 pages, with ``(None, None)`` where numbers are skipped. Its
        length does not grow with the listing (at most 15 numbers), and every page is a few
        jumps away.

        >>> [n for n, _ in pages_of("x", 50 * 3, 50)[0].nearby()]
        [1, 2, 3]
        >>> [n for n, _ in pages_of("x", 50 * 400, 50)[199].nearby()]
        [1, None, 100, None, 190, None, 198, 199, 200, 201, 202, None, 210, None, 300, None, 400]
        >>> [n for n, _ in pages_of("x", 50 * 7, 50)[3].nearby()]  # a gap of one page is that page
        [1, 2, 3, 4, 5, 6, 7]
        >>> len([n for n, _ in Page(500_000, 10 ** 6, 0, 0, "x").nearby() if n]) <= 15
        True
        """
        c, last = self.number, self.count
        numbers = {1, last, *range(max(1, c - 2), min(last, c + 2) + 1)}
        numbers.update(c + d for d in (-1000, -100, -10, 10, 100, 1000) if 1 <= c + d <= last)
        out: list[tuple[int | None, str | None]] = []
        for n in sorted(numbers):
            prev = out[-1][0] if out else None
            if prev is not None and n == prev + 2:
                out.append((prev + 1, page_path(self.base, prev + 1)))
            elif prev is not None and n > prev + 2:
                out.append((None, None))
            out.append((n, page_path(self.base, n)))
        return out


def page_path(base: str, number: int) -> str:
    """The file of page ``number`` of a listing. The number follows a dot, which no base holds
    (entity ids, outlet slugs, years and months are letters, digits and hyphens), so no page of
    one listing can be another's: page 10 of a year is not its October.

    >>> page_path("fa/index", 1), page_path("fa/index", 3)
    ('fa/index.html', 'fa/index.3.html')
    >>> page_path("archives/2024", 10) != page_path("archives/2024-10", 1)
    True
    >>> page_path("entities/x", 2) != page_path("entities/x-2", 1)
    True
    """
    return f"{base}.html" if number == 1 else f"{base}.{number}.html"


def pages_of(base: str, total: int, per: int) -> list[Page]:
    """The pages of a listing (one, empty, when there are no items).

    >>> [(p.path, p.start, p.stop) for p in pages_of("x", 5, 2)]
    [('x.html', 0, 2), ('x.2.html', 2, 4), ('x.3.html', 4, 5)]
    """
    per = max(1, per)
    count = max(1, -(-total // per))
    return [Page(n, count, (n - 1) * per, min(total, n * per), base) for n in range(1, count + 1)]
