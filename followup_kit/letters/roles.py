"""Role matching: whether a letter names the role of its interview, in full or loosely.

:func:`role_rx` turns a role's title into a pattern over a sentence's tokens
(see :func:`followup_kit.letters.reading.tokens`); :func:`find_role` gives
the first sentence that names the role, not to deny it and not as a job at
another employer. The words it is built from are in :mod:`followup_kit.letters.words`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .reading import LetterText, Sentence, elsewhere, lemma, negated, tokens
from .words import (
    BEFORE_ROLE,
    CUT_HEAD_FROM,
    CUT_TO,
    GENERIC_HEADS,
    HEAD_SYNONYMS,
    JOB_WORDS,
    LEVEL_WORDS,
    ONLY_THIS_JOB,
    RANK_WORDS,
    SCHEMES,
    SHORT_WORDS,
    SHORTENED_FROM,
    STEM_ENDINGS,
    WHO_ENDINGS,
    WORKING_AS,
)

# A spaced dash in a title: "Registered Nurse - Cardiac Step-Down Unit" (a hyphen inside a word is not one).
_WHERE = re.compile(r"\s[-\u2013\u2014]\s")


def _as_read(word: str) -> str:
    """A title word as a pattern: as written, or as its lemma when that differs ("managing" or "manage")."""
    read = lemma(word)
    return f"(?:{re.escape(word)}|{re.escape(read)})" if read != word else re.escape(word)


def _stem(word: str) -> str:
    """The part of a title word that its other forms share: designer~design, teacher~teaching."""
    for suffix in STEM_ENDINGS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word


def _shortened(word: str) -> str:
    """A title word as written in full or cut to its first letters, three at least: "vet" for veterinary."""
    if len(word) < SHORTENED_FROM or not word.isalpha():
        return re.escape(word)
    rest = "".join(f"(?:{ch}" for ch in word[3:]) + ")?" * (len(word) - 3)
    return f"{word[:3]}{rest}"


@lru_cache(maxsize=1024)
def role_rx(role: str) -> re.Pattern | None:
    """A pattern over a sentence's tokens that finds the role, written in full or loosely.

    In full, every title word in order, level words ("Senior", "II") left out.
    Loosely, the title's head noun, or a word sharing its stem, next to a job
    word: "the picker job" for Warehouse Picker, "the UX design role" for Junior
    UX Designer, "a post as teacher". The word before the head must be a title
    word or a small word like "the", so "the marketing analyst role" is not the
    Data Analyst role. A general head noun (manager, assistant, officer ...)
    needs the full title, or the words before it as a job: "the cleaning job"
    for Cleaning Operative, "the Class 1 job" for HGV Class 1 Driver (after
    "the", "this", "your" ..., not "my": "my cleaning job" was another one).
    A title of three words or more may be its initials, as a job: "as an RVN";
    of two words, only before a job word and when they spell no word: "the RN
    position". A one-word title nine letters long or more may be cut to its
    first five letters or more, as a job: "the physio role", "as a physio".
    In full, the head may name the scheme: "electrical apprenticeship", and a
    level word may stand between the title's words ("Part II Architectural
    Assistant"). What follows a comma in the title, like what is in brackets,
    says where the job is ("Staff Nurse, Cardiology"), and so does what follows
    a spaced dash ("Registered Nurse - Cardiac Step-Down Unit"). Long title words may be
    cut short when every word is there ("vet tech"); the title may lose its
    first words but not a rank, as a job ("the Sales Assistant role" for Retail
    Sales Assistant, not "the store manager job" for Assistant Store Manager);
    an apprentice's or trainee's title is its scheme ("the carpentry
    apprenticeship", "the apprenticeship"); a head ending in -person, -man or
    -woman is any of them, and may be possessive ("the groundsman's job"). The
    group ``full`` (or ``full_as``, after "as") is set when the title is written in full.
    """
    # What follows a comma or a spaced dash says where the job is, as brackets do: "Staff Nurse, Cardiology",
    # "Registered Nurse - Cardiac Step-Down Unit".
    title, _, where = _WHERE.sub(",", role, count=1).partition(",")
    core = tokens(re.sub(r"\(.*?\)", " ", title))
    kept = [t for t in core if t not in LEVEL_WORDS] or core
    if not kept:
        return None
    # In full, the head may name the scheme rather than the person: "Electrical apprenticeship"; a level
    # word may stand in the letter where the title has one: "the Part II Architectural Assistant position".
    levels = "|".join(re.escape(w) for w in sorted(LEVEL_WORDS))
    # Each word as written or as its lemma, as interest is read: "succeed you as managing director" reads
    # "as manage director".
    full = rf"(?: (?:{levels}))* ".join(_as_read(t) for t in kept) + r"(?:ship)?\b"
    looks = [rf"(?P<full>\b{full})"]
    words = [t for t in kept if not t.isdigit()]
    if len(words) >= 2 and any(len(t) >= SHORTENED_FROM for t in words):
        # Every title word, some cut short: "your next vet tech" for Veterinary Technician.
        looks.append(rf"\b{' '.join(_shortened(t) for t in words)}\b")
    # The title without its first words, as a job, while what is left still names it: "the Sales Assistant
    # role" for Retail Sales Assistant, "the rotational physio post" for Band 5 Rotational Physiotherapist.
    for start in range(1, len(core) - 1):
        if any(t in RANK_WORDS for t in core[:start]):
            break
        tail = [t for t in core[start:] if t not in LEVEL_WORDS]
        if len(tail) >= 2 and not tail[0].isdigit():
            said = " ".join(_shortened(t) for t in tail)
            looks.append(rf"\b{said} {JOB_WORDS}\b|{WORKING_AS}{said}\b")
    for learner in (t for t in kept if t in SCHEMES):
        # "The carpentry apprenticeship" for Apprentice Carpenter, or "the apprenticeship" itself.
        crafts = [re.escape(t[:max(5, len(t) - 4)]) + r"\w*" for t in words if t != learner and len(t) > 3]
        looks.append(rf"\b(?:{ONLY_THIS_JOB}) {SCHEMES[learner]}\b")
        if crafts:
            looks.append(rf"\b(?:{'|'.join(crafts)}) {SCHEMES[learner]}\b")
    head, modifiers = kept[-1], [t for t in kept[:-1] if not t.isdigit()]
    if len(words) >= 3:
        # Initials of three words or more, as a job: "as an RVN" for Registered Veterinary Nurse.
        initials = re.escape("".join(t[0] for t in words))
        looks.append(rf"\b(?:as (?:a |an |the )?|(?:the|your|this) ){initials}\b|\b{initials} {JOB_WORDS}\b")
    elif len(words) == 2 and (initials := "".join(t[0] for t in words)) not in SHORT_WORDS:
        looks.append(rf"\b(?:{ONLY_THIS_JOB}|an?) {re.escape(initials)} {JOB_WORDS}\b")
    # The title without its head, as a job: "the cleaning job", "the Class 1 job".
    before_head = core[:len(core) - 1 - core[::-1].index(head)]
    for start in range(len(before_head)):
        lead = before_head[start:]
        if not lead[0].isdigit() and any(len(t) > 2 and t not in GENERIC_HEADS for t in lead):
            # As written or as its lemma: "this cleaning job" reads "this clean job".
            said = " ".join(_as_read(t) for t in lead)
            looks.append(rf"\b(?:{ONLY_THIS_JOB}) {said} {JOB_WORDS}\b")
    if head not in GENERIC_HEADS and not head.isdigit():
        stem = _stem(head)
        heads = re.escape(stem) + (r"\w*" if stem != head else "")
        if len(words) == 1 and len(head) >= CUT_HEAD_FROM and head.isalpha():
            # "The physio role" for Physiotherapist.
            heads += "|" + head[:CUT_TO] + "".join(f"(?:{ch}" for ch in head[CUT_TO:]) + ")?" * (len(head) - CUT_TO)
        who = next((e for e in WHO_ENDINGS if head.endswith(e) and len(head) > len(e) + 2), None)
        if who is not None:
            # "The groundsman's job" for Groundsperson.
            heads = re.escape(head[:-len(who)]) + f"(?:{'|'.join(WHO_ENDINGS)})"
        before = "|".join(re.escape(w) for w in (*BEFORE_ROLE, *core, *LEVEL_WORDS))
        # "The barista job", and the job a person does as theirs: "the groundsman's job".
        looks.append(rf"(?:^|\b(?:{before}) )(?:{heads})(?: s)? {JOB_WORDS}\b")
        # "Working as Android developer" for Mobile Developer (Android): a title word may stand before the head.
        named = [t for t in (*core, *tokens(" ".join(re.findall(r"\((.*?)\)", title)) + " " + where))
                 if t != head and not t.isdigit()]
        also = f"(?:(?:{'|'.join(re.escape(t) for t in named)}) )?" if named else ""
        looks.append(rf"{WORKING_AS}(?:(?P<full_as>{full})|{also}(?:{heads})\b)")
        if modifiers and head in HEAD_SYNONYMS:
            others = "|".join(re.escape(w) for w in HEAD_SYNONYMS[head])
            words = "|".join(re.escape(w) for w in modifiers)
            looks.append(rf"\b(?:{words}) (?:{others}) {JOB_WORDS}\b")
    return re.compile("|".join(f"(?:{look})" for look in looks))


def find_role(letter: LetterText, rx: re.Pattern, company: str, *, negatable: bool = True) -> str | None:
    """The first sentence that names the role, not to turn it down and not as a job somewhere else.

    ``rx`` is the role's :func:`role_rx`. A role named loosely ("the cook job")
    and then placed at another employer ("at your sister restaurant", "at
    Acme") is another job, so it does not count. ``negatable`` False keeps a
    role named in a "not": a reply to an offer names the job it turns down
    ("I won't be taking the Night Manager job").
    """
    return letter.first(_names_role, rx, tuple(tokens(company)), negatable)


def _names_role(sentence: Sentence, rx: re.Pattern, own: tuple[str, ...], negatable: bool = True) -> bool:
    if not sentence.may_match(rx, "tokens"):
        return False
    said = sentence.tokens
    for match in rx.finditer(said):
        if negatable and negated(said, match):
            continue
        written_in_full = match.group("full") or match.groupdict().get("full_as")
        if not written_in_full and elsewhere(said[match.end():], own):
            continue
        return True
    return False
