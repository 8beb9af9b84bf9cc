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
with interest, or declines graciously, keeping the door open.

The rules are plain regular expressions and word lists over sentences, so the
same letter always gets the same verdict and nothing is downloaded. Each part
found comes with the sentence that shows it, so a coach can see why.
The phrases themselves live in :mod:`followup_kit.letters.words`; this module
puts them together into a verdict per part.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from ..errors import FollowupKitError
from .words import (
    A_DATE,
    ACCEPTS,
    APPRECIATION,
    ASKING,
    ASKS,
    ASKS_STATUS,
    DECIDING,
    DECLINES_OFFER,
    DESPERATE,
    DOOR_OPEN,
    EAGER_TO_START,
    GLAD_OF_OFFER,
    HOSTILE_RX,
    INTEREST,
    LEVEL_WORDS,
    POSITIVE,
    PRESSURE,
    REASON,
    REINTRODUCTION_CASED,
    REINTRODUCTION_CI,
    SIGN_OFF,
    STRENGTHS,
    THANKS,
    TIPS,
    TITLES,
    any_of,
    fold,
    sentences,
    word_count,
)

#: Longest letter, in words, before the checker says it is too long for its kind.
MAX_WORDS = {
    "thank_you": 250,
    "note": 120,
    "follow_up": 150,
    "rejection_reply": 150,
    "offer_reply": 200,
}
#: More exclamation marks than this in one letter read as over-excited.
MAX_EXCLAMATIONS = 2

PARTS = {
    "thank_you": ("appreciation", "interest", "strengths", "interviewer", "role"),
    "follow_up": ("reintroduction", "reason", "asks_status"),
    "rejection_reply": ("thanks", "positive", "asks_tips"),
    "offer_reply": ("thanks", "interest", "role"),
}
PARTS["note"] = PARTS["thank_you"]
#: What a reply to an offer does: take it, ask for time to decide, or turn it down.
OFFER_INTENTS = ("accept", "time", "decline")
#: What to do about a reply to an offer that does not say what it does with the offer.
INTENT_UNCLEAR = "say whether you accept, need time to decide, or decline"
#: The codes a :class:`LetterWarning` can carry.
WARNING_CODES = ("too_long", "desperate", "pressure", "exclamations", "bitter", "no_date", "closed_door")


class LetterWarning(str):
    """A warning in plain English; ``code`` names the rule (``"desperate"``, ``"too_long"`` ...)."""

    code: str

    def __new__(cls, code: str, message: str) -> LetterWarning:
        self = super().__new__(cls, message)
        self.code = code
        return self


@dataclass(frozen=True)
class LetterCheck:
    """What a checker found in one letter.

    Attributes
    ----------
    kind : str
        The kind of letter checked: ``thank_you``, ``note``, ``follow_up``,
        ``rejection_reply`` or ``offer_reply``.
    parts : dict of str to bool
        Each part the letter should have, and whether it was found.
    evidence : dict of str to str or None
        For each part, the first sentence that shows it, or None.
    warnings : list of LetterWarning
        Plain-English warnings (each also a ``str``); ``.code`` on each names the rule.
    words : int
        Length of the letter in words.
    intent : str or None
        For a reply to an offer, what it does: ``"accept"``, ``"time"`` (asks
        for time to decide) or ``"decline"``; None when it does not say, and
        for other kinds.
    intent_evidence : str or None
        The sentence that shows the intent.
    expected : tuple of str or None
        The parts this letter should have, when not all of them: a letter that
        declines an offer is not asked to show interest. None means every part.
    """

    kind: str
    parts: dict[str, bool]
    evidence: dict[str, str | None]
    warnings: list[LetterWarning] = field(default_factory=list)
    words: int = 0
    intent: str | None = None
    intent_evidence: str | None = None
    expected: tuple[str, ...] | None = None

    def _expects(self, name: str) -> bool:
        return self.expected is None or name in self.expected

    @property
    def ok(self) -> bool:
        """True when every part the letter should have was found (warnings do not change this)."""
        return all(found for name, found in self.parts.items() if self._expects(name))

    @property
    def missing(self) -> list[str]:
        """The parts not found that the letter should have, in the playbook's order."""
        return [name for name, found in self.parts.items() if not found and self._expects(name)]

    @property
    def flags(self) -> list[str]:
        """The codes of the warnings, in order."""
        return [w.code for w in self.warnings]

    @property
    def clean(self) -> bool:
        """True when the letter is ready to send: every part it should have found, and no warning."""
        return self.ok and not self.warnings

    @property
    def states(self) -> dict[str, str]:
        """Each part, in the playbook's order, and what became of it.

        ``"found"``, ``"missing"``, or ``"not_asked"`` for a part this letter
        need not have (interest, in a letter that declines an offer).
        """
        return {name: "found" if found else "missing" if self._expects(name) else "not_asked"
                for name, found in self.parts.items()}

    def summary(self) -> str:
        """The verdict as a few lines of text, for a terminal or a notebook."""
        lines = []
        if self.kind == "offer_reply":
            lines.append(f"  intent   {self.intent}: \u201c{self.intent_evidence}\u201d" if self.intent
                         else f"  intent   unclear: {INTENT_UNCLEAR}")
        for name, state in self.states.items():
            if state == "found":
                lines.append(f"  found    {name}: \u201c{self.evidence[name]}\u201d")
            elif state == "missing":
                lines.append(f"  MISSING  {name}")
            else:
                lines.append(f"  -        {name}: not asked of a letter that {self.intent}s")
        head = ("all parts found" if self.ok
                else f"missing {', '.join(self.missing)}")
        lines.insert(0, f"{self.kind.replace('_', '-')} check: {head} ({self.words} words)")
        lines.extend(f"  warning: {w}" for w in self.warnings)
        return "\n".join(lines)


