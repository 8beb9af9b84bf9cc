"""Every kind of bad input: a FILE:ROW:COLUMN message, exit status 2, and a store left byte-for-byte as it was.

These call ``main()`` in this process, for speed; test_cli_edges.py runs the command as a
person does, in its own process, to see that an error is one line and never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CANDIDATES, EVENTS, INTERVIEWS, file_hash, write
from followup_kit import Store, ValidationError
from followup_kit.cli import main

# (id, file to replace, its new text, expected "file:row:column" start, words in the message)
BAD = [
    ("missing-column", "events.csv", EVENTS.replace("kind,", "kinds,", 1),
     "events.csv:1:kind:", "missing column 'kind'"),
    ("unknown-kind", "events.csv", EVENTS.replace("follow_up_sent", "chased"),
     "events.csv:3:kind:", "unknown kind 'chased'"),
    ("unknown-channel", "events.csv", EVENTS.replace("note,,", "pigeon,,"),
     "events.csv:4:channel:", "unknown channel 'pigeon'"),
    ("unparseable-date", "interviews.csv", INTERVIEWS.replace("2026-05-11", "11/05/2026"),
     "interviews.csv:4:interview_date:", "'11/05/2026' is not a date"),
    ("impossible-date", "interviews.csv", INTERVIEWS.replace("2026-05-11", "2026-02-30"),
     "interviews.csv:4:interview_date:", "not a date"),
    ("bad-event-timestamp", "events.csv", EVENTS.replace("2026-05-11T20:00:00Z", "yesterday evening"),
     "events.csv:6:date:", "not a date"),
    ("event-before-interview", "events.csv", EVENTS.replace("E3,I2,2026-05-09", "E3,I2,2026-05-01"),
     "events.csv:4:date:", "before its interview (2026-05-08)"),
    ("event-unknown-interview", "events.csv", EVENTS.replace("E4,I2", "E4,I9"),
     "events.csv:5:interview_id:", "unknown interview 'I9'"),
    ("interview-unknown-candidate", "interviews.csv", INTERVIEWS.replace("I3,C3", "I3,C7"),
     "interviews.csv:4:candidate_id:", "unknown candidate 'C7'"),
    ("duplicate-id", "candidates.csv", CANDIDATES.replace("C3,Sam", "C2,Sam"),
     "candidates.csv:4:candidate_id:", "duplicate id 'C2'"),
    ("empty-file", "events.csv", "", "events.csv:1:-:", "empty"),
    ("not-csv-binary", "events.csv", "\x00\x01PK\x03\x04binary", "events.csv:1:-:", "not a CSV file"),
    ("not-csv-ragged", "events.csv", EVENTS.replace("E4,I2,2026-05-29,rejection,letter,,",
                                                     "E4,I2,2026-05-29,rejection,letter,,x,y,z"),
     "events.csv:5:-:", "not a well-formed CSV row"),
    ("not-a-table", "events.csv", "a,b\n1,2\n", "events.csv:1:-:", "not a followup_kit table"),
    ("required-blank", "candidates.csv", CANDIDATES.replace("jose@example.org", ""),
     "candidates.csv:3:email:", "'email' is empty"),
    ("bad-email", "candidates.csv", CANDIDATES.replace("jose@example.org", "jose at home"),
     "candidates.csv:3:email:", "not an email address"),
    ("bad-country", "candidates.csv", CANDIDATES.replace(",KE,", ",Kenya,"),
     "candidates.csv:2:country:", "two-letter country code"),
    ("unknown-country", "candidates.csv", CANDIDATES.replace(",KE,", ",XX,"),
     "candidates.csv:2:country:", "'XX' is not a two-letter country code"),
    ("bad-timezone", "candidates.csv", CANDIDATES.replace("Africa/Nairobi", "EAT"),
     "candidates.csv:2:timezone:", "not a time zone"),
    ("bad-bool", "events.csv", EVENTS.replace("email,true", "email,maybe", 1),
     "events.csv:2:to_interviewer:", "not true or false"),
    ("promise-before-interview", "interviews.csv", INTERVIEWS.replace("2026-05-08,2026-05-15", "2026-05-08,2026-05-01"),
     "interviews.csv:2:promised_decision_date:", "before the interview"),
    ("unknown-column", "candidates.csv", CANDIDATES.replace("timezone\n", "timezone,shoe_size\n", 1)
     .replace("Africa/Nairobi\n", "Africa/Nairobi,9\n"), "candidates.csv:1:shoe_size:", "unknown column"),
]


@pytest.mark.parametrize(("name", "target", "text", "where", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_file_is_reported_and_store_untouched(tmp_path, csv_dir, csv_files, capsys,
                                                  name, target, text, where, words):
    db = tmp_path / "store.db"
    # A store with other data in it already, so "unchanged" is not just "still empty".
    other = tmp_path / "other"
    other.mkdir()
    write(other, "candidates.csv", "candidate_id,name,email,cohort\nC0,Ada,ada@example.org,2025-autumn\n")
    assert main(["init", "--db", str(db)]) == 0
    assert main(["import", "--db", str(db), str(other / "candidates.csv")]) == 0
    before = file_hash(db)
    capsys.readouterr()

    write(csv_dir, target, text, encoding="latin-1" if name == "not-csv-binary" else "utf-8")
    code = main(["import", "--db", str(db), *map(str, csv_files)])

    err = capsys.readouterr().err
    assert code == 2
    first = err.splitlines()[0]
    assert first.startswith(where), err
    assert words in first, err
    assert file_hash(db) == before
    with Store(db) as store:
        assert store.counts() == {"candidates": 1, "interviews": 0, "events": 0}


def test_not_utf8_names_the_line(tmp_path, csv_dir, csv_files):
    # A spreadsheet saved as Windows-1252: "José" is one byte, 0xE9, on line 3.
    write(csv_dir, "candidates.csv", CANDIDATES.replace("Zoë Ngũgĩ", "Zoe Ngugi"), encoding="cp1252")
    with pytest.raises(ValidationError) as info:
        Store(tmp_path / "s.db").import_csv(*csv_files)
    assert (info.value.file, info.value.row, info.value.column) == ("candidates.csv", 3, "name")
    assert "UTF-8" in str(info.value)


def test_bom_is_accepted(tmp_path, csv_dir, csv_files):
    write(csv_dir, "candidates.csv", CANDIDATES, encoding="utf-8-sig")
    with Store(tmp_path / "s.db") as store:
        assert store.import_csv(*csv_files)["candidates"] == 3
        assert list(store.candidates().columns)[0] == "candidate_id"
        assert store.candidates()["name"].iloc[0] == "Zoë Ngũgĩ"


def test_all_problems_are_listed_first_row_first(csv_dir, csv_files):
    write(csv_dir, "events.csv", EVENTS.replace("follow_up_sent", "chased").replace("E5,I3", "E4,I3"))
    with pytest.raises(ValidationError) as info:
        Store(":memory:").import_csv(*csv_files)
    found = [str(p) for p in info.value.problems]
    assert found[0].startswith("events.csv:3:kind:")
    assert any(p.startswith("events.csv:6:event_id: duplicate id 'E4'") for p in found)
    assert "and 1 more problem" in str(info.value)


def test_ids_already_in_the_store_are_duplicates(tmp_path, csv_files):
    with Store(tmp_path / "s.db") as store:
        store.import_csv(*csv_files)
        with pytest.raises(ValidationError, match=r"candidates.csv:2:candidate_id: id 'C1' is already in the store"):
            store.import_csv(csv_files[0])


def test_events_may_refer_to_interviews_already_stored(tmp_path, csv_files):
    with Store(tmp_path / "s.db") as store:
        store.import_csv(*csv_files[:2])
        assert store.import_csv(csv_files[2]) == {"events": 5}
        assert store.counts()["events"] == 5


def test_event_before_a_stored_interview_is_caught(tmp_path, csv_dir, csv_files):
    with Store(tmp_path / "s.db") as store:
        store.import_csv(*csv_files[:2])
        write(csv_dir, "events.csv", EVENTS.replace("E3,I2,2026-05-09", "E3,I2,2026-05-01"))
        with pytest.raises(ValidationError, match="events.csv:4:date:"):
            store.import_csv(csv_files[2])


def test_missing_file_is_a_clear_error(tmp_path, capsys):
    assert main(["init", "--db", str(tmp_path / "s.db")]) == 0
    capsys.readouterr()
    assert main(["import", "--db", str(tmp_path / "s.db"), str(tmp_path / "nope.csv")]) == 2
    assert capsys.readouterr().err.startswith("nope.csv:1:-: cannot read the file")


def test_second_file_of_the_same_table_is_refused(csv_dir, csv_files):
    with pytest.raises(ValidationError, match="a second candidates file"):
        Store(":memory:").import_csv(*csv_files, csv_files[0])


def test_unchecked_paths_are_unchanged(csv_files):
    # A valid import returns the counts; nothing is reordered or dropped.
    store = Store(":memory:")
    assert store.import_csv(*reversed(csv_files)) == {"candidates": 3, "interviews": 3, "events": 5}
    assert Path(csv_files[0]).exists()


def test_a_file_with_only_its_header_imports_no_rows(tmp_path, csv_dir, csv_files):
    # A coach who has not logged any events yet exports an empty table: that is not an error.
    write(csv_dir, "events.csv", EVENTS.splitlines()[0] + "\n")
    with Store(tmp_path / "s.db") as store:
        assert store.import_csv(*csv_files) == {"candidates": 3, "interviews": 3, "events": 0}


def test_events_for_an_interviews_file_with_only_its_header_name_the_unknown_interview(
        tmp_path, csv_dir, csv_files):
    # No interview dated anywhere: the events' dates have nothing to be compared with, and each
    # event's interview is unknown; one clean message, the store not created half-way.
    write(csv_dir, "interviews.csv", INTERVIEWS.splitlines()[0])
    with pytest.raises(ValidationError, match="events.csv:2:interview_id") as raised:
        Store(tmp_path / "s.db").import_csv(*csv_files)
    assert "IndexError" not in str(raised.value)
    with Store(tmp_path / "s.db", readonly=True) as store:
        assert store.counts() == {"candidates": 0, "interviews": 0, "events": 0}
