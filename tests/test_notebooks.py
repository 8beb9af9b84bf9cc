"""Every notebook runs top to bottom in a fresh kernel and ends by showing its app."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
_executed: dict[Path, nbformat.NotebookNode] = {}


def executed(path: Path) -> nbformat.NotebookNode:
    """The notebook after a run in the venv's python3 kernel, from notebooks/ (run once per path)."""
    if path not in _executed:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=60, kernel_name="python3",
                       resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
        _executed[path] = nb
    return _executed[path]


def test_there_are_notebooks():
    assert any(p.name == "cohort_analysis.ipynb" for p in PATHS)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_runs_and_ends_with_a_widget(path: Path):
    nb = executed(path)
    code = [c for c in nb.cells if c.cell_type == "code"]
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert errors == []
    assert any(WIDGET_VIEW in o.get("data", {}) for o in code[-1].outputs)


def test_cohort_analysis_shows_the_report_and_two_pictures():
    nb = executed(NOTEBOOKS / "cohort_analysis.ipynb")
    state = nb.metadata["widgets"][WIDGET_STATE]["state"]
    shown = [o for model in state.values() if model["model_name"] == "OutputModel"
             for o in model["state"].get("outputs", [])]
    pictures = [o for o in shown if "image/png" in o.get("data", {})]
    tables = [o["data"]["text/plain"] for o in shown if "text/html" in o.get("data", {})]
    assert len(pictures) == 2
    assert len(tables) == 1 and "offer rate (95% CI)" in tables[0]
    assert "2026-autumn" in tables[0]
