"""What a coach may type by mistake, or try on a store that is still empty: a clear line, never a traceback.

Only a real process shows what a person sees: ``main()`` called here hands any exception to
pytest instead of printing it, so the error cases run ``followup-kit`` in a subprocess.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import CANDIDATES, EVENTS, write
from followup_kit import Store
from followup_kit.cli import main


@pytest.fixture
def empty_db(tmp_path):
    db = tmp_path / "empty.db"
    assert main(["init", "--db", str(db)]) == 0
    return db


@pytest.fixture
def new_candidate_db(tmp_path, csv_dir):
    db = tmp_path / "new.db"
    assert main(["init", "--db", str(db)]) == 0
    assert main(["import", "--db", str(db), str(csv_dir / "candidates.csv")]) == 0
    return db


@pytest.mark.parametrize(("command", "says"), [
    (["plan"], "no interviews in the store yet: import some with 'followup-kit import'\n"),
    (["plan", "--format", "csv"], "interview_id,candidate_id,company,role,round,rounds,action,due,overdue,flags,reason\n"),
    (["report"], "no interviews in the store yet: import some with 'followup-kit import'\n"),
])
def test_commands_on_an_empty_store_say_there_is_nothing_yet(empty_db, capsys, command, says):
    assert main([*command, "--db", str(empty_db)]) == 0
    assert capsys.readouterr() == (says, "")


@pytest.mark.parametrize("command", [["plan", "--format", "json"], ["report", "--format", "json"]])
def test_json_of_an_empty_store_is_an_empty_list(empty_db, capsys, command):
    assert main([*command, "--db", str(empty_db)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == [] and err == ""


def test_demo_on_an_empty_store_says_how_to_fill_it_and_draws_nothing(empty_db, tmp_path, capsys):
    pictures = tmp_path / "pics"
    assert main(["demo", "--db", str(empty_db), "--plots", str(pictures)]) == 0
    out = capsys.readouterr().out
    assert "0 candidates, 0 interviews, 0 events in 0 cohorts" in out
    assert f"No interviews yet: import candidates, interviews and events with 'followup-kit import --db {empty_db}" in out
    assert not pictures.exists()


def test_report_pictures_of_an_empty_store_are_still_written(empty_db, tmp_path, capsys):
    pictures = tmp_path / "pics"
    assert main(["report", "--db", str(empty_db), "--plots", str(pictures)]) == 0
    assert sorted(p.name for p in pictures.iterdir()) == ["funnel.png", "offer_rates.png", "response_curves.png"]
    assert capsys.readouterr().err.count("wrote ") == 3


def test_a_candidate_with_no_interviews_yet(new_candidate_db, tmp_path, capsys):
    assert main(["plan", "--db", str(new_candidate_db), "--candidate", "C1"]) == 0
    assert "no interviews" in capsys.readouterr().out
    out = tmp_path / "c1.ics"
    assert main(["ics", "--db", str(new_candidate_db), "--candidate", "C1", "--out", str(out)]) == 0
    assert "0 upcoming steps" in capsys.readouterr().out
    assert main(["report", "--db", str(new_candidate_db), "--format", "json"]) == 0


def test_export_needs_an_existing_store_and_a_folder(tmp_path, csv_files, capsys):
    missing = tmp_path / "nope.db"
    assert main(["export", "--db", str(missing), "--out", str(tmp_path / "out")]) == 2
    assert f"no store at {missing}" in capsys.readouterr().err
    assert not missing.exists()
    db = tmp_path / "s.db"
    assert main(["init", "--db", str(db)]) == 0
    assert main(["import", "--db", str(db), *map(str, csv_files)]) == 0
    a_file = tmp_path / "taken.txt"
    a_file.write_text("mine")
    assert main(["export", "--db", str(db), "--out", str(a_file)]) == 2
    assert "is a file; give a folder" in capsys.readouterr().err
    assert a_file.read_text() == "mine"


def test_ics_into_a_folder_is_refused(tmp_path, csv_files, capsys):
    db = tmp_path / "s.db"
    assert main(["init", "--db", str(db)]) == 0
    assert main(["import", "--db", str(db), *map(str, csv_files)]) == 0
    assert main(["ics", "--db", str(db), "--candidate", "C1", "--out", str(tmp_path)]) == 2
    assert "is a folder; give a file name" in capsys.readouterr().err


def test_a_folder_as_the_store(tmp_path, capsys):
    assert main(["plan", "--db", str(tmp_path)]) == 2
    assert "is a folder; give the store's file name" in capsys.readouterr().err


def test_an_import_makes_no_store_where_there_is_none(tmp_path, csv_files, capsys):
    db = tmp_path / "fresh.db"
    assert main(["import", "--db", str(db), *map(str, csv_files)]) == 2
    assert capsys.readouterr().err == (f"followup-kit import: --db: no store at {db}; "
                                       "create one with followup-kit init\n")
    assert not db.exists() and not (tmp_path / "fresh.db-wal").exists()


def test_import_speaks_in_plurals_that_fit(tmp_path, csv_dir, capsys):
    write(csv_dir, "candidates.csv", CANDIDATES.splitlines()[0] + "\n" + CANDIDATES.splitlines()[1] + "\n")
    assert main(["init", "--db", str(tmp_path / "s.db")]) == 0
    assert main(["import", "--db", str(tmp_path / "s.db"), str(csv_dir / "candidates.csv")]) == 0
    assert "imported 1 candidate into" in capsys.readouterr().out


def test_text_that_starts_with_the_guard_survives_export_and_import(tmp_path, csv_files):
    first = Store(tmp_path / "a.db")
    first.import_csv(*csv_files)
    # Typed in a notebook, not read from a CSV: the apostrophe is part of the text.
    first.add_events(pd.DataFrame({"event_id": ["E5b"], "interview_id": ["I3"], "date": ["2026-05-12"],
                                   "kind": ["employer_response"], "channel": ["email"],
                                   "note": ["'=not a formula"]}))
    first.export_csv(tmp_path / "out")
    again = Store(tmp_path / "b.db")
    again.import_csv(*sorted((tmp_path / "out").glob("*.csv")))
    note = again.events().set_index("event_id").loc["E5b", "note"]
    assert note == "'=not a formula"


def test_an_interview_still_to_come_is_mentioned_not_lost(tmp_path, csv_dir, capsys):
    write(csv_dir, "interviews.csv",
          "interview_id,candidate_id,company,role,interviewer_name,interviewer_email,interview_date\n"
          "I1,C1,Acme Ltd,Data analyst,Ann Lee,ann@acme.example,2026-12-03\n")
    db = tmp_path / "s.db"
    assert main(["init", "--db", str(db)]) == 0
    assert main(["import", "--db", str(db), str(csv_dir / "candidates.csv"),
                 str(csv_dir / "interviews.csv")]) == 0
    capsys.readouterr()
    assert main(["plan", "--db", str(db), "--candidate", "C1", "--today", "2026-11-26"]) == 0
    err = capsys.readouterr().err
    assert "1 interview is dated after Thursday 26 November; its steps appear" in err
    assert main(["plan", "--db", str(db), "--candidate", "C1", "--today", "2026-12-03"]) == 0
    assert "send_thank_you" in capsys.readouterr().out


def test_a_header_only_file_is_imported_with_a_note(tmp_path, csv_dir, csv_files, capsys):
    write(csv_dir, "events.csv", EVENTS.splitlines()[0] + "\n")
    assert main(["init", "--db", str(tmp_path / "s.db")]) == 0
    assert main(["import", "--db", str(tmp_path / "s.db"), *map(str, csv_files)]) == 0
    assert "the events file has a header but no rows" in capsys.readouterr().err


def _run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "followup_kit.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


@pytest.fixture
def filled_db(tmp_path, csv_files):
    db = tmp_path / "s.db"
    assert main(["init", "--db", str(db)]) == 0
    assert main(["import", "--db", str(db), *map(str, csv_files)]) == 0
    return db


def _template(folder, text: bytes):
    folder.mkdir()
    (folder / "thank_you.warm.txt.j2").write_bytes(text)
    return folder


# (id, arguments given the test's folder and a filled store, what the one line starts with)
MISTAKES = [
    ("store-is-a-folder", lambda tmp, db: ["plan", "--db", str(tmp)],
     "followup-kit plan: ", "is a folder; give the store's file name"),
    ("no-such-store", lambda tmp, db: ["export", "--db", str(tmp / "nope.db"), "--out", str(tmp / "o")],
     "followup-kit export: ", "no store at"),
    ("not-a-store", lambda tmp, db: ["plan", "--db", str(_template(tmp / "t", b"not a database\\n" * 20) / "thank_you.warm.txt.j2")],
     "followup-kit plan: ", "not a followup_kit store"),
    ("not-a-date", lambda tmp, db: ["plan", "--db", str(db), "--today", "2026-13-01"],
     "followup-kit plan: ", "--today: '2026-13-01' is not a date: check the month and the day"),
    ("template-fails", lambda tmp, db: ["draft", "--db", str(db), "--interview", "I1", "--strength", "SQL",
                                        "--templates", str(_template(tmp / "t", b"Subject: x\n\n{{ role + 1 }}\n"))],
     "followup-kit draft: ", "thank_you.warm.txt.j2:3: template error"),
    ("template-not-utf8", lambda tmp, db: ["draft", "--db", str(db), "--interview", "I1", "--strength", "SQL",
                                           "--templates", str(_template(tmp / "t", b"\xff\xfeSubject"))],
     "followup-kit draft: ", "the template is not UTF-8 text"),
    ("time-without-a-day", lambda tmp, db: ["draft", "--db", str(db), "--interview", "I1",
                                            "--kind", "offer_reply", "--intent", "time"],
     "followup-kit draft: ", "needs the field 'reply_by'"),
]


@pytest.mark.parametrize(("name", "args", "start", "words"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_mistake_is_one_line_and_exit_2_in_a_real_process(tmp_path, filled_db, name, args, start, words):
    proc = _run(*args(tmp_path, filled_db))
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(start) and words in lines[0], proc.stderr
    assert proc.stdout == ""


def test_a_bad_import_lists_its_problems_and_that_nothing_was_imported_in_a_real_process(
        tmp_path, csv_dir, csv_files):
    write(csv_dir, "events.csv", EVENTS.replace("follow_up_sent", "chased"))
    db = tmp_path / "s.db"
    assert _run("init", "--db", str(db)).returncode == 0
    proc = _run("import", "--db", str(db), *map(str, csv_files))
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "events.csv:3:kind: unknown kind 'chased' (allowed: thank_you_sent, follow_up_sent, reply_sent, "
        "employer_response, next_round, offer, rejection, withdrawn)",
        "Nothing was imported: fix the file and run the same command again."]
    assert proc.stdout == ""
    assert Store(db).counts() == {"candidates": 0, "interviews": 0, "events": 0}


#: Every command that reads or writes a store, with what else it needs to run.
NEEDS_A_STORE = {
    "import": ["{csv}"],
    "export": ["--out", "{folder}/out"],
    "plan": [],
    "agenda": ["--coach", "Ann"],
    "ics": ["--candidate", "C1", "--out", "{folder}/c1.ics"],
    "log": ["--interview", "I1", "--kind", "offer", "--date", "2026-05-21"],
    "edit": ["--interview", "I1", "--role", "Senior analyst"],
    "note": ["--candidate", "C1", "--text", "Rehearsed the call"],
    "notes": ["--candidate", "C1"],
    "draft": ["--interview", "I1", "--strength", "SQL", "--out", "{folder}/letter.eml"],
    "check": ["--kind", "thank_you", "--interview", "I1", "{letter}"],
    "report": ["--plots", "{folder}/pictures"],
    "demo": ["--plots", "{folder}/pictures"],
    "link": ["--candidate", "C1"],
    "serve": [],
    "forget": ["--candidate", "C1", "--yes"],
    "backup": ["--out", "{folder}/copy.db"],
}


def test_every_command_with_a_store_is_tried_without_one():
    from followup_kit.cli import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    with_db = {name for name, command in sub.choices.items()
               if any("--db" in a.option_strings for a in command._actions)}
    assert with_db - {"init"} == set(NEEDS_A_STORE)


def listing(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes, so 'unchanged' means nothing made or changed."""
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<folder>"
            for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("given", ["an empty file", "a missing file"])
@pytest.mark.parametrize("command", sorted(NEEDS_A_STORE))
def test_only_init_makes_a_store(tmp_path, monkeypatch, capsys, csv_dir, command, given):
    db = tmp_path / "coach.db"
    if given == "an empty file":
        db.touch()
    letter = write(tmp_path, "letter.txt", "Dear Ann,\n\nThank you for the interview.\n")
    argv = [command, "--db", str(db), *(a.format(folder=tmp_path, csv=csv_dir / "candidates.csv",
                                                  letter=letter) for a in NEEDS_A_STORE[command])]
    monkeypatch.chdir(tmp_path)
    before = listing(tmp_path)
    assert main(argv) == 2
    assert capsys.readouterr() == ("", f"followup-kit {command}: --db: no store at {db}; "
                                       "create one with followup-kit init\n")
    assert listing(tmp_path) == before
