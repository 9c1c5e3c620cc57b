"""Shared fixtures: the ../shared corpora (skipped on a fresh clone, required in CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GWLINT_SHARED", REPO.parent / "shared"))


def require_shared(*parts: str) -> Path:
    """A path under ../shared; skip with the reason when absent, but fail in CI where it must exist."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} not found: the shared corpora sit beside the repository (../shared)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; CI must have them")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return require_shared()
