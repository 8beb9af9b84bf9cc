"""The code base passes ruff and keeps its layers (pyproject.toml holds both configurations)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def test_ruff_finds_nothing():
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "followup_kit", "tests", "benchmarks"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_layers_contract_names_every_layer():
    (contract,) = [c for c in contracts() if c["type"] == "layers"]
    named = {part.strip().removeprefix("followup_kit.")
             for layer in contract["layers"] for part in layer.split("|")}
    assert {"data", "playbook", "stats", "letters", "plots", "widgets", "cli"} <= named
    # Every subpackage and top-level module of the package sits in some layer.
    package = ROOT / "followup_kit"
    parts = {p.name for p in package.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    parts |= {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    assert parts <= named, f"not in any layer: {sorted(parts - named)}"


def test_imports_follow_the_layers_and_the_forbidden_imports():
    proc = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{len(contracts())} kept, 0 broken" in proc.stdout
    forbidden = [c for c in contracts() if c["type"] == "forbidden"]
    assert [(c["source_modules"], c["forbidden_modules"]) for c in forbidden] == [
        (["followup_kit.widgets", "followup_kit.dashboard"], ["matplotlib", "followup_kit.plots"])]


@pytest.mark.parametrize(("module", "after", "wrong"), [
    ("widgets/common.py", "import ipywidgets as w\n", "import matplotlib.pyplot\n"),
    ("dashboard/links.py", "from __future__ import annotations\n", "from .. import plots\n"),
])
def test_a_widget_or_page_importing_matplotlib_or_plots_breaks_the_lint(tmp_path, module, after, wrong):
    shutil.copytree(ROOT / "followup_kit", tmp_path / "followup_kit",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    path = tmp_path / "followup_kit" / module
    source = path.read_text(encoding="utf-8")
    assert after in source
    path.write_text(source.replace(after, after + wrong, 1), encoding="utf-8")
    proc = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Widgets and the dashboard never import matplotlib or plots BROKEN" in proc.stdout
    assert f"{len(contracts()) - 1} kept, 1 broken" in proc.stdout
