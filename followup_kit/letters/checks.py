"""Check a letter against the playbook: which parts it has, and what would sound desperate.

The career centre's advice says what each message must do. A thank-you letter
says how much the candidate **appreciated** the interview, **reiterates
interest** in the role, **reminds** the interviewer of the candidate's
**strengths**, and names the **interviewer** and the **role**. A follow-up
**reintroduces** the candidate, gives the **reason** for writing and **asks
whether the job is still open**. A reply to a rejection **thanks** the
interviewer, **stays positive** and, if they seem open, **asks for tips**. A
reply to an offer **thanks** the employer and names the **role**; it either
accepts (which shows **interest**), asks for time to decide, with a date and
with interest, or declines graciously, keeping the door open (a decline that
regrets the job shows interest too).

The rules are plain regular expressions and word lists over sentences, read as
written and as lemmas (simplemma's dictionaries, shipped in its package), so the
same letter always gets the same verdict and nothing is downloaded. Quoted
text and the signature are not read. Each part
found comes with the sentence that shows it, so a coach can see why.

Each check reads the letter (:mod:`.reading`), looks for its parts with the
phrases of :mod:`.words`, the role (:mod:`.roles`) and the interviewer's
name (:mod:`.names`), and records what it found as a :class:`LetterCheck`
(:mod:`.verdict`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import lru_cache

from ..errors import FollowupKitError
from .names import find_interviewer
from .reading import LetterText, Sentence, find_interest, find_regret, fold, likes_employer, tokens
from .roles import find_role, role_rx
from .verdict import (
    INTENT_UNCLEAR,
    MAX_WORDS,
    OFFER_INTENTS,
    PARTS,
    WARNING_CODES,
    LetterCheck,
    LetterWarning,
    verdict,
)
from .words import (
    A_DATE,
    ACCEPTS,
    ACCEPTS_LEMMAS,
    APPRECIATION,
    ASKING,
    ASKS,
    ASKS_STATUS,
    ASKS_STATUS_LEMMAS,
    CLAUSE_BREAK,
    CONDITION,
    DECIDING,
    DECLINES_OFFER,
    DOOR_OPEN,
    EAGER_TO_START,
    GLAD_OF_OFFER,
    GLAD_OF_OFFER_LEMMAS,
    HOSTILE_RX,
    NOT_ASKING,
    NOT_HEARD_LEMMAS,
    OWN_NEWS_LEMMAS,
    POSITIVE,
    POSITIVE_LEMMAS,
    REASON,
    REASON_LEMMAS,
    REINTRODUCTION_CASED,
    REINTRODUCTION_CI,
    REINTRODUCTION_LEMMAS,
    REPROACH,
    SARCASM_RX,
    STATUS_ASKED,
    STATUS_NOT_ASKED,
    STATUS_TOPIC,
    STRENGTHS,
    STRENGTHS_LEMMAS,
    THANKS,
    TIPS,
    TIPS_LEMMAS,
    WAITED,
    WAITED_LEMMAS,
    any_of,
)

__all__ = ["INTENT_UNCLEAR", "MAX_WORDS", "OFFER_INTENTS", "PARTS", "WARNING_CODES", "LetterCheck",
           "LetterWarning", "check", "check_follow_up", "check_offer_reply", "check_rejection_reply",
           "check_thank_you"]


def _fields(interview: Mapping | None, needed: tuple[str, ...], checker: str) -> dict:
    if interview is None:
        raise FollowupKitError(
            f"{checker} needs interview=... with {', '.join(needed)}, to look for them in the letter")
    values = dict(interview.items())
    missing = [k for k in needed if not isinstance(values.get(k), str) or not values[k].strip()]
    if missing:
        raise FollowupKitError(
            f"{checker}: the interview has no {', '.join(missing)}; give it as text "
            f"(e.g. interview={{'interviewer_name': 'Amara Lee', 'role': 'Data Analyst', ...}})")
    return values


def _chosen_strengths_rx(strengths) -> re.Pattern | None:
    """Find the candidate's own chosen strengths: all their content words in one sentence."""
    if strengths is None or isinstance(strengths, str) or not len(strengths):
        return None
    return _strengths_rx(tuple(str(strength) for strength in strengths))


@lru_cache(maxsize=1024)
def _strengths_rx(strengths: tuple[str, ...]) -> re.Pattern | None:
    looks = []
    for strength in strengths:
        words = [w for w in re.findall(r"[a-z0-9+#]+", fold(strength).lower()) if len(w) > 2]
        if words:
            looks.append("".join(rf"(?=.*\b{re.escape(w)})" for w in words))
    return any_of(*looks) if looks else None


