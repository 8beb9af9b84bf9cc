"""Every notebook runs top to bottom in a fresh kernel and ends by showing its app."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from demo_case import demo_case
from followup_kit.charts import VEGA_LITE
from followup_kit.data.demo import DEMO_AS_OF
from readable import readable, strings_in

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


def widget_outputs(nb) -> list[dict]:
    """Every output shown inside an Output widget of an executed notebook."""
    state = nb.metadata["widgets"][WIDGET_STATE]["state"]
    return [o for model in state.values() if model["model_name"] == "OutputModel"
            for o in model["state"].get("outputs", [])]


def shown_by(nb, model_id: str) -> str:
    """The text of the widget ``model_id`` and of every widget inside it, from the saved widget state."""
    state = nb.metadata["widgets"][WIDGET_STATE]["state"][model_id]["state"]
    texts = [s for s in strings_in(state) if not s.startswith("IPY_MODEL_")]
    for child in state.get("children", []):
        texts.append(shown_by(nb, child.removeprefix("IPY_MODEL_")))
    return "\n".join(texts)


def test_the_candidate_dashboard_ends_with_the_candidates_own_interviews():
    from followup_kit import Store
    from followup_kit.dashboard.page import REFUSAL, UNAVAILABLE
    from followup_kit.data.demo import demo_store

    nb = executed(NOTEBOOKS / "candidate_dashboard.ipynb")
    last = [o for o in nb.cells[-1].outputs if WIDGET_VIEW in o.get("data", {})]
    assert len(last) == 1
    text = readable(shown_by(nb, last[0]["data"][WIDGET_VIEW]["model_id"]))
    with Store(demo_store(), readonly=True) as store:
        candidate = store.candidates(demo_case().who).iloc[0]
        interviews = store.interviews(demo_case().who)
    assert REFUSAL not in text and UNAVAILABLE not in text
    assert "Your next steps on" in text and candidate["name"] in text
    assert [company for company in interviews["company"] if company not in text] == []
    assert [role for role in interviews["role"] if role not in text] == []


def test_cohort_analysis_shows_the_report_and_two_charts():
    shown = widget_outputs(executed(NOTEBOOKS / "cohort_analysis.ipynb"))
    html = [o["data"]["text/html"] for o in shown if "text/html" in o.get("data", {})]
    charts = [o["data"][VEGA_LITE] for o in shown if VEGA_LITE in o.get("data", {})]
    tables = [h for h in html if "<table" in h]
    assert [c["title"]["text"] for c in charts] == ["How long employers take to answer",
                                                     "Offer rate by cohort"]
    assert len(tables) == 1 and "<th>offer rate (95% CI)</th>" in tables[0]
    assert "2026-autumn" in tables[0]


def test_coaching_session_opens_on_the_caseload():
    from followup_kit import Store
    from followup_kit.data.demo import demo_store
    from followup_kit.widgets.caseload import caseload_view

    shown = widget_outputs(executed(NOTEBOOKS / "coaching_session.ipynb"))
    tables = [o["data"]["text/html"] for o in shown if "<table" in o.get("data", {}).get("text/html", "")]
    assert len(tables) == 1
    with Store(demo_store(), readonly=True) as store:
        expected = caseload_view(store, today=DEMO_AS_OF)[1]["controller"].table
    assert "with a step overdue or due within 7 days" in tables[0] and "OVERDUE" in tables[0]
    assert [n for n in expected["name"] if html.escape(n) not in tables[0]] == []
    # No session is open before the coach chooses a candidate.
    assert "what to do next" not in tables[0]


def test_coaching_session_names_no_candidate_and_takes_the_coach_from_the_environment():
    cells = nbformat.read(NOTEBOOKS / "coaching_session.ipynb", as_version=4).cells
    source = "".join(c.source for c in cells if c.cell_type == "code")
    assert "CANDIDATE" not in source and not re.search(r"\bC\d{6}\b", source)
    assert 'os.environ.get("FOLLOWUP_KIT_COACH")' in source and "coach=COACH" in source


def test_coaching_session_opens_on_the_coach_named_in_the_environment(monkeypatch):
    from followup_kit import Store
    from followup_kit.data.demo import demo_store

    with Store(demo_store(), readonly=True) as store:
        coach = store.coaches()[-1]
    monkeypatch.setenv("FOLLOWUP_KIT_COACH", coach.upper())
    nb = nbformat.read(NOTEBOOKS / "coaching_session.ipynb", as_version=4)
    NotebookClient(nb, timeout=60, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    shown = widget_outputs(nb)
    (table,) = [o["data"]["text/html"] for o in shown if "<table" in o.get("data", {}).get("text/html", "")]
    # Every row is one of theirs, the coach's name as the store spells it.
    assert html.unescape(table).count(f"<td>{coach}</td>") == table.count("<tr") - 1 > 0
    assert f"{coach}: " in html.unescape(table)


def test_the_candidate_dashboard_opens_on_the_demos_candidate():
    # The candidate the demo shows, whose plan has the most kinds of step in the sample.
    cells = nbformat.read(NOTEBOOKS / "candidate_dashboard.ipynb", as_version=4).cells
    source = "".join(c.source for c in cells if c.cell_type == "code")
    assert f'CANDIDATE = "{demo_case().who}"' in source


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_no_terminal_escape_codes_reach_the_notebook(path: Path):
    nb = executed(path)
    texts = [json.dumps(o) for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    texts += [json.dumps(o) for o in widget_outputs(nb)] if "widgets" in nb.metadata else []
    assert not any("\\u001b[" in text or "\x1b[" in text for text in texts)
