"""Whose message it is, and which of the candidate's interviews it is about.

A message is the **candidate's** when it comes from their address (the store's,
or one they use besides); the **employer's** when it comes from an
interviewer's address, or from the domain of one (not a public one such as
gmail.com); a **hiring system's** (Greenhouse, Lever, Workday, other no-reply
senders, a careers site's careers@ or talent@) when it comes from one and names
one of the companies. Mail
from anyone else is about no interview.

Which interview: for the employer, those at the sender's company; for the
candidate, those whose interviewer or company domain the message goes to, or
whose company it names; for a hiring system, those whose company it names
(case and punctuation aside: "FERNLEAF" is Fernleaf Health). The role, when the
message names one, chooses between two applications at one company. Of what is
left, the message is about the latest interview held on or before its day (with
rounds, that round); a message from before the first of them is
``before_interview``. Only the candidate's own interviews are ever looked at.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses

import pandas as pd

from ..letters.reading import fold, tokens
from ..letters.roles import role_rx

#: Mail services anyone can have an address at: the same domain there says nothing of the employer.
PUBLIC_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "live.co.uk",
    "msn.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com",
    "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "zoho.com",
    "yandex.com", "yandex.ru", "fastmail.com", "hey.com", "qq.com", "163.com", "btinternet.com",
    "comcast.net", "orange.fr", "free.fr", "t-online.de", "libero.it", "rediffmail.com",
})
# Their country versions: outlook.fr, yahoo.co.in, hotmail.de ...
_PUBLIC_FAMILIES = re.compile(r"^(?:outlook|hotmail|live|yahoo|gmx|yandex|aol)\.[a-z.]+$")

#: Hiring systems that write to candidates for employers; a subdomain (``us.greenhouse-mail.io``) counts.
HIRING_SYSTEMS = (
    "greenhouse.io", "greenhouse-mail.io", "lever.co", "myworkday.com", "workday.com", "myworkdayjobs.com",
    "smartrecruiters.com", "smartrecruitersmail.com", "ashbyhq.com", "icims.com", "taleo.net", "jobvite.com",
    "teamtailor.com", "teamtailor-mail.com", "workable.com", "workablemail.com", "bamboohr.com",
    "recruitee.com", "personio.de", "personio.com", "breezy.hr", "jazzhr.com", "applytojob.com",
    "successfactors.com", "successfactors.eu", "pinpointhq.com", "hibob.com", "rippling.com",
)
# Each system by its own name, which it keeps whatever country or top-level domain it writes from
# (myworkday.eu, personio.es, lever.example).
_SYSTEM_HOSTS = frozenset(system.partition(".")[0] for system in HIRING_SYSTEMS)
# The other senders that write for a system: no-reply@, donotreply@, notifications-noreply@ ...
_NO_REPLY = re.compile(r"no[-_.]?reply|do[-_.]?not[-_.]?reply", re.IGNORECASE)
# ... and the addresses a careers site writes from (careers@, talent@), at a domain that is not the employer's.
_SYSTEM_NAMES = r"(?:careers?|jobs?|recruit(?:ing|ment|er)?s?|talent|hiring|hr|notifications?|applications?|apply|candidates?)"
_SYSTEM = re.compile(rf"^(?:{_SYSTEM_NAMES})(?:[-_.+][\w.+-]*)?$", re.IGNORECASE)
_SYSTEM_BYTES = re.compile(rb"no[-_.]?reply|do[-_.]?not[-_.]?reply|[<\s:\"]" + _SYSTEM_NAMES.encode() + rb"(?:[-_.+][\w.+-]*)?@",
                           re.IGNORECASE)

# What a company's name may carry that the mail leaves out: "Fernleaf Health Ltd" is written "Fernleaf".
_LEGAL = frozenset({"ltd", "limited", "inc", "incorporated", "llc", "llp", "plc", "gmbh", "ag", "sa", "sas",
                    "bv", "nv", "pty", "co", "corp", "corporation", "company", "group", "holdings", "the", "srl",
                    "spa", "ab", "as", "oy", "kk", "pte", "lp"})
_TRADE = frozenset({"health", "healthcare", "tech", "technology", "technologies", "labs", "lab", "bank",
                    "solutions", "systems", "partners", "consulting", "services", "energy", "foods", "food",
                    "logistics", "media", "studio", "studios", "software", "analytics", "digital", "capital",
                    "financial", "finance", "insurance", "care", "clinic", "hospital", "university", "college",
                    "school", "academy", "trust", "foundation", "international", "global", "uk", "us",
                    "europe", "hq", "retail", "stores", "store", "pharma", "pharmaceuticals", "robotics",
                    "networks", "data", "cloud", "ventures", "industries", "engineering", "design",
                    "agency", "works", "motors", "airlines", "hotels", "restaurants", "coffee"})
# A name left this short by dropping its trade word is too likely an everyday word to be found alone.
_SHORTEST_NAME = 4

#: Who a message is from.
SIDES = ("candidate", "employer", "hiring_system")

_FROM_LINES = re.compile(rb"^(?:from|sender|reply-to)[ \t]*:[^\n]*(?:\r?\n[ \t][^\n]*)*", re.IGNORECASE | re.MULTILINE)
_TO_LINES = re.compile(rb"^(?:to|cc)[ \t]*:[^\n]*(?:\r?\n[ \t][^\n]*)*", re.IGNORECASE | re.MULTILINE)
# Headers longer than this are cut before the cheap look at them.
_MOST_HEADER_BYTES = 65536


def plain_words(text: str) -> str:
    """Text as its words in lower case, one space apart, with a space at each end: " fernleaf health "."""
    return " " + " ".join(re.findall(r"[a-z0-9]+", fold(text).lower())) + " "


def domain_of(address: str) -> str:
    """The domain of an address, in lower case ("" when it has none)."""
    return address.rpartition("@")[2].strip().lower().rstrip(".>") if "@" in address else ""


def is_public(domain: str) -> bool:
    """Whether anyone may have an address at ``domain`` (gmail.com, outlook.fr ...)."""
    return domain in PUBLIC_DOMAINS or bool(_PUBLIC_FAMILIES.match(domain))


def _within(domain: str, of: str) -> bool:
    return domain == of or domain.endswith("." + of)


def hiring_system(domain: str) -> bool:
    """Whether ``domain`` is one of :data:`HIRING_SYSTEMS` or below one, under any top-level domain."""
    if any(_within(domain, system) for system in HIRING_SYSTEMS):
        return True
    labels = domain.split(".")
    # The system's name just before the top-level domain, or before a country's two parts (co.uk, com.au).
    return ((len(labels) >= 2 and labels[-2] in _SYSTEM_HOSTS)
            or (len(labels) >= 3 and labels[-3] in _SYSTEM_HOSTS and len(labels[-1]) == 2 and len(labels[-2]) <= 3))


def company_names(company: str) -> tuple[str, ...]:
    """The ways a message may name a company, as :func:`plain_words` writes them.

    The name without its legal form ("Ltd", "Inc"), the same without its trade
    word ("Fernleaf" for Fernleaf Health) when what is left is long enough to be
    a name, and the words run together ("fernleafhealth", as in a web address).
    """
    words = [w for w in plain_words(company).split() if w not in _LEGAL] or plain_words(company).split()
    if not words:
        return ()
    names = {" ".join(words)}
    core = list(words)
    while len(core) > 1 and core[-1] in _TRADE:
        core.pop()
    if core != words and len("".join(core)) >= _SHORTEST_NAME:
        names.add(" ".join(core))
    if len(words) > 1:
        names.add("".join(words))
    return tuple(sorted(names, key=len, reverse=True))


def _any_bytes(words) -> re.Pattern:
    """One pattern over raw bytes that finds any of ``words`` (text), in any case; it finds nothing when none."""
    spelled = sorted({w.encode("utf-8") if isinstance(w, str) else w for w in words} - {b""}, key=len, reverse=True)
    return re.compile(b"|".join(re.escape(w) for w in spelled) if spelled else rb"(?!)", re.IGNORECASE)


def _gate_words(company: str) -> set[bytes]:
    """The longest word of a company's name (not its legal form or trade), as bytes: as written and folded."""
    words = [w for w in re.findall(r"\w+", company.lower()) if w not in _LEGAL and w not in _TRADE]
    if not words:
        words = re.findall(r"\w+", company.lower())
    if not words:
        return set()
    word = max(words, key=len)
    return {word.encode("utf-8"), fold(word).encode("ascii", "ignore")} - {b""}