def check_thank_you(text: str, *, interview: Mapping, kind: str = "thank_you",
                    max_words: int | None = None) -> LetterCheck:
    """Check a thank-you letter for the five things the playbook asks of it.

    Parameters
    ----------
    text : str
        The letter, greeting and signature included.
    interview : mapping
        At least ``interviewer_name``, ``role`` and ``company`` (an interview
        facts row works). An optional ``strengths`` list (the candidate's chosen
        strengths) is looked for too. For a letter whose interview is not known,
        use :func:`check` with ``interview=None``.
    kind : {"thank_you", "note"}
        ``note`` for the short handwritten version (a shorter length limit).
    max_words : int, optional
        Length limit; defaults to :data:`MAX_WORDS` for the kind.

    Returns
    -------
    LetterCheck
        Parts ``appreciation``, ``interest``, ``strengths``, ``interviewer``, ``role``.

    Examples
    --------
    >>> r = check_thank_you("Dear Ms Lee, thank you for the interview for the Data Analyst role.",
    ...                     interview={"interviewer_name": "Amara Lee", "role": "Data Analyst",
    ...                                "company": "Cedar"})
    >>> r.parts["interviewer"], r.parts["role"], r.parts["strengths"]
    (True, True, False)
    """
    if kind not in ("thank_you", "note"):
        raise FollowupKitError(f"check_thank_you checks thank_you or note letters, not {kind!r}")
    values = _fields(interview, ("interviewer_name", "role", "company"), "check_thank_you")
    return _thank_you(text, values, kind, max_words)


def _thank_you(text: str, values: dict | None, kind: str, max_words: int | None) -> LetterCheck:
    """The thank-you check; ``values`` None leaves out the parts that need the interview."""
    known = values is not None
    values = values if known else {"role": "", "company": ""}
    letter = LetterText.read(text)
    strengths = letter.find(STRENGTHS, lemma_rx=STRENGTHS_LEMMAS)
    chosen = _chosen_strengths_rx(values.get("strengths"))
    if strengths is None and chosen is not None:
        strengths = letter.find(chosen)
    role_pattern = role_rx(values["role"])
    found = {
        "appreciation": letter.find(APPRECIATION, skip_sign_offs=True, negatable=True, sincere=True),
        "interest": find_interest(letter, role_pattern, values["company"]),
        "strengths": strengths,
    }
    if known:
        found["interviewer"] = find_interviewer(letter, values["interviewer_name"])
        found["role"] = None if role_pattern is None else find_role(letter, role_pattern, values["company"])
    return verdict(kind, letter, found, max_words)


def check_follow_up(text: str, *, interview: Mapping | None = None,
                    max_words: int | None = None) -> LetterCheck:
    """Check a follow-up message: reintroduce yourself, say why you write, ask if the job is open.

    Parameters
    ----------
    text : str
        The email, or the script of the phone call.
    interview : mapping, optional
        Not needed for the parts; accepted so all checkers are called alike.
    max_words : int, optional
        Length limit; defaults to :data:`MAX_WORDS` ``["follow_up"]``.

    Returns
    -------
    LetterCheck
        Parts ``reintroduction``, ``reason``, ``asks_status``; pressure and
        desperation become warnings.
    """
    letter = LetterText.read(text)
    reintro = letter.find(REINTRODUCTION_CI, lemma_rx=REINTRODUCTION_LEMMAS) or letter.find(REINTRODUCTION_CASED)
    found = {
        "reintroduction": reintro,
        "reason": letter.find(REASON, lemma_rx=REASON_LEMMAS) or letter.first(_reason_now),
        "asks_status": letter.first(_asks_status),
    }
    return verdict("follow_up", letter, found, max_words)


def _reason_now(sentence: Sentence) -> bool:
    """Whether a sentence gives a reason for writing now: the wait, or news of the candidate's own.

    The employer's time recalled or gone by, nothing heard since (not in a
    condition: "if I don't hear back by Friday"), another offer or a deadline
    of the candidate's own. A wait told as a reproach is not a polite reason.
    """
    folded, lemmas = sentence.folded, sentence.lemmas
    if sentence.may_match(REPROACH) and REPROACH.search(folded):
        return False
    if (sentence.may_match(WAITED_LEMMAS, "lemmas") and WAITED_LEMMAS.search(lemmas)
            or sentence.may_match(WAITED) and WAITED.search(folded)
            or sentence.may_match(OWN_NEWS_LEMMAS, "lemmas") and OWN_NEWS_LEMMAS.search(lemmas)):
        return True
    return sentence.may_match(NOT_HEARD_LEMMAS, "lemmas") and any(
        not CONDITION.search(CLAUSE_BREAK.split(lemmas[:m.start()])[-1]) for m in NOT_HEARD_LEMMAS.finditer(lemmas))


