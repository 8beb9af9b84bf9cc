"""Files as spreadsheets and people really save them: one clear FILE:ROW:COLUMN message, nothing written.

The cases test_import_errors.py already holds (a missing column, an unknown kind, an
empty file, a BOM, ...) are not repeated here. Row numbers are the ones a spreadsheet
shows: the header is row 1 and a blank line is a row too.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CANDIDATES, EVENTS, INTERVIEWS, file_hash, store_rows, write
from followup_kit import FollowupKitError, Store, ValidationError
from followup_kit.cli import main

BIG = "x" * (10 * 2**20)
EVENT_LINES = EVENTS.splitlines(keepends=True)


def with_lines(text: str, at: int, *lines: str) -> str:
    """``text`` with ``lines`` put in before its line number ``at`` (1-based, as a spreadsheet counts)."""
    kept = text.splitlines(keepends=True)
    return "".join(kept[: at - 1] + list(lines) + kept[at - 1:])


# (id, file to replace, its new bytes, expected "file:row:column:" start, words in the message)
BAD = [
    ("semicolons", "candidates.csv", CANDIDATES.replace(",", ";"),
     "candidates.csv:1:-:", "separated by semicolons (;), not commas"),
    ("tabs", "events.csv", EVENTS.replace(",", "\t"), "events.csv:1:-:", "separated by tabs"),
    ("day-month-date", "interviews.csv", INTERVIEWS.replace("2026-05-11", "13/11/2026"),
     "interviews.csv:4:interview_date:", "'13/11/2026' is not a date; write it as YYYY-MM-DD (day and month"),
    ("day-month-event", "events.csv", EVENTS.replace("2026-05-29", "29.05.2026"),
     "events.csv:5:date:", "'29.05.2026' is not a date"),
    ("number-for-a-date", "interviews.csv", INTERVIEWS.replace("2026-05-11", "46337"),
     "interviews.csv:4:interview_date:", "'46337' is not a date; write it as YYYY-MM-DD (a number here"),
    ("number-for-an-event-date", "events.csv", EVENTS.replace("2026-05-29", "46171.5"),
     "events.csv:5:date:", "spreadsheet's day count"),
    ("10-MB-on-one-line", "events.csv", EVENTS + f"E6,I3,2026-05-12,thank_you_sent,email,true,{BIG}\n",
     "events.csv:7:note:", "10,485,760 characters, more than the 10,000 one cell may hold"),
    ("10-MB-after-an-open-quote", "events.csv",
     with_lines(EVENTS, 3, f'E9,I1,2026-05-12,employer_response,email,,"never closed {BIG}\n'),
     "events.csv:3:note:", "is a closing quote missing?"),
    ("10-MB-header", "candidates.csv", "candidate_id,name" + BIG + "\n",
     "candidates.csv:1:-:", "too long for a header"),
    ("not-utf8-in-a-cell", "candidates.csv", CANDIDATES.encode().replace("José".encode(), b"Jos\xe9"),
     "candidates.csv:3:name:", "not UTF-8 text"),
    ("not-utf8-after-blank-lines", "candidates.csv",
     with_lines(CANDIDATES, 2, "\n", "\n").encode().replace("José".encode(), b"Jos\xe9"),
     "candidates.csv:5:name:", "not UTF-8 text"),
    ("blank-lines-count-as-rows", "events.csv",
     with_lines(EVENTS, 3, "\n", "\n").replace("follow_up_sent", "chased"),
     "events.csv:5:kind:", "unknown kind 'chased'"),
    ("empty-spreadsheet-rows-count-as-rows", "events.csv",
     with_lines(EVENTS, 3, ",,,,,,\n", "   \n").replace("follow_up_sent", "chased"),
     "events.csv:5:kind:", "unknown kind 'chased'"),
    ("blank-line-before-a-ragged-row", "events.csv",
     with_lines(EVENTS, 3, "\n", "E7,I1,2026-05-21,offer,email,,a,b,c\n"),
     "events.csv:4:-:", "not a well-formed CSV row"),
    ("windows-line-ends-and-a-blank-line", "events.csv",
     with_lines(EVENTS, 2, "\n").replace("follow_up_sent", "chased").replace("\n", "\r\n"),
     "events.csv:4:kind:", "unknown kind 'chased'"),
    ("a-line-break-inside-a-cell-is-one-row", "events.csv",
     EVENTS.replace("Thanked Ann, mentioned SQL", "Thanked Ann,\nmentioned SQL").replace("E3,I2", "E3,I7"),
     "events.csv:4:interview_id:", "unknown interview 'I7'"),
    ("header-repeated-mid-file", "events.csv", with_lines(EVENTS, 4, EVENT_LINES[0]),
     "events.csv:4:-:", "the header row again"),
    ("no-header", "events.csv", "".join(EVENT_LINES[1:]),
     "events.csv:1:-:", "the first row must be the header"),
    ("only-blank-lines", "events.csv", "\n\r\n  \n", "events.csv:1:-:", "the file is empty"),
    ("a-long-value-is-quoted-short", "candidates.csv", CANDIDATES.replace("jose@example.org", "j" * 500),
     "candidates.csv:3:email:", "'" + "j" * 57 + "...' is not an email address"),
]


@pytest.fixture
def filled(tmp_path):
    """A store with one candidate already in it, so "unchanged" is not just "still empty"."""
    db = tmp_path / "store.db"
    other = tmp_path / "other"
    other.mkdir()
    write(other, "candidates.csv", "candidate_id,name,email,cohort\nC0,Ada,ada@example.org,2025-autumn\n")
    assert main(["init", "--db", str(db)]) == 0
    assert main(["import", "--db", str(db), str(other / "candidates.csv")]) == 0
    return db


@pytest.mark.parametrize(("name", "target", "content", "where", "words"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_file_names_its_row_and_column_and_writes_nothing(filled, csv_dir, csv_files, capsys,
                                                                name, target, content, where, words):
    before = file_hash(filled)
    capsys.readouterr()
    (csv_dir / target).write_bytes(content if isinstance(content, bytes) else content.encode())
    assert main(["import", "--db", str(filled), *map(str, csv_files)]) == 2
    err = capsys.readouterr().err
    first = err.splitlines()[0]
    assert first.startswith(where) and words in first, err[:500]
    # A long cell is quoted short, never pasted whole into the message.
    assert len(first) < 400
    assert err.splitlines()[-1].startswith("Nothing was imported")
    assert file_hash(filled) == before
    with Store(filled) as store:
        assert store.counts() == {"candidates": 1, "interviews": 0, "events": 0}


def test_blank_lines_and_empty_rows_import_nothing_of_their_own(tmp_path, csv_dir, csv_files):
    write(csv_dir, "events.csv", with_lines(EVENTS, 3, "\n", ",,,,,,\n") + "\n\n")
    write(csv_dir, "candidates.csv", "\ufeff" + with_lines(CANDIDATES, 2, "\r\n"))
    with Store(tmp_path / "s.db") as store:
        assert store.import_csv(*csv_files) == {"candidates": 3, "interviews": 3, "events": 5}
        assert store.events()["event_id"].tolist() == ["E1", "E2", "E3", "E4", "E5"]


# -- fuzzing: whatever the bytes, success or one clean error, and never half a write -------------
HEADERS = [text.splitlines()[0] for text in (CANDIDATES, INTERVIEWS, EVENTS)]
VALID = {"candidates.csv": CANDIDATES.encode(), "interviews.csv": INTERVIEWS.encode(),
         "events.csv": EVENTS.encode()}
#: The characters that matter to a CSV reader and to the checks, and a few that do not.
CSV_ALPHABET = ",;\"'\n\r \t=+-:./@TZxé0123456789CIE_"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A store file holding other data already, copied for every example."""
    folder = tmp_path_factory.mktemp("seeded")
    write(folder, "candidates.csv", "candidate_id,name,email,cohort\nC0,Ada,ada@example.org,2025-autumn\n")
    with Store(folder / "seed.db") as store:
        store.import_csv(folder / "candidates.csv")
    return folder / "seed.db"


