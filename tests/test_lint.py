"""The code base passes ruff and keeps its layers (pyproject.toml holds both configurations)."""

from __future__ import annotations

import ast
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
    assert [(c["source_modules"], c["forbidden_modules"]) for c in forbidden][:2] == [
        (["followup_kit.widgets", "followup_kit.dashboard"], ["matplotlib", "followup_kit.plots"]),
        (["followup_kit.data"], ["matplotlib"])]
    (below_cli,) = [c for c in forbidden if c["forbidden_modules"] == ["followup_kit.cli"]]
    # Every part of the package but cli itself is a source of the cli contract.
    package = ROOT / "followup_kit"
    parts = {p.name for p in package.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    parts |= {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    assert {m.removeprefix("followup_kit.") for m in below_cli["source_modules"]} == parts - {"cli"}


def pandas_plotting(package: Path) -> list[str]:
    """Where a module of ``data/`` reaches pandas' plotting: ``pandas.plotting`` or a ``.plot``/``.hist`` call."""
    found = []
    for path in sorted((package / "data").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            named = (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pandas.plotting")
                     or isinstance(node, ast.Import) and any(a.name.startswith("pandas.plotting")
                                                             for a in node.names)
                     or isinstance(node, ast.Attribute) and node.attr in ("plotting", "plot", "hist",
                                                                          "boxplot"))
            if named:
                found.append(f"{path.relative_to(package)}:{node.lineno}")
    return found


def test_the_data_layer_never_uses_pandas_plotting():
    assert pandas_plotting(ROOT / "followup_kit") == []


def test_a_plot_call_in_the_data_layer_is_found(tmp_path):
    shutil.copytree(ROOT / "followup_kit" / "data", tmp_path / "data",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "data" / "extra.py").write_text("def show(frame):\n    return frame.plot()\n")
    (tmp_path / "data" / "other.py").write_text("from pandas.plotting import scatter_matrix\n")
    assert pandas_plotting(tmp_path) == ["data/extra.py:2", "data/other.py:1"]


@pytest.mark.parametrize(("module", "after", "wrong", "contract"), [
    ("widgets/common.py", "import ipywidgets as w\n", "import matplotlib.pyplot\n",
     "Widgets and the dashboard never import matplotlib or plots"),
    ("dashboard/links.py", "from __future__ import annotations\n", "from .. import plots\n",
     "Widgets and the dashboard never import matplotlib or plots"),
    ("data/dates.py", "from __future__ import annotations\n", "import matplotlib\n",
     "The data layer never imports matplotlib"),
    ("stats/rates.py", "from __future__ import annotations\n", "from .. import cli\n",
     "Nothing below the command line imports it"),
])
def test_a_forbidden_import_breaks_the_lint(tmp_path, module, after, wrong, contract):
    shutil.copytree(ROOT / "followup_kit", tmp_path / "followup_kit",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    path = tmp_path / "followup_kit" / module
    source = path.read_text(encoding="utf-8")
    assert after in source
    path.write_text(source.replace(after, after + wrong, 1), encoding="utf-8")
    proc = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"{contract} BROKEN" in proc.stdout
    # A wrong-way import breaks the layers too, except the one a forbidden contract alone names.
    assert "0 broken" not in proc.stdout
