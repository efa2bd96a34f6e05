from .fold import fold, tokenize  # noqa: F401