def import_and_check(seed: Path, files: dict[str, bytes]) -> None:
    """Import ``files`` into a copy of ``seed``: all of them or none, and only our own errors."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        db = folder / "s.db"
        shutil.copy(seed, db)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        with Store(db) as store:
            before = store.counts()
        hashed = file_hash(db)
        try:
            with Store(db) as store:
                added = store.import_csv(*(folder / name for name in files))
        except (ValidationError, FollowupKitError) as exc:
            assert str(exc) and "\n" not in str(exc).split(" (and ")[0]
            assert file_hash(db) == hashed
            with Store(db) as store:
                assert store.counts() == before
            return
        with Store(db) as store:
            after = store.counts()
        assert after == {t: before[t] + added.get(t, 0) for t in before}
        con = sqlite3.connect(db)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            con.close()


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(header=st.sampled_from([b"", *(h.encode() + b"\n" for h in HEADERS)]),
       body=st.one_of(st.binary(max_size=400),
                      st.text(alphabet=CSV_ALPHABET, max_size=400).map(str.encode)))
def test_random_bytes_end_in_success_or_one_clean_error(seeded, header, body):
    import_and_check(seeded, {"events.csv": header + body})


@st.composite
def mutated(draw) -> dict[str, bytes]:
    """The three valid files, one of them changed a few bytes or lines at a time."""
    files = dict(VALID)
    name = draw(st.sampled_from(sorted(files)))
    data = bytearray(files[name])
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "insert", "replace", "duplicate_line", "drop_line",
                                   "truncate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "delete":
            del data[at:at + draw(st.integers(1, 8))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8)
                               | st.sampled_from([b",", b"\n", b'"', b";", b"\r\n", b"\n\n", b"\xff"]))
        elif op == "replace" and data:
            data[at] = draw(st.integers(0, 255))
        elif op in ("duplicate_line", "drop_line"):
            lines = bytes(data).splitlines(keepends=True)
            if lines:
                i = draw(st.integers(0, len(lines) - 1))
                lines[i:i + 1] = [lines[i]] * (2 if op == "duplicate_line" else 0)
                data = bytearray(b"".join(lines))
        elif op == "truncate":
            del data[at:]
    files[name] = bytes(data)
    return files


@FUZZ
@given(files=mutated())
def test_a_mutated_valid_file_ends_in_success_or_one_clean_error(seeded, files):
    import_and_check(seeded, files)


# -- the coach's forms: a bad value shows its message beside the field and writes nothing ---------
TODAY = "2026-11-01"
WHO = "C000135"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """The demo store as ``followup-kit serve`` leaves it: with the cohort counts its pages read."""
    from followup_kit.dashboard.server import prepare_counts
    from followup_kit.data.demo import demo_store

    db = demo_store(tmp_path_factory.mktemp("demo") / "demo.db")
    prepare_counts(db, "2026-11-01")
    return db


@pytest.fixture
def session(tmp_path, demo_db):
    """A coaching session on a copy of the demo store of its own."""
    from followup_kit.widgets import coaching_session

    db = tmp_path / "demo.db"
    shutil.copy(demo_db, db)
    _, parts = coaching_session(db, WHO, today=TODAY)
    return db, parts


def first_interview(db: Path) -> str:
    """The first of WHO's interviews in the demo store (by id): the one these forms write about."""
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT min(interview_id) FROM interviews WHERE candidate_id = ?",
                            (WHO,)).fetchone()[0]


