"""Benchmark: a candidate's Gmail Takeout read for events, against Python's ``mailbox`` iterating it bare.

Generates (seeded) an mbox in Takeout's style: 50,000 messages by default, of
which 200 are about one candidate's interviews (her thank-yous and follow-ups,
the interviewers' answers, an invitation to a second round, an offer, a
rejection from Greenhouse's no-reply address naming the company and the role)
and the rest ordinary mail: newsletters (HTML, ``List-Unsubscribe``), other
people, receipts, notifications, a few attachments, a few body lines starting
"From " that Takeout leaves unescaped. A store holds the candidate and her
interviews. Then, each step in a fresh process so its peak memory
(``ru_maxrss``) is its own, the time measured inside it after the imports:

* the reference: ``for message in mailbox.mbox(path): pass``;
* ``read_sources`` alone: every message's bytes, nothing parsed;
* ``read_sources`` and ``Found.headers()`` of every message;
* the full scan of the candidate (``followup_kit.inbox.scan.scan``, or
  ``propose`` over ``read_sources`` while ``scan`` is not there yet).

Targets: the scan within 3 times the bare iteration; its peak memory under 300 MB.

Run: ``.venv/bin/python benchmarks/mail.py [--messages N] [--seed S]``
"""

from __future__ import annotations

import argparse
import base64
import binascii
import concurrent.futures
import datetime as dt
import multiprocessing
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from _common import machine

TARGET_RATIO = 3.0
TARGET_MB = 300
ABOUT_HER = 200

CANDIDATE = {"name": "Amara Okafor", "email": "amara.okafor@gmail.com", "cohort": "2026-spring",
             "country": "GB", "timezone": "Europe/London"}
# (company, role, interviewer, address, interview day, how it ended)
INTERVIEWS = [
    ("Northwind Analytics", "Junior Data Analyst", "Daniel Reyes", "daniel.reyes@northwind.example",
     "2026-02-10", "next_round"),
    ("Northwind Analytics", "Junior Data Analyst", "Priti Shah", "priti.shah@northwind.example",
     "2026-02-24", "offer"),
    ("Bluefin Logistics", "Operations Coordinator", "Sofia Lindqvist", "s.lindqvist@bluefin.example",
     "2026-02-12", "rejection"),
    ("Harbor Health", "Patient Services Associate", "Grace Mensah", "gmensah@harborhealth.example",
     "2026-02-18", "silence"),
    ("Quill & Co", "Marketing Assistant", "Tom Becker", "tom@quillco.example", "2026-03-02", "silence"),
]
WORDS = ("the team project week update report plan meeting budget office client order delivery "
         "account schedule review notes draft photos weekend family dinner trip tickets garden "
         "invoice payment support training course chapter season match local news market").split()
SENDERS = [("Lena Park", "lena.park@gmail.com"), ("Marco Bianchi", "marco.b@outlook.example"),
           ("Aunt Ruth", "ruth.okafor@yahoo.example"), ("Sam Tui", "sam.tui@proton.example"),
           ("Chen Wei", "chen.wei@uni.example"), ("Jo Adeyemi", "jo.adeyemi@gmail.com")]
LISTS = [("The Morning Brief", "news@morningbrief.example"), ("ShopRight Deals", "deals@shopright.example"),
         ("Northwind Analytics Insights", "newsletter@northwind.example"),
         ("Careers Weekly", "hello@careersweekly.example"), ("City Gym", "info@citygym.example")]
SHOPS = [("Parcel Express", "no-reply@parcelexpress.example"), ("BookNook", "orders@booknook.example"),
         ("RailTickets", "tickets@rail.example")]


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 16))
    return " ".join(words).capitalize() + "."