def _asks_status(sentence: Sentence) -> bool:
    """Whether a sentence asks where things stand; "I'm not asking whether you've decided" does not.

    Whether the job is still open or filled, or any question or wish to know
    about the decision, its timing, the next step, or whether the candidate is
    still considered (:data:`~.words.STATUS_ASKED` with :data:`~.words.STATUS_TOPIC`).
    """
    if NOT_ASKING.search(sentence.folded):
        return False
    if (sentence.may_match(ASKS_STATUS) and ASKS_STATUS.search(sentence.folded)
            or sentence.may_match(ASKS_STATUS_LEMMAS, "lemmas") and ASKS_STATUS_LEMMAS.search(sentence.lemmas)):
        return True
    lemmas = sentence.lemmas
    return bool(("?" in lemmas or sentence.may_match(STATUS_ASKED, "lemmas") and STATUS_ASKED.search(lemmas))
                and sentence.may_match(STATUS_TOPIC, "lemmas") and STATUS_TOPIC.search(lemmas)
                and not STATUS_NOT_ASKED.search(lemmas))


def check_rejection_reply(text: str, *, interview: Mapping | None = None,
                          max_words: int | None = None) -> LetterCheck:
    """Check a reply to a rejection: thanks, a positive tone, and (if they seem open) a request for tips.

    Parameters
    ----------
    text : str
        The reply.
    interview : mapping, optional
        Not needed for the parts; accepted so all checkers are called alike.
    max_words : int, optional
        Length limit; defaults to :data:`MAX_WORDS` ``["rejection_reply"]``.

    Returns
    -------
    LetterCheck
        Parts ``thanks``, ``positive``, ``asks_tips``. A bitter sentence
        ("unfair", "please reconsider") makes ``positive`` false and adds a warning.
    """
    letter = LetterText.read(text)
    hostile = letter.find(HOSTILE_RX) or letter.find(SARCASM_RX)
    found = {
        "thanks": letter.find(THANKS, skip_sign_offs=True, negatable=True, sincere=True),
        "positive": None if hostile is not None else letter.find(POSITIVE, lemma_rx=POSITIVE_LEMMAS,
                                                                  negatable=True),
        "asks_tips": letter.first(_asks_tips),
    }
    return verdict("rejection_reply", letter, found, max_words)


def _asks_tips(sentence: Sentence) -> bool:
    """Whether a sentence asks for tips: what to improve, feedback, what was missing, as a request."""
    folded = sentence.folded
    return bool((sentence.may_match(TIPS) and TIPS.search(folded)
                 or sentence.may_match(TIPS_LEMMAS, "lemmas") and TIPS_LEMMAS.search(sentence.lemmas))
                and sentence.may_match(ASKING) and ASKING.search(folded))


def _offer_intent(letter: LetterText) -> tuple[str | None, str | None]:
    """What a reply to an offer does, and the sentence that shows it.

    A decline anywhere wins: a letter that turns the job down often thanks
    for the time to decide. Then a plain yes ("I am delighted to accept"),
    then a request for time, then keenness to start, which in a reply to an
    offer is a yes when nothing else is said.
    """
    if (said := letter.find(DECLINES_OFFER, negatable=True)) is not None:
        return "decline", said
    if (said := letter.find(ACCEPTS, lemma_rx=ACCEPTS_LEMMAS, negatable=True)) is not None:
        return "accept", said
    if (said := next(iter(_time_asks(letter)), None)) is not None:
        return "time", said
    if (said := letter.find(EAGER_TO_START, negatable=True)) is not None:
        return "accept", said
    return None, None


def _time_asks(letter: LetterText) -> list[str]:
    """The sentences that ask for time to decide: a request and something to decide in one."""
    return letter.every(_asks_time)


def _asks_time(sentence: Sentence) -> bool:
    folded = sentence.folded
    return bool(sentence.may_match(ASKS) and ASKS.search(folded)
                and sentence.may_match(DECIDING) and DECIDING.search(folded))