def _negated(sentence: str, match: re.Match) -> bool:
    text = sentence.lower()
    # "n't" ends a word ("don't want"), so it has no word boundary before it; in a sentence's
    # tokens (see _tokens) it is written "don t".
    negation = re.search(r"(?:\b(?:not|no longer|never|nor)\b|n(?:'|\s)t\b)(?:\W+\w+){0,3}\W*$",
                         text[:match.start()])
    if negation is None:
        return False
    # "couldn't be more excited" and "can't thank you enough" intensify rather than deny.
    return re.match(r"n(?:'|\s)t\s+(?:be\s+(?:more|any more|happier|keener)|thank)\b",
                    text[negation.start():]) is None


def _tokens(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", fold(text).lower())
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]


# Words a letter uses for "the job", in the token form of _tokens (a trailing s dropped).
_JOB_WORDS = r"(?:job|role|position|post|spot|opening|vacanc\w*|gig|opportunit\w*)"
# Head nouns too general to name a role on their own: "the manager role" could be any manager.
_GENERIC_HEADS = frozenset({
    "manager", "assistant", "associate", "officer", "coordinator", "administrator", "specialist",
    "representative", "executive", "technician", "worker", "operative", "clerk", "staff", "member",
    "lead", "head", "director", "consultant", "advisor", "adviser", "agent", "partner", "intern",
})
# Another word for the same head noun, counted only right after a word of the title ("forklift driver").
_HEAD_SYNONYMS = {"operator": ("driver",), "driver": ("operator",), "cook": ("chef",), "chef": ("cook",)}
# Words that may stand right before a loosely written role ("the picker job", "your barista opening").
_BEFORE_ROLE = ("the", "a", "an", "this", "that", "your", "my", "our", "their", "for", "as", "of", "about", "re")