def _paragraphs(rng: random.Random, count: int) -> str:
    return "\n\n".join(" ".join(_sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(count))


def _wrapped(text: str, width: int = 72) -> str:
    out = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            if len(line) + len(word) + 1 > width and line:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(line)
    return "\n".join(out)


def _html(rng: random.Random, text: str) -> bytes:
    cells = "".join(f'<tr><td style="padding:12px;font-family:Arial,sans-serif;color:#333333">{p}</td></tr>\n'
                    for p in text.split("\n\n"))
    page = (f'<html><body><table width="600" cellpadding="0" cellspacing="0" border="0">\n{cells}'
            f'<tr><td><a href="https://click.example/{rng.getrandbits(64):x}">Read more</a></td></tr>'
            f'</table></body></html>')
    return binascii.b2a_qp(page.encode("utf-8"))


def _envelope(rng: random.Random, when: dt.datetime, labels: str, sender: tuple[str, str], to: str,
              subject: str, extra: str = "") -> str:
    """Takeout's separator and the headers Gmail adds, then the message's own."""
    thread = rng.getrandbits(60)
    signature = base64.b64encode(rng.randbytes(256)).decode()
    folded = "\n\t ".join(signature[i:i + 70] for i in range(0, len(signature), 70))
    stamp = when.strftime("%a, %d %b %Y %H:%M:%S +0000")
    return (f"From {thread}@xxx {when.strftime('%a %b %d %H:%M:%S +0000 %Y')}\n"
            f"X-GM-THRID: {thread}\nX-Gmail-Labels: {labels}\nDelivered-To: {CANDIDATE['email']}\n"
            f"Received: by 2002:a05:6a10:{rng.getrandbits(16):x} with SMTP id {rng.getrandbits(40):x};\n"
            f"        {stamp}\n"
            f"ARC-Seal: i=1; a=rsa-sha256; t={int(when.timestamp())}; cv=none; d=google.com; s=arc-20240605;\n"
            f"\t b={folded}\n"
            f"Return-Path: <{sender[1]}>\n"
            f"Received-SPF: pass (google.com: domain of {sender[1]} designates 192.0.2.{rng.randint(1, 254)}"
            f" as permitted sender)\n"
            f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={sender[1].split('@')[1]}; s=s1;\n"
            f"\t b={folded}\n"
            f"MIME-Version: 1.0\nFrom: {sender[0]} <{sender[1]}>\nTo: {to}\nDate: {stamp}\n"
            f"Message-ID: <{rng.getrandbits(80):x}@{sender[1].split('@')[1]}>\nSubject: {subject}\n{extra}")


def _ordinary(rng: random.Random, when: dt.datetime) -> str:
    kind = rng.random()
    me = f"{CANDIDATE['name']} <{CANDIDATE['email']}>"
    if kind < 0.3:
        sender = rng.choice(LISTS)
        text = _paragraphs(rng, rng.randint(10, 30))
        boundary = f"b{rng.getrandbits(48):x}"
        head = _envelope(rng, when, "Category Promotions,Opened", sender, me, f"{_sentence(rng)[:50]}",
                         f"List-Unsubscribe: <https://unsub.example/{rng.getrandbits(40):x}>\n"
                         f"Precedence: bulk\nContent-Type: multipart/alternative; boundary=\"{boundary}\"\n")
        return (f"{head}\n--{boundary}\nContent-Type: text/plain; charset=utf-8\n\n{_wrapped(text)}\n"
                f"--{boundary}\nContent-Type: text/html; charset=utf-8\n"
                f"Content-Transfer-Encoding: quoted-printable\n\n{_html(rng, text).decode()}\n--{boundary}--\n")
    if kind < 0.5:
        sender = rng.choice(SHOPS)
        text = _paragraphs(rng, rng.randint(4, 10))
        head = _envelope(rng, when, "Inbox,Category Updates", sender, me, f"Your order {rng.randint(10**6, 10**7)}",
                         "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n")
        return f"{head}\n{_html(rng, text).decode()}\n"
    sender = rng.choice(SENDERS)
    text = _paragraphs(rng, rng.randint(1, 5))
    if rng.random() < 0.01:
        # Takeout leaves a body line starting "From " as it is.
        text += "\n\nFrom what I heard the match is on Saturday."
    labels = rng.choice(["Inbox,Opened", "Inbox,Important,Opened", "Archived,Opened"])
    if rng.random() < 0.015:
        boundary = f"b{rng.getrandbits(48):x}"
        attachment = base64.encodebytes(rng.randbytes(rng.randint(30_000, 400_000))).decode()
        head = _envelope(rng, when, labels, sender, me, "Photos from the weekend",
                         f"Content-Type: multipart/mixed; boundary=\"{boundary}\"\n")
        return (f"{head}\n--{boundary}\nContent-Type: text/plain; charset=utf-8\n\n{_wrapped(text)}\n"
                f"--{boundary}\nContent-Type: application/pdf; name=\"scan.pdf\"\n"
                f"Content-Disposition: attachment; filename=\"scan.pdf\"\n"
                f"Content-Transfer-Encoding: base64\n\n{attachment}--{boundary}--\n")
    head = _envelope(rng, when, labels, sender, me, _sentence(rng)[:40].rstrip("."),
                     "Content-Type: text/plain; charset=utf-8\n")
    return f"{head}\n{_wrapped(text)}\n"


def _about_her(rng: random.Random) -> list[tuple[dt.datetime, str]]:
    """The 200 messages about her interviews: each interview's story, then scheduling notes to fill up."""
    me = (CANDIDATE["name"], CANDIDATE["email"])
    out = []

    def add(day: dt.date, hour: int, sender, to, subject, body, labels="Inbox,Opened", extra=""):
        when = dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59), rng.randint(0, 59)))
        to_text = f"{to[0]} <{to[1]}>"
        if sender == me:
            labels = "Sent"
        head = _envelope(rng, when, labels, sender, to_text, subject,
                         extra + "Content-Type: text/plain; charset=utf-8\n")
        out.append((when, f"{head}\n{_wrapped(body)}\n"))

    for company, role, name, address, day_text, ending in INTERVIEWS:
        day = dt.date.fromisoformat(day_text)
        them, first = (name, address), name.split()[0]
        add(day - dt.timedelta(days=5), 10, them, me, f"Interview for {role}",
            f"Dear Amara,\n\nWe would like to invite you to interview for the {role} role at {company}.")
        add(day, 18, me, them, f"Thank you - {role} interview",
            f"Dear {first},\n\nThank you for taking the time to meet me today. I really enjoyed hearing about "
            f"the team, and I am even more excited about the {role} role at {company}. My experience "
            f"with data and with customers fits what you described.\n\nBest wishes,\nAmara")
        add(day + dt.timedelta(days=1), 9, them, me, f"Re: Thank you - {role} interview",
            f"Hi Amara,\n\nThanks for your note, it was good to meet you. We will be in touch by the end "
            f"of next week.\n\n{name}")
        if ending == "silence":
            add(day + dt.timedelta(days=15), 11, me, them, f"Following up on the {role} role",
                f"Dear {first},\n\nI hope you are well. I am writing to ask whether there is any news on the "
                f"{role} position, and whether it is still open.\n\nKind regards,\nAmara")
        elif ending == "next_round":
            add(day + dt.timedelta(days=6), 14, them, me, f"Next steps: {role}",
                f"Hi Amara,\n\nWe would like to invite you to a second interview with Priti Shah on "
                f"24 February.\n\n{name}")
        elif ending == "offer":
            add(day + dt.timedelta(days=8), 16, them, me, f"Offer: {role} at {company}",
                f"Dear Amara,\n\nI am delighted to offer you the position of {role} at {company}. "
                f"The written offer is attached.\n\n{name}")
            add(day + dt.timedelta(days=9), 10, me, them, f"Re: Offer: {role} at {company}",
                f"Dear {first},\n\nThank you so much, I am happy to accept.\n\nAmara")
        elif ending == "rejection":
            add(day + dt.timedelta(days=12), 15, ("Bluefin Logistics", "no-reply@us.greenhouse-mail.io"), me,
                f"Your application to {company}",
                f"Hi Amara,\n\nThank you for your interest in the {role} role at {company}. After careful "
                f"consideration we have decided to move forward with other candidates.\n\nThe {company} "
                f"Recruiting Team")
    while len(out) < ABOUT_HER:
        company, role, name, address, day_text, _ = rng.choice(INTERVIEWS)
        day = dt.date.fromisoformat(day_text) + dt.timedelta(days=rng.randint(-8, 20))
        if rng.random() < 0.5:
            add(day, rng.randint(8, 18), (name, address), me, f"Re: {role} - a quick question",
                f"Hi Amara,\n\nCould you send me the names of two referees for the {role} role?\n\n{name}")
        else:
            add(day, rng.randint(8, 18), me, (name, address), f"Re: {role} - a quick question",
                f"Dear {name.split()[0]},\n\nOf course: my referees are below.\n\nAmara")
    return out[:ABOUT_HER]


