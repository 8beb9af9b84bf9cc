"""Interview facts: one row per interview, the input of every plan and analysis.

:func:`facts` gathers each interview's events (first thank-you, follow-ups,
the employer's first answer, the decision, the reply to it) and applies the
rules of :mod:`followup_kit.playbook.rules` to them. It works on whole columns: the events
are sorted once by (interview, kind, date) and every count, first and last
date is read off that one sorted array.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..data.dates import as_day
from ..data.lookup import positions
from ..data.rounds import numbered_applications
from ..data.schema import KINDS
from . import rules
from .applications import per_application_max
from .cohort_order import cohorts_in_order
from .policy import Policy

#: The columns of the facts table, in order; these names are public API.
FACTS_COLUMNS = (
    "interview_id", "candidate_id", "cohort", "company", "role", "interviewer_name",
    "interviewer_email", "interview_date", "promised_decision_date", "thank_you_due",
    "thank_you_sent", "thank_you_timing", "follow_up_opens", "follow_ups", "early_follow_ups",
    "last_follow_up", "pushy", "not_interviewer", "answered_on", "response_days", "responded",
    "outcome", "outcome_date", "replied_on", "waiting_since", "last_heard", "thank_you_is_due",
    "old_enough", "warned", "closest_follow_ups_days", "country", "application_id", "round", "rounds",
    "next_round_date",
)

_KIND = {k: i for i, k in enumerate(KINDS)}
_NAT_INT = np.iinfo(np.int64).min
_NAT = np.datetime64("NaT", "us")
_NEVER = np.datetime64("9999-12-31", "us")


def _take(column: pd.Series, positions: np.ndarray) -> pd.Series:
    """Rows of ``column`` at ``positions``; -1 gives a missing value."""
    return pd.Series(column.array.take(positions, allow_fill=True))


def local_dates(events: pd.DataFrame, timezones: pd.Series) -> np.ndarray:
    """Each event's calendar date in the candidate's own time zone.

    An event with an exact moment (``sent_at``) and a candidate with a time
    zone takes the date of that moment in the zone; otherwise the date as it
    was written.

    Parameters
    ----------
    events : DataFrame
        Typed events (``date``, ``sent_at``).
    timezones : Series
        IANA time zone per event (missing: keep the date as written).

    Returns
    -------
    numpy.ndarray
        ``datetime64[us]`` dates at midnight.
    """
    out = events["date"].to_numpy(dtype="datetime64[us]").copy()
    if "sent_at" not in events.columns:
        return out
    sent_at = events["sent_at"].reset_index(drop=True)
    zones = pd.Series(timezones).reset_index(drop=True)
    movable = sent_at.notna() & zones.notna()
    if not movable.any():
        return out
    for zone, rows in sent_at[movable].groupby(zones[movable]).groups.items():
        moment = sent_at.loc[rows].dt.tz_convert(zone).dt.tz_localize(None).dt.normalize()
        out[np.asarray(rows)] = moment.to_numpy(dtype="datetime64[us]")
    return out


def facts(candidates: pd.DataFrame, interviews: pd.DataFrame, events: pd.DataFrame,
          as_of=None, policy: Policy | None = None) -> pd.DataFrame:
    """One row per interview: what happened, and what the playbook says about it.

    Parameters
    ----------
    candidates, interviews, events : DataFrame
        The typed tables, as ``Store.tables()`` returns them. Events of
        interviews not in ``interviews`` are left out, so a filtered
        ``interviews`` needs no filtered ``events``.
    as_of : date-like, optional
        The day the facts describe; interviews held and events dated after it
        are left out, as if read on that day. Defaults to the computer's date.
    policy : Policy, optional
        The playbook's numbers; defaults to ``Policy()``.

    Returns
    -------
    DataFrame
        The columns of ``FACTS_COLUMNS`` in order. Notes on the choices made:

        * an event's date is its calendar date in the candidate's time zone
          (see :func:`local_dates`);
        * ``response_days`` runs from the interview to ``answered_on``; with no
          answer, to a withdrawal, else to ``as_of`` (never below 0);
        * ``outcome`` is the earliest offer, rejection or withdrawal (on the
          same day in that order); with none, ``no_response`` when there was no
          answer at all ``ghost_after_days`` after the interview, else
          ``pending``. ``outcome_date`` is the date of that decision; it is
          missing for ``no_response`` and ``pending``, which stay open;
        * a ``follow_up_sent`` dated on or after ``outcome_date`` is the
          candidate's reply to the decision, not a follow-up: ``replied_on`` is
          the date of the first one, and none of them counts in
          ``follow_ups``, ``early_follow_ups``, ``last_follow_up``, ``pushy``
          or ``not_interviewer``;
        * ``country`` is the candidate's, carried over so that the plan counts
          the same public holidays as the facts did.

        * ``cohort`` is a Categorical of every cohort in ``candidates``, in the
          order the cohorts began (by their first interview), so reports and
          plots list them in time order and a cohort with no interviews yet
          still shows up, with zero counts.

    Examples
    --------
    >>> from followup_kit import Store
    >>> candidates, interviews, events = Store(":memory:").tables()
    >>> list(facts(candidates, interviews, events).columns[:3])
    ['interview_id', 'candidate_id', 'cohort']
    """
    policy = policy or Policy()
    today = as_day(as_of)
    cand = candidates.reset_index(drop=True)
    every_cpos = positions(interviews["candidate_id"], cand["candidate_id"])
    every, app_codes = numbered_applications(interviews.reset_index(drop=True), every_cpos)
    # An interview held after as_of was not known on that day.
    held_rows = np.flatnonzero(~(every["interview_date"] > today).to_numpy(dtype=bool))
    iv = every.iloc[held_rows].reset_index(drop=True)
    cpos = every_cpos[held_rows]
    country = _take(cand["country"], cpos)
    held = iv["interview_date"].to_numpy(dtype="datetime64[us]")
    promised = iv["promised_decision_date"].to_numpy(dtype="datetime64[us]")
    ev = _SortedEvents.of(events, iv, _take(cand["timezone"], cpos), today)
    later = _later_rounds(every, app_codes, held_rows, ev, today)

    ty_due = rules.thank_you_due(held, policy)
    ty_sent = ev.first[:, _KIND["thank_you_sent"]]
    answer = _answers(ev, held, promised, country, today, policy, later["next_round_held"])
    chasing = _follow_ups(ev, answer["follow_up_opens"], answer["outcome_date"], country, policy)

    def text(name: str) -> pd.Series:
        return iv[name].astype("str")

    result = pd.DataFrame({
        "interview_id": text("interview_id"),
        "candidate_id": text("candidate_id"),
        "cohort": cohorts_in_order(cand["cohort"], cpos, held),
        "company": text("company"),
        "role": text("role"),
        "interviewer_name": text("interviewer_name"),
        "interviewer_email": text("interviewer_email"),
        "interview_date": held,
        "promised_decision_date": promised,
        "thank_you_due": ty_due,
        "thank_you_sent": ty_sent,
        "thank_you_timing": rules.thank_you_timing(held, ty_due, ty_sent),
        "thank_you_is_due": ty_due <= today,
        "warned": (chasing["early_follow_ups"] > 0) | chasing["pushy"] | chasing["not_interviewer"],
        "country": pd.Series(country, dtype="str"),
        "application_id": text("application_id"),
        "round": iv["round"].to_numpy(dtype=np.int64),
        "rounds": later["rounds"],
        "next_round_date": later["next_round_date"],
        **answer,
        **chasing,
    }, columns=list(FACTS_COLUMNS))
    # The plan must judge the facts by the numbers they were built with (see plan()).
    result.attrs["policy"] = policy
    result.attrs["as_of"] = today
    return result


@dataclass
class _SortedEvents:
    """The known interviews' events, by interview, kind and local date, sorted once.

    ``first`` and ``last`` hold each (interview, kind)'s first and last day;
    ``slot`` (interview × kinds + kind) and ``day`` are the sorted pairs, so an
    interview's events of one kind run in date order.
    """

    n: int
    slot: np.ndarray
    day: np.ndarray
    first: np.ndarray
    last: np.ndarray
    ipos: np.ndarray
    when: np.ndarray
    kind: np.ndarray
    to_interviewer: object
    #: Whether each interview has an invitation to the next round logged, on any day.
    invited_ever: np.ndarray

    @classmethod
    def of(cls, events: pd.DataFrame, iv: pd.DataFrame, zone: pd.Series, today) -> _SortedEvents:
        ev = events.reset_index(drop=True)
        ipos = positions(ev["interview_id"], iv["interview_id"])
        known = ipos >= 0
        when = local_dates(ev, _take(zone, ipos))
        keep = known & ~np.isnat(when) & (when <= today)
        invitations = known & (ev["kind"].astype("str") == "next_round").to_numpy()
        invited_ever = np.bincount(ipos[invitations], minlength=len(iv)) > 0
        ipos, when = ipos[keep], when[keep]
        kind = positions(ev["kind"], list(KINDS))[keep]
        to_interviewer = ev["to_interviewer"].array[keep] if "to_interviewer" in ev.columns else None
        ok = kind >= 0
        ipos, when, kind = ipos[ok], when[ok], kind[ok]
        if to_interviewer is not None:
            to_interviewer = to_interviewer[ok]

        n, k = len(iv), len(KINDS)
        day = when.astype("datetime64[D]").astype(np.int64)
        first_day = int(day.min()) if len(day) else 0
        span = (int(day.max()) - first_day + 1) if len(day) else 1
        # One sort of a single integer: (interview, kind) major, date minor.
        packed = np.sort((ipos.astype(np.int64) * k + kind) * span + (day - first_day))
        s_slot = packed // span
        s_day = packed % span + first_day
        starts = np.r_[True, s_slot[1:] != s_slot[:-1]] if len(packed) else np.zeros(0, bool)
        ends = np.r_[s_slot[1:] != s_slot[:-1], True] if len(packed) else np.zeros(0, bool)

        def at(edges: np.ndarray) -> np.ndarray:
            out = np.full(n * k, _NAT_INT, dtype=np.int64)
            out[s_slot[edges]] = s_day[edges]
            return out.view("datetime64[D]").astype("datetime64[us]").reshape(n, k)

        return cls(n=n, slot=s_slot, day=s_day, first=at(starts), last=at(ends), ipos=ipos, when=when,
                   kind=kind, to_interviewer=to_interviewer, invited_ever=invited_ever)

    def earliest(self, kinds: tuple[str, ...]) -> np.ndarray:
        """Each interview's first day of each of ``kinds`` (one column each), far future for none."""
        cols = self.first[:, [_KIND[x] for x in kinds]] if kinds else np.full((self.n, 1), _NAT)
        return np.where(np.isnat(cols), _NEVER, cols)

    def of_kind(self, kind: str) -> tuple[np.ndarray, np.ndarray]:
        """The (interview, day) pairs of one kind of event, sorted by interview and day."""
        chosen = self.slot % len(KINDS) == _KIND[kind]
        return self.slot[chosen] // len(KINDS), self.day[chosen].astype("datetime64[D]").astype("datetime64[us]")

    def first_of(self, rows: np.ndarray, days: np.ndarray) -> np.ndarray:
        """Each interview's earliest day among sorted pairs (NaT for interviews with none)."""
        out = np.full(self.n, _NAT)
        starts = np.r_[True, rows[1:] != rows[:-1]] if len(rows) else np.zeros(0, bool)
        out[rows[starts]] = days[starts]
        return out


