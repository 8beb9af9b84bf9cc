"""Every option of every command, given a bad value: exit 2, one line naming the option, nothing written.

The table below is checked against the parser itself: an option added to any command
without bad values here fails ``test_every_option_has_bad_values``, so it cannot be
forgotten. ``main()`` runs in this process; ``os.execve`` (how ``serve`` becomes Voilà)
is replaced by a stand-in, so a bad value that slipped through shows as a failure
instead of a server.
"""

from __future__ import annotations

import argparse
import os

import pytest

from conftest import CANDIDATES, EVENTS, INTERVIEWS, folder_listing, write
from followup_kit.cli import build_parser, main

#: What each command needs to run well; a bad case changes one option (or a few) of it.
GOOD = {
    "init": {"--db": "{new}"},
    "import": {"--db": "{db}", "FILE": ["{more}"]},
    "export": {"--db": "{db}", "--out": "{out}"},
    "sample": {"--out": "{out}", "--candidates": "5"},
    "plan": {"--db": "{db}"},
    "agenda": {"--db": "{db}", "--today": "2026-05-21", "--within": "10"},
    "ics": {"--db": "{db}", "--candidate": "C1", "--out": "{out}.ics"},
    "log": {"--db": "{db}", "--interview": "I1", "--kind": "offer", "--date": "2026-05-21"},
    "edit": {"--db": "{db}", "--interview": "I1", "--role": "Senior analyst"},
    "note": {"--db": "{db}", "--candidate": "C1", "--text": "Rehearsed the call", "--date": "2026-05-12"},
    "notes": {"--db": "{db}", "--candidate": "C1"},
    "draft": {"--db": "{db}", "--interview": "I1", "--strength": "SQL"},
    "check": {"--kind": "thank_you", "FILE": "{letter}"},
    "report": {"--db": "{db}", "--as-of": "2026-06-01"},
    "demo": {"--db": "{db}", "--as-of": "2026-06-01", "--plots": "{out}"},
    "link": {"--db": "{db}", "--candidate": "C1"},
    "serve": {"--db": "{db}"},
    "forget": {"--db": "{db}", "--candidate": "C1", "--yes": True},
    "backup": {"--db": "{db}", "--out": "{out}.db"},
    "mail scan": {"--db": "{db}", "--candidate": "C1", "SOURCE": ["{mbox}"]},
    "mail accept": {"--db": "{db}", "--all": True, "--candidate": "C1"},
    "mail reject": {"--db": "{db}", "--all": True, "--candidate": "C1"},
}
#: A Thunderbird folder file of one message: C1's thank-you to the person who interviewed her.
MBOX = """From zoe@example.org Sat May 09 08:00:00 2026
From: =?utf-8?q?Zo=C3=AB_Ng=C5=A9g=C4=A9?= <zoe@example.org>
To: Ann Lee <ann@acme.example>
Subject: Thank you
Date: Sat, 09 May 2026 08:00:00 +0300
Message-ID: <zoe-thanks@example.org>
Content-Type: text/plain; charset=utf-8

Dear Ann, thank you for the interview yesterday; I would love to join the data team.

"""
DB = ["{folder}", "{notstore}"]
NO_STORE = [*DB, "{missing}"]
DAY = ["13/11/2026", "2026-02-30", "tomorrow"]
#: (command, option) -> bad values: a value for that option, or a dict of options to change.
BAD = {
    ("init", "--db"): [*DB, "{notstore}/coach.db"],
    ("import", "--db"): DB,
    ("import", "FILE"): [["{missing}.csv"], ["{semicolons}"]],
    ("export", "--db"): NO_STORE,
    ("export", "--out"): ["{notstore}"],
    ("sample", "--out"): ["{notstore}"],
    ("sample", "--candidates"): ["0", "-3", "many"],
    ("sample", "--seed"): ["-1", "x"],
    ("sample", "--cohorts"): ["0", "2.5"],
    ("sample", "--as-of"): DAY,
    ("plan", "--db"): NO_STORE,
    ("plan", "--candidate"): ["C999"],
    ("plan", "--today"): DAY,
    ("plan", "--format"): ["xml"],
    ("ics", "--db"): NO_STORE,
    ("ics", "--candidate"): ["C999"],
    ("ics", "--out"): ["{folder}", "{notstore}/c.ics"],
    ("ics", "--today"): DAY,
    ("log", "--db"): DB,
    ("log", "--interview"): ["I9", ""],
    ("log", "--kind"): ["chased", ""],
    ("log", "--date"): [*DAY, "2026-01-01"],
    ("log", "--channel"): ["pigeon"],
    ("log", "--to-interviewer"): ["maybe"],
    ("log", "--note"): ["x" * 20_000],
    ("log", "--today"): DAY,
    ("edit", "--db"): DB,
    ("edit", "--interview"): ["I9"],
    ("edit", "--promised-date"): [*DAY, "2026-05-01"],
    ("edit", "--interviewer-name"): [""],
    ("edit", "--interviewer-email"): ["ann at acme", ""],
    ("edit", "--role"): ["", "r" * 20_000],
    ("edit", "--round"): ["0", "-1", "two", "3"],
    ("edit", "--application-id"): ["I2", "a" * 20_000],
    ("edit", "--today"): DAY,
    ("edit", "--candidate"): [{"--interview": None, "--role": None, "--candidate": "C9", "--coach": "Ann"},
                              {"--candidate": "C1"}, {"--interview": None, "--role": None, "--candidate": "C1"}],
    ("edit", "--coach"): [{"--coach": "Ann"},
                          {"--interview": None, "--role": None, "--candidate": "C1", "--coach": "c" * 20_000}],
    ("note", "--db"): NO_STORE,
    ("note", "--candidate"): ["C9", ""],
    ("note", "--text"): ["", "  ", "t" * 10_001],
    ("note", "--date"): DAY,
    ("note", "--coach"): ["Nobody Here"],
    ("note", "--interview"): ["I9", "I2"],
    ("agenda", "--db"): NO_STORE,
    ("agenda", "--coach"): ["Nobody Here"],
    ("agenda", "--cohort"): ["1999-winter"],
    ("agenda", "--today"): DAY,
    ("agenda", "--within"): ["-1", "soon"],
    ("agenda", "--format"): ["xml"],
    ("notes", "--db"): NO_STORE,
    ("notes", "--candidate"): ["C9"],
    ("notes", "--format"): ["xml"],
    ("draft", "--db"): NO_STORE,
    ("draft", "--interview"): ["I9"],
    ("draft", "--kind"): ["memo"],
    ("draft", "--tone"): ["grumpy"],
    ("draft", "--strength"): ["", "one\ntwo", "s" * 500],
    ("draft", "--enjoyed"): ["", "e" * 500],
    ("draft", "--intent"): ["maybe", "time"],
    ("draft", "--reply-by"): [{"--kind": "offer_reply", "--intent": "time", "--reply-by": "soon"},
                              "2026-06-01"],
    ("draft", "--templates"): ["{missing}"],
    ("draft", "--out"): ["{folder}", "{notstore}/letter.eml"],
    ("check", "--kind"): ["memo"],
    ("check", "--db"): [{"--db": "{db}"}, {"--db": "{folder}", "--interview": "I1"},
                        {"--db": "{notstore}", "--interview": "I1"}],
    ("check", "--interview"): [{"--interview": "I1"}, {"--db": "{db}", "--interview": "I9"}],
    ("check", "--format"): ["yaml"],
    ("check", "FILE"): ["{missing}.txt", "{latin}", "{folder}", "{empty}"],
    ("report", "--db"): NO_STORE,
    ("report", "--as-of"): DAY,
    ("report", "--format"): ["xml"],
    ("report", "--by"): ["candidate", "Round"],
    ("report", "--plots"): ["{notstore}"],
    ("demo", "--db"): NO_STORE,
    ("demo", "--as-of"): DAY,
    ("demo", "--plots"): ["{notstore}"],
    ("link", "--db"): NO_STORE,
    ("link", "--candidate"): ["C999", {"--candidate": "C1", "--revoke-all": None}],
    ("link", "--days"): ["0", "91", "a week"],
    ("link", "--base-url"): ["not an address", "javascript:alert(1)", "ftp://coach.example/"],
    ("link", "--revoke-all"): [{"--candidate": None, "--revoke-all=yes": None}],
    ("serve", "--db"): NO_STORE,
    ("serve", "--port"): ["0", "70000", "http"],
    ("serve", "--host"): ["bad host!", ""],
    ("serve", "--preheat"): ["-1", "two"],
    ("serve", "--as-of"): DAY,
    ("serve", "--cull-idle"): ["0", "-5", "soon"],
    ("export", "--anonymise"): [{"--anonymise=yes": None},
                                {"--anonymise": True, "--format": "parquet"}],
    ("export", "--format"): ["xml"],
    ("export", "--layout"): ["zigzag", "cohort"],
    ("export", "--partitions"): ["3", "x", {"--format": "parquet", "--partitions": "0"}],
    ("sample", "--format"): ["xml"],
    ("sample", "--layout"): ["zigzag", "cohort"],
    ("sample", "--partitions"): ["3", "x", {"--format": "parquet", "--partitions": "0"}],
    ("report", "--parquet"): ["{folder}", {"--db": None, "--parquet": "{missing}"},
                              {"--db": None, "--parquet": "{notstore}"}],
    ("report", "--engine"): ["spark", "dask"],
    ("report", "--scheduler"): ["tcp://127.0.0.1:1"],
    ("report", "--counts"): ["{out}"],
    ("forget", "--db"): NO_STORE,
    ("forget", "--candidate"): ["C999", ""],
    # Without --yes and with no terminal to ask on, nothing is forgotten.
    ("forget", "--yes"): [{"--yes": None}, {"--yes=no": None}],
    ("backup", "--db"): NO_STORE,
    ("backup", "--out"): ["{db}", "{folder}", "{notstore}", "{missing}/copy.db"],
    ("backup", "--force"): [{"--force=yes": None}],
    ("mail scan", "--db"): NO_STORE,
    ("mail scan", "--candidate"): ["C999", ""],
    ("mail scan", "--address"): ["zoe at example", ""],
    ("mail scan", "--since"): DAY,
    ("mail scan", "--format"): ["xml"],
    ("mail scan", "SOURCE"): [["{notstore}"], ["{mbox}", "{missing}"]],
    ("mail accept", "--db"): NO_STORE,
    ("mail accept", "--all"): [{"--all=yes": None}, {"PROPOSAL": ["M0000001"]}],
    ("mail accept", "--candidate"): ["C999"],
    ("mail accept", "--kind"): ["M0000001", "=offer", "M0000001=offer"],
    ("mail accept", "PROPOSAL"): [{"--all": None, "--candidate": None},
                                  {"--all": None, "--candidate": None, "PROPOSAL": ["M0000009"]}],
    ("mail reject", "--db"): NO_STORE,
    ("mail reject", "--all"): [{"--all=yes": None}, {"PROPOSAL": ["M0000001"]}],
    ("mail reject", "--candidate"): ["C999"],
    ("mail reject", "PROPOSAL"): [{"--all": None, "--candidate": None},
                                  {"--all": None, "--candidate": None, "PROPOSAL": ["M0000009"]}],
}
#: The positional arguments whose bad value is a file: a bad one is named by the file's name.
FILES = ("FILE", "SOURCE")


