from .daftar_theme import register  # noqa: F401
