"""Synthetic sample data: candidates, interviews and events that look like a real programme.

Nothing here describes real people. The numbers imitate published figures so
that the analyses have something realistic to find:

* about 24% of candidates in the oldest cohort send a thank-you letter
  (Accountemps / Robert Half, 2017); later cohorts send more, because coaching works;
* an application takes about 24 days on average from its first interview to the
  decision (Glassdoor, 2017: 23.8 days from application to decision in the US),
  with a long tail;
* applications run over rounds: about 45% of first interviews lead to an
  invitation to a second round, about 15% to a third; about 40% of the
  applications that reached a second or third round end in silence (Indeed,
  2023: 40% of job seekers were ghosted after a second or third round), and
  about 40% of first interviews never get any answer.

An application's later rounds are rows of their own (same candidate, company and
role, usually the same interviewer), with ``round`` and ``application_id`` (the
``interview_id`` of its first round, as the store names an application) filled
in; the round before each has its ``next_round`` invitation, dated after it and
before the round it invites to. Only an application's last round is decided.

Every candidate is in the caseload of one of the programme's coaches (five, or
one for every thousand candidates of a larger programme), and a coach keeps 0 to 3
notes of their sessions with each candidate (:func:`generate_notes`), each a few
days after one of the candidate's interviews, never after ``as_of``; most are about
that interview.

Associations are built in for the analyses to find: a thank-you sent on time
goes with more offers and faster decisions; an early or pushy follow-up goes with
fewer offers. Every draw comes from one seeded generator, so the same arguments
give the same files; the coaches and the notes come from generators of their own
made from the same seed, so they leave every other draw as it was.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from tqdm.auto import tqdm

from ..errors import FollowupKitError
from . import schema
from .csv_files import write_frames
from .dates import as_day
from .lookup import positions
from .sample_pools import (
    ASCII,
    CHANNEL_CODES,
    COMPANIES,
    COUNTRIES,
    COUNTRY_P,
    FIRST,
    KIND_CODES,
    LAST,
    NOTE_BY_KIND,
    NOTES,
    ROLES,
    ROLES_P,
    SESSION_NOTES,
    TIMEZONES,
    TO_INTERVIEWER,
)

#: The day the sample describes: nothing in it is dated later.
SAMPLE_AS_OF = "2026-11-01"

#: Applications per candidate beyond the first (a Poisson mean): with their later rounds, about
#: three interviews per candidate.
APPLICATIONS_BEYOND_FIRST = 0.94
#: The share of rounds that lead to another: about 45% of first rounds to a second, a third of
#: second rounds (about 15% of first rounds) to a third.
NEXT_ROUND_P = (0.45, 1 / 3)
#: Days, on average, from a round to the invitation to the next one.
INVITE_DAYS = 6.0
#: Days, on average, from an application's last round to the decision: longer after a first
#: round (the employer is still seeing others) than after a later one.
DECISION_DAYS = (22.0, 10.0)
NEVER = np.iinfo(np.int64).max
#: Coaches of a sample: at least this many, and one more for every CASELOAD candidates past that.
COACHES = 5
#: The most candidates a sample coach has, about.
CASELOAD = 1000
#: Session notes per candidate: 0 up to this many, evenly.
MOST_NOTES = 3
#: The share of notes about one interview (the rest are about the search as a whole).
ABOUT_AN_INTERVIEW = 0.7
#: Days from the interview to a note of it: 1 up to this many.
NOTE_DAYS = 7


def _stream(seed: int, which: int) -> np.random.Generator:
    """A generator of its own for one part of the sample (1: coaches, 2: notes), from ``seed``."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(which,)))


def cohort_plan(cohorts: int, as_of: np.datetime64) -> tuple[list[str], np.ndarray]:
    """Cohort names, oldest first, and the first day each cohort interviews.

    Up to eight cohorts are seasons (``2025-spring`` starts on 1 March,
    ``2025-autumn`` on 1 September); more are monthly, named ``cohort-01`` and so
    on. The newest cohort starts at least 30 days before ``as_of``.
    """
    latest = (as_of - np.timedelta64(30, "D")).astype("datetime64[M]")
    if cohorts <= 8:
        months = latest.astype(int)
        # Step back to the last March or September on or before ``latest``.
        season = months - ((months % 12 - 2) % 6)
        starts_m = season - 6 * np.arange(cohorts)[::-1]
        names = [f"{m // 12 + 1970}-{'spring' if m % 12 == 2 else 'autumn'}" for m in starts_m]
    else:
        starts_m = latest.astype(int) - np.arange(cohorts)[::-1]
        width = max(2, len(str(cohorts)))
        names = [f"cohort-{i:0{width}d}" for i in range(1, cohorts + 1)]
    starts = np.asarray(starts_m).astype("datetime64[M]").astype("datetime64[D]")
    return names, starts


