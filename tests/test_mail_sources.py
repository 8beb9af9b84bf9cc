"""Every mailbox export a candidate may bring, read as one stream of messages, and what is not one refused."""

from __future__ import annotations

import email.message
import io
import mailbox
import os
import pickle
import random
import sys
import tracemalloc
from pathlib import Path

import pytest

from followup_kit.errors import FollowupKitError
from followup_kit.inbox import formats, sources
from followup_kit.inbox.sources import Found, NotAMailbox, read_sources, source_kind

GMAIL_FROM = b"From 1789912345678901234@xxx Thu Mar 05 18:42:10 +0000 2026\n"


def message(subject: str, sender: str = "daniel.reyes@northwind.example", body: str = "Thanks for coming in.\n",
            **headers: str) -> bytes:
    """A small message's bytes, as a mail program saves it."""
    m = email.message.EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, "amara.okafor@gmail.com", subject
    m["Date"] = "Thu, 05 Mar 2026 18:42:10 +0000"
    m["Message-ID"] = f"<{subject.replace(' ', '.')}@northwind.example>"
    for name, value in headers.items():
        m[name.replace("_", "-")] = value
    m.set_content(body)
    return m.as_bytes()


def gmail(subject: str, labels: str = "Inbox,Opened", body: str = "Thanks for coming in.\n") -> bytes:
    """One message of a Takeout mbox: Gmail's separator line and headers, the body left unescaped."""
    return GMAIL_FROM + b"X-GM-THRID: 1789912345678901234\nX-Gmail-Labels: " + labels.encode() + b"\n" + \
        message(subject, body=body) + b"\n"


def subjects(found) -> list[str]:
    return [f.headers()["Subject"] for f in found]


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def emlx(raw: bytes, count: int | None = None) -> bytes:
    """An Apple Mail .emlx: the byte count, the message, Mail's property list of flags."""
    plist = (b'<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>flags</key>'
             b"<integer>8590195713</integer></dict></plist>\n")
    return f"{len(raw) if count is None else count}        \n".encode() + raw + plist


# -- mbox ----------------------------------------------------------------------------------------


def test_a_takeout_mbox_gives_each_message_its_labels_place_and_file(tmp_path):
    path = write(tmp_path / "All mail Including Spam and Trash.mbox",
                 gmail("Interview", "Inbox,Important,Opened") + gmail("Thank you", "Sent")
                 + gmail("Offer", '=?UTF-8?Q?Entw=C3=BCrfe?=,"Jobs, 2026"'))
    found = list(read_sources([path], progress=False))
    assert source_kind(path) == "mbox"
    assert subjects(found) == ["Interview", "Thank you", "Offer"]
    assert [f.labels for f in found] == [("Inbox", "Important", "Opened"), ("Sent",), ("Entwürfe", "Jobs, 2026")]
    assert [f.where for f in found] == ["message 1", "message 2", "message 3"]
    assert {f.source for f in found} == {str(path)}
    assert all(f.problem is None and f.raw.startswith(b"X-GM-THRID") for f in found)


def test_a_folded_labels_header_is_read_whole():
    raw = GMAIL_FROM + b"X-Gmail-Labels: Inbox,\n Important\n" + message("Hello") + b"\n"
    assert [labels for _, _, labels in formats.mbox_messages(raw.splitlines(True))] == [b" Inbox,\n Important\n"]
    assert formats.gmail_labels(b" Inbox,\n Important\n") == ("Inbox", "Important")


def test_a_body_line_starting_from_stays_in_its_message(tmp_path):
    body = ("Dear Amara,\n\nFrom what I saw on Tuesday you would fit in well.\n\n"
            "From the team:\nNote: we start at nine.\nThe day runs\nFrom Mon 09:30 to Fri 17:00\nRoom: 4B\n")
    path = write(tmp_path / "takeout.mbox", gmail("Feedback", body=body) + gmail("Next"))
    found = list(read_sources([path], progress=False))
    assert subjects(found) == ["Feedback", "Next"]
    text = found[0].message().get_content()
    assert "From what I saw" in text and "From the team:\nNote: we start at nine." in text
    assert "The day runs\nFrom Mon 09:30 to Fri 17:00\nRoom: 4B" in text
    assert len(list(mailbox.mbox(path))) == 5  # the stdlib cuts at every "From " line


