"""The hostile seed set: markup and quotes in every field a seed, a sidecar or the gazetteer
controls. tests/site/test_hostile.py builds it for real and checks that nothing of it reaches
a page as markup.

    python tests/hostile/make_hostile.py DIR    # writes DIR/seeds/ and DIR/gazetteer.yaml

Every injected element carries ``data-pwn``: finding that attribute in any output means an
injection got through. The files are generated, not committed, because one of them has a file
name made of markup.
"""
from __future__ import annotations

import sys
from pathlib import Path

EVIL = "https://evil.example/"

#: Headlines as the pages state them, with quotes and markup (they must come out as text,
#: character for character, in <title>, og:title and citation_title).
FA_TITLE = ('همکاری "راهبردی" ایران و روسیه \'تازه\' <b data-pwn="h1">درشت</b> '
            f'<meta http-equiv="refresh" content="0;url={EVIL}">')
AR_TITLE = 'تعاون "استراتيجي" بين إيران وروسيا \'جديد\' <svg onload=alert(1) data-pwn="h2"> &amp; &lt;'

FA = f"""{FA_TITLE}
پنجشنبه 01 آذر 1403
کد خبر : <a href="javascript:alert(1)" data-pwn="code">2955</a>
نویسنده : <img src=x onerror=alert(1) data-pwn="author">
به گزارش خبرگزاری <i data-pwn="outlet">نمونه</i>، وزیر امور خارجه ایران روز پنجشنبه در دیدار با همتای روس خود در مسکو گفت همکاری دو کشور در حوزه انرژی و ترانزیت ادامه دارد و <iframe src="{EVIL}" data-pwn="iframe"></iframe> دو طرف بر گسترش روابط تأکید کردند.
شرکت نمونه‌ای نیز در این دیدار حضور داشت و <style data-pwn="style">body{{display:none}}</style> قراردادی برای ساخت خط لوله جدید امضا شد که به گفته مقامات دو کشور گام مهمی در روابط است.
دو طرف همچنین درباره <base href="{EVIL}" data-pwn="base"> سرمایه‌گذاری مشترک و <form action="{EVIL}" data-pwn="form"><input name=q></form> تحولات منطقه گفت‌وگو کردند و قرار شد کارشناسان ماه آینده دوباره دیدار کنند.
اشتراک گذاری <a href="{EVIL}" data-pwn="chrome">
{EVIL}"><svg onload=alert(1) data-pwn="url">
منبع : <script data-pwn="source">alert(1)</script>
"""

AR = f"""{AR_TITLE}
الخميس 21 نوفمبر 2024
موسكو - <img src=x onerror=alert(1) data-pwn="byline">
أجرى وزير الخارجية الإيراني يوم الخميس في موسكو مباحثات مع نظيره الروسي حول التعاون في مجال الطاقة <object data="{EVIL}" data-pwn="object"></object> وأكد الجانبان على ضرورة توسيع العلاقات بين البلدين في جميع المجالات.
كما بحث الجانبان الاستثمار المشترك في الحقول النفطية <a href="javascript:alert(1)" data-pwn="body">هنا</a> وبناء خط أنابيب جديد، واتفقا على أن يلتقي خبراء البلدين مرة أخرى الشهر المقبل.
المصدر : <b data-pwn="credit">وكالة</b> "الأنباء"
"""

#: A seed whose file name is markup; its id shows in the provenance and the citations.
FILENAME = '"><img src=x onerror=alert(1) data-pwn=filename>'

#: A curator's sidecar with markup in every text field.
SIDECAR = f"""title: 'عنوان کتابدار <script data-pwn="s-title">alert(1)</script> "گیومه"'
author: '<img src=x onerror=alert(1) data-pwn="s-author">'
note: '<a href="javascript:alert(1)" data-pwn="s-note">یادداشت</a>'
source_url: 'https://example.org/?q="><script data-pwn="s-url">alert(1)</script>'
"""

#: A gazetteer whose entity names are markup (the Persian one matches the seed's text).
GAZETTEER = """- id: pwn-entity
  type: organisation
  names:
    fa: [شرکت نمونه‌ای]
    en: ['<img src=x onerror=alert(1) data-pwn="entity"> "Quoted" Corp']
- id: iran
  type: place
  names:
    fa: [ایران]
    ar: [إيران]
    en: [Iran]
"""

FILES = {
    "hostile_fa.txt": FA,
    "hostile_ar.txt": AR,
    FILENAME + ".txt": FA.replace("2955", "2956"),
    "hostile_sidecar.txt": AR.replace("الطاقة", "النفط"),
    "hostile_sidecar.meta.yaml": SIDECAR,
}
STATED_TITLES = {"hostile_fa": FA_TITLE, "hostile_ar": AR_TITLE}


def write(dest: Path) -> Path:
    seeds = dest / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        (seeds / name).write_text(text, "utf-8")
    (dest / "gazetteer.yaml").write_text(GAZETTEER, "utf-8")
    return seeds


if __name__ == "__main__":
    print(write(Path(sys.argv[1])))
