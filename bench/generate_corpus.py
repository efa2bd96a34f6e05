"""Generate N synthetic seeds (and the same articles as Markdown for vanilla Pelican).

    python bench/generate_corpus.py N OUT_DIR

Sentences are drawn (deterministically) from the five real seeds and recombined, with a
headline, a dated line in the page's own calendar, site chrome and a source line, so the
cleaning, date and search stages do real work. OUT_DIR/seeds/*.txt feed Daftar;
OUT_DIR/md/*.md feed vanilla Pelican (same titles, dates and text).
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JALALI_MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
AR_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]


def sentences(lang: str) -> list[str]:
    out = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        text = p.read_text("utf-8")
        is_fa = any(ch in text for ch in "پچژگ")
        if (lang == "fa") != is_fa:
            continue
        for s in re.split(r"(?<=[.!؟])\s+", text):
            s = s.strip()
            if len(s.split()) >= 8 and s.endswith((".", "؟", "!")):
                out.append(s)
    return sorted(set(out))


def generate(n: int, out: Path) -> None:
    rnd = random.Random(20241121)
    pools = {"fa": sentences("fa"), "ar": sentences("ar")}
    (out / "seeds").mkdir(parents=True, exist_ok=True)
    (out / "md").mkdir(parents=True, exist_ok=True)
    for i in range(n):
        lang = "fa" if i % 3 else "ar"
        pool = pools[lang]
        paras = [" ".join(rnd.sample(pool, 3)) for _ in range(rnd.randint(4, 9))]
        title = " ".join(rnd.choice(pool).split()[:9]).rstrip(".،")
        year, month, day = rnd.randint(2015, 2024), rnd.randint(1, 12), rnd.randint(1, 28)
        if lang == "fa":
            jy = year - 621
            dateline = f"{day:02d} {JALALI_MONTHS[month - 1]} {jy}"
            chrome = ["لینک کوتاه :", "PRINT", "نظرات"]
        else:
            dateline = f"{day} {AR_MONTHS[month - 1]} {year}"
            chrome = ["اكتب تعليق", "المصدر : وكالة المثال"]
        seed = "\n\n".join([title, dateline, *paras, *chrome]) + "\n"
        stem = f"g{i:05d}"
        (out / "seeds" / f"{stem}.txt").write_text(seed, "utf-8")
        md = (f"Title: {title}\nDate: {year}-{month:02d}-{day:02d}\nSlug: {stem}\nLang: {lang}\n\n"
              + "\n\n".join(paras) + "\n")
        (out / "md" / f"{stem}.md").write_text(md, "utf-8")


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
