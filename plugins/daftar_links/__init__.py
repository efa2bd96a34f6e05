from .daftar_links import register  # noqa: F401
