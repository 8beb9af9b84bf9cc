"""Session notes: kept one at a time or imported, checked field by field, listed newest first."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import store_rows, write
from followup_kit.cli import main
from followup_kit.data import schema
from followup_kit.data.dates import as_day
from followup_kit.data.store import Store
from followup_kit.errors import FollowupKitError, ValidationError

COACH = "Wanjiru Kamau"


@pytest.fixture
def store(tmp_path, csv_files) -> Store:
    s = Store(tmp_path / "s.db")
    s.import_csv(*csv_files)
    s.set_coach("C1", COACH)
    yield s
    s.close()


def test_a_note_is_kept_with_an_id_of_the_stores_own_and_read_back_typed(store):
    first = store.add_note(candidate_id="C1", text="  Practised the call to Ann  ", date="2026-05-12",
                           coach=COACH, interview_id="I1")
    second = store.add_note(candidate_id="C1", text="Talked about the offer", date="2026-05-20")
    assert (first, second) == ("N0000001", "N0000002")
    notes = store.notes("C1")
    assert list(notes.columns) == ["note_id", "candidate_id", "date", "coach", "text", "interview_id"]
    assert notes.dtypes.astype("str").tolist() == ["str", "str", "datetime64[us]", "str", "str", "str"]
    assert notes["note_id"].tolist() == [second, first]
    assert notes["text"].iloc[1] == "Practised the call to Ann"
    assert pd.isna(notes["coach"].iloc[0]) and pd.isna(notes["interview_id"].iloc[0])


def test_a_note_without_a_date_is_todays(store):
    store.add_note(candidate_id="C2", text="Quick check-in")
    assert store.notes("C2")["date"].iloc[0] == pd.Timestamp(as_day(None))


def test_the_coach_is_one_the_candidates_have_spelt_as_they_spell_it(store):
    store.add_note(candidate_id="C2", text="Covering for a colleague", date="2026-05-12", coach="wanjiru KAMAU")
    assert store.notes("C2")["coach"].tolist() == [COACH]


def test_notes_come_newest_first_by_day_then_the_last_written_first(store):
    ids = [store.add_note(candidate_id=who, text=f"note {k}", date=day)
           for k, (who, day) in enumerate([("C1", "2026-05-10"), ("C2", "2026-05-20"), ("C1", "2026-05-20"),
                                            ("C1", "2026-05-15"), ("C1", "2026-05-20"), ("C3", "2026-05-30")])]
    assert store.notes("C1")["note_id"].tolist() == [ids[4], ids[2], ids[3], ids[0]]
    assert store.notes(["C1", "C2"])["note_id"].tolist() == [ids[4], ids[2], ids[1], ids[3], ids[0]]
    assert store.notes()["note_id"].tolist() == [ids[5], ids[4], ids[2], ids[1], ids[3], ids[0]]
    assert store.notes("C9").empty and store.notes("C9")["date"].dtype == "datetime64[us]"


def test_last_note_dates_are_each_candidates_newest_day(store):
    for who, day in [("C1", "2026-05-10"), ("C1", "2026-05-22"), ("C1", "2026-05-15"), ("C3", "2026-05-30")]:
        store.add_note(candidate_id=who, text="seen", date=day)
    got = store.last_note_dates()
    assert got.dtype == "datetime64[us]" and got.index.name == "candidate_id"
    assert got.to_dict() == {"C1": pd.Timestamp("2026-05-22"), "C3": pd.Timestamp("2026-05-30")}
    assert store.last_note_dates(["C2", "C3"]).to_dict() == {"C3": pd.Timestamp("2026-05-30")}
    assert store.last_note_dates("C1").to_dict() == {"C1": pd.Timestamp("2026-05-22")}
    assert store.last_note_dates(["C2"]).empty


@pytest.mark.parametrize(("fields", "column"), [
    ({"text": ""}, "text"),
    ({"text": " \n "}, "text"),
    ({"text": "x" * 10_001}, "text"),
    ({"candidate_id": "C9"}, "candidate_id"),
    ({"interview_id": "I9"}, "interview_id"),
    ({"interview_id": "I2"}, "interview_id"),  # C2's interview
    ({"coach": "Nobody Here"}, "coach"),
    ({"date": "12/05/2026"}, "date"),
    ({"note_id": "N1", "text": "again"}, "note_id"),
])
def test_a_bad_note_names_its_field_and_writes_nothing(store, fields, column):
    store.add_note(candidate_id="C1", text="the first", date="2026-05-12", note_id="N1")
    before, state = store_rows(Path(store.path)), store.data_state()
    with pytest.raises(FollowupKitError) as caught:
        store.add_note(**{"candidate_id": "C1", "text": "fine", "date": "2026-05-12", **fields})
    assert isinstance(caught.value, ValidationError) and caught.value.column == column, caught.value
    assert store_rows(Path(store.path)) == before and store.data_state() == state


def test_ten_thousand_characters_are_a_note(store):
    store.add_note(candidate_id="C1", text="y" * 10_000, date="2026-05-12")
    assert store.notes("C1")["text"].str.len().tolist() == [10_000]


def test_a_note_leaves_the_datas_state_and_every_cache_as_they_were(store):
    state = store.data_state()
    store.add_note(candidate_id="C1", text="nothing an analysis reads", date="2026-05-12")
    assert store.data_state() == state
    assert store.changed_candidates(state).tolist() == []
    store.log_event(interview_id="I1", kind="reply_sent", date="2026-05-21")
    assert store.changed_candidates(state).tolist() == ["C1"]


NOTES_CSV = """note_id,candidate_id,date,coach,text,interview_id
N1,C1,2026-05-12,Wanjiru Kamau,"Practised the call, felt ready",I1
N2,C2,2026-05-13,,"He said ""maybe"" twice",
N3,C1,2026-05-14,,=not a formula,
"""


def test_a_notes_file_is_recognised_by_its_header_imported_and_exported_back(store, tmp_path):
    path = write(tmp_path, "session notes.csv", NOTES_CSV)
    assert schema.read_csv(path).table is schema.NOTES
    assert store.import_csv(path) == {"notes": 3}
    out = tmp_path / "out"
    written = store.export_csv(out)
    assert [p.name for p in written] == ["candidates.csv", "interviews.csv", "events.csv", "notes.csv"]
    exported = pd.read_csv(out / "notes.csv", dtype="str", keep_default_na=False, encoding="utf-8-sig")
    assert exported["text"].tolist() == ["Practised the call, felt ready", 'He said "maybe" twice',
                                         "'=not a formula"]
    with Store(tmp_path / "again.db") as again:
        again.import_csv(*written)
        pd.testing.assert_frame_equal(again.notes(), store.notes())
        assert again.notes()["note_id"].tolist() == ["N3", "N2", "N1"]


@pytest.mark.parametrize(("row", "column", "says"), [
    ("N9,C1,2026-05-12,,,", "text", "empty"),
    ("N9,C9,2026-05-12,,hello,", "candidate_id", "unknown candidate 'C9'"),
    ("N9,C1,13/05/2026,,hello,", "date", "YYYY-MM-DD"),
    ("N9,C1,2026-05-12,,hello,I2", "interview_id", "C2's, not C1's"),
    ("N9,C1,2026-05-12,,hello,I7", "interview_id", "unknown interview 'I7'"),
    ("N1,C1,2026-05-12,,hello,", "note_id", "duplicate id"),
])
def test_a_bad_row_of_a_notes_file_names_file_row_and_column_and_nothing_is_imported(store, tmp_path, row,
                                                                                     column, says):
    path = write(tmp_path, "notes.csv", NOTES_CSV.splitlines()[0] + "\nN1,C1,2026-05-12,,fine,\n" + row + "\n")
    before = store_rows(Path(store.path))
    with pytest.raises(ValidationError) as caught:
        store.import_csv(path)
    problem = caught.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("notes.csv", 3, column), problem
    assert says in problem.message
    assert store_rows(Path(store.path)) == before


def test_a_note_about_an_interview_in_the_same_import_is_checked_against_that_file(tmp_path, csv_files):
    notes = write(tmp_path, "notes.csv", "note_id,candidate_id,date,text,interview_id\n"
                                         "N1,C1,2026-05-12,about I1,I1\nN2,C3,2026-05-12,about I2,I2\n")
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(ValidationError) as caught:
            store.import_csv(*csv_files, notes)
        assert [(p.row, p.column) for p in caught.value.problems] == [(3, "interview_id")]
        assert store.counts()["candidates"] == 0


def test_note_and_notes_on_the_command_line(store, capsys):
    db = store.path
    assert main(["note", "--db", db, "--candidate", "C1", "--text", "Rehearsed", "--date", "2026-05-12",
                 "--coach", COACH, "--interview", "I1"]) == 0
    assert capsys.readouterr().out.strip() == "N0000001"
    assert main(["note", "--db", db, "--candidate", "C1", "--text", "Two\nlines", "--date", "2026-05-14"]) == 0
    capsys.readouterr()
    assert main(["notes", "--db", db, "--candidate", "C1", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["note_id"], r["date"], r["text"]) for r in records] == [
        ("N0000002", "2026-05-14", "Two\nlines"), ("N0000001", "2026-05-12", "Rehearsed")]
    assert records[1]["coach"] == COACH and records[1]["interview_id"] == "I1"
    assert main(["notes", "--db", db, "--candidate", "C1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["date", "coach", "interview", "text"]
    assert "Thursday 14 May" in lines[1] and lines[1].endswith("Two / lines")
    assert COACH in lines[2] and "I1" in lines[2] and lines[2].endswith("Rehearsed")
    assert main(["notes", "--db", db, "--candidate", "C2"]) == 0
    assert "no notes" in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "option"), [
    (["--text", ""], "--text"),
    (["--text", "t" * 10_001], "--text"),
    (["--candidate", "C9"], "--candidate"),
    (["--interview", "I9"], "--interview"),
    (["--interview", "I2"], "--interview"),
    (["--coach", "Nobody"], "--coach"),
    (["--date", "12/05/2026"], "--date"),
    (["--date", "2026-02-30"], "--date"),
])
def test_a_bad_note_on_the_command_line_is_one_line_naming_the_option(store, capsys, argv, option):
    before = store_rows(Path(store.path))
    given = {"--candidate": "C1", "--text": "fine", **dict(zip(argv[::2], argv[1::2], strict=True))}
    assert main(["note", "--db", store.path, *np.ravel(list(given.items())).tolist()]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and f": {option}:" in err, err
    assert store_rows(Path(store.path)) == before


def test_the_samples_notes_follow_their_interviews_and_carry_the_candidates_coach():
    from followup_kit.data.sample import SAMPLE_AS_OF, generate, generate_notes

    frames = generate(600, seed=5)
    notes = generate_notes(*frames[:2], seed=5)
    typed = schema.validate([schema.RawTable(schema.TABLES[name], frame, f"{name}.csv") for name, frame in
                             zip(schema.STORED, (*frames, notes), strict=True)])["notes"]
    assert notes["note_id"].str.fullmatch(r"N\d{7}").all()
    per = notes.groupby("candidate_id").size().reindex(frames[0]["candidate_id"], fill_value=0)
    assert set(per) == {0, 1, 2, 3}
    assert (typed["date"] <= pd.Timestamp(SAMPLE_AS_OF)).all() and typed["date"].is_monotonic_increasing
    coach = frames[0].set_index("candidate_id")["coach"]
    assert (notes["coach"] == notes["candidate_id"].map(coach)).all()
    named = typed.dropna(subset=["interview_id"]).merge(
        schema.typed(schema.INTERVIEWS, frames[1])[["interview_id", "interview_date"]], on="interview_id")
    days = (named["date"] - named["interview_date"]).dt.days
    assert days.between(1, 7).all() and 0.6 < len(named) / len(notes) < 0.8
    assert generate_notes(*frames[:2], seed=5).equals(notes)


def test_the_committed_sample_holds_the_notes_the_generator_writes():
    from followup_kit.data.sample import generate, generate_notes

    folder = Path(__file__).resolve().parents[1] / "data"
    frames = generate(300, seed=7)
    committed = schema.read_csv(folder / "notes.csv").frame
    pd.testing.assert_frame_equal(committed, generate_notes(*frames[:2], seed=7))
    assert len(committed) == 450 and committed["coach"].nunique() == 5


def test_a_note_too_long_says_so_without_asking_about_quotes_in_a_file(store):
    """A typed note over 10,000 characters is too long; only a file's cell may be a quote left open."""
    with pytest.raises(FollowupKitError) as caught:
        store.add_note(candidate_id="C1", text="x" * 10_001, date="2026-05-12")
    assert "10,001 characters, more than the 10,000" in str(caught.value)
    assert "quote" not in str(caught.value)


def test_an_import_of_notes_counts_them_in_the_store_it_leaves(tmp_path, capsys):
    data = Path(__file__).resolve().parent.parent / "data"
    db = tmp_path / "demo.db"
    assert main(["init", "--db", str(db)]) == 0
    files = [str(data / f"{name}.csv") for name in ("candidates", "interviews", "events", "notes")]
    capsys.readouterr()
    assert main(["import", "--db", str(db), *files]) == 0
    said = capsys.readouterr().out
    with Store(db, readonly=True) as store:
        notes = len(store.notes())
    assert notes and said.rstrip().endswith(f"events, {notes:,} notes)"), said