@dataclass(frozen=True)
class Interview:
    """One of the candidate's interviews, as matching reads it.

    Attributes
    ----------
    interview_id, company, role, interviewer_name : str
    interviewer_email : str
        In lower case.
    domain : str
        The interviewer's domain, "" when it is a public one (it then says nothing of the employer).
    day : datetime.date
        The day it was held.
    round : int
        Its round (1 where not known).
    application : str
        The application it belongs to: its ``application_id``, else its company and role.
    names : tuple of str
        The ways a message may name its company (see :func:`company_names`).
    """

    interview_id: str
    company: str
    role: str
    interviewer_name: str
    interviewer_email: str
    domain: str
    day: dt.date
    round: int
    application: str
    names: tuple[str, ...]

    def as_letter(self) -> dict[str, str]:
        """What the letter checker needs of the interview."""
        return {"interviewer_name": self.interviewer_name, "role": self.role, "company": self.company}


def interviews_of(candidate: Mapping, interviews: pd.DataFrame) -> list[Interview]:
    """The candidate's own interviews (rows of another candidate are left out), as :class:`Interview`."""
    own = interviews.loc[interviews["candidate_id"].astype("str") == str(candidate["candidate_id"])]
    out = []
    for row in own.to_dict("records"):
        email = str(row["interviewer_email"]).strip().lower()
        domain = domain_of(email)
        given_round = row.get("round")
        application = row.get("application_id")
        if not isinstance(application, str) or not application.strip():
            application = " ".join(plain_words(row["company"]).split()) + "|" + " ".join(plain_words(row["role"]).split())
        out.append(Interview(
            interview_id=str(row["interview_id"]), company=str(row["company"]), role=str(row["role"]),
            interviewer_name=str(row["interviewer_name"]), interviewer_email=email,
            domain="" if is_public(domain) or hiring_system(domain) else domain,
            day=pd.Timestamp(row["interview_date"]).date(),
            round=1 if given_round is None or pd.isna(given_round) else int(given_round),
            application=application, names=company_names(str(row["company"]))))
    return out


