from .daftar_exports import register  # noqa: F401
