"""Where the contract tests find DUO's specs (and the BRP's): ``../shared/reference`` next to the repository.

DUO's repository carries no licence, so the specs are never copied in. A plain clone without them
skips the tests that need them, with a message naming the path; under ``CI=true`` a missing spec
fails the test instead, so CI can never pass without having checked DUO's specs. Every test that
reads a spec asks ``reference_path`` for it.
"""

import os
from pathlib import Path

import pytest

# src/openinburgering/core/tests/reference.py → parents[4] is the repository root.
REFERENCE_DIR = Path(__file__).resolve().parents[4].parent / "shared" / "reference"
DUO_SPEC_DIR = REFERENCE_DIR / "duo-m2m"
BRP_SPEC = REFERENCE_DIR / "brp" / "openapi.yaml"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def reference_path(path: Path, what: str, *, module_level: bool = False) -> Path:
    """``path`` (a file or directory under REFERENCE_DIR) when it exists. Otherwise the calling test is
    skipped, or fails when ``CI=true``; ``module_level`` skips the whole module while it is imported."""
    if path.exists():
        return path
    message = f"{what} not found at {path.resolve()} (../shared/reference next to the repository)"
    if in_ci():
        pytest.fail(f"{message}: CI=true, so the contract tests must run", pytrace=False)
    pytest.skip(f"{message}: skipped", allow_module_level=module_level)