def addresses_in(headers: EmailMessage, *names: str) -> list[tuple[str, str]]:
    """The (display name, address in lower case) pairs of the headers named, read leniently."""
    values = []
    for name in names:
        for value in headers.get_all(name) or ():
            try:
                values.append(str(value))
            except (ValueError, TypeError, AttributeError):
                continue
    return [(shown, address.strip().lower()) for shown, address in getaddresses(values) if "@" in address]


def _roles_named(pool: Sequence[Interview], text: str) -> tuple[set[str], bool]:
    """The applications whose role ``text`` names: written out in full, the longest title found; else loosely.

    "Credit Risk Analyst" names that role, not "Senior Analyst" as well, though
    the letter checker's loose reading would find an analyst job in both.

    Returns
    -------
    (applications, verbatim)
        The applications named, and whether a role was written out in full.
    """
    said = plain_words(text)
    verbatim = {i.application: len(plain_words(i.role)) for i in pool if plain_words(i.role).strip()
                and plain_words(i.role) in said}
    if verbatim:
        longest = max(verbatim.values())
        return {application for application, length in verbatim.items() if length == longest}, True
    loose = " ".join(tokens(text))
    return {i.application for i in pool if (rx := role_rx(i.role)) is not None and rx.search(loose)}, False


@dataclass(frozen=True)
class Sender:
    """Who a message is from, and the interviews its headers already point to.

    Attributes
    ----------
    side : str
        One of :data:`SIDES`.
    address : str
        The sender's address, in lower case.
    shown : str
        The name the sender goes by ("Fernleaf Health via Greenhouse").
    pool : tuple of Interview
        The interviews the sender's address or domain points to; empty when the
        message itself must name the company (a hiring system, or the candidate).
    person : bool
        The sender is a person (not a hiring system or a no-reply address).
    """

    side: str
    address: str
    shown: str
    pool: tuple[Interview, ...] = ()
    person: bool = True