def _later_rounds(every: pd.DataFrame, codes: np.ndarray, held_rows: np.ndarray, ev: _SortedEvents,
                  today) -> dict[str, np.ndarray]:
    """What each held round knows of the rounds after it.

    ``codes`` numbers each interview's application. ``next_round_held``: the
    day the next round of its application was held (NaT if it was not, by
    ``today``), which answers this one on that day. ``next_round_date``: the
    next round's day where it is known on ``today``: held, or its invitation
    logged by then, or scheduled with no invitation logged at all. ``rounds``:
    the rounds of the application known on ``today``.
    """
    every_round = every["round"].to_numpy(dtype=np.int64)
    rounds = every_round[held_rows]
    next_day = np.full(len(held_rows), _NAT)
    held_rounds = rounds.copy()
    # Most applications have one interview: only those with several have a next round to find.
    several = (np.bincount(codes, minlength=int(codes.max(initial=-1)) + 1)[codes] > 1) if len(codes) \
        else np.zeros(0, dtype=bool)
    mine = np.flatnonzero(several[held_rows])
    if len(mine):
        pool = np.flatnonzero(several)
        span = int(every_round.max(initial=0)) + 2
        key = codes[pool] * span + every_round[pool]
        # Two rounds of one number cannot be imported; should they meet here, the first one counts.
        first = ~pd.Series(key).duplicated().to_numpy()
        rows = held_rows[mine]
        found = pd.Index(key[first]).get_indexer(codes[rows] * span + every_round[rows] + 1)
        days = every["interview_date"].to_numpy(dtype="datetime64[us]")[pool][first]
        next_day[mine] = np.where(found >= 0, days[np.maximum(found, 0)], _NAT)
        held_rounds[mine] = per_application_max(None, rounds[mine], codes=pd.factorize(codes[rows])[0])
    held_next = np.where(next_day <= today, next_day, _NAT)
    invited = ~np.isnat(ev.first[:, _KIND["next_round"]])
    # An invitation dated after today hides the round it invites to: it was not yet known.
    known = ~np.isnat(held_next) | invited | ~ev.invited_ever
    next_round_date = np.where(known, next_day, _NAT)
    waiting = (rounds == held_rounds) & ~np.isnat(next_round_date) & np.isnat(held_next)
    coming = waiting.copy()
    if len(mine):
        coming[mine] = per_application_max(None, waiting[mine], codes=pd.factorize(codes[held_rows[mine]])[0]) > 0
    return {"next_round_held": held_next, "next_round_date": next_round_date,
            "rounds": (held_rounds + coming).astype(np.int64)}


