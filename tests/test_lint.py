"""The code base passes ruff and keeps its layers (pyproject.toml holds both configurations)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing():
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "followup_kit", "tests", "benchmarks"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_layers_contract_names_every_layer():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    assert contract["type"] == "layers"
    named = {part.strip().removeprefix("followup_kit.")
             for layer in contract["layers"] for part in layer.split("|")}
    assert {"data", "playbook", "stats", "letters", "plots", "widgets", "cli"} <= named
    # Every subpackage and top-level module of the package sits in some layer.
    package = ROOT / "followup_kit"
    parts = {p.name for p in package.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    parts |= {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    assert parts <= named, f"not in any layer: {sorted(parts - named)}"


def test_imports_follow_the_layers():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    proc = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 kept, 0 broken" in proc.stdout