def said(widget) -> str:
    import html

    return html.unescape(widget.value)


@pytest.mark.parametrize(("field", "value", "says"), [
    ("note", "n" * 20_000, "note: 20,000 characters, more than the 10,000 one cell may hold"),
    ("to_interviewer", "", None),
])
def test_the_logger_refuses_a_note_too_long_for_the_store(session, field, value, says):
    db, parts = session
    log = parts["logger"]
    log["interview"].value = first_interview(db)
    log["kind"].value = "employer_response"
    log[field].value = value
    before = store_rows(db)
    log["log"].click()
    if says is None:
        # The same form with an acceptable value logs: the refusal above is the value's doing.
        assert "Logged" in log["message"].value
        return
    assert "fk-error" in log["message"].value and says in said(log["message"])
    assert "Nothing was logged" in said(log["message"])
    assert store_rows(db) == before


@pytest.mark.parametrize(("field", "value", "says"), [
    ("company", "   ", "company: 'company' is empty; it is required"),
    ("role", "", "role: 'role' is empty"),
    ("interviewer_name", "", "interviewer's name: 'interviewer_name' is empty"),
    ("interviewer_email", "ngozi@", "interviewer's email: 'ngozi@' is not an email address"),
    ("interview_date", None, "interview date: 'interview_date' is empty"),
    ("promised_decision_date", __import__("datetime").date(2026, 10, 1),
     "promised decision date: the promised decision date is before the interview"),
    ("company", "c" * 10_001, "company: 10,001 characters"),
])
def test_adding_an_interview_with_a_bad_field_says_which_and_adds_nothing(session, field, value, says):
    import datetime as dt

    db, parts = session
    new = parts["logger"]["new"]
    good = {"company": "Fabrikam", "role": "Payroll Clerk", "interviewer_name": "Ngozi Adeyemi",
            "interviewer_email": "ngozi@fabrikam.example", "interview_date": dt.date(2026, 10, 30)}
    for name, v in {**good, field: value}.items():
        new[name].value = v
    before = store_rows(db)
    parts["logger"]["add"].click()
    message = said(parts["logger"]["add_message"])
    assert "fk-error" in parts["logger"]["add_message"].value, message
    assert says in message and "Nothing was added" in message
    assert store_rows(db) == before