def test_separators_in_every_style_programs_write(tmp_path):
    lines = [b"From - Thu Mar  5 18:42:10 2026\n",  # Thunderbird
             b'From "ann@bluefin.example" Thu Mar  5 18:42:10 2026\n',  # readpst
             b"From MAILER-DAEMON Thu Mar  5 18:42:10 2026\n",  # Python's mailbox
             GMAIL_FROM]
    path = write(tmp_path / "Inbox", b"".join(line + message(f"m{n}") + b"\n" for n, line in enumerate(lines)))
    assert subjects(read_sources([path], progress=False)) == ["m0", "m1", "m2", "m3"]


def test_a_thunderbird_folder_file_without_extension_is_named_by_its_file(tmp_path):
    profile = tmp_path / "Local Folders"
    write(profile / "Inbox", b"From - Thu Mar  5 18:42:10 2026\nX-Mozilla-Status: 0001\n" + message("a") + b"\n")
    write(profile / "Inbox.msf", b"// <!-- <mdb:mork:z v=\"1.4\"/> -->\n< <(a=c)> // (f=iso-8859-1)\n")
    write(profile / "Inbox.sbd" / "Jobs", b"From - Thu Mar  5 18:42:10 2026\n" + message("b") + b"\n")
    write(profile / "Trash", b"")
    found = list(read_sources([profile], progress=False))
    assert source_kind(profile) == "folder"
    assert [(f.headers()["Subject"], f.labels, f.where) for f in found] == [
        ("a", ("Inbox",), "message 1"), ("b", ("Jobs",), "message 1")]
    assert source_kind(profile / "Inbox") == "mbox"


def test_crlf_lines_are_read_as_well(tmp_path):
    crlf = (gmail("One") + gmail("Two")).replace(b"\n", b"\r\n")
    found = list(read_sources([write(tmp_path / "win.mbox", crlf)], progress=False))
    assert subjects(found) == ["One", "Two"] and [f.labels for f in found] == [("Inbox", "Opened")] * 2
    assert found[0].message().get_content().strip() == "Thanks for coming in."


def test_a_file_that_ends_inside_a_message_says_so_for_that_message_only(tmp_path):
    whole = gmail("Interview") + gmail("Offer")
    cut_in_headers = whole + GMAIL_FROM + b"From: hr@northwind.example\nSubj"
    headers_only = whole + GMAIL_FROM + b"From: hr@northwind.example\nSubject: Offer letter\n"
    separator_only = whole + GMAIL_FROM
    for name, data in [("a", cut_in_headers), ("b", headers_only), ("c", separator_only)]:
        found = list(read_sources([write(tmp_path / f"{name}.mbox", data)], progress=False))
        assert subjects(found[:2]) == ["Interview", "Offer"], name
        assert [(f.where, f.raw, f.problem) for f in found[2:]] == [
            ("message 3", None, "the file ends inside this message")], name


def test_a_damaged_tail_is_one_unreadable_message(tmp_path):
    offer = gmail("Offer", body="Dear Amara,\n\nWe are delighted to offer you the role.\n")
    path = write(tmp_path / "takeout.mbox", gmail("Interview") + offer[:-10] + b"\x00" * 500)
    found = list(read_sources([path], progress=False))
    assert found[0].problem is None
    assert found[1].raw is None and "damaged" in found[1].problem


def test_a_big_mbox_is_read_in_memory_bounded_by_its_largest_message(tmp_path):
    rng = random.Random(4)
    path = tmp_path / "big.mbox"
    with open(path, "wb") as handle:
        for number in range(1500):
            body = "\n".join(" ".join(rng.choices(["team", "role", "week", "thanks"], k=12)) for _ in range(100))
            handle.write(gmail(f"m{number}", body=body + "\n"))
        handle.write(gmail("attachment", body="x" * 75 + ("\n" + "y" * 75) * 6000 + "\n"))  # about 450 KB
    size = path.stat().st_size
    assert size > 10 * 2**20
    tracemalloc.start()
    count = sum(1 for _ in read_sources([path], progress=False))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 1501
    assert peak < 2 * 2**20, f"peak {peak:,} bytes for a {size:,}-byte file"


# -- folders and single files --------------------------------------------------------------------