def _ids(prefix: str, n: int, width: int) -> pd.Series:
    """``prefix`` followed by 1..n, zero-padded to ``width`` digits (wider if n needs it)."""
    width = max(width, len(str(n)))
    numbers = np.arange(1, n + 1, dtype=np.int64)
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    digits = (numbers[:, None] // powers % 10 + ord("0")).astype(np.uint8)
    head = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)
    raw = np.ascontiguousarray(np.hstack([np.broadcast_to(head, (n, len(head))), digits]))
    # Fixed-width ASCII rows are already an Arrow string column: only the offsets are new.
    offsets = np.arange(n + 1, dtype=np.int64) * raw.shape[1]
    column = pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(raw))
    return pd.Series(pd.array(column, dtype="str"))


def _take(options, codes: np.ndarray) -> pd.Series:
    """The text column ``options[codes]``, built in Arrow without a Python string per row."""
    column = pa.array(list(options), type=pa.large_string()).take(pa.array(codes))
    return pd.Series(pd.array(column, dtype="str"))


def generate(
    n_candidates: int = 300,
    *,
    seed: int = 0,
    cohorts: int = 4,
    as_of: str = SAMPLE_AS_OF,
    progress: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Make a synthetic programme: candidates, their interviews and what happened after.

    The frames hold text exactly as the CSV files would (every column ``str``,
    blanks as ``""``), so they pass :func:`followup_kit.data.schema.validate`.
    Candidates have about three interviews each, the rounds of about two
    applications; nothing is dated after ``as_of`` (a round the employer has
    invited to but not yet held is not there), no event comes before its
    interview, and no round's events come after the next round is held. A
    promised decision date may lie after ``as_of``: the interviewer named a day
    that has not come yet.

    Parameters
    ----------
    n_candidates : int
        How many candidates; about three times as many interviews follow.
    seed : int
        Seed of the random generator; the same arguments give the same frames.
    cohorts : int
        How many cohorts, the oldest first; up to 8 are named by season
        (``2026-spring``), more are named ``cohort-01``, ``cohort-02`` ...
    as_of : str
        The day the data is taken, ``YYYY-MM-DD``.
    progress : bool
        Show a progress bar on standard error.

    Returns
    -------
    tuple of DataFrame
        (candidates, interviews, events), columns in the order of the data model.

    Examples
    --------
    >>> candidates, interviews, events = generate(20, seed=1)
    >>> list(candidates.columns)
    ['candidate_id', 'name', 'email', 'cohort', 'country', 'timezone', 'coach']
    """
    if int(n_candidates) < 1:
        raise FollowupKitError("the sample needs at least 1 candidate")
    if int(cohorts) < 1:
        raise FollowupKitError("the sample needs at least 1 cohort")
    day = as_day(as_of).astype("datetime64[D]")
    rng = np.random.default_rng(seed)
    with tqdm(total=4, desc="generating sample", unit="step", disable=not progress,
              leave=False) as bar:
        bar.set_postfix_str("candidates")
        cand = _candidates(rng, int(n_candidates), int(cohorts), day)
        bar.update()
        bar.set_postfix_str("interviews")
        inter = _interviews(rng, cand, day)
        bar.update()
        bar.set_postfix_str("events")
        ev = _events(rng, cand, inter, day)
        bar.update()
        bar.set_postfix_str("text")
        frames = _frames(rng, cand, inter, ev, day)
        frames[0]["coach"] = _caseloads(_stream(seed, 1), cand)
        bar.update()
    return frames


def _caseloads(rng: np.random.Generator, cand: dict) -> pd.Series:
    """Each candidate's coach: names from the sample's pools, ones no candidate has where they last."""
    n = cand["n"]
    pairs = len(FIRST) * len(LAST)
    k = min(max(COACHES, math.ceil(n / CASELOAD)), pairs)
    taken = np.zeros(pairs, dtype=bool)
    taken[cand["first"] * len(LAST) + cand["last"]] = True
    shuffled = rng.permutation(pairs)
    chosen = shuffled[np.argsort(taken[shuffled], kind="stable")[:k]]
    names = _take(FIRST, chosen // len(LAST)) + " " + _take(LAST, chosen % len(LAST))
    return names.take(rng.integers(0, k, n)).reset_index(drop=True)


def generate_notes(candidates: pd.DataFrame, interviews: pd.DataFrame, *, seed: int = 0,
                   as_of: str = SAMPLE_AS_OF) -> pd.DataFrame:
    """The coaches' session notes of a sample, as the text of ``notes.csv``.

    Each candidate gets 0 to :data:`MOST_NOTES` notes from their coach, each
    dated 1 to :data:`NOTE_DAYS` days after one of their interviews and never
    after ``as_of`` (a note that would be is not there); most name that
    interview.

    Parameters
    ----------
    candidates, interviews : DataFrame
        Text frames as :func:`generate` returns them (``candidates`` with its ``coach``).
    seed : int
        The seed the frames were made with: the same seed gives the same notes.
    as_of : str
        The day the data is taken, ``YYYY-MM-DD``.

    Returns
    -------
    DataFrame
        ``note_id``, ``candidate_id``, ``date``, ``coach``, ``text``, ``interview_id``,
        all ``str``, oldest first.
    """
    rng = _stream(seed, 2)
    day = as_day(as_of).astype("datetime64[D]")
    n = len(candidates)
    owner = np.repeat(np.arange(n), rng.integers(0, MOST_NOTES + 1, n))
    whose = positions(interviews["candidate_id"], candidates["candidate_id"])
    order = np.argsort(whose, kind="stable")
    held = np.bincount(whose[whose >= 0], minlength=n)
    first = np.cumsum(held) - held
    owner = owner[held[owner] > 0]
    pick = order[first[owner] + (rng.random(len(owner)) * held[owner]).astype(np.int64)]
    on = (interviews["interview_date"].to_numpy().astype("datetime64[D]")[pick]
          + rng.integers(1, NOTE_DAYS + 1, len(owner)).astype("timedelta64[D]"))
    about = rng.random(len(owner)) < ABOUT_AN_INTERVIEW
    text = rng.integers(0, len(SESSION_NOTES), len(owner))
    keep = np.flatnonzero(on <= day)
    keep = keep[np.lexsort((owner[keep], on[keep]))]
    owner, pick, on, about, text = owner[keep], pick[keep], on[keep], about[keep], text[keep]
    return pd.DataFrame({
        "note_id": _ids("N", len(owner), 7),
        "candidate_id": candidates["candidate_id"].take(owner).reset_index(drop=True),
        "date": pd.Series(np.datetime_as_string(on, unit="D"), dtype="str"),
        "coach": candidates["coach"].take(owner).reset_index(drop=True),
        "text": _take(SESSION_NOTES, text),
        "interview_id": interviews["interview_id"].take(pick).reset_index(drop=True).where(about, ""),
    })


def generate_typed(
    n_candidates: int = 300,
    *,
    seed: int = 0,
    cohorts: int = 4,
    as_of: str = SAMPLE_AS_OF,
    progress: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The same sample as :func:`generate`, as typed frames (what ``Store.tables()`` returns).

    Parameters
    ----------
    n_candidates, seed, cohorts, as_of, progress
        As for :func:`generate`.

    Returns
    -------
    tuple of DataFrame
        (candidates, interviews, events) with the dtypes of :func:`followup_kit.data.schema.typed`.
    """
    frames = generate(n_candidates, seed=seed, cohorts=cohorts, as_of=as_of, progress=progress)
    return tuple(schema.typed(schema.TABLES[name], frame)
                 for name, frame in zip(schema.ORDER, frames, strict=True))


def write_sample(
    out_dir: str | Path,
    n_candidates: int = 300,
    *,
    seed: int = 0,
    cohorts: int = 4,
    as_of: str = SAMPLE_AS_OF,
    progress: bool = False,
) -> list[Path]:
    """Generate a sample and write ``candidates.csv``, ``interviews.csv``, ``events.csv`` and ``notes.csv``.

    The files are UTF-8 with a header row, columns in the order of the data
    model, ready for ``followup-kit import``.

    Parameters
    ----------
    out_dir : str or Path
        Folder for the three files; created when missing. Files already there
        are replaced.
    n_candidates, seed, cohorts, as_of, progress
        As for :func:`generate`.

    Returns
    -------
    list of Path
        The files written, candidates first, notes last.
    """
    frames = generate(n_candidates, seed=seed, cohorts=cohorts, as_of=as_of, progress=progress)
    notes = generate_notes(frames[0], frames[1], seed=seed, as_of=as_of)
    return write_frames(out_dir, (*frames, notes), progress=progress)


# -- the three steps ---------------------------------------------------------
def _candidates(rng: np.random.Generator, n: int, cohorts: int, as_of: np.datetime64) -> dict:
    names, starts = cohort_plan(cohorts, as_of)
    cohort = rng.integers(0, cohorts, n)
    first = rng.integers(0, len(FIRST), n)
    last = rng.integers(0, len(LAST), n)
    country = rng.choice(len(COUNTRIES), size=n, p=COUNTRY_P)
    zones = np.array(sorted({z for options in TIMEZONES.values() for z in options}))
    zone = np.zeros(n, dtype=np.int64)
    for i, code in enumerate(COUNTRIES):
        options = np.searchsorted(zones, TIMEZONES[code])
        sel = country == i
        zone[sel] = options[rng.integers(0, len(options), sel.sum())]
    # Some candidates never said which time zone they are in.
    zone[rng.random(n) < 0.06] = np.searchsorted(zones, "")
    # How keen a candidate is: the same person thanks (or forgets to) across interviews.
    keenness = rng.normal(0.0, 0.5, n)
    return {"n": n, "names": names, "starts": starts, "cohort": cohort, "first": first,
            "last": last, "country": country, "zones": zones, "zone": zone, "keenness": keenness}


def _interviews(rng: np.random.Generator, cand: dict, as_of: np.datetime64) -> dict:
    """Applications and their rounds: one row per interview, each application's rounds in order."""
    per = 1 + rng.poisson(APPLICATIONS_BEYOND_FIRST, cand["n"])
    owner = np.repeat(np.arange(cand["n"]), per)
    a = len(owner)
    start = cand["starts"][cand["cohort"][owner]]
    last_day = as_of - np.timedelta64(1, "D")
    span = np.minimum((last_day - start).astype(int), 182)
    date = start + (rng.random(a) * (span + 1)).astype(int).astype("timedelta64[D]")
    # Interviews happen on weekdays: move a weekend to the Friday before.
    date = np.busday_offset(date, 0, roll="backward").astype(int)
    # A candidate's applications are at different companies: a step coprime with the number
    # of companies walks through all of them before it comes back.
    k = len(COMPANIES)
    steps = np.array([s for s in range(1, k) if math.gcd(s, k) == 1] or [1])
    rank = np.arange(a) - np.repeat(np.cumsum(per) - per, per)
    company = (rng.integers(0, k, cand["n"])[owner]
               + rank * steps[rng.integers(0, len(steps), cand["n"])][owner]) % k

    # Round by round: some rounds lead to an invitation, and the invitation to the next round,
    # held a few weekdays later, unless that day is not there yet.
    rounds = [{"app": np.arange(a), "date": date, "i_first": rng.integers(0, len(FIRST), a),
               "i_last": rng.integers(0, len(LAST), a)}]
    for p in NEXT_ROUND_P:
        prev = rounds[-1]
        n = len(prev["app"])
        invited = rng.random(n) < p
        lag = np.maximum(1, np.rint(rng.lognormal(np.log(INVITE_DAYS) - 0.5**2 / 2, 0.5, n)))
        lag = lag.astype(np.int64)
        held = np.busday_offset((prev["date"] + lag + rng.integers(2, 12, n)).astype("datetime64[D]"),
                                0, roll="forward").astype(int)
        prev["invite"] = np.where(invited, lag, -1)
        coming = np.flatnonzero(invited & (held <= last_day.astype(int)))
        prev["next_held"] = np.full(n, NEVER)
        prev["next_held"][coming] = held[coming]
        # Usually the same interviewer again; sometimes someone else at the company.
        same = rng.random(len(coming)) < 0.7
        rounds.append({
            "app": prev["app"][coming], "date": held[coming],
            "i_first": np.where(same, prev["i_first"][coming], rng.integers(0, len(FIRST), len(coming))),
            "i_last": np.where(same, prev["i_last"][coming], rng.integers(0, len(LAST), len(coming))),
        })
    rounds[-1]["invite"] = np.full(len(rounds[-1]["app"]), -1)
    rounds[-1]["next_held"] = np.full(len(rounds[-1]["app"]), NEVER)
    number = np.concatenate([np.full(len(r["app"]), i + 1) for i, r in enumerate(rounds)])
    joined = {key: np.concatenate([r[key] for r in rounds]) for key in rounds[0]}
    order = np.lexsort((number, joined["app"]))
    joined = {key: value[order] for key, value in joined.items()}
    number = number[order]
    app = joined.pop("app")
    # Each application's rounds sit together, round 1 first: its row names the application.
    first_row = np.flatnonzero(number == 1)[app]
    return {
        "m": len(app), "owner": owner[app], "round": number, "first_row": first_row,
        "company": company[app], "role": rng.choice(len(ROLES), size=a, p=ROLES_P)[app], **joined,
    }


def _events(rng: np.random.Generator, cand: dict, inter: dict, as_of: np.datetime64) -> dict:
    m, owner = inter["m"], inter["owner"]
    k = len(cand["names"])
    cohort = cand["cohort"][owner]
    step = cohort / max(k - 1, 1)  # 0 for the oldest cohort, 1 for the newest
    blocks: list[dict] = []

    def block(iv, offset, kind, channel, to_interviewer, stamp=None, notes_from=None):
        n = len(iv)
        notes = np.zeros(n, dtype=np.int64)
        with_note = rng.random(n) < 0.2
        options = np.array(notes_from or NOTE_BY_KIND[kind])
        notes[with_note] = options[rng.integers(0, len(options), with_note.sum())]
        blocks.append({"iv": iv, "offset": offset, "kind": np.full(n, KIND_CODES[kind]),
                       "channel": channel, "to": to_interviewer, "note": notes,
                       "stamp": np.zeros(n, bool) if stamp is None else stamp})

    # 1. Thank-you letters: 24% in the oldest cohort, rising to 62% in the newest.
    rate = 0.24 + 0.38 * step
    logit = np.log(rate / (1 - rate)) + cand["keenness"][owner]
    thanked = rng.random(m) < 1 / (1 + np.exp(-logit))
    timing = rng.choice(3, size=m, p=[0.18, 0.64, 0.18])  # same day, next day, late
    ty_offset = np.where(timing == 0, 0, np.where(timing == 1, 1, rng.integers(2, 10, m)))
    by_note = rng.random(m) < 0.14
    on_time = thanked & (ty_offset <= 1)
    iv = np.flatnonzero(thanked)
    channel = np.where(by_note[iv], CHANNEL_CODES["note"], CHANNEL_CODES["email"])
    to = np.where(rng.random(len(iv)) < 0.92, 1, 2)
    # An email's sent time is a timestamp with its UTC offset.
    stamp = (channel == CHANNEL_CODES["email"]) & (rng.random(len(iv)) < 0.35)
    block(iv, ty_offset[iv], "thank_you_sent", channel, to, stamp)
    # A handwritten note as well, a few days after the email.
    also = iv[(channel == CHANNEL_CODES["email"]) & (rng.random(len(iv)) < 0.08)]
    block(also, ty_offset[also] + rng.integers(1, 4, len(also)), "thank_you_sent",
          np.full(len(also), CHANNEL_CODES["note"]), np.ones(len(also), np.int64))

    # 2. What the employer will do, and when (days after the interview). A round that leads
    # to another is answered by the invitation; only an application's last round is decided,
    # or goes unanswered, or is given up by the candidate.
    later = inter["round"] > 1
    invite = inter["invite"]
    invited = invite >= 0
    ghost_p = np.where(later, np.where(on_time, 0.35, 0.43), np.where(on_time, 0.62, 0.76))
    ghosted = ~invited & (rng.random(m) < ghost_p)
    mean_days = np.where(later, DECISION_DAYS[1], DECISION_DAYS[0])
    decision = np.maximum(1, np.rint(rng.lognormal(np.log(mean_days) - 0.65**2 / 2, 0.65, m)
                                     * np.where(on_time, 0.8, 1.0))).astype(np.int64)
    heard = np.where(invited, invite, decision)
    promised = rng.random(m) < 0.5
    # Interviewers tend to promise sooner than they decide.
    promised_days = np.maximum(1, np.rint(heard * rng.uniform(0.45, 1.05, m))).astype(np.int64)
    interim = rng.random(m) < 0.5
    interim_day = np.minimum(heard - 1, np.rint(heard * rng.uniform(0.3, 0.7, m)))
    interim &= ~ghosted & (interim_day >= 1)
    withdrawn = ~invited & (rng.random(m) < 0.03)
    withdraw_day = rng.integers(3, 31, m)
    withdrawn &= withdraw_day < np.where(ghosted, NEVER, decision)
    # Nobody chases once the decision or the invitation is in (or after pulling out); a reply
    # to a decision comes in step 5.
    stop = np.where(invited, invite,
                    np.where(withdrawn, withdraw_day, np.where(ghosted, NEVER, decision)))

    # 3. Follow-ups: the window opens about 3 business days after a promised date,
    # else about 10 business days after the interview; a few buffer days absorb holidays.
    opens = np.where(promised, promised_days + 5, 14)
    planned = rng.choice(4, size=m, p=[0.25, 0.40, 0.22, 0.13])
    early = (planned > 0) & (rng.random(m) < 0.22 - 0.12 * step)
    crowded = (planned > 1) & (rng.random(m) < 0.3)
    first_fu = np.where(early, rng.integers(1, np.maximum(opens - 3, 2)),
                        opens + 2 + rng.integers(0, 11, m))
    second_fu = first_fu + np.where(crowded, rng.integers(1, 4, m), rng.integers(8, 16, m))
    third_fu = second_fu + rng.integers(5, 13, m)
    for nth, day in ((1, first_fu), (2, second_fu), (3, third_fu)):
        iv = np.flatnonzero((planned >= nth) & (day < stop))
        n = len(iv)
        channel = rng.choice([CHANNEL_CODES["email"], CHANNEL_CODES["phone"],
                              CHANNEL_CODES["in_person"], CHANNEL_CODES["other"]],
                             size=n, p=[0.65, 0.30, 0.03, 0.02])
        to = rng.choice(3, size=n, p=[0.12, 0.82, 0.06])
        block(iv, day[iv], "follow_up_sent", channel, to)
    pushy = (planned == 3) | crowded

    # 4. Answers: a thank-you on time helps; seeming desperate does not.
    # Few jobs are offered after one interview; most after a second or third.
    offer_p = (np.where(later, np.where(on_time, 0.48, 0.30), np.where(on_time, 0.20, 0.12))
               * np.where(inter["round"] > 2, 1.25, 1.0)
               * np.where(early, 0.55, 1.0) * np.where(pushy, 0.5, 1.0))
    offered = rng.random(m) < offer_p
    iv = np.flatnonzero(interim & (~withdrawn | (interim_day < withdraw_day)))
    block(iv, interim_day[iv].astype(np.int64), "employer_response",
          rng.choice([CHANNEL_CODES["email"], CHANNEL_CODES["phone"]], size=len(iv), p=[0.75, 0.25]),
          np.full(len(iv), 2))
    iv = np.flatnonzero(invited)
    block(iv, invite[iv], "next_round",
          rng.choice([CHANNEL_CODES["email"], CHANNEL_CODES["phone"]], size=len(iv), p=[0.8, 0.2]),
          np.full(len(iv), 2))
    decided = ~ghosted & ~withdrawn & ~invited
    iv = np.flatnonzero(decided & offered)
    block(iv, decision[iv], "offer",
          rng.choice([CHANNEL_CODES["phone"], CHANNEL_CODES["email"], CHANNEL_CODES["letter"]],
                     size=len(iv), p=[0.5, 0.4, 0.1]), np.full(len(iv), 2))
    # Before an offer the employer often asks for references; after it, sends the contract.
    iv = np.flatnonzero(decided & offered & (decision >= 3) & (rng.random(m) < 0.6))
    block(iv, decision[iv] - rng.integers(1, 3, len(iv)), "employer_response",
          np.full(len(iv), CHANNEL_CODES["email"]), np.full(len(iv), 2), notes_from=[6])
    iv = np.flatnonzero(decided & offered & (rng.random(m) < 0.5))
    block(iv, decision[iv] + rng.integers(1, 6, len(iv)), "employer_response",
          np.full(len(iv), CHANNEL_CODES["email"]), np.full(len(iv), 2), notes_from=[11])
    iv = np.flatnonzero(decided & ~offered)
    # Most employers send a formal letter rather than call.
    block(iv, decision[iv], "rejection",
          rng.choice([CHANNEL_CODES["letter"], CHANNEL_CODES["email"], CHANNEL_CODES["phone"]],
                     size=len(iv), p=[0.5, 0.45, 0.05]), np.full(len(iv), 2))
    iv = np.flatnonzero(withdrawn)
    block(iv, withdraw_day[iv], "withdrawn", np.full(len(iv), CHANNEL_CODES["email"]),
          np.ones(len(iv), np.int64))

    # 5. Replies to the decision, sent to the interviewer within a few days (reply_sent):
    # most answer an offer; fewer thank the interviewer after a rejection, more in coached cohorts.
    reply_p = np.where(offered, 0.6 + 0.25 * step, 0.2 + 0.35 * step)
    replies = decided & (rng.random(m) < reply_p)
    for to_offer, notes in ((True, [13, 14]), (False, [12])):
        iv = np.flatnonzero(replies & (offered == to_offer))
        channel = rng.choice([CHANNEL_CODES["email"], CHANNEL_CODES["phone"]], size=len(iv),
                             p=[0.75, 0.25])
        stamp = (channel == CHANNEL_CODES["email"]) & (rng.random(len(iv)) < 0.35)
        block(iv, decision[iv] + rng.integers(0, 5, len(iv)), "reply_sent", channel,
              rng.choice(3, size=len(iv), p=[0.04, 0.9, 0.06]), stamp, notes_from=notes)

    ev = {key: np.concatenate([b[key] for b in blocks]) for key in blocks[0]}
    ev["day"] = inter["date"][ev["iv"]] + ev["offset"]
    # Nothing after as_of; nothing of a round once its next round is held.
    keep = (ev["day"] <= as_of.astype(int)) & (ev["day"] < inter["next_held"][ev["iv"]])
    ev = {key: value[keep] for key, value in ev.items()}
    order = np.lexsort((ev["kind"], ev["day"], ev["iv"]))
    ev = {key: value[order] for key, value in ev.items()}
    return {"ev": ev, "promised": promised, "promised_days": promised_days}


def _frames(rng: np.random.Generator, cand: dict, inter: dict, events: dict,
            as_of: np.datetime64) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    n, m = cand["n"], inter["m"]
    ev = events["ev"]
    ascii_first = [s.translate(ASCII).lower() for s in FIRST]
    ascii_last = [s.translate(ASCII).lower() for s in LAST]

    cand_ids = _ids("C", n, 6)
    candidates = pd.DataFrame({
        "candidate_id": cand_ids,
        "name": _take(FIRST, cand["first"]) + " " + _take(LAST, cand["last"]),
        "email": _take(ascii_first, cand["first"]) + "." + _take(ascii_last, cand["last"])
        + pd.Series(np.arange(1, n + 1)).astype("str") + "@mail.example",
        "cohort": _take(cand["names"], cand["cohort"]),
        "country": _take(COUNTRIES, cand["country"]),
        "timezone": _take(cand["zones"], cand["zone"]),
    })

    # Every date written is looked up in one small table of day strings.
    low = min(int(inter["date"].min()), int(ev["day"].min()) if len(ev["day"]) else as_of.astype(int))
    high = int(max(inter["date"].max() + events["promised_days"].max(), as_of.astype(int)))
    days = list(np.datetime_as_string(np.arange(low, high + 1).astype("datetime64[D]"), unit="D"))
    blank_day = len(days)

    promised = np.where(events["promised"], inter["date"] + events["promised_days"] - low, blank_day)
    interview_ids = _ids("I", m, 7)
    interviews = pd.DataFrame({
        "interview_id": interview_ids,
        "candidate_id": cand_ids.take(inter["owner"]).reset_index(drop=True),
        "company": _take([c for c, _ in COMPANIES], inter["company"]),
        "role": _take(ROLES, inter["role"]),
        "interviewer_name": _take(FIRST, inter["i_first"]) + " " + _take(LAST, inter["i_last"]),
        "interviewer_email": _take(ascii_first, inter["i_first"]) + "."
        + _take(ascii_last, inter["i_last"]) + "@" + _take([d for _, d in COMPANIES], inter["company"]),
        "interview_date": _take(days, inter["date"] - low),
        "promised_decision_date": _take(days + [""], promised),
        "round": _take([str(r) for r in range(1, len(NEXT_ROUND_P) + 2)], inter["round"] - 1),
        # As the store names an application: by the interview_id of its first round.
        "application_id": interview_ids.take(inter["first_row"]).reset_index(drop=True),
    })

    date_code = ev["day"] - low
    stamped = np.flatnonzero(ev["stamp"])
    owner = inter["owner"][ev["iv"][stamped]]
    stamps = _timestamps(rng, ev["day"][stamped], cand["zones"][cand["zone"][owner]],
                         inter["date"][ev["iv"][stamped]], inter["next_held"][ev["iv"][stamped]], as_of)
    date_code[stamped] = len(days) + np.arange(len(stamped))
    events_frame = pd.DataFrame({
        "event_id": _ids("E", len(ev["iv"]), 8),
        "interview_id": interviews["interview_id"].take(ev["iv"]).reset_index(drop=True),
        "date": _take(days + stamps, date_code),
        "kind": _take(schema.KINDS, ev["kind"]),
        "channel": _take(schema.CHANNELS, ev["channel"]),
        "to_interviewer": _take(TO_INTERVIEWER, ev["to"]),
        "note": _take(NOTES, ev["note"]),
    })
    return candidates, interviews, events_frame


def _timestamps(rng: np.random.Generator, day: np.ndarray, tz: np.ndarray, held: np.ndarray,
                next_held: np.ndarray, as_of: np.datetime64) -> list[str]:
    """ISO timestamps with a UTC offset for emails sent on ``day`` in each candidate's zone.

    Most are written in the candidate's own offset; some as the mail server
    wrote them, in UTC, when that does not move the date before the interview,
    onto or past the next round (``next_held``), or after ``as_of``. A
    candidate without a time zone writes UTC.
    """
    n = len(day)
    if n == 0:
        return []
    seconds = rng.integers(7 * 3600, 23 * 3600, n).astype("timedelta64[s]")
    local = day.astype("datetime64[D]").astype("datetime64[s]") + seconds
    offset_min = np.zeros(n, dtype=np.int64)
    for zone in np.unique(tz):
        if zone == "":
            continue
        sel = tz == zone
        aware = pd.DatetimeIndex(local[sel]).tz_localize(
            zone, ambiguous=np.zeros(sel.sum(), bool), nonexistent="shift_forward")
        utc = aware.tz_convert("UTC").tz_localize(None).to_numpy().astype("datetime64[s]")
        offset_min[sel] = (local[sel] - utc).astype(np.int64) // 60
    utc = local - (offset_min * 60).astype("timedelta64[s]")
    utc_day = utc.astype("datetime64[D]").astype(int)
    as_utc = ((rng.random(n) < 0.25) & (utc_day >= held) & (utc_day < next_held)
              & (utc_day <= as_of.astype(int)))
    wall = np.where(as_utc, utc, local)
    offset_min = np.where(as_utc, 0, offset_min)
    sign = np.where(offset_min < 0, "-", "+")
    hours = np.char.zfill((np.abs(offset_min) // 60).astype(str), 2)
    minutes = np.char.zfill((np.abs(offset_min) % 60).astype(str), 2)
    text = np.char.add(np.char.add(np.char.add(np.char.add(
        np.datetime_as_string(wall, unit="s"), sign), hours), ":"), minutes)
    return text.tolist()