def check_offer_reply(text: str, *, interview: Mapping, max_words: int | None = None) -> LetterCheck:
    """Check a reply to an offer: what it does with the offer, thanks, interest, and the role by name.

    The reply accepts, asks for time to decide, or declines
    (:attr:`LetterCheck.intent`). Accepting is the plainest interest there
    is, so an acceptance shows interest; a reply that asks for time should
    show it too and name the day it will answer by; gladness at the offer or
    liking the employer ("I really like the projects of your studio") shows it.
    A decline is not asked for interest, but is credited with it when it
    shows regret ("I was genuinely excited about the role", "I'd have loved
    to work with you all"), and should keep the door open. The role counts
    when the reply names it, even to turn it down.

    Parameters
    ----------
    text : str
        The reply.
    interview : mapping
        At least ``role``; ``company`` helps tell this job from another one. For a
        reply whose interview is not known, use :func:`check` with ``interview=None``.
    max_words : int, optional
        Length limit; defaults to :data:`MAX_WORDS` ``["offer_reply"]``.

    Returns
    -------
    LetterCheck
        Parts ``thanks``, ``interest``, ``role``, with ``intent`` and
        ``intent_evidence``. Warnings ``no_date`` (time asked for without a
        day) and ``closed_door`` (a decline with no good wish or hope to meet
        again) come on top of the usual ones.

    Examples
    --------
    >>> r = check_offer_reply("Thank you for the offer of the Data Analyst role; I am delighted to accept.",
    ...                       interview={"role": "Data Analyst", "company": "Cedar"})
    >>> r.intent, r.ok
    ('accept', True)
    """
    return _offer_reply(text, _fields(interview, ("role",), "check_offer_reply"), max_words)


def _offer_reply(text: str, values: dict | None, max_words: int | None) -> LetterCheck:
    """The offer-reply check; ``values`` None leaves the role out of the parts."""
    values = values or {}
    company = str(values.get("company") or "")
    letter = LetterText.read(text)
    role_pattern = role_rx(values["role"]) if values else None
    intent, shown = _offer_intent(letter)
    if intent == "decline":
        interest = find_regret(letter, role_pattern, company)
    else:
        interest = (find_interest(letter, role_pattern, company)
                    or (shown if intent == "accept" else None)
                    or letter.find(GLAD_OF_OFFER, lemma_rx=GLAD_OF_OFFER_LEMMAS, negatable=True)
                    or letter.first(likes_employer, role_pattern, tuple(tokens(company))))
    found = {
        "thanks": letter.find(THANKS, skip_sign_offs=True, negatable=True, sincere=True),
        "interest": interest,
    }
    if values:
        found["role"] = (None if role_pattern is None
                         else find_role(letter, role_pattern, company, negatable=False))
    result = verdict("offer_reply", letter, found, max_words)
    extra = []
    if intent == "time" and not any(A_DATE.search(fold(s)) for s in _time_asks(letter)):
        extra.append(LetterWarning(
            "no_date", "asks for time without saying until when; name the day you will answer by"))
    if intent == "decline" and letter.find(DOOR_OPEN, skip_sign_offs=True) is None:
        extra.append(LetterWarning(
            "closed_door", "declines without keeping the door open; wish them well, or say you "
                           "would be glad to hear of future roles"))
    return replace(result, warnings=[*result.warnings, *extra], intent=intent, intent_evidence=shown,
                   expected=("thanks", "role") if intent == "decline" else None)


def check(kind: str, text: str, *, interview: Mapping | None = None) -> LetterCheck:
    """Run the checker that fits a kind of letter.

    Parameters
    ----------
    kind : {"thank_you", "note", "follow_up", "rejection_reply", "offer_reply"}
        The kind of letter.
    text : str
        The letter.
    interview : mapping, optional
        The interview it is about. Without it (a letter pasted in on its own),
        the parts that need it (the interviewer's name and the role) are not
        checked and are left out of ``parts``.

    Returns
    -------
    LetterCheck
    """
    if interview is None and kind in ("thank_you", "note"):
        return _thank_you(text, None, kind, None)
    if interview is None and kind == "offer_reply":
        return _offer_reply(text, None, None)
    checkers: dict[str, Callable[..., LetterCheck]] = {
        "thank_you": check_thank_you,
        "follow_up": check_follow_up,
        "rejection_reply": check_rejection_reply,
        "offer_reply": check_offer_reply,
    }
    if kind == "note":
        return check_thank_you(text, interview=interview, kind="note")
    if kind not in checkers:
        raise FollowupKitError(
            f"no checker for letters of kind {kind!r}; use one of {', '.join(PARTS)}")
    return checkers[kind](text, interview=interview)