def test_a_maildir_reads_cur_and_new_names_its_subfolders_and_leaves_tmp(tmp_path):
    root = tmp_path / "Maildir"
    write(root / "cur" / "1709660530.M1P2.host:2,S", message("read one"))
    write(root / "new" / "1709660531.M2P2.host", message("new one"))
    write(root / "tmp" / "1709660532.M3P2.host", message("being delivered"))
    write(root / ".Sent" / "cur" / "1709660533.M4P2.host:2,S", message("sent one"))
    write(root / ".Jobs.Northwind" / "new" / "1709660534.M5P2.host", message("nested"))
    write(root / "dovecot-uidlist", b"3 V1709660530 N6\n")
    (root / ".Sent" / "new").mkdir()
    found = list(read_sources([root], progress=False))
    assert source_kind(root) == "maildir"
    assert [(f.headers()["Subject"], f.labels, f.where) for f in found] == [
        ("read one", (), "cur/1709660530.M1P2.host:2,S"), ("new one", (), "new/1709660531.M2P2.host"),
        ("nested", ("Jobs/Northwind",), ".Jobs.Northwind/new/1709660534.M5P2.host"),
        ("sent one", ("Sent",), ".Sent/cur/1709660533.M4P2.host:2,S")]
    assert found[0].source == str(root / "cur" / "1709660530.M1P2.host:2,S")


