"""Cleaning time against input size, on long lines built to make regexes backtrack.

    python bench/bench_clean.py [--sizes 10000,40000,100000,400000] [--repeat 3]

Each row is one kind of line (an unbroken Persian token, ``a@`` repeated — the shape that made
ZWNJ repair's URL regex quadratic —, dotted and slashed runs, label and credit words repeated,
prose), placed under a headline and cleaned by the whole pure core (``build_document``: decode,
language, every text and line rule, metadata). The time is the best of ``--repeat`` runs, after
one warm-up run that loads the data files. Linear time shows as a ratio column near the size
ratio (4 from 100k to 400k); quadratic time would show as its square (16).

Speed lives here, never in a timed test: the suite only checks that these lines are cleaned
and keep their text (tests/daftar_seeds/test_long_lines.py).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins")]

from daftar_seeds.document import build_document  # noqa: E402

#: name -> function of n giving a single line of about n characters
LINES = {
    "Persian token (no space)": lambda n: ("سلام" * (n // 4 + 1))[:n],
    "a@ repeated": lambda n: "a@" * (n // 2),
    "a. repeated": lambda n: "a." * (n // 2),
    "x.ir/ repeated (one token)": lambda n: "سلام " + "x.ir/" * (n // 5),
    "سلام x.ir/ repeated": lambda n: "سلام x.ir/ " * (n // 11),
    "www. + letters": lambda n: "سلام www." + "a" * n,
    "1/ repeated": lambda n: "سلام " + "1/" * (n // 2),
    "1 . 2 . repeated": lambda n: "سلام " + "1 . 2 . " * (n // 8),
    "spaces run": lambda n: "الف" + " " * n + "ب",
    "Persian prose": lambda n: ("همکاری های نظامی ایران و روسیه تداوم می یابد " * (n // 45 + 1))[:n],
    "کد خبر: repeated": lambda n: "کد خبر:" * (n // 7),
    "به گزارش repeated": lambda n: "به گزارش " * (n // 9),
    "«name»، repeated": lambda n: "«ا»،" * (n // 4),
    "dates with weekdays": lambda n: ("دوشنبه 15 ژانویه 2024 10:30 " * (n // 28 + 1))[:n],
}


def clean_time(line: str, repeat: int) -> float:
    raw = ("عنوان خبر درباره روابط ایران و روسیه\n\n" + line + "\n").encode("utf-8")
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        build_document(raw, "bench", reference=None)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,40000,100000,400000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    clean_time("سلام دنیا", 1)  # warm-up: data files and the ZWNJ lexicon
    head = " | ".join(f"{s // 1000}k" for s in sizes)
    print(f"| line | {head} | ratio {sizes[-1] // 1000}k/{sizes[-2] // 1000}k |")
    print("|---" * (len(sizes) + 2) + "|")
    for name, build in LINES.items():
        times = [clean_time(build(n), args.repeat) for n in sizes]
        ratio = times[-1] / times[-2] if times[-2] > 0 else float("nan")
        cells = " | ".join(f"{t:.3f} s" for t in times)
        print(f"| {name} | {cells} | {ratio:.1f} |", flush=True)


if __name__ == "__main__":
    main()
