from .daftar_markdown import register  # noqa: F401