def generate(path: str, messages: int, seed: int) -> int:
    """Write the mbox; returns its size in bytes."""
    rng = random.Random(seed)
    hers = _about_her(rng)
    slots = dict(zip(rng.sample(range(messages), min(ABOUT_HER, messages)), hers, strict=False))
    start = dt.datetime(2025, 9, 1)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for number in range(messages):
            if number in slots:
                text = slots[number][1]
            else:
                text = _ordinary(rng, start + dt.timedelta(seconds=rng.randint(0, 240 * 86400)))
            handle.write(text + "\n")
    return Path(path).stat().st_size


def build_store(db: str) -> str:
    from followup_kit.data.store import Store

    with Store(db) as store:
        who = store.add_candidate(**CANDIDATE)
        for company, role, name, address, day, _ in INTERVIEWS:
            interview = store.add_interview(candidate_id=who, company=company, role=role, interviewer_name=name,
                                            interviewer_email=address, interview_date=day)
        # One event already logged, as a coach would have typed it.
        store.log_event(interview_id=interview, kind="thank_you_sent", date="2026-03-02")
    return who


def step_generate(path: str, db: str, messages: int, seed: int) -> tuple[float, int, str]:
    started = time.perf_counter()
    size = generate(path, messages, seed)
    who = build_store(db)
    return time.perf_counter() - started, size, who


