"""The import-linter contracts in pyproject.toml (docs/adr/0005-layers.md) name every app: a new app that is
missing from a list would be outside the rule without anyone noticing."""

import tomllib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
PYPROJECT = PACKAGE.parents[1] / "pyproject.toml"


def top_level_modules() -> set[str]:
    names = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    names |= {p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__",)}
    return {f"openinburgering.{name}" for name in names - {"tests", "conftest"}}


def contracts() -> dict[str, dict]:
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]
    return {contract["id"]: contract for contract in config}


def test_rules_may_import_no_other_module_of_ours():
    forbidden = set(contracts()["rules-pure"]["forbidden_modules"])
    assert top_level_modules() - {"openinburgering.rules"} <= forbidden


def test_every_module_but_core_reaches_the_backports_through_core_compat():
    sources = set(contracts()["compat"]["source_modules"])
    assert top_level_modules() - {"openinburgering.core"} <= sources


def test_every_app_has_its_floor_in_the_layers():
    layers = contracts()["layers"]["layers"]
    named = {f"openinburgering.{name.strip()}" for layer in layers for name in layer.replace("|", " ").split()}
    apps = {name for name in top_level_modules() if (PACKAGE / name.split(".")[1] / "apps.py").exists()}
    assert apps <= named
