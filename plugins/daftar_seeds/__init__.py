from .daftar_seeds import register  # noqa: F401