def test_a_folder_of_eml_files_in_number_order_passing_over_what_is_not_mail(tmp_path):
    folder = tmp_path / "exported"
    for number in (10, 2, 1):
        write(folder / f"{number}.eml", message(f"m{number}"))
    write(folder / ".DS_Store", b"\x00\x00\x00\x01Bud1\x00\x00\x10\x00")
    write(folder / "notes.eml", b"not really a message, just some text\n")
    write(folder / "0 cover.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert source_kind(folder) == "eml_folder"
    found = list(read_sources([folder], progress=False))
    assert [(f.headers()["Subject"], f.where, f.labels) for f in found] == [
        ("m1", "1.eml", ()), ("m2", "2.eml", ()), ("m10", "10.eml", ())]


def test_one_eml_file_even_one_saved_with_an_mbox_from_line(tmp_path):
    plain = write(tmp_path / "offer.eml", message("Offer"))
    with_from = write(tmp_path / "thanks.eml", b"From - Thu Mar  5 18:42:10 2026\n" + message("Thanks"))
    no_name = write(tmp_path / "saved message", message("Saved"))
    apple = write(tmp_path / "77.emlx", emlx(message("Apple")))
    assert [source_kind(p) for p in (plain, with_from, no_name, apple)] == ["eml"] * 4
    found = list(read_sources([plain, with_from, no_name, apple], progress=False))
    assert [(f.headers()["Subject"], f.where, f.source) for f in found] == [
        ("Offer", "offer.eml", str(plain)), ("Thanks", "thanks.eml", str(with_from)),
        ("Saved", "saved message", str(no_name)), ("Apple", "77.emlx", str(apple))]
    assert found[1].raw.startswith(b"From: ")


def test_an_apple_mail_export_with_an_mbox_inside(tmp_path):
    folder = tmp_path / "Job hunt.mbox"
    write(folder / "mbox", b"From ann@x Thu Mar  5 18:42:10 2026\n" + message("a") + b"\n")
    write(folder / "Info.plist", b'<?xml version="1.0"?>\n<plist version="1.0"><dict/></plist>\n')
    write(folder / "table_of_contents", bytes(range(256)))
    assert source_kind(folder) == "apple_mail"
    assert [(f.headers()["Subject"], f.labels, f.where) for f in read_sources(folder, progress=False)] == [
        ("a", ("Job hunt",), "message 1")]


def test_apple_mail_emlx_files_are_cut_at_their_byte_count(tmp_path):
    folder = tmp_path / "INBOX.mbox"
    data = folder / "2A1F0C6E-UUID" / "Data" / "1" / "Messages"
    write(data / "12.emlx", emlx(message("whole")))
    write(data / "13.partial.emlx", emlx(message("without its attachment")))
    raw = message("cut short")
    write(data / "14.emlx", emlx(raw, count=len(raw) + 500)[:len(raw) + 10])
    write(data.parent / "Attachments" / "13" / "2" / "forwarded.eml", message("an attachment, not a message"))
    write(folder / "Sent Messages.mbox" / "Messages" / "3.emlx", emlx(message("sent")))
    write(folder / "Info.plist", b'<?xml version="1.0"?>\n<plist version="1.0"><dict/></plist>\n')
    assert source_kind(folder) == "apple_mail"
    found = list(read_sources([folder], progress=False))
    assert [(f.where, f.labels) for f in found] == [
        ("2A1F0C6E-UUID/Data/1/Messages/12.emlx", ("INBOX",)),
        ("2A1F0C6E-UUID/Data/1/Messages/13.partial.emlx", ("INBOX",)),
        ("2A1F0C6E-UUID/Data/1/Messages/14.emlx", ("INBOX",)),
        ("Sent Messages.mbox/Messages/3.emlx", ("Sent Messages",))]
    assert found[0].raw == message("whole") and found[1].raw == message("without its attachment")
    assert found[2].raw is None and found[2].problem.startswith("the file ends inside this message")
    assert found[3].headers()["Subject"] == "sent"


def test_readpst_r_tree_of_mbox_files(tmp_path):
    """``readpst -r -o OUT file.pst``: a folder per Outlook folder, an mbox in each, contacts and calendar beside."""
    out = tmp_path / "OUT" / "Outlook Data File"
    sep = b'From "grace.mensah@harborhealth.example" Thu Mar  5 18:42:10 2026\n'
    write(out / "Inbox" / "mbox", sep + message("Invitation") + b"\n" + sep + message("Offer") + b"\n")
    write(out / "Sent Items" / "mbox", sep + message("Thank you") + b"\n")
    write(out / "Sent Items" / "Jobs" / "mbox", sep + message("Follow-up") + b"\n")
    write(out / "Contacts" / "contacts", b"BEGIN:VCARD\nVERSION:3.0\nFN:Grace Mensah\nEMAIL:g@h.example\nEND:VCARD\n")
    write(out / "Calendar" / "calendar", b"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:readpst\nEND:VCALENDAR\n")
    found = list(read_sources([tmp_path / "OUT"], progress=False))
    assert source_kind(tmp_path / "OUT") == "folder"
    assert [(f.headers()["Subject"], f.labels, f.where) for f in found] == [
        ("Invitation", ("Inbox",), "message 1"), ("Offer", ("Inbox",), "message 2"),
        ("Follow-up", ("Jobs",), "message 1"), ("Thank you", ("Sent Items",), "message 1")]
    assert found[0].source == str(out / "Inbox" / "mbox")


def test_readpst_e_tree_of_eml_files(tmp_path):
    """``readpst -e -o OUT file.pst``: numbered .eml files per folder, .vcf contacts, .ics appointments."""
    out = tmp_path / "OUT" / "Outlook Data File"
    for number in (1, 2, 11):
        write(out / "Inbox" / f"{number}.eml", message(f"inbox {number}"))
    write(out / "Sent Items" / "1.eml", message("sent 1"))
    write(out / "Contacts" / "1.vcf", b"BEGIN:VCARD\nVERSION:3.0\nFN:Grace Mensah\nEND:VCARD\n")
    write(out / "Calendar" / "1.ics", b"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nEND:VEVENT\nEND:VCALENDAR\n")
    found = list(read_sources([tmp_path / "OUT"], progress=False))
    assert [(f.headers()["Subject"], f.labels, f.where) for f in found] == [
        ("inbox 1", ("Inbox",), "Outlook Data File/Inbox/1.eml"),
        ("inbox 2", ("Inbox",), "Outlook Data File/Inbox/2.eml"),
        ("inbox 11", ("Inbox",), "Outlook Data File/Inbox/11.eml"),
        ("sent 1", ("Sent Items",), "Outlook Data File/Sent Items/1.eml")]


def test_a_folder_of_exports_is_walked_in_sorted_order_every_time(tmp_path):
    root = tmp_path / "from Amara"
    write(root / "b" / "Sent", b"From - Thu Mar  5 18:42:10 2026\n" + message("b sent") + b"\n")
    write(root / "a.mbox", GMAIL_FROM + message("a top") + b"\n")
    write(root / "B.eml", message("B eml"))
    write(root / "Maildir" / "cur" / "1:2,S", message("maildir"))
    write(root / "Apple.mbox" / "Messages" / "1.emlx", emlx(message("apple")))
    first = [(f.where, f.headers()["Subject"], f.labels) for f in read_sources([root], progress=False)]
    assert first == [("message 1", "a top", ("a",)), ("Apple.mbox/Messages/1.emlx", "apple", ("Apple",)),
                     ("message 1", "b sent", ("Sent",)), ("B.eml", "B eml", ()),
                     ("Maildir/cur/1:2,S", "maildir", ("Maildir",))]
    assert [(f.where, f.headers()["Subject"], f.labels) for f in read_sources([root], progress=False)] == first


def test_several_paths_are_read_in_the_order_given_and_one_path_may_be_given_alone(tmp_path):
    one = write(tmp_path / "one.eml", message("one"))
    two = write(tmp_path / "two.mbox", gmail("two"))
    assert subjects(read_sources([two, one], progress=False)) == ["two", "one"]
    assert subjects(read_sources(str(one), progress=False)) == ["one"]


def test_a_file_in_a_folder_that_cannot_be_read_is_one_message_with_its_problem(tmp_path, monkeypatch):
    folder = tmp_path / "exported"
    write(folder / "1.eml", message("fine"))
    locked = write(folder / "2.eml", message("locked"))
    source_kind(folder)

    def fake_open(path, *args, **kwargs):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return open(path, *args, **kwargs)

    monkeypatch.setattr(sources, "open", fake_open, raising=False)
    found = list(read_sources([folder], progress=False))
    assert [(f.where, f.raw is None, f.problem) for f in found] == [
        ("1.eml", False, None), ("2.eml", True, "cannot read this file: Permission denied")]


def test_a_disk_error_inside_an_mbox_ends_that_file_with_one_message_saying_so(tmp_path, monkeypatch):
    path = write(tmp_path / "takeout.mbox", gmail("one") + gmail("two") + gmail("three"))
    lines_before_error = len((gmail("one") + gmail("two")).splitlines()) + 3  # inside the third one's headers

    class Failing(io.BufferedReader):
        lines = 0

        def __next__(self):
            self.lines += 1
            if self.lines > lines_before_error:
                raise OSError(5, "Input/output error")
            return super().__next__()

    monkeypatch.setattr(sources, "open", lambda path, mode: Failing(io.FileIO(path, mode)), raising=False)
    found = list(read_sources([path], progress=False))
    assert [(f.where, f.problem) for f in found] == [
        ("message 1", None), ("message 2", None),
        ("message 3", "the file cannot be read from here on: Input/output error")]


def test_a_subfolder_that_cannot_be_opened_is_named_and_the_rest_is_read(tmp_path, monkeypatch):
    folder = tmp_path / "OUT"
    write(folder / "Inbox" / "1.eml", message("fine"))
    write(folder / "Private" / "1.eml", message("hidden"))
    scandir = os.scandir

    def fake_scandir(path):
        if os.fspath(path).endswith("Private"):
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(sources.os, "scandir", fake_scandir)
    found = list(read_sources([folder], progress=False))
    assert [(f.where, f.problem) for f in found] == [
        ("Inbox/1.eml", None), ("Private", "cannot open this folder: Permission denied")]


# -- what is not a mailbox -----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "data", "what"), [
    ("cv.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF document"),
    ("interviews.csv", b"interview_id,company,role\nI1,Acme: Ltd,Clerk\n",
     "a CSV file that starts neither with a 'From ' line nor with mail headers"),
    ("empty.mbox", b"", "an empty file"),
    ("noise.bin", bytes(random.Random(1).randbytes(3000)), "a binary file"),
    ("takeout.zip", b"PK\x03\x04\x14\x00\x00\x00", "a ZIP archive: unzip it"),
    ("outlook.pst", b"!BDN\x00\x00", "readpst -r -o FOLDER FILE.pst"),
    ("letter.txt", b"From Amara, with thanks\nI enjoyed the interview.\n", "a text file that starts neither"),
])
def test_a_file_that_is_not_mail_is_refused_in_one_line_naming_it(tmp_path, name, data, what):
    path = write(tmp_path / name, data)
    with pytest.raises(NotAMailbox) as caught:
        read_sources([path], progress=False)
    text = str(caught.value)
    assert text.startswith(f"{path}: not a mailbox (") and what in text and "\n" not in text


