"""The playbook's numbers: one frozen :class:`Policy` a coach can change.

Every default comes from a sentence of the career centre's advice
(``shared/seed/after-the-interview.txt``), quoted beside its field. No other
module writes these numbers down; they all take a ``Policy``.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, fields

from ..data.schema import KINDS
from ..errors import FollowupKitError

_DECISIONS = ("offer", "rejection", "withdrawn")


@dataclass(frozen=True)
class Policy:
    """The rules of the follow-up playbook, as numbers a coach can change.

    Parameters
    ----------
    thank_you_after_days : int
        Calendar days after the interview by which the thank-you letter is due.
        "You should send the thank you letter a day after the interview."
        Calendar days, not business days: a Friday interview is thanked on Saturday.
    grace_business_days : int
        Business days after a promised decision date before a follow-up is welcome.
        "If your interviewer told you that they'd call you by a certain date, give
        them a few more days before you contact them again."
    default_wait_business_days : int
        Business days after the interview before a follow-up is welcome when no
        decision date was promised. "Don't panic if you don't get a call back from
        them right away. They may still be interviewing potential candidates."
    max_follow_ups : int
        Follow-ups that are still patient; one more is flagged ``pushy``.
        "Don't panic or seem desperate."
    min_gap_business_days : int
        Business days that should pass between two follow-ups; two closer than
        this are flagged ``pushy``. "Don't panic or seem desperate."
    ghost_after_days : int
        Calendar days of silence after which an interview counts as
        ``no_response`` and, once the follow-ups are used up, the candidate is
        told to move on. "Most companies won't call you if you didn't get the
        job." The clock starts at the later of the interview and the promised
        decision date, never before the follow-up window opens: "If your
        interviewer told you that they'd call you by a certain date, give them a
        few more days before you contact them again."
    give_up_after_days : int
        Calendar days after which an open interview is let go even when
        follow-ups remain: a first follow-up months late does not help. "All you
        want to know is if the job is still available, or whether it's already
        been taken by one of the other applicants": after this long, it has
        been. Counted, like ``ghost_after_days``, from the later of the
        interview and the promised date; when the employer wrote without a
        decision, from their last message, so an answer that never turns into
        a decision closes too (``no_response``, ``move_on``). At least
        ``ghost_after_days``.
    reply_after_days : int
        Calendar days after an offer or a rejection by which the candidate should
        reply. "If you didn't get the job, stay positive and remember to thank the
        interviewer for their time."
    reply_window_days : int
        Calendar days after a rejection during which a reply is still worth
        sending; after that the plan lets it go. An offer is never let go (it
        needs an answer), but past this window the plan warns that it may have
        lapsed. "If you didn't get the job, stay positive and remember to thank
        the interviewer for their time": a reply that helps is a prompt one.
        At least ``reply_after_days``.
    answer_kinds : tuple of str
        Event kinds that count as the employer answering (``responded``,
        ``answered_on``). "All you want to know is if the job is still available,
        or whether it's already been taken." An invitation to the next round
        (``next_round``) is an answer, and not a decision.
    decision_kinds : tuple of str
        Event kinds that settle an interview's ``outcome``; the earliest one wins.
        "Most companies won't call you if you didn't get the job, but they will
        send you a formal letter thanking you for your application."

    Examples
    --------
    >>> Policy().grace_business_days
    3
    >>> Policy(max_follow_ups=1).max_follow_ups
    1
    """

    thank_you_after_days: int = 1
    grace_business_days: int = 3
    default_wait_business_days: int = 10
    max_follow_ups: int = 2
    min_gap_business_days: int = 5
    ghost_after_days: int = 45
    give_up_after_days: int = 90
    reply_after_days: int = 1
    reply_window_days: int = 14
    answer_kinds: tuple[str, ...] = ("employer_response", "next_round", "offer", "rejection")
    decision_kinds: tuple[str, ...] = ("offer", "rejection", "withdrawn")

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name.endswith("_kinds"):
                if isinstance(value, str) or not all(isinstance(k, str) for k in value):
                    raise FollowupKitError(
                        f"Policy.{f.name} must be a tuple of event kinds, got {value!r}")
                unknown = [k for k in value if k not in KINDS]
                if unknown:
                    raise FollowupKitError(
                        f"Policy.{f.name}: unknown event kind {unknown[0]!r} "
                        f"(allowed: {', '.join(KINDS)})")
                if f.name == "decision_kinds" and not set(value) <= set(_DECISIONS):
                    raise FollowupKitError(
                        f"Policy.decision_kinds can only hold {', '.join(_DECISIONS)}, got {value!r}")
                object.__setattr__(self, f.name, tuple(value))
            elif isinstance(value, bool) or not isinstance(value, numbers.Integral):
                raise FollowupKitError(
                    f"Policy.{f.name} must be a whole number, got {value!r}")
            elif value < 0:
                raise FollowupKitError(
                    f"Policy.{f.name} is {value}; it cannot be negative (use 0 for 'no wait')")
            else:
                object.__setattr__(self, f.name, int(value))
        if self.give_up_after_days < self.ghost_after_days:
            raise FollowupKitError(
                f"Policy.give_up_after_days is {self.give_up_after_days} but silence only counts as "
                f"no response after {self.ghost_after_days} days; make it at least ghost_after_days")
        if self.reply_window_days < self.reply_after_days:
            raise FollowupKitError(
                f"Policy.reply_window_days is {self.reply_window_days} but a reply is only due "
                f"{self.reply_after_days} days after the news; make the window at least "
                "reply_after_days long")