class Matcher:
    """The rules that tell whose a message is and which interview it is about, for one candidate.

    Parameters
    ----------
    candidate : mapping
        The candidate's row (``candidate_id``, ``email``).
    interviews : DataFrame
        The candidate's interviews, as the store gives them.
    addresses : sequence of str
        Other addresses the candidate writes from.
    """

    def __init__(self, candidate: Mapping, interviews: pd.DataFrame, addresses: Sequence[str] = ()) -> None:
        self.interviews = interviews_of(candidate, interviews)
        own = [str(candidate.get("email") or ""), *addresses]
        self.own = frozenset(a.strip().lower() for a in own if a and "@" in a)
        self.by_address: dict[str, list[Interview]] = {}
        self.by_domain: dict[str, list[Interview]] = {}
        for interview in self.interviews:
            self.by_address.setdefault(interview.interviewer_email, []).append(interview)
            if interview.domain:
                self.by_domain.setdefault(interview.domain, []).append(interview)
        self._employer_bytes = _any_bytes({*self.by_address, *self.by_domain, *(f"@{h}." for h in _SYSTEM_HOSTS),
                                           *(f".{h}." for h in _SYSTEM_HOSTS)})
        self._own_bytes = _any_bytes(self.own)
        # For the look at raw bytes, one word of each name: its longest, which a wrapped line cannot split.
        self._name_bytes = _any_bytes({spelled for i in self.interviews for spelled in _gate_words(i.company)})

    # -- cheap looks -------------------------------------------------------------
    def might_matter(self, raw: bytes) -> bool:
        """Whether a message could be about one of the interviews, by a look at its raw bytes.

        From, Sender or Reply-To is an interviewer, their company or a hiring
        system; or the candidate, writing to one of those or naming a company; or
        a no-reply sender whose message names a company. Nothing is parsed: most
        of a mailbox is answered here. A name is looked for in the bytes as they
        are, so a body in base64 is not seen to name it.
        """
        end = raw.find(b"\n\n", 0, _MOST_HEADER_BYTES)
        crlf = raw.find(b"\r\n\r\n", 0, _MOST_HEADER_BYTES)
        if crlf >= 0 and (end < 0 or crlf < end):
            end = crlf
        head = raw[:end if end >= 0 else _MOST_HEADER_BYTES]
        said = b"\n".join(_FROM_LINES.findall(head))
        if self._employer_bytes.search(said):
            return True
        if self._own_bytes.search(said):
            return bool(self._employer_bytes.search(b"\n".join(_TO_LINES.findall(head)))) or self.might_name(raw)
        return bool(_SYSTEM_BYTES.search(said)) and self.might_name(raw)

    def might_name(self, raw: bytes) -> bool:
        """Whether a message's bytes hold a word of one of the companies' names (where they are plain text)."""
        return bool(self._name_bytes.search(raw))

    # -- who ---------------------------------------------------------------------
    def sender(self, headers: EmailMessage) -> Sender | None:
        """Who the message is from (see the module's rules), or None: nobody of the candidate's interviews."""
        froms = addresses_in(headers, "From")
        if not froms:
            return None
        shown, address = froms[0]
        if address in self.own:
            return Sender("candidate", address, shown)
        pool = self._employer_pool(address)
        if pool:
            return Sender("employer", address, shown, pool)
        helpers = addresses_in(headers, "Sender", "Reply-To")
        for _, other in helpers:
            if (pool := self._employer_pool(other)):
                return Sender("employer", address, shown, pool, person=not _NO_REPLY.search(address))
        domains = [domain_of(address), *(domain_of(other) for _, other in helpers)]
        if any(hiring_system(d) for d in domains):
            return Sender("hiring_system", address, shown, person=False)
        local = address.partition("@")[0]
        if _NO_REPLY.search(local) or (_SYSTEM.match(local) and not is_public(domain_of(address))):
            return Sender("hiring_system", address, shown, person=False)
        return None

    def _employer_pool(self, address: str) -> tuple[Interview, ...]:
        if address in self.by_address:
            exact = self.by_address[address]
            domain = exact[0].domain
            return tuple(self.by_domain.get(domain, exact)) if domain else tuple(exact)
        domain = domain_of(address)
        if not domain or is_public(domain):
            return ()
        return tuple(i for d, found in self.by_domain.items() if _within(domain, d) for i in found)

    def recipients(self, headers: EmailMessage) -> tuple[tuple[Interview, ...], frozenset[str], bool]:
        """The interviews whose interviewer or company domain a message goes to (To and Cc).

        Returns
        -------
        (interviews, addresses, to_employer)
            The interviews, every address it goes to (lower case), and whether any
            of them is the employer's or a hiring system's.
        """
        found: dict[str, Interview] = {}
        said = addresses_in(headers, "To", "Cc")
        to_system = False
        for shown, address in said:
            for interview in self._employer_pool(address):
                found[interview.interview_id] = interview
            if hiring_system(domain_of(address)):
                to_system = True
                # Written to a hiring system, the company is the name it goes by ("Strand Payments").
                for interview in self.named(shown):
                    found[interview.interview_id] = interview
        return tuple(found.values()), frozenset(a for _, a in said), bool(found) or to_system

    # -- which interview ---------------------------------------------------------
    def named(self, text: str) -> tuple[Interview, ...]:
        """The interviews whose company ``text`` names (case and punctuation aside)."""
        said = plain_words(text)
        return tuple(i for i in self.interviews if any(f" {name} " in said for name in i.names))

    def choose(self, pool: Iterable[Interview], text: str, day: dt.date, *,
               prefer: str = "", subject: str = "") -> tuple[Interview | None, str | None]:
        """The interview a message is about, of those its sender or words point to.

        Parameters
        ----------
        pool : iterable of Interview
            The interviews the headers or the company's name point to.
        text : str
            The subject and the sender's own words, where the role may be named.
        day : datetime.date
            The message's day (in the candidate's time zone).
        prefer : str
            The sender's address: between applications the text cannot tell apart,
            those this person interviewed for.
        subject : str
            The subject alone: between companies the text cannot tell apart, the one it names.

        Returns
        -------
        (Interview or None, reason or None)
            The interview; or None with ``"not_about_an_interview"`` (no
            interview), ``"nothing_to_use"`` (two companies, no way to tell which)
            or ``"before_interview"`` (sent before the first of them was held).
        """
        pool = list(pool)
        if not pool:
            return None, "not_about_an_interview"
        if len({i.company.casefold() for i in pool}) > 1:
            in_subject = self.named(subject)
            pool = [i for i in pool if i in in_subject] if len({i.company for i in in_subject}) == 1 else pool
            if len({i.company.casefold() for i in pool}) > 1:
                return None, "nothing_to_use"
        if len({i.application for i in pool}) > 1:
            named, verbatim = _roles_named(pool, text)
            # A title read loosely ("one of our staff engineers") names no application not yet interviewed for.
            if not verbatim:
                named = {i.application for i in pool if i.application in named and i.day <= day}
            if named and len(named) < len({i.application for i in pool}):
                pool = [i for i in pool if i.application in named]
            elif prefer and (theirs := {i.application for i in pool if i.interviewer_email == prefer}):
                pool = [i for i in pool if i.application in theirs]
        held = [i for i in pool if i.day <= day]
        if not held:
            return None, "before_interview"
        return max(held, key=lambda i: (i.day, i.round, i.interview_id)), None
