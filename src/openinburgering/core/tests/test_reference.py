"""The helper every contract test locates DUO's specs with: skip in a plain clone, fail under CI=true."""

from pathlib import Path

import pytest

from .reference import DUO_SPEC_DIR, REFERENCE_DIR, reference_path

MISSING = REFERENCE_DIR / "no-such-spec" / "openapi.yml"


@pytest.mark.parametrize("ci", ["true", "True", "1"])
def test_a_missing_spec_fails_under_ci(monkeypatch, ci):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        reference_path(MISSING, "DUO's spec")


@pytest.mark.parametrize("module_level", [False, True])
def test_a_missing_spec_fails_under_ci_also_at_module_level(monkeypatch, module_level):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        reference_path(MISSING, "DUO's spec", module_level=module_level)


@pytest.mark.parametrize("ci", [None, "", "false"])
def test_a_missing_spec_skips_in_a_plain_clone(monkeypatch, ci):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.skip.Exception, match="no-such-spec"):
        reference_path(MISSING, "DUO's spec")


def test_a_present_path_is_answered(monkeypatch, tmp_path):
    monkeypatch.setenv("CI", "true")
    assert reference_path(tmp_path, "a directory") == tmp_path


def test_the_specs_are_next_to_the_repository():
    repository = Path(__file__).resolve().parents[4]
    assert (repository / "pyproject.toml").is_file()
    assert repository.parent / "shared" / "reference" == REFERENCE_DIR
    assert DUO_SPEC_DIR == REFERENCE_DIR / "duo-m2m"
