"""Check a letter against the playbook: which parts it has, and what would sound desperate.

The career centre's advice says what each message must do. A thank-you letter
says how much the candidate **appreciated** the interview, **reiterates
interest** in the role, **reminds** the interviewer of the candidate's
**strengths**, and names the **interviewer** and the **role**. A follow-up
**reintroduces** the candidate, gives the **reason** for writing and **asks
whether the job is still open**. A reply to a rejection **thanks** the
interviewer, **stays positive** and, if they seem open, **asks for tips**.

The rules are plain regular expressions and word lists over sentences, so the
same letter always gets the same verdict and nothing is downloaded. Each part
found comes with the sentence that shows it, so a coach can see why.
:func:`evaluate` measures the rules against the hand-labelled letters in
``tests/data/letters/``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import FollowupKitError

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
    """

    kind: str
    parts: dict[str, bool]
    evidence: dict[str, str | None]
    warnings: list[LetterWarning] = field(default_factory=list)
    words: int = 0

    @property
    def ok(self) -> bool:
        """True when every part was found (warnings do not change this)."""
        return all(self.parts.values())

    @property
    def missing(self) -> list[str]:
        """The parts not found, in the playbook's order."""
        return [name for name, found in self.parts.items() if not found]

    @property
    def flags(self) -> list[str]:
        """The codes of the warnings, in order."""
        return [w.code for w in self.warnings]

    def summary(self) -> str:
        """The verdict as a few lines of text, for a terminal or a notebook."""
        lines = []
        for name, found in self.parts.items():
            if found:
                lines.append(f"  found    {name}: \u201c{self.evidence[name]}\u201d")
            else:
                lines.append(f"  MISSING  {name}")
        head = ("all parts found" if self.ok
                else f"missing {', '.join(self.missing)}")
        lines.insert(0, f"{self.kind.replace('_', '-')} check: {head} ({self.words} words)")
        lines.extend(f"  warning: {w}" for w in self.warnings)
        return "\n".join(lines)


# -- text helpers -----------------------------------------------------------

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                              "\u2013": "-", "\u2014": "-"})
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Rev|e\.g|i\.e|etc|approx)\.$", re.IGNORECASE)
_SIGN_OFF = re.compile(r"^\W*[\w' ]{0,30},\s*$")