def _options(parser: argparse.ArgumentParser, prefix: str = "") -> dict[str, list[str]]:
    """Each command's options (and positional arguments, by metavar), from the parser.

    A command with actions of its own (``mail scan``) is named with them, each action a command.
    """
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    options = {}
    for name, command in sub.choices.items():
        if any(isinstance(a, argparse._SubParsersAction) for a in command._actions):
            options.update(_options(command, f"{prefix}{name} "))
            continue
        options[prefix + name] = [a.option_strings[0] if a.option_strings else (a.metavar or a.dest.upper())
                                  for a in command._actions if not isinstance(a, argparse._HelpAction)]
    return options


def test_every_option_has_bad_values():
    options = _options(build_parser())
    assert sorted(options) == sorted(GOOD)
    missing = [(c, o) for c, names in options.items() for o in names if (c, o) not in BAD]
    assert missing == []
    assert all(o in options[c] for c, o in BAD)


@pytest.fixture(scope="module")
def place(tmp_path_factory) -> dict:
    """The files the table's placeholders name: a filled store, a file that is not one, ..."""
    tmp = tmp_path_factory.mktemp("options")
    csv = tmp / "csv"
    csv.mkdir()
    files = [write(csv, n, t) for n, t in (("candidates.csv", CANDIDATES),
                                            ("interviews.csv", INTERVIEWS), ("events.csv", EVENTS))]
    db = tmp / "s.db"
    assert main(["init", "--db", str(db)]) == 0
    assert main(["import", "--db", str(db), *map(str, files)]) == 0
    (tmp / "folder").mkdir()
    (tmp / "latin.txt").write_bytes(b"Dear Jos\xe9, thank you.")
    return {"db": str(db), "folder": str(tmp / "folder"), "missing": str(tmp / "missing"),
            "notstore": str(write(tmp, "notes.txt", "not a store\n" * 20)),
            "letter": str(write(tmp, "letter.txt", "Dear Ann, thank you for the interview.")),
            "latin": str(tmp / "latin.txt"), "empty": str(write(tmp, "empty.txt", "  \n")),
            "semicolons": str(write(tmp, "semi.csv", CANDIDATES.replace(",", ";"))),
            "more": str(write(tmp, "more.csv", "candidate_id,name,email,cohort\n"
                                               "C4,Ana Lima,ana@example.org,2026-spring\n")),
            "mbox": str(write(tmp, "Inbox", MBOX)),
            "new": str(tmp / "new.db"), "out": str(tmp / "out"), "tmp": tmp}


