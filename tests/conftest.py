"""Shared fixtures: the shared corpus (skipped when absent) and one real build of the seeds."""
from __future__ import annotations

from pathlib import Path

import pytest

from support import CORPUS, build_site


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS / "MANIFEST.tsv").exists():
        pytest.skip("../shared/corpus is not present (it ships with CI, not with a clone)")
    return CORPUS


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """One build of the five seeds, shared by the read-only integration tests."""
    return build_site(tmp_path_factory.mktemp("site") / "output")
