"""Reading a candidate's mailbox export: events proposed from real mail, for the coach to accept.

:mod:`.sources` reads the exports (mbox, Maildir, a folder of ``.eml``, Apple
Mail, one ``.eml``) as a stream of :class:`~.sources.Found` messages, and
:mod:`.formats` tells one format from another and cuts an mbox into messages;
:mod:`.reading` takes a message's own words (quoted history, signatures and
HTML left out); :mod:`.matching` tells whose message it is and which of the
candidate's interviews it is about; :mod:`.kinds` says which event it shows;
:mod:`.propose` turns a stream into proposals and a count of what was read;
:mod:`.scan` does it for one candidate of a store and keeps the proposals as
pending, for the coach to accept or reject.
"""