def _answers(ev: _SortedEvents, held, promised, country, today, policy: Policy,
             next_round_held) -> dict[str, object]:
    """The employer's answer and the outcome: the facts' columns from ``follow_up_opens`` to ``old_enough``."""
    n = ev.n
    since = rules.waiting_since(held, promised)
    opens = rules.follow_up_opens(held, promised, country, policy)
    answers = ev.earliest(policy.answer_kinds).min(axis=1)
    # A later round held answers this one on its day, invitation logged or not.
    answers = np.minimum(answers, np.where(np.isnat(next_round_held), _NEVER, next_round_held))
    answered_on = np.where(answers == _NEVER, _NAT, answers)
    responded = ~np.isnat(answered_on)
    heard = ev.last[:, [_KIND[x] for x in policy.answer_kinds]] if policy.answer_kinds else np.full((n, 1), _NAT)
    heard = np.where(np.isnat(heard), np.datetime64("0001-01-01", "us"), heard).max(axis=1)
    last_heard = np.where(responded, heard, _NAT)
    decisions = ev.earliest(policy.decision_kinds)
    which = decisions.argmin(axis=1)
    decided_on = decisions[np.arange(n), which]
    decided = decided_on != _NEVER
    withdrawn_on = ev.first[:, _KIND["withdrawn"]]
    stop = np.where(responded, answered_on, np.where(np.isnat(withdrawn_on), today, withdrawn_on))
    ghost_on = rules.ghost_date(since, opens, policy)
    ghosted = ~responded & (today >= ghost_on)
    # An answer without a decision keeps the interview open only so long: give_up_after_days
    # after the employer's last message (never before their own date), it closes unanswered.
    stale = responded & ~decided & (today >= rules.give_up_date(since, opens, policy, last_heard))
    invited_on = ev.first[:, _KIND["next_round"]]
    invited_on = np.where(np.isnat(invited_on), _NEVER, invited_on)
    invited_on = np.minimum(invited_on, np.where(np.isnat(next_round_held), _NEVER, next_round_held))
    invited = invited_on != _NEVER
    names = np.array([*policy.decision_kinds, "next_round", "no_response", "pending"], dtype=object)
    d = len(policy.decision_kinds)
    # A decision beats an invitation; an invitation settles the round: it never goes unanswered.
    picked = np.where(decided, which, np.where(invited, d, np.where(ghosted | stale, d + 1, d + 2)))
    return {
        "follow_up_opens": opens,
        "answered_on": answered_on,
        "response_days": np.maximum((stop - held) // np.timedelta64(1, "D"), 0).astype(np.int64),
        "responded": responded,
        "outcome": pd.Categorical(names[picked], categories=list(rules.OUTCOMES)),
        "outcome_date": np.where(decided, decided_on, np.where(invited, invited_on, _NAT)),
        "waiting_since": since,
        "last_heard": last_heard,
        "old_enough": today >= ghost_on,
    }


def _follow_ups(ev: _SortedEvents, opens, outcome_date, country, policy: Policy) -> dict[str, object]:
    """Rule 2, the follow-ups: the facts' follow-up counts and flags, and the reply to a decision."""
    n = ev.n
    # A follow-up on or after the decision answers it: it is the reply, not chasing,
    # so it sets replied_on and stays out of every follow-up count and flag. An interview's
    # follow-ups run in date order, so its chasing ones come first and its replies after them.
    fu_ipos, fu_day = ev.of_kind("follow_up_sent")
    reply = rules.is_reply(fu_day, outcome_date[fu_ipos])
    replied_on = ev.first_of(fu_ipos[reply], fu_day[reply])
    # A reply_sent says so itself: on or after the decision it is the reply to it; before, the
    # candidate answering the employer (references, a question), which changes no clock or count.
    rs_ipos, rs_day = ev.of_kind("reply_sent")
    answers_news = rules.is_reply(rs_day, outcome_date[rs_ipos])
    reply_sent_on = ev.first_of(rs_ipos[answers_news], rs_day[answers_news])
    replied_on = np.where(np.isnat(replied_on) | (reply_sent_on < replied_on), reply_sent_on, replied_on)
    c_ipos, c_day = fu_ipos[~reply], fu_day[~reply]
    follow_ups = np.bincount(c_ipos, minlength=n)
    early = np.bincount(c_ipos[rules.is_early(c_day, opens[c_ipos])], minlength=n)
    c_last = np.r_[c_ipos[1:] != c_ipos[:-1], True] if len(c_ipos) else np.zeros(0, bool)
    last_follow_up = np.full(n, _NAT)
    last_follow_up[c_ipos[c_last]] = c_day[c_last]
    pair = c_ipos[1:] == c_ipos[:-1]
    pair_ipos = c_ipos[1:][pair]
    too_close = rules.is_too_close(c_day[:-1][pair], c_day[1:][pair], country.take(pair_ipos), policy)
    gaps = ((c_day[1:][pair] - c_day[:-1][pair]) // np.timedelta64(1, "D")).astype(np.int64)
    closest = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(closest, pair_ipos, gaps)
    any_too_close = np.bincount(pair_ipos[too_close], minlength=n) > 0
    if ev.to_interviewer is not None:
        # to_interviewer is not in the sorted array: read the events in their own order.
        is_fu = ev.kind == _KIND["follow_up_sent"]
        ev_ipos, ev_when = ev.ipos[is_fu], ev.when[is_fu]
        wrong = (rules.not_interviewer(ev.to_interviewer[is_fu])
                 & ~rules.is_reply(ev_when, outcome_date[ev_ipos]))
        not_interviewer = np.bincount(ev_ipos[wrong], minlength=n) > 0
    else:
        not_interviewer = np.zeros(n, dtype=bool)
    return {
        "follow_ups": follow_ups.astype(np.int64),
        "early_follow_ups": early.astype(np.int64),
        "last_follow_up": last_follow_up,
        "pushy": rules.is_pushy(follow_ups, any_too_close, policy),
        "not_interviewer": not_interviewer,
        "replied_on": replied_on,
        "closest_follow_ups_days": pd.array(np.where(closest == np.iinfo(np.int64).max, None, closest),
                                            dtype="Int64"),
    }