def fold(text: str) -> str:
    """Drop accents and unify quotes and dashes, keeping case: "Zoë Ngũgĩ" -> "Zoe Ngugi"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def sentences(text: str) -> list[str]:
    """Split a letter into sentences; each line (a greeting, a bullet) ends a sentence too."""
    out: list[str] = []
    for line in text.splitlines():
        pieces = [p for p in re.split(r"(?<=[.!?])\s+", line.strip()) if p]
        merged: list[str] = []
        for piece in pieces:
            # "Dr. Okafor" is one sentence, not two.
            if merged and _ABBREVIATION.search(merged[-1]):
                merged[-1] = f"{merged[-1]} {piece}"
            else:
                merged.append(piece)
        out.extend(merged)
    return out


def word_count(text: str) -> int:
    """Words in a letter, as a word processor counts them."""
    return len(re.findall(r"\S+", text))


def _rx(*patterns: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|several|many)"

THANKS = _rx(r"\bthank(?:s|ing| you)\b", r"\bgrateful\b", r"\bgratitude\b", r"\bappreciat(?:e|ed|ion)\b")
APPRECIATION = _rx(
    THANKS.pattern,
    r"\b(?:a|real|great) pleasure\b",
    r"\benjoyed (?:meeting|speaking|talking|our|the|learning|hearing|working|it|discussing|getting)\b",
    r"\bvalued (?:learning|the|our|meeting|hearing|speaking)\b",
    r"\bglad (?:i had|to have had|to meet|we met)\b",
)
INTEREST = _rx(
    r"\binterest(?:ed)?\b(?! rates?)",
    r"\bexcited\b", r"\benthusias(?:m|tic)\b", r"\beager\b", r"\bkeen\b", r"\bthrilled\b",
    r"\b(?:would|'d|will)\s+(?:really\s+|very\s+much\s+|very\s+|be\s+(?:very\s+|so\s+|really\s+)?)?"
    r"(?:love|like|glad|happy|delighted|thrilled|proud|honou?red)\s+to\s+"
    r"(?:join|be|work|contribute|bring|help|take|start)\b",
    r"\bdelighted to (?:join|be|work|contribute)\b",
    r"\b(?:would|'d)\s+(?:really\s+)?(?:love|like)\s+(?:the|this)\s+(?:[\w-]+\s+){0,3}(?:job|role|position|opportunity|post)\b",
    r"\blook(?:ing)? forward to (?:the (?:chance|opportunity|possibility)|working|joining|contributing|being part)\b",
    r"\bexactly (?:what|the (?:kind|sort|type) of \w+) (?:i|i've)\b",
    r"\bcan't wait to (?:start|join|work|get)\b",
)
STRENGTHS = _rx(
    r"\bmy (?:[\w'-]+\s+){0,3}?(?:experience|background|skills?|strengths?|expertise|qualifications?|"
    r"track record|degree|doctorate|phd|master's|masters|certificat\w*|certification|charter|"
    r"training|portfolio|knowledge)\b",
    rf"\b{_NUMBER}\+? (?:full |more )?years?\b",
    r"\bi (?:have |had |'ve |also )?(?:led|built|managed|ran|run|designed|delivered|shipped|grew|"
    r"migrated|developed|launched|trained|supervised|created|automated|reduced|increased|improved|"
    r"handled|maintained|founded|organi[sz]ed|coordinated|taught|mentored|negotiated|published|"
    r"look after|looked after|worked (?:the|on|as|in|at|with)|hold|speak|"
    r"am (?:fluent|certified|qualified|comfortable|experienced|skilled|proficient|fast|used to))\b",
    r"\b(?:strong|ideal|good|great|excellent) (?:candidate|fit|match)\b",
    r"\b(?:i|what i) (?:would|could|can|will) bring\b",
    r"\b(?:at|in) my (?:last|previous|current|former|old) [\w'-]+",
)
DESPERATE = (
    (r"\bjust (?:checking|touching base|wanted to check) in\b", "just checking in"),
    (r"\bany updates?\b", "any update"),
    (r"\bplease,?\s+please\b", "please please"),
    (r"\bdesperate(?:ly)?\b", "desperate"),
    (r"\b(?:(?:really|truly|so),?\s+)+need (?:this|the|a) (?:job|role|position|work)\b", "I really need this job"),
    (r"\bbeg(?:ging)?\b", "begging"),
    (r"\bi'?(?:ll| will) do anything\b", "I'll do anything"),
    (r"\banything at all\b", "anything at all"),
)
PRESSURE = (
    (r"\bas soon as (?:possible|you can)\b|\basap\b", "as soon as possible"),
    (r"\burgent(?:ly)?\b|\bimmediately\b", "urgent"),
    (r"\b(?:need|expect|require|want)\b[^.?!;]*\b(?:by|before|within)\s+(?:tomorrow|tonight|today|"
     r"the end of|end of|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d+ (?:hours|days))",
     "a deadline for them"),
    (r"\bother (?:job )?offers?\b", "mentioning other offers"),
    (r"\byou (?:said|promised|told me)\b[^.?!]*\bwould\b", "holding them to what they said"),
    (r"\b(?:still )?(?:haven't|have not|hasn't|not) (?:yet )?heard (?:back|anything)\b", "still haven't heard back"),
    (r"\botherwise i(?:'ll| will)\b", "an ultimatum"),
)
HOSTILE = (
    r"\bunfair(?:ly)?\b", r"\bwaste of (?:my|our|everyone's) time\b", r"\bmistake\b", r"\breconsider\b",
    r"\bridiculous\b", r"\bunprofessional\b", r"\binsult(?:ing|ed)?\b", r"\bfurious\b", r"\bangry\b",
    r"\bshocked\b", r"\bjoke\b",
)
HOSTILE_RX = _rx(*HOSTILE)
POSITIVE = _rx(
    r"\benjoyed\b", r"\b(?:a|real|great) pleasure\b", r"\bglad\b",
    r"\bwish (?:you|the|everyone|your|\w+ and the team)\b", r"\ball the best\b(?!,\s*$)",
    r"\b(?:best of|good) luck\b", r"\bpaths cross\b", r"\b(?:stay|keep) in touch\b",
    r"\b(?:future|other|upcoming) (?:openings|opportunities|roles|vacancies|positions)\b",
    r"\bkeep me in mind\b", r"\blearn(?:ed|t) (?:a lot|a great deal|so much)\b",
    r"\bvalued (?:the|our|meeting|learning)\b", r"\bhope to (?:work|apply|meet)\b", r"\bunderstand\b",
    r"\bcongratulations\b",
)
TIPS = _rx(
    r"\bfeedback\b", r"\btips?\b", r"\badvice\b", r"\bpointers\b", r"\bsuggestions?\b",
    r"\bwhat i (?:could|can|should|might) (?:do|have done) (?:better|differently)\b",
    r"\b(?:improve|develop|work on|strengthen)\b", r"\bwhat i did wrong\b",
)
ASKING = _rx(
    r"\?", r"\b(?:would|could|can|do|might|will) you\b", r"\bif you (?:have|had|could|can|are)\b",
    r"\bshould you\b", r"\bi(?:'d| would) (?:be (?:very |most )?grateful|welcome|value|appreciate|love to hear)\b",
    r"\bany\b",
)
REINTRODUCTION_CI = _rx(
    r"\bmy name is\b", r"\bi (?:interviewed|had an interview|was interviewed|met with you|came in for|spoke with you)\b",
    r"\bwho interviewed\b", r"\bwe (?:met|spoke|talked)\b", r"\byou interviewed me\b",
)
# Case matters here: "I'm Carla" introduces someone, "I'm writing" does not.
REINTRODUCTION_CASED = re.compile(r"\b(?:[Tt]his is|[Ii]t's|[Ii]t is|I am|I'm)\s+[A-Z][\w'-]+")
REASON = _rx(
    r"\b(?:i am|i'm|am) (?:writing|calling|contacting|emailing|reaching out|getting in touch|following up|ringing)\b",
    r"\bi (?:wanted|want|would like|'d like) to (?:follow up|ask|check|enquire|inquire|find out|see|know)\b",
    r"\bthe reason i\b", r"\breaching out\b", r"\bfollowing up on\b", r"\bto follow up\b",
    r"\bcontacting you (?:again )?(?:about|regarding|because|to)\b",
)
ASKS_STATUS = _rx(
    r"\bstill (?:open|available|vacant|considering|accepting|recruiting|hiring|being considered)\b",
    r"\b(?:been|was|is|has|already) (?:already )?(?:filled|taken)\b",
    r"\bdecision (?:has|had) been (?:made|reached)\b", r"\b(?:made|reached) a decision\b",
    r"\bwhere things stand\b", r"\bany updates?\b", r"\bany news\b", r"\bstatus of\b", r"\bnext steps?\b",
    r"\btimeline\b", r"\bwhether (?:i got|i have been|i've been)\b",
)
_LEVEL_WORDS = frozenset({"senior", "sr", "junior", "jr", "principal", "i", "ii", "iii", "iv", "1", "2", "3"})
_TITLES = r"(?:mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame)\.?"


def _negated(sentence: str, match: re.Match) -> bool:
    before = sentence[:match.start()].lower()
    return re.search(r"\b(?:not|no longer|never|n't|nor)\b(?:\W+\w+){0,3}\W*$", before) is not None


def _tokens(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", fold(text).lower())
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]


def _role_rx(role: str) -> re.Pattern | None:
    core = [t for t in _tokens(re.sub(r"\(.*?\)", " ", role))]
    kept = [t for t in core if t not in _LEVEL_WORDS] or core
    if not kept:
        return None
    return re.compile(r"\b" + r" ".join(re.escape(t) for t in kept) + r"\b")


def _name_rxs(name: str) -> tuple[re.Pattern, ...]:
    """Patterns that find the interviewer: full name, title and surname, or first name."""
    words = [w for w in re.split(r"\s+", fold(name).strip()) if w and not re.fullmatch(_TITLES, w, re.I)]
    if not words:
        return ()
    full = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", re.IGNORECASE)
    surname = re.compile(rf"\b{_TITLES}\s+{re.escape(words[-1])}\b", re.IGNORECASE)
    # A first name counts only when capitalised, so "Will" is found but "I will" is not.
    first = words[0][:1].upper() + words[0][1:]
    given = re.compile(rf"(?<![\w'-]){re.escape(first)}(?![\w'-])")
    return (full, surname, given)


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
            if skip_sign_offs and _SIGN_OFF.match(folded) and word_count(folded) <= 3:
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
        parts={name: found[name] is not None for name in PARTS[kind]},
        evidence={name: found[name] for name in PARTS[kind]},
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
    return _rx(*looks) if looks else None


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
        strengths) is looked for too.
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
    letter = _Letter.read(text)
    strengths = letter.find(STRENGTHS)
    chosen = _chosen_strengths_rx(values.get("strengths"))
    if strengths is None and chosen is not None:
        strengths = letter.find(chosen)
    role_rx = _role_rx(values["role"])
    found = {
        "appreciation": letter.find(APPRECIATION, skip_sign_offs=True, negatable=True),
        "interest": letter.find(INTEREST, negatable=True),
        "strengths": strengths,
        "interviewer": next((s for rx in _name_rxs(values["interviewer_name"])
                             if (s := letter.find(rx)) is not None), None),
        "role": None if role_rx is None else _find_role(letter, role_rx),
    }
    return _result(kind, letter, found, max_words)


def _find_role(letter: _Letter, role_rx: re.Pattern) -> str | None:
    for shown in letter.shown:
        if role_rx.search(" ".join(_tokens(shown))):
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


def check_offer_reply(text: str, *, interview: Mapping, max_words: int | None = None) -> LetterCheck:
    """Check a reply to an offer: thanks, enthusiasm, and the role by name.

    Parameters
    ----------
    text : str
        The reply.
    interview : mapping
        At least ``role``.
    max_words : int, optional
        Length limit; defaults to :data:`MAX_WORDS` ``["offer_reply"]``.

    Returns
    -------
    LetterCheck
        Parts ``thanks``, ``interest``, ``role``.
    """
    values = _fields(interview, ("role",), "check_offer_reply")
    letter = _Letter.read(text)
    role_rx = _role_rx(values["role"])
    found = {
        "thanks": letter.find(THANKS, skip_sign_offs=True, negatable=True),
        "interest": letter.find(INTEREST, negatable=True),
        "role": None if role_rx is None else _find_role(letter, role_rx),
    }
    return _result("offer_reply", letter, found, max_words)


def check(kind: str, text: str, *, interview: Mapping | None = None) -> LetterCheck:
    """Run the checker that fits a kind of letter.

    Parameters
    ----------
    kind : {"thank_you", "note", "follow_up", "rejection_reply", "offer_reply"}
        The kind of letter.
    text : str
        The letter.
    interview : mapping, optional
        The interview it is about (needed for thank-you letters, notes and offer replies).

    Returns
    -------
    LetterCheck
    """
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


# -- the labelled set ---------------------------------------------------------

@dataclass(frozen=True)
class LabelledLetter:
    """One hand-labelled letter: its header fields, its labels per part, and the body."""

    path: Path
    kind: str
    interview: dict[str, str]
    labels: dict[str, bool]
    written_to_fail: tuple[str, ...]
    body: str


def read_labelled(path: str | Path) -> LabelledLetter:
    """Read one labelled letter file: a ``key: value`` header, a blank line, then the body.

    Parameters
    ----------
    path : str or Path
        A file such as ``tests/data/letters/03-no-strengths.txt``.

    Returns
    -------
    LabelledLetter
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n\n")
    if not sep:
        raise FollowupKitError(f"{path}: no blank line between the header and the letter")
    header = {}
    for number, line in enumerate(head.splitlines(), start=1):
        key, colon, value = line.partition(":")
        if not colon:
            raise FollowupKitError(f"{path}:{number}: header lines look like 'key: value', got {line!r}")
        header[key.strip()] = value.strip()
    kind = header.get("kind", "")
    if kind not in PARTS:
        raise FollowupKitError(f"{path}: kind must be one of {', '.join(PARTS)}, got {kind!r}")
    labels = {}
    for item in header.get("labels", "").split():
        name, _, value = item.partition("=")
        if name not in PARTS[kind] or value not in ("0", "1"):
            raise FollowupKitError(f"{path}: bad label {item!r}; write part=0 or part=1 "
                                   f"for the parts {', '.join(PARTS[kind])}")
        labels[name] = value == "1"
    if set(labels) != set(PARTS[kind]):
        raise FollowupKitError(f"{path}: label every part of a {kind} letter: {', '.join(PARTS[kind])}")
    interview = {k: header[k] for k in ("interviewer_name", "role", "company") if k in header}
    return LabelledLetter(path, kind, interview, labels,
                          tuple(header.get("written_to_fail", "").split()), body.strip("\n"))


