"""Values in messages: a bad value from a seed, a sidecar or the gazetteer is shown short.

A message that ``repr()``s a value whole can cost as much as the value (a 25-million-character
title, an alias tree that expands to gigabytes when walked); :func:`shown` never does. Pure.
"""
from __future__ import annotations

import reprlib

#: How much of a bad value an error message shows (characters of a string).
SHOWN = 60

_repr = reprlib.Repr()
_repr.maxstring = SHOWN
_repr.maxother = SHOWN
_repr.maxlist = _repr.maxdict = 4
_repr.maxlevel = 2


def shown(value) -> str:
    """A short repr of ``value``: strings cut at :data:`SHOWN` characters, at most four items
    and two levels of a list or mapping.

    >>> shown("x" * 1000)[:12], len(shown("x" * 1000)) <= SHOWN + 5
    ("'xxxxxxxxxxx", True)
    >>> nest = [[1, 2]] * 3; len(shown([nest] * 10 ** 6)) < 100
    True
    """
    return _repr.repr(value)