def argv_for(command: str, changes: dict, place: dict) -> list[str]:
    """The command line of ``command``: its good options with ``changes`` made."""
    def filled(value):
        return [filled(v) for v in value] if isinstance(value, list) else value.format(**place)

    opts = {**GOOD[command], **changes}
    argv = command.split()
    positional = []
    for key, value in opts.items():
        if key.isupper():
            positional = filled(value) if isinstance(value, list) else [filled(value)]
        elif value is True:
            argv += [key]
        elif value is None:
            # A flag: changes may name it bare, or drop it from the good line with None.
            argv += [key] if key not in GOOD[command] else []
        else:
            argv += [key, filled(value)]
    return argv + positional


CASES = [(command, option, bad) for (command, option), values in BAD.items() for bad in values]


def _id(case) -> str:
    command, option, bad = case
    shown = repr(bad) if not isinstance(bad, str) or len(bad) < 20 else f"{bad[:8]!r}x{len(bad)}"
    return f"{command} {option} {shown}"


class Exec(Exception):
    """What the stand-in for os.execve raises: the server would have started."""


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_a_bad_value_is_one_line_naming_the_option_and_writes_nothing(place, monkeypatch, capsys, case):
    command, option, bad = case
    monkeypatch.setattr(os, "execve", lambda *a: (_ for _ in ()).throw(Exec(a)))
    monkeypatch.chdir(place["tmp"])
    changes = bad if isinstance(bad, dict) else {option: bad}
    argv = argv_for(command, changes, place)
    before = folder_listing(place["tmp"])
    capsys.readouterr()

    code = main(argv)

    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert code == 2, (argv[:8], err)
    assert "Traceback" not in err and out == ""
    if command == "import" and option == "FILE":
        # An import lists its problems, FILE:ROW:COLUMN each, then says nothing was imported.
        assert lines[0].startswith(os.path.basename(argv[-1]) + ":"), err
        assert lines[-1].startswith("Nothing was imported")
    else:
        assert len(lines) == 1, err
        named = os.path.basename(argv[-1]) if option in FILES else option
        assert named in lines[0], err
    assert folder_listing(place["tmp"]) == before


@pytest.mark.parametrize("command", sorted(GOOD))
def test_the_good_command_lines_work(tmp_path, monkeypatch, capsys, command, place):
    # Each bad case above differs from one of these: if they work, it was the bad value that failed.
    local = {**place, "new": str(tmp_path / "new.db"), "out": str(tmp_path / "out")}
    db = tmp_path / "s.db"
    db.write_bytes(open(place["db"], "rb").read())
    local["db"] = str(db)
    monkeypatch.setattr(os, "execve", lambda *a: (_ for _ in ()).throw(Exec(a)))
    monkeypatch.chdir(tmp_path)
    argv = argv_for(command, {}, local)
    if command == "serve":
        with pytest.raises(Exec):
            main(argv)
    else:
        assert main(argv) in (0, 1), capsys.readouterr().err
