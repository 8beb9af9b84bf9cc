"""`followup-kit demo` on the committed sample: what `make demo` shows a new user."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from followup_kit.cli import main

DATA = Path(__file__).resolve().parent.parent / "data"


def test_demo_on_the_sample(tmp_path, capsys):
    db = tmp_path / "demo.db"
    assert main(["init", "--db", str(db)]) == 0
    assert main(["import", "--db", str(db), *map(str, sorted(DATA.glob("*.csv")))]) == 0
    capsys.readouterr()
    pictures = tmp_path / "pictures"
    assert main(["demo", "--db", str(db), "--as-of", "2026-11-01", "--plots", str(pictures)]) == 0
    out = capsys.readouterr().out

    assert "seen from Sunday 1 November 2026" in out
    # Cohorts in the order they began, not alphabetically.
    cohorts = re.findall(r"^(\d{4}-(?:spring|autumn))\s", out, flags=re.M)
    assert cohorts == ["2025-spring", "2025-autumn", "2026-spring", "2026-autumn"]
    assert {p.name for p in pictures.iterdir()} == {"response_curves.png", "offer_rates.png", "funnel.png"}

    # The candidate's plan puts overdue steps first and closed interviews last.
    plan = out.split(": the plan\n", 1)[1].split("\nPictures", 1)[0]
    steps = [line for line in plan.splitlines() if line.startswith("* ")]
    overdue = [i for i, line in enumerate(steps) if line.endswith("(overdue)")]
    closed = [i for i, line in enumerate(steps) if line.endswith("nothing to do")]
    assert overdue == list(range(len(overdue)))
    assert closed == list(range(len(steps) - len(closed), len(steps)))
    assert not re.search(r"\d{4}-\d{2}-\d{2}", plan), "dates in sentences read as people write them"

    # The commands it suggests next really run.
    suggested = re.findall(r"(?:Next:|^ )\s+\S*followup-kit (.+)$", out, flags=re.M)
    assert len(suggested) == 2
    for command in suggested:
        assert main(shlex.split(command)) == 0, command


def test_demo_says_whose_steps_are_due_as_the_agenda_lists_them(tmp_path, capsys):
    import json

    db = tmp_path / "demo.db"
    assert main(["init", "--db", str(db)]) == 0
    assert main(["import", "--db", str(db), *map(str, sorted(DATA.glob("*.csv")))]) == 0
    capsys.readouterr()
    assert main(["agenda", "--db", str(db), "--today", "2026-11-01", "--format", "json"]) == 0
    agenda = json.loads(capsys.readouterr().out)
    assert main(["demo", "--db", str(db), "--as-of", "2026-11-01", "--plots", str(tmp_path / "p")]) == 0
    out = capsys.readouterr().out
    whose = out.split("Who needs their coach this week: ", 1)[1].split("\n\n", 1)[0]
    assert whose.startswith(f"{len(agenda)} candidates")
    lines = [line for line in whose.splitlines() if line.startswith("* ")]
    assert [line.split(" (", 1)[1].split(",", 1)[0] for line in lines] == [r["candidate_id"] for r in agenda[:8]]
    assert all(f"{r['coach']})" in line for r, line in zip(agenda, lines, strict=False))