def test_a_missing_path_an_empty_folder_and_a_folder_without_mail_are_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    write(tmp_path / "papers" / "cv.pdf", b"%PDF-1.7\n")
    (tmp_path / "Nothing.mbox").mkdir()
    cases = {tmp_path / "gone.mbox": "no such file or folder", tmp_path / "empty": "a folder with no mail in it",
             tmp_path / "papers": "a folder with no mail in it",
             tmp_path / "Nothing.mbox": "an Apple Mail .mbox folder with no mbox file and no .emlx messages"}
    for path, what in cases.items():
        with pytest.raises(NotAMailbox, match=f"^{path}: not a mailbox \\({what}\\)$"):
            source_kind(path)


def test_every_path_is_checked_before_any_message_is_read(tmp_path):
    good = write(tmp_path / "ok.mbox", gmail("one"))
    with pytest.raises(NotAMailbox, match="gone.eml: not a mailbox"):
        read_sources([good, tmp_path / "gone.eml"], progress=False)


def test_not_a_mailbox_is_an_error_the_command_line_reports_and_survives_pickling(tmp_path):
    error = NotAMailbox(tmp_path / "x.pdf", "a PDF document")
    assert isinstance(error, FollowupKitError)
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == str(error) and again.path == str(tmp_path / "x.pdf") and again.what == "a PDF document"