def _peak_mb() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step_bare(path: str) -> tuple[float, float, str]:
    import mailbox

    started = time.perf_counter()
    count = 0
    for _ in mailbox.mbox(path):
        count += 1
    return time.perf_counter() - started, _peak_mb(), f"{count:,} messages"


def step_read(path: str, headers: bool) -> tuple[float, float, str]:
    from followup_kit.inbox.sources import read_sources

    started = time.perf_counter()
    count = unreadable = 0
    for found in read_sources([path], progress=False):
        count += 1
        if found.raw is None:
            unreadable += 1
        elif headers:
            found.headers()
    return time.perf_counter() - started, _peak_mb(), f"{count:,} messages, {unreadable} unreadable"


def step_scan(path: str, db: str, candidate_id: str) -> tuple[float, float, str]:
    """The whole scan, or the part of it that has landed; ``seconds`` is None when nothing has."""
    try:
        from followup_kit.inbox.scan import scan
    except ImportError:
        scan = None
    if scan is not None:
        from followup_kit.data.store import Store

        with Store(db) as store:
            started = time.perf_counter()
            proposed = scan(store, candidate_id, [path], progress=False).proposed
            seconds = time.perf_counter() - started
        what = "scan()"
    else:
        try:
            from followup_kit.inbox.propose import propose
        except ImportError:
            return None, _peak_mb(), "scan: not available yet"
        from followup_kit.data.store import Store
        from followup_kit.inbox.sources import read_sources

        with Store(db, readonly=True) as store:
            candidates, interviews, events = store.tables(candidate_id)[:3]
        started = time.perf_counter()
        proposed = propose(read_sources([path], progress=False), candidate=candidates.iloc[0].to_dict(),
                           interviews=interviews, events=events)
        seconds = time.perf_counter() - started
        what = "propose() over read_sources (scan not there yet)"
    return seconds, _peak_mb(), (f"{what}: read {proposed.read:,}, matched {proposed.matched}, "
                                 f"proposed {proposed.proposed}, unreadable {len(proposed.unreadable)}")


def in_child(func, *args):
    """Run ``func(*args)`` in a fresh process and return its result."""
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(func, *args).result()


def _line(step: str, seconds: float | None, base: float, peak: float, note: str) -> None:
    shown = f"{seconds:8.2f} s   ratio {seconds / base:5.2f}" if seconds is not None else f"{'':21}"
    print(f"{step:<44} {shown}   peak {peak:6.0f} MB   {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=50_000, help="messages in the mbox (default 50,000)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    print(machine())
    print(f"python {platform.python_version()}")
    with tempfile.TemporaryDirectory(prefix="followup-mail-bench-") as tmp:
        path, db = str(Path(tmp) / "All mail Including Spam and Trash.mbox"), str(Path(tmp) / "coach.db")
        # Written in a child too: a process started by this one begins with this one's peak memory.
        gen_s, size, who = in_child(step_generate, path, db, args.messages, args.seed)
        print(f"mbox: {args.messages:,} messages ({min(ABOUT_HER, args.messages)} about the candidate's "
              f"interviews), {size / 2**20:,.0f} MiB, written in {gen_s:.1f} s")

        bare_s, bare_mb, bare_note = in_child(step_bare, path)
        read_s, read_mb, read_note = in_child(step_read, path, False)
        head_s, head_mb, head_note = in_child(step_read, path, True)
        scan_s, scan_mb, scan_note = in_child(step_scan, path, db, who)
        print()
        _line("reference: for m in mailbox.mbox(path): pass", bare_s, bare_s, bare_mb,
              f"{bare_note} (it cuts at every line starting 'From ')")
        _line("read_sources alone", read_s, bare_s, read_mb, read_note)
        _line("read_sources + Found.headers() of each", head_s, bare_s, head_mb, head_note)
        _line("the scan", scan_s, bare_s, scan_mb, scan_note)
        if scan_s is None:
            print("targets: the scan is not there to measure yet")
            return 0
        over = [f"scan / bare {scan_s / bare_s:.2f}"] if scan_s / bare_s > TARGET_RATIO else []
        over += [f"scan peak {scan_mb:.0f} MB"] if scan_mb >= TARGET_MB else []
        print(f"targets (scan within {TARGET_RATIO:g}x bare, peak under {TARGET_MB} MB): "
              + ("all met" if not over else "missed: " + ", ".join(over)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