@pytest.mark.parametrize(("field", "value", "says"), [
    ("interviewer_name", " ", "interviewer's name: 'interviewer_name' is empty"),
    ("role", "", "role: 'role' is empty"),
    ("promised_decision_date", __import__("datetime").date(2026, 1, 5), "before the interview"),
])
def test_a_bad_correction_says_which_field_and_changes_nothing(session, field, value, says):
    db, parts = session
    log = parts["logger"]
    log["fix_interview"].value = first_interview(db)
    log["fix"][field].value = value
    before = store_rows(db)
    log["save"].click()
    assert says in said(log["fix_message"]) and "Nothing was changed" in said(log["fix_message"])
    assert store_rows(db) == before


def test_the_composer_refuses_a_strength_that_is_not_a_phrase(session):
    _, parts = session
    composer = parts["composer"]
    for bad in ("one\ntwo", "s" * 201):
        composer["new_strength"].value = bad
        composer["add_strength"].click()
        assert "strength: give one short phrase" in said(composer["message"])
        assert composer["strengths"].children == ()
        assert composer["new_strength"].value == bad  # kept, to be fixed rather than typed again
    composer["new_strength"].value = "  payroll audits "
    composer["add_strength"].click()
    assert [box.description for box in composer["strengths"].children] == ["payroll audits"]
    assert said(composer["message"]) == ""


def test_a_subject_with_a_line_break_offers_no_download_and_says_why(session):
    db, parts = session
    composer = parts["composer"]
    composer["interview"].value = first_interview(db)
    composer["text"].value = "Dear Rhys,\n\nThank you for the interview yesterday."
    composer["subject"].value = "Thank you\nBcc: someone@else.example"
    assert "the subject must be one line" in said(composer["links"])
    assert "data:message/rfc822" not in composer["links"].value
    # The checklist still follows the letter.
    assert composer["state"]["check"] is not None
    composer["subject"].value = "Thank you"
    assert "data:message/rfc822" in composer["links"].value


