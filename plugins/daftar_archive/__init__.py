from .daftar_archive import register  # noqa: F401