# -- what a message gives, and the bar -----------------------------------------------------------


def test_headers_are_read_without_the_body_and_the_whole_message_on_request():
    raw = message("Offer", body="Dear Amara,\n\nWe are delighted to offer you the role.\n")
    for data in (raw, raw.replace(b"\n", b"\r\n")):
        found = Found("x.mbox", "message 1", data)
        headers = found.headers()
        assert headers["Subject"] == "Offer" and headers.get_payload() == ""
        assert "delighted" in found.message().get_content()


def test_the_progress_bar_counts_every_byte_of_every_source(tmp_path, monkeypatch, capsys):
    import tqdm.auto

    mbox = write(tmp_path / "takeout.mbox", gmail("one") + gmail("two") + gmail("three"))
    folder = tmp_path / "OUT"
    write(folder / "1.eml", message("four"))
    write(folder / "cover.pdf", b"%PDF-1.7\n" * 40)
    bars = []

    class Recorded(tqdm.auto.tqdm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.counted = 0
            bars.append(self)

        def update(self, n=1):
            self.counted += n
            return super().update(n)

    monkeypatch.setattr(tqdm.auto, "tqdm", Recorded)
    assert len(list(read_sources([mbox, folder], progress=True))) == 4
    expected = mbox.stat().st_size + (folder / "1.eml").stat().st_size + (folder / "cover.pdf").stat().st_size
    assert [(bar.total, bar.counted) for bar in bars] == [(expected, expected)]
    assert "reading mail" in capsys.readouterr().err

    list(read_sources([mbox], progress=False))
    list(read_sources([mbox]))  # standard error is not a terminal under pytest
    assert len(bars) == 1 and capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    list(read_sources([mbox]))
    assert len(bars) == 2


def test_a_last_message_cut_off_inside_its_parts_is_unreadable(tmp_path):
    offer = email.message.EmailMessage()
    offer["From"], offer["Subject"], offer["Date"] = "hr@northwind.example", "Offer", "Thu, 05 Mar 2026 18:42:10 +0000"
    offer.set_content("We are delighted to offer you the role.\n")
    offer.add_attachment(b"%PDF-1.7 " * 400, maintype="application", subtype="pdf", filename="offer.pdf")
    whole = offer.as_bytes()
    assert whole.rstrip().endswith(b"--")
    for name, tail in [("cut", whole[:len(whole) // 2]), ("whole", whole)]:
        data = gmail("Interview") + GMAIL_FROM + tail + b"\n"
        found = list(read_sources([write(tmp_path / f"{name}.mbox", data)], progress=False))
        assert found[0].problem is None, name
        assert (found[1].raw is None, found[1].problem) == (
            (True, "the file ends inside this message") if name == "cut" else (False, None)), name
    # Only the last message of a file is looked at: one cut off before it is read as it is.
    inside = gmail("Interview") + GMAIL_FROM + whole[:len(whole) // 2] + b"\n\n" + gmail("Later")
    found = list(read_sources([write(tmp_path / "inside.mbox", inside)], progress=False))
    assert [f.problem for f in found] == [None, None, None]
