"""Compact lists of non-negative integers for the search files: one string, no JSON escapes.

A number is written in base 32, lowest digit first; a digit of value 32-63 means "more digits
follow". daftar-index.js's ``decode`` reads it. Concatenating two encodings encodes the
concatenated lists, so per-document pieces can be joined without decoding them.
"""
from __future__ import annotations

from collections.abc import Iterable

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
_ONE = [DIGITS[n] for n in range(32)]


def varint(numbers: Iterable[int]) -> str:
    """The numbers as one string.

    >>> varint([0, 31, 32, 1000])
    '0VW1eV'
    >>> varint([1, 2]) + varint([3]) == varint([1, 2, 3])
    True
    """
    out = []
    for n in numbers:
        if n < 32:
            if n < 0:
                raise ValueError(f"varint: negative number {n}")
            out.append(_ONE[n])
            continue
        while n >= 32:
            out.append(DIGITS[32 + (n & 31)])
            n >>= 5
        out.append(DIGITS[n])
    return "".join(out)


def unvarint(s: str) -> list[int]:
    """The numbers of a :func:`varint` string.

    >>> unvarint("0VW1eV")
    [0, 31, 32, 1000]
    """
    value = {c: i for i, c in enumerate(DIGITS)}
    out, n, scale = [], 0, 1
    for c in s:
        v = value[c]
        if v >= 32:
            n += (v - 32) * scale
            scale *= 32
        else:
            out.append(n + v * scale)
            n, scale = 0, 1
    return out