def _stem(word: str) -> str:
    """The part of a title word that its other forms share: designer~design, teacher~teaching."""
    for suffix in ("ing", "er", "or", "ist", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word


def _role_rx(role: str) -> re.Pattern | None:
    """A pattern over a sentence's tokens that finds the role, written in full or loosely.

    In full, every title word in order, level words ("Senior", "II") left out.
    Loosely, the title's head noun, or a word sharing its stem, next to a job
    word: "the picker job" for Warehouse Picker, "the UX design role" for Junior
    UX Designer, "a post as teacher". The word before the head must be a title
    word or a small word like "the", so "the marketing analyst role" is not the
    Data Analyst role. A general head noun (manager, assistant, officer ...)
    needs the full title.
    """
    core = [t for t in _tokens(re.sub(r"\(.*?\)", " ", role))]
    kept = [t for t in core if t not in LEVEL_WORDS] or core
    if not kept:
        return None
    looks = [r"(?P<full>\b" + r" ".join(re.escape(t) for t in kept) + r"\b)"]
    head, modifiers = kept[-1], [t for t in kept[:-1] if not t.isdigit()]
    if head not in _GENERIC_HEADS and not head.isdigit():
        stem = _stem(head)
        heads = re.escape(stem) + (r"\w*" if stem != head else "")
        before = "|".join(re.escape(w) for w in (*_BEFORE_ROLE, *core, *LEVEL_WORDS))
        looks.append(rf"(?:^|\b(?:{before}) )(?:{heads}) {_JOB_WORDS}\b")
        looks.append(rf"\b(?:{_JOB_WORDS}|work|working) (?:as|of|for) (?:a |an |the )?(?:{heads})\b")
        if modifiers and head in _HEAD_SYNONYMS:
            others = "|".join(re.escape(w) for w in _HEAD_SYNONYMS[head])
            words = "|".join(re.escape(w) for w in modifiers)
            looks.append(rf"\b(?:{words}) (?:{others}) {_JOB_WORDS}\b")
    return re.compile("|".join(f"(?:{look})" for look in looks))


# Common short forms of first names: the full name first, then what a letter may call that person.
# The direction matters: "Bill" counts for William, but "William" does not count for a Bill, and
# "John" never counts for a Jack. Names that are also names in their own right (Sandra, Liam,
# Greta) are left out, so a letter to another person is not credited.
_SHORT_FORMS = {
    group.split()[0]: frozenset(group.split()[1:]) for group in (
        "william bill billy will willy", "robert bob bobby rob robbie",
        "richard rick ricky rich richie", "edward ed eddie ted teddy ned",
        "james jim jimmy jamie", "john johnny", "margaret maggie meg peggy",
        "elizabeth liz lizzie beth betty libby", "katherine kate katie kathy kat",
        "catherine cath cathy kate katie", "mohammed mo moe", "muhammad mo moe",
        "mohammad mo moe", "mohamed mo moe", "anthony tony", "thomas tom tommy",
        "michael mike mikey mick", "charles charlie chuck", "henry harry hal",
        "jennifer jen jenny", "rebecca becky becca", "patricia pat patty trish",
        "susan sue susie", "deborah debbie deb", "victoria vicky tori", "alexander alex",
        "alexandra alex lexi", "benjamin ben benny", "nicholas nick nicky",
        "christopher chris kit", "christine chris chrissy", "christina chris chrissy",
        "joseph joe joey", "daniel dan danny", "samuel sam sammy", "samantha sam sammy",
        "andrew andy drew", "matthew matt", "jonathan jon jonny", "gareth gaz", "gary gaz",
        "abigail abby abi", "jessica jess jessie", "frederick fred freddie", "theodore theo",
        "lawrence larry laurie", "philip phil", "phillip phil", "stephen steve", "steven steve",
        "gregory greg", "timothy tim", "kenneth ken kenny", "douglas doug", "raymond ray",
        "ronald ron ronnie", "donald don", "gerald gerry", "jacqueline jackie jacqui",
        "natalie nat", "natasha tash", "pamela pam", "penelope penny", "barbara barb",
        "kimberly kim", "suzanne suzie", "tobias toby", "funmilayo funmi", "oluwaseun seun",
        "oluwadamilare dami", "olufunke funke", "babatunde tunde",
        "oluwatobi tobi",
    )
}
# Short forms are short, and some are everyday words ("Will", "Pat"), so one counts only where
# the letter addresses the reader with it: a comma, "!" or the line's end follows.
_VOCATIVE_END = r"(?=\s*(?:[,!:;.?]|$))"


def _name_rxs(name: str) -> tuple[re.Pattern, ...]:
    """Patterns that find the interviewer: full name, title and surname, first name, or its short form.

    A short form is one listed for the first name in :data:`_SHORT_FORMS`
    ("Bill" for William, "Sam" for Samantha or Samuel, "Mo" for Mohammed),
    written with a capital and used to address the reader, so a comma, "!" or
    the end of the line follows it: "Hi Sam!" counts. Other names that merely
    begin the same way ("Robert" for Roberta, "Maria" for Marianne) are other
    people and do not count.
    """
    words = [w for w in re.split(r"\s+", fold(name).strip()) if w and not re.fullmatch(TITLES, w, re.I)]
    if not words:
        return ()
    full = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", re.IGNORECASE)
    surname = re.compile(rf"\b{TITLES}\s+{re.escape(words[-1])}\b", re.IGNORECASE)
    # A first name counts only when capitalised, so "Will" is found but "I will" is not.
    first = words[0][:1].upper() + words[0][1:]
    given = re.compile(rf"(?<![\w'-]){re.escape(first)}(?![\w'-])")
    short = _SHORT_FORMS.get(words[0].lower())
    if not short:
        return (full, surname, given)
    forms = "|".join(re.escape(n.capitalize()) for n in sorted(short, key=len, reverse=True))
    nickname = re.compile(rf"(?<![\w'-])(?:{forms}){_VOCATIVE_END}")
    return (full, surname, given, nickname)


@dataclass(frozen=True)
class _Letter:
    shown: list[str]
    folded: list[str]
    words: int
    text: str

    @classmethod
    def read(cls, text: str) -> _Letter:
        if not isinstance(text, str):
            raise FollowupKitError(f"a letter to check must be text, not {type(text).__name__}")
        shown = sentences(text)
        return cls(shown, [fold(s) for s in shown], word_count(text), fold(text))

    def find(self, rx: re.Pattern, *, skip_sign_offs: bool = False, negatable: bool = False) -> str | None:
        for shown, folded in zip(self.shown, self.folded, strict=True):
            if skip_sign_offs and SIGN_OFF.match(folded) and word_count(folded) <= 3:
                continue
            for match in rx.finditer(folded):
                if negatable and _negated(folded, match):
                    continue
                return shown
        return None


def _warnings(letter: _Letter, kind: str, max_words: int | None) -> list[LetterWarning]:
    out: list[LetterWarning] = []
    limit = MAX_WORDS[kind] if max_words is None else max_words
    if letter.words > limit:
        medium = "a handwritten note" if kind == "note" else "an email"
        out.append(LetterWarning(
            "too_long", f"too long for {medium}: {letter.words} words, keep it under {limit}"))
    lowered = letter.text.lower()
    said = [label for pattern, label in DESPERATE if re.search(pattern, lowered)]
    if said:
        out.append(LetterWarning(
            "desperate", "sounds desperate: " + ", ".join(f'"{s}"' for s in said)
            + "; stay calm and confident"))
    pushed = [label for pattern, label in PRESSURE if re.search(pattern, lowered)]
    if pushed:
        out.append(LetterWarning(
            "pressure", "puts pressure on the interviewer (" + ", ".join(pushed)
            + "); ask politely and leave them room to answer"))
    marks = letter.text.count("!")
    if marks > MAX_EXCLAMATIONS or "!!" in letter.text:
        out.append(LetterWarning(
            "exclamations", f"{marks} exclamation marks; one at most reads as calm and sincere"))
    hostile = sorted({m.group(0).lower() for m in HOSTILE_RX.finditer(letter.text)})
    if hostile:
        out.append(LetterWarning(
            "bitter", "sounds bitter (" + ", ".join(f'"{h}"' for h in hostile)
            + "); thank them and stay positive, it keeps the door open"))
    return out


def _result(kind: str, letter: _Letter, found: dict[str, str | None], max_words: int | None) -> LetterCheck:
    return LetterCheck(
        kind=kind,
        parts={name: found[name] is not None for name in PARTS[kind] if name in found},
        evidence={name: found[name] for name in PARTS[kind] if name in found},
        warnings=_warnings(letter, kind, max_words),
        words=letter.words,
    )


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
    looks = []
    for strength in strengths:
        words = [w for w in re.findall(r"[a-z0-9+#]+", fold(str(strength)).lower()) if len(w) > 2]
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
    letter = _Letter.read(text)
    strengths = letter.find(STRENGTHS)
    chosen = _chosen_strengths_rx(values.get("strengths"))
    if strengths is None and chosen is not None:
        strengths = letter.find(chosen)
    role_rx = _role_rx(values["role"])
    found = {
        "appreciation": letter.find(APPRECIATION, skip_sign_offs=True, negatable=True),
        "interest": _find_interest(letter, role_rx, values["company"]),
        "strengths": strengths,
    }
    if known:
        found["interviewer"] = next((s for rx in _name_rxs(values["interviewer_name"])
                                     if (s := letter.find(rx)) is not None), None)
        found["role"] = None if role_rx is None else _find_role(letter, role_rx, values["company"])
    return _result(kind, letter, found, max_words)


def _find_role(letter: _Letter, role_rx: re.Pattern, company: str) -> str | None:
    """The first sentence that names the role, not to turn it down and not as a job somewhere else.

    A role named loosely ("the cook job") and then placed at another employer
    ("at your sister restaurant", "at Acme") is another job, so it does not count.
    """
    own = _tokens(company)
    for shown in letter.shown:
        tokens = " ".join(_tokens(shown))
        for match in role_rx.finditer(tokens):
            if _negated(tokens, match):
                continue
            if match.group("full") is None and _elsewhere(tokens[match.end():], own):
                continue
            return shown
    return None


# Words after "at" or "with" that keep a job at this employer: "the picker job at your depot".
_HERE = r"(?:your|the|this|our)\b(?!\s+(?:sister|other|partner|rival|competitor|new)\b)"
# ... and the words that place it at another one, whoever this employer is: "at another firm",
# "at your sister restaurant", "with a rival".
_THERE = (r"(?:another|(?:your|the|this|our|a|an)\s+"
          r"(?:sister|other|partner|rival|competitor|new|different))\b")


def _elsewhere(after: str, own: list[str]) -> bool:
    """Whether tokens right after a job ("at Acme", "at your sister restaurant") place it at another employer.

    ``own`` is this employer's name as :func:`_tokens` gives it, empty when it is
    not known. "At your sister restaurant" is another employer either way; "at
    Acme" only when the employer is known and is not Acme, as without its name
    "at Savannah Freight" may well be this very job.
    """
    following = re.match(r"\s*(?:at|with) ((\w+).*)", after)
    if following is None or re.match(_HERE, following.group(1)):
        return False
    if re.match(_THERE, following.group(1)):
        return True
    return bool(own) and following.group(2) != own[0]


# A letter that turns the job down does not reiterate interest in it, however warmly it is written.
DECLINE = any_of(
    r"\bwithdraw(?:s|n|ing|al)?\b",
    r"\bdecided (?:not to|against|to (?:decline|withdraw|accept another|go elsewhere|stay))\b",
    r"\b(?:accepted|taken|took|accepting|taking) (?:another|a different|an?other|a) "
    r"(?:offer|job|role|position|post)(?: elsewhere)?\b(?!\s+(?:here|with you|at))",
    r"\b(?:must|have to|will have to|need to|going to|'ll have to) (?:respectfully |politely )?decline\b",
    r"\bhope you find (?:someone|somebody|the right|a (?:great|good|suitable|better|strong))\b",
    r"\bno longer (?:be )?(?:interested|available|looking|pursuing|considering)\b",
    r"\bnot (?:be )?(?:pursuing|proceeding|continuing|moving forward|going ahead)\b",
)
# Words that may stand before "job" without naming a role: "the new job", "this full-time post".
_NEUTRAL_JOB_WORDS = frozenset({
    "new", "open", "advertised", "full", "part", "time", "permanent", "temporary", "summer", "weekend",
    "evening", "night", "day", "same", "whole", "real", "actual", "exact", "current", "available",
    "opportunity", "very", "kind", "of", "wonderful", "great", "exciting", "amazing", "perfect", "dream",
})
# After "join" or "work": the job a letter asks for ("join as pastry cook"), unless it is just
# joining people ("as part of the team", "as soon as").
_AS_JOB = re.compile(r"^\s+(?:\w+\s+)?as\s+(?:an?\s+|the\s+)?(?!(?:part|member|one|soon|well|much|long|quickly)\b)"
                     r"((?:[\w-]+\s*){1,3})")
_NAMED_JOB = re.compile(r"\b(?:the|this|that|your|a|an)\s+((?:[\w-]+\s+){1,3})"
                        r"(?:job|role|position|post|spot|opening|vacancy|gig)\b")
_JOB_AT = re.compile(rf"\b(?:{_JOB_WORDS}|offer)\b")


def _other_job(sentence: str, match: re.Match, role_rx: re.Pattern | None, own: list[str]) -> bool:
    """Whether interest found at ``match`` is in a job other than this one.

    "I'd really like the driver job" for a picker, "I would love to join as
    pastry cook" for a line cook, "excited about the designer position at
    Acme" for a job at Pixel. Only the first job word from the interest onward
    is placed: "excited about the picker role, after two years in my last job
    at Tesco" keeps the interest, as the Tesco job is another matter.
    ``own`` is this employer's name as :func:`_tokens` gives it.
    """
    tokens = " ".join(_tokens(sentence[match.start():]))
    job = _JOB_AT.search(tokens)
    if job is not None and _elsewhere(tokens[job.end():], own):
        return True
    if role_rx is None:
        return False
    named = _NAMED_JOB.search(match.group(0))
    if named is not None:
        words = [w for w in _tokens(named.group(1)) if w not in _NEUTRAL_JOB_WORDS]
        return bool(words) and role_rx.search(" ".join(words) + " job") is None
    asked = _AS_JOB.match(sentence[match.end():].lower())
    if asked is not None:
        said = " ".join(_tokens(re.split(r"[,.;:!?]| at | in | for | and | with ", asked.group(1))[0]))
        return role_rx.search(f"work as {said}") is None
    return False


def _find_interest(letter: _Letter, role_rx: re.Pattern | None, company: str) -> str | None:
    """The first sentence that shows interest in this job: not negated, not another job, not a decline."""
    if letter.find(DECLINE) is not None:
        return None
    own = _tokens(company)
    for shown, folded in zip(letter.shown, letter.folded, strict=True):
        for match in INTEREST.finditer(folded):
            if not _negated(folded, match) and not _other_job(folded, match, role_rx, own):
                return shown
    return None


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
    letter = _Letter.read(text)
    reintro = letter.find(REINTRODUCTION_CI) or letter.find(REINTRODUCTION_CASED)
    found = {
        "reintroduction": reintro,
        "reason": letter.find(REASON),
        "asks_status": letter.find(ASKS_STATUS),
    }
    return _result("follow_up", letter, found, max_words)


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
    letter = _Letter.read(text)
    hostile = letter.find(HOSTILE_RX)
    tips = None
    for shown, folded in zip(letter.shown, letter.folded, strict=True):
        if TIPS.search(folded) and ASKING.search(folded):
            tips = shown
            break
    found = {
        "thanks": letter.find(THANKS, skip_sign_offs=True, negatable=True),
        "positive": None if hostile is not None else letter.find(POSITIVE, negatable=True),
        "asks_tips": tips,
    }
    return _result("rejection_reply", letter, found, max_words)


def _offer_intent(letter: _Letter) -> tuple[str | None, str | None]:
    """What a reply to an offer does, and the sentence that shows it.

    A decline anywhere wins: a letter that turns the job down often thanks
    for the time to decide. Then a plain yes ("I am delighted to accept"),
    then a request for time, then keenness to start, which in a reply to an
    offer is a yes when nothing else is said.
    """
    if (said := letter.find(DECLINES_OFFER, negatable=True)) is not None:
        return "decline", said
    if (said := letter.find(ACCEPTS, negatable=True)) is not None:
        return "accept", said
    if (said := next(iter(_time_asks(letter)), None)) is not None:
        return "time", said
    if (said := letter.find(EAGER_TO_START, negatable=True)) is not None:
        return "accept", said
    return None, None


def _time_asks(letter: _Letter) -> list[str]:
    """The sentences that ask for time to decide: a request and something to decide in one."""
    return [shown for shown, folded in zip(letter.shown, letter.folded, strict=True)
            if ASKS.search(folded) and DECIDING.search(folded)]


def check_offer_reply(text: str, *, interview: Mapping, max_words: int | None = None) -> LetterCheck:
    """Check a reply to an offer: what it does with the offer, thanks, interest, and the role by name.

    The reply accepts, asks for time to decide, or declines
    (:attr:`LetterCheck.intent`). Accepting is the plainest interest there
    is, so an acceptance shows interest; a reply that asks for time should
    show it too and name the day it will answer by. A decline is not asked
    for interest (and never credited with it), but should keep the door open.

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
    letter = _Letter.read(text)
    role_rx = _role_rx(values["role"]) if values else None
    intent, shown = _offer_intent(letter)
    interest = None
    if intent != "decline":
        interest = (_find_interest(letter, role_rx, company)
                    or (shown if intent == "accept" else None)
                    or letter.find(GLAD_OF_OFFER, negatable=True))
    found = {
        "thanks": letter.find(THANKS, skip_sign_offs=True, negatable=True),
        "interest": interest,
    }
    if values:
        found["role"] = None if role_rx is None else _find_role(letter, role_rx, company)
    result = _result("offer_reply", letter, found, max_words)
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
