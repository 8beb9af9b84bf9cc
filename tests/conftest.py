"""Shared fixtures: a tiny, hand-written data set in the three CSV formats."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests. In CI (the CI variable set) every run tries the same examples, more of them,
# with no example database, and a failure prints the blob that replays it; on a developer's
# machine each run tries fresh random examples, a few, so the suite stays quick. A test's own
# @settings(max_examples=...) still wins over both.
settings.register_profile("ci", derandomize=True, database=None, max_examples=60, deadline=None,
                          print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=20, deadline=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI", "").lower() not in ("", "0", "false") else "dev")

CANDIDATES = """candidate_id,name,email,cohort,country,timezone
C1,Zoë Ngũgĩ,zoe@example.org,2026-spring,KE,Africa/Nairobi
C2,José Álvarez,jose@example.org,2026-spring,,
C3,Sam Tui,sam@example.org,2026-autumn,TO,Pacific/Tongatapu
"""
INTERVIEWS = """interview_id,candidate_id,company,role,interviewer_name,interviewer_email,interview_date,promised_decision_date
I1,C1,Acme Ltd,Data analyst,Ann Lee,ann@acme.example,2026-05-08,2026-05-15
I2,C2,"Beta, Inc.",Clerk,Bob Ray,bob@beta.example,2026-05-08,
I3,C3,Kiwi Co,Designer,Tane Moa,tane@kiwi.example,2026-05-11,
"""
EVENTS = '''event_id,interview_id,date,kind,channel,to_interviewer,note
E1,I1,2026-05-09T08:00:00+03:00,thank_you_sent,email,true,"Thanked Ann, mentioned SQL"
E2,I1,2026-05-20,follow_up_sent,email,false,=HYPERLINK("http://x")
E3,I2,2026-05-09,thank_you_sent,note,,
E4,I2,2026-05-29,rejection,letter,,"said ""keep going"""
E5,I3,2026-05-11T20:00:00Z,thank_you_sent,email,true,+1 for the portfolio
'''


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def csv_dir(tmp_path: Path) -> Path:
    """A folder with candidates.csv, interviews.csv and events.csv that import cleanly."""
    folder = tmp_path / "csv"
    folder.mkdir()
    write(folder, "candidates.csv", CANDIDATES)
    write(folder, "interviews.csv", INTERVIEWS)
    write(folder, "events.csv", EVENTS)
    return folder


@pytest.fixture
def csv_files(csv_dir: Path) -> list[Path]:
    return [csv_dir / f"{n}.csv" for n in ("candidates", "interviews", "events")]


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """The folder browser tests save their pictures in.

    A temporary one, so that running the tests changes no committed file; ``make screenshots``
    sets ``FOLLOWUP_KIT_SCREENSHOTS`` to docs/screenshots/ to replace the pictures the README shows.
    """
    chosen = os.environ.get("FOLLOWUP_KIT_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def folder_listing(folder: Path) -> dict[str, tuple]:
    """Everything below ``folder``: each file's path, size and SHA-256, each folder's path.

    Equal listings before and after a command mean it made, changed and removed nothing there,
    a file beside the store (its secret, a copy) as much as the store itself. Left out: a
    store's ``-shm`` and an empty ``-wal``, which SQLite makes to open a store in WAL mode (a
    read-only open leaves them behind) and which hold no data.
    """
    def bookkeeping(path: Path) -> bool:
        return path.name.endswith("-shm") or (path.name.endswith("-wal") and path.stat().st_size == 0)

    return {str(path.relative_to(folder)): ("folder",) if path.is_dir()
            else (path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest())
            for path in sorted(folder.rglob("*")) if not bookkeeping(path)}


def file_hash(path: Path) -> str:
    """SHA-256 of a store file and its WAL, so 'unchanged' means byte for byte."""
    h = hashlib.sha256(path.read_bytes())
    wal = Path(str(path) + "-wal")
    if wal.exists():
        h.update(wal.read_bytes())
    return h.hexdigest()


def store_rows(path: Path) -> list[str]:
    """Every row of a store file as SQL text, so "nothing written" means nothing at all."""
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()
