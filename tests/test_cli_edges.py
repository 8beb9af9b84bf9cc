"""What a coach may type by mistake, or try on a store that is still empty: a clear line, never a traceback."""

from __future__ import annotations

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
    assert main(["import", "--db", str(db), str(csv_dir / "candidates.csv")]) == 0
    return db


@pytest.mark.parametrize("command", [
    ["plan"], ["plan", "--format", "json"], ["report"], ["report", "--format", "json"], ["demo"],
])
def test_commands_on_an_empty_store(empty_db, tmp_path, capsys, command):
    extra = ["--plots", str(tmp_path / "pics")] if command == ["demo"] else []
    assert main([*command, "--db", str(empty_db), *extra]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err


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
    assert "no such store" in capsys.readouterr().err
    assert not missing.exists()
    db = tmp_path / "s.db"
    assert main(["import", "--db", str(db), *map(str, csv_files)]) == 0
    a_file = tmp_path / "taken.txt"
    a_file.write_text("mine")
    assert main(["export", "--db", str(db), "--out", str(a_file)]) == 2
    assert "is a file; give a folder" in capsys.readouterr().err
    assert a_file.read_text() == "mine"


def test_ics_into_a_folder_is_refused(tmp_path, csv_files, capsys):
    db = tmp_path / "s.db"
    main(["import", "--db", str(db), *map(str, csv_files)])
    assert main(["ics", "--db", str(db), "--candidate", "C1", "--out", str(tmp_path)]) == 2
    assert "is a folder; give a file name" in capsys.readouterr().err


def test_a_folder_as_the_store(tmp_path, capsys):
    assert main(["plan", "--db", str(tmp_path)]) == 2
    assert "is a folder; give the store's file name" in capsys.readouterr().err


def test_a_failed_import_into_a_new_store_leaves_no_file(tmp_path, csv_dir, csv_files):
    write(csv_dir, "events.csv", EVENTS.replace("follow_up_sent", "chased"))
    db = tmp_path / "fresh.db"
    assert main(["import", "--db", str(db), *map(str, csv_files)]) == 2
    assert not db.exists() and not (tmp_path / "fresh.db-wal").exists()


def test_import_speaks_in_plurals_that_fit(tmp_path, csv_dir, capsys):
    write(csv_dir, "candidates.csv", CANDIDATES.splitlines()[0] + "\n" + CANDIDATES.splitlines()[1] + "\n")
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
    assert main(["import", "--db", str(tmp_path / "s.db"), *map(str, csv_files)]) == 0
    assert "the events file has a header but no rows" in capsys.readouterr().err
