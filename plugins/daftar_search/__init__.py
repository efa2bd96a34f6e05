from .daftar_search import register  # noqa: F401
