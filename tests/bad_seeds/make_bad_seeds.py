"""Generate the malformed seeds of the robustness suite.

    python tests/bad_seeds/make_bad_seeds.py            # rewrite the committed small files
    python tests/bad_seeds/make_bad_seeds.py --big DIR  # also write the 7 MB and 3 MB-line seeds

The small files are committed (tests/bad_seeds/files/); the two big ones are generated into a
temporary folder by the test, to keep the repository small. EXPECTED says what the build must
do with each file: "published" or "rejected: <words of the reason>".
"""
from __future__ import annotations

import codecs
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"

FA_ARTICLE = (
    "همکاری ایران و روسیه در حوزه انرژی\n\n"
    "به گزارش خبرگزاری نمونه، وزیران نفت ایران و روسیه روز دوشنبه در تهران درباره همکاری‌های "
    "تازه در حوزه انرژی و ترانزیت گاز گفت‌وگو کردند و بر گسترش روابط دو کشور تأکید کردند.\n\n"
    "دو طرف همچنین درباره سرمایه‌گذاری مشترک در میدان‌های نفتی و ساخت خط لوله جدید گفتگو کردند "
    "و قرار شد کارشناسان دو کشور ماه آینده دوباره دیدار کنند.\n"
)
AR_ARTICLE = (
    "تعاون إيراني روسي في مجال الطاقة\n\n"
    "أجرى وزيرا النفط الإيراني والروسي يوم الاثنين في طهران مباحثات حول التعاون الجديد في مجال "
    "الطاقة ونقل الغاز، وأكدا على ضرورة توسيع العلاقات بين البلدين في جميع المجالات.\n\n"
    "كما بحث الجانبان الاستثمار المشترك في الحقول النفطية وبناء خط أنابيب جديد، واتفقا على أن "
    "يلتقي خبراء البلدين مرة أخرى الشهر المقبل.\n"
)
HOSTILE = (
    "عنوان </script><script>alert(1)</script> خبر\n\n"
    "وزیر امور خارجه ایران در دیدار با همتای روس خود گفت <img src=x onerror=alert(1)> همکاری دو کشور "
    "ادامه دارد و پیوند javascript:alert(1) را باید به صورت متن نشان داد و نه به صورت پیوند.\n\n"
    "این متن {{ 7*7 }} و {% raw %} و {# comment #} و <b>درشت</b> را هم دارد و هیچ‌کدام نباید اجرا "
    "یا تفسیر شوند، بلکه باید همان‌طور که هست به عنوان متن نمایش داده شوند.\n"
)
BIDI = (
    "خبر \u202eمهم\u202c درباره روسیه\n\n"
    "وزیر امور خارجه \u2066ایران\u2069 در سفر به مسکو با همتای روس خود درباره \u202bروابط\u202c دوجانبه "
    "و تحولات منطقه گفت‌وگو کرد و دو طرف بر ادامه همکاری‌ها تأکید کردند.\n"
)
ENGLISH = (
    "Iran and Russia sign an energy agreement\n\n"
    "The oil ministers of Iran and Russia met in Tehran on Monday and discussed new cooperation in "
    "energy and gas transit, stressing the need to expand relations between the two countries.\n"
)

SMALL: dict[str, tuple[bytes, str]] = {
    "bad_empty.txt": (b"", "rejected: empty"),
    "bad_whitespace.txt": (b"  \n\n\t \r\n", "rejected: whitespace"),
    "bad_binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "rejected: binary"),
    "bad_chrome_only.txt": ("لینک کوتاه :\nPRINT\nنظرات\nنظر شما\nاكتب تعليق\n".encode("utf-8"),
                            "rejected: chrome only"),
    "bad_undecodable.txt": (bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 40 + b"\xff\xfe\xfd" * 30,
                            "rejected: undecodable"),
    "bad_english.txt": (ENGLISH.encode("utf-8"), "rejected: neither Persian nor Arabic"),
    "enc_utf8_bom_crlf.txt": (codecs.BOM_UTF8 + FA_ARTICLE.replace("\n", "\r\n").encode("utf-8"), "published"),
    "enc_utf16_bom.txt": (AR_ARTICLE.encode("utf-16"), "published"),
    "enc_cp1256.txt": (AR_ARTICLE.encode("cp1256"), "published"),
    "hostile_markup.txt": (HOSTILE.encode("utf-8"), "published"),
    "hostile_bidi.txt": (BIDI.encode("utf-8"), "published"),
}

BIG: dict[str, tuple[bytes, str]] = {}


def big_files() -> dict[str, tuple[bytes, str]]:
    para = FA_ARTICLE.split("\n\n")[1]
    many = "\n\n".join(f"{para} ({i})" for i in range(7 * 1024 * 1024 // len(para.encode()) + 1))
    one_line = (AR_ARTICLE.replace("\n", " ") * (3 * 1024 * 1024 // len(AR_ARTICLE.encode()) + 1))
    # a Persian page with one 100,000-character unbroken token (the shape that made ZWNJ
    # repair's URL regex quadratic): published, its token kept
    parts = FA_ARTICLE.split("\n\n")
    long_token = "\n\n".join([*parts[:2], "سلام" * 25_000, *parts[2:]])
    return {
        "big_7mb.txt": (many.encode("utf-8"), "rejected: too large"),
        "big_one_line_3mb.txt": (one_line.encode("utf-8"), "published"),
        "big_long_token_fa.txt": (long_token.encode("utf-8"), "published"),
    }


def write(dest: Path, files: dict[str, tuple[bytes, str]]) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for name, (data, _) in files.items():
        (dest / name).write_bytes(data)


if __name__ == "__main__":
    write(FILES, SMALL)
    if len(sys.argv) > 2 and sys.argv[1] == "--big":
        write(Path(sys.argv[2]), big_files())
    print(f"wrote {len(SMALL)} files to {FILES}")