# -- the dashboard's address: anything but one good token is the refusal, and reads nothing ------
DASH_SECRET = "a secret only these tests know"


def text_of(widget) -> str:
    parts = [widget.value] if isinstance(getattr(widget, "value", None), str) else []
    return " ".join([*parts, *(text_of(child) for child in getattr(widget, "children", ()))])


def served(monkeypatch, db: Path, query: str) -> None:
    from followup_kit.dashboard import links, page

    for name in (links.SECRET_ENV, "VOILA_PREHEAT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(page.DB_ENV, str(db))
    monkeypatch.setenv(page.SECRET_FILE_ENV, str(links.secret_path(db)))
    monkeypatch.setenv(page.AS_OF_ENV, "2026-11-01")
    monkeypatch.setenv("QUERY_STRING", query)


def good_token(db: Path, candidate: str = "C000135") -> str:
    from followup_kit.dashboard import links

    return links.make_token(links.secret_for(db), candidate)


QUERIES = {
    "garbage": lambda t, other: "%%%&&==;;token",
    "only-equals": lambda t, other: "=&=&token==",
    "huge-garbage": lambda t, other: "token=" + "A" * 100_000,
    "huge-junk-keys": lambda t, other: "&".join(f"k{i}=v" for i in range(10_000)),
    "huge-around-a-good-token": lambda t, other: "x=" + "y" * 100_000 + "&token=" + t + "&token=" + "z" * 50_000,
    "two-good-tokens": lambda t, other: f"token={t}&token={t}",
    "two-candidates": lambda t, other: f"token={t}&token={other}",
    "non-utf8-escapes": lambda t, other: "token=%ff%fe%fd",
    "non-utf8-inside-a-good-token": lambda t, other: f"token={t[:12]}%C3%28{t[12:]}",
    "nul-escape": lambda t, other: f"token=%00{t}",
    "token-name-changed": lambda t, other: f"Token={t}",
    "semicolon-separated": lambda t, other: f"x=1;token={t}",
}


@pytest.mark.parametrize("kind", sorted(QUERIES))
def test_a_bad_query_string_is_the_refusal_and_reads_no_store(tmp_path, monkeypatch, kind):
    from followup_kit.dashboard import links, page

    # The store does not exist: a page that tried to read it would say "try later", not refuse.
    db = tmp_path / "never-opened.db"
    links.secret_for(db)
    # Two good tokens, each naming a candidate of its own.
    mine, other = good_token(db), good_token(db, "C000001")
    assert links.read_token(links.secret_for(db), mine) != links.read_token(links.secret_for(db), other)
    served(monkeypatch, db, QUERIES[kind](mine, other))
    shown = page.dashboard_for_request(preview="C000135")
    assert isinstance(shown, page.w.HTML) and page.REFUSAL in shown.value
    assert not db.exists()


def test_a_good_token_among_junk_keys_still_opens_its_own_page(demo_db, monkeypatch):
    from followup_kit.dashboard import page

    served(monkeypatch, demo_db, f"utm_source=mail&x=%ff&token={good_token(demo_db)}&y=" + "z" * 1000)
    text = text_of(page.dashboard_for_request())
    assert "Your interviews: what to do next" in text and page.REFUSAL not in text


def test_a_quote_left_open_is_quoted_on_one_line(tmp_path):
    """The cell a stray quote ran on into the next row is shown with its line break as \\n, on one line."""
    broken = CANDIDATES.replace("KE,Africa/Nairobi", 'KE,"Africa/Nairobi', 1)
    path = write(tmp_path, "candidates.csv", broken)
    with Store(tmp_path / "s.db") as store, pytest.raises(ValidationError) as caught:
        store.import_csv(path)
    said = str(caught.value)
    assert "\n" not in said and "candidates.csv:2:timezone:" in said and "Africa/Nairobi\\nC2," in said, said