def labelled_set(folder: str | Path) -> list[tuple[LabelledLetter, LetterCheck]]:
    """Read every ``NN-name.txt`` in a folder and check it with its kind's checker.

    Parameters
    ----------
    folder : str or Path
        The folder of labelled letters.

    Returns
    -------
    list of (LabelledLetter, LetterCheck)
        In file-name order.
    """
    files = sorted(Path(folder).glob("*.txt"))
    if not files:
        raise FollowupKitError(f"{folder}: no labelled letters (*.txt) found")
    out = []
    for path in files:
        item = read_labelled(path)
        out.append((item, check(item.kind, item.body, interview=item.interview)))
    return out


def evaluate(folder: str | Path) -> pd.DataFrame:
    """Precision and recall of each part's rule on a folder of hand-labelled letters.

    Parameters
    ----------
    folder : str or Path
        The folder of labelled letters (see :func:`read_labelled` for the format).

    Returns
    -------
    pandas.DataFrame
        One row per kind and part: ``kind``, ``part``, ``letters``, ``tp``,
        ``fp``, ``fn``, ``tn``, ``precision``, ``recall`` (NaN when undefined).
    """
    rows = [
        {"kind": item.kind, "part": part, "label": item.labels[part], "found": result.parts[part]}
        for item, result in labelled_set(folder) for part in PARTS[item.kind]
    ]
    long = pd.DataFrame(rows)
    long["tp"] = long["label"] & long["found"]
    long["fp"] = ~long["label"] & long["found"]
    long["fn"] = long["label"] & ~long["found"]
    long["tn"] = ~long["label"] & ~long["found"]
    table = (long.groupby(["kind", "part"], sort=False)[["tp", "fp", "fn", "tn"]].sum()
             .astype("int64").reset_index())
    table.insert(2, "letters", table[["tp", "fp", "fn", "tn"]].sum(axis=1))
    found = table["tp"] + table["fp"]
    positive = table["tp"] + table["fn"]
    table["precision"] = (table["tp"] / found.where(found > 0)).astype("float64")
    table["recall"] = (table["tp"] / positive.where(positive > 0)).astype("float64")
    return table


def not_caught(folder: str | Path) -> list[tuple[str, str]]:
    """Bad examples the checker lets through: (file name, reason it was written to fail).

    A reason is a part name (the part must be reported missing) or a warning
    code (``too_long``, ``desperate``, ``pressure``, ``exclamations``, ``bitter``).

    Parameters
    ----------
    folder : str or Path
        The folder of labelled letters.

    Returns
    -------
    list of (str, str)
        Empty when every bad example is caught for the reason it was written for.
    """
    missed = []
    for item, result in labelled_set(folder):
        for reason in item.written_to_fail:
            caught = (not result.parts[reason]) if reason in result.parts else reason in result.flags
            if not caught:
                missed.append((item.path.name, reason))
    return missed
