"""Signed, expiring links that each open one candidate's dashboard.

A token is an itsdangerous ``URLSafeTimedSerializer`` signature (HMAC with
SHA-256) over the candidate id and the link's life in days, stamped with the
time it was made. Whoever holds the link sees that candidate's view until it
expires: it is a bearer token, so it names one candidate and nothing else.

The secret is the store's (:mod:`followup_kit.data.secret`): ``<store>.secret``
beside it, unless ``FOLLOWUP_KIT_SECRET`` gives one. Rotating it
(:func:`revoke_all`) makes every link made before invalid at once, and gives
every person new pseudonyms in anonymised exports made after.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from urllib.parse import urlencode

from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer

from ..data.secret import SECRET_ENV, secret_path, store_secret, write_secret
from ..errors import FollowupKitError

#: Keeps these signatures apart from any other use of the same secret.
SALT = "followup-kit candidate link"
#: Set by ``followup-kit serve``: the store the dashboard reads. Its presence marks a served page.
DB_ENV = "FOLLOWUP_KIT_DB"
#: Set by ``followup-kit serve``: the file holding the link secret.
SECRET_FILE_ENV = "FOLLOWUP_KIT_SECRET_FILE"
#: Set by ``followup-kit serve --as-of``: the day the served views describe (default: today).
AS_OF_ENV = "FOLLOWUP_KIT_AS_OF"
#: Set by ``followup-kit serve``: the public holidays of the store's countries, worked out once.
HOLIDAYS_ENV = "FOLLOWUP_KIT_HOLIDAYS"
DEFAULT_DAYS = 14
#: No link lives longer than this, whatever was asked when it was made.
MAX_DAYS = 90
DEFAULT_BASE_URL = "http://127.0.0.1:8866/"
DAY_SECONDS = 24 * 60 * 60


class LinkError(FollowupKitError):
    """A link that does not open a dashboard: tampered with, expired, garbled or missing."""


def secret_for(db: str | Path, *, create: bool = True) -> str:
    """The secret that signs links to this store's candidates.

    Parameters
    ----------
    db : str or Path
        The store file; its secret is ``<db>.secret``.
    create : bool
        Make the secret file when there is none yet (mode 0600).

    Returns
    -------
    str

    Raises
    ------
    LinkError
        When there is no secret and ``create`` is False.
    """
    secret = store_secret(db, create=create)
    if secret is None:
        raise LinkError(f"{secret_path(db)}: no link secret; make a link first with 'followup-kit link'")
    return secret


def revoke_all(db: str | Path) -> Path:
    """Rotate the store's secret, so every link made before stops working; returns the file.

    Raises
    ------
    FollowupKitError
        When the secret comes from ``FOLLOWUP_KIT_SECRET``: change it there instead.
    """
    if os.environ.get(SECRET_ENV):
        raise FollowupKitError(f"the link secret comes from {SECRET_ENV}; set a new value there "
                               "and restart the dashboard to revoke every link")
    path = secret_path(db)
    write_secret(path)
    return path


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=SALT, signer_kwargs={"digest_method": hashlib.sha256})


def make_token(secret: str, candidate_id: str, days: int = DEFAULT_DAYS) -> str:
    """A signed token naming one candidate, good for ``days`` days from now.

    Examples
    --------
    >>> token = make_token("not a real secret", "C000135", days=7)
    >>> read_token("not a real secret", token)
    'C000135'
    """
    check_days(days)
    return _serializer(secret).dumps({"candidate": str(candidate_id), "days": int(days)})


def check_days(days: int) -> None:
    """Refuse a link life outside 1 to ``MAX_DAYS`` days, naming ``--days``.

    Raises
    ------
    FollowupKitError
    """
    if not 1 <= days <= MAX_DAYS:
        raise FollowupKitError(f"--days: {days} is not between 1 and {MAX_DAYS}")


def make_link(secret: str, candidate_id: str, base_url: str = DEFAULT_BASE_URL,
              days: int = DEFAULT_DAYS) -> str:
    """The address that opens one candidate's dashboard: ``base_url?token=...``.

    Parameters
    ----------
    secret : str
        The store's secret (:func:`secret_for`).
    candidate_id : str
        The one candidate the link shows.
    base_url : str
        Where the dashboard is served, as candidates reach it.
    days : int
        How long the link works.

    Returns
    -------
    str

    Examples
    --------
    >>> make_link("not a real secret", "C000135", "https://coach.example/").split("?")[0]
    'https://coach.example/'
    """
    sep = "&" if "?" in base_url else "?"
    return f"{base_url}{sep}{urlencode({'token': make_token(secret, candidate_id, days)})}"


def read_token(secret: str, token: str | None, max_age: float | None = None) -> str:
    """The candidate a token names, once its signature and age are checked.

    Parameters
    ----------
    secret : str
        The store's secret.
    token : str or None
        The ``token`` of the link.
    max_age : float, optional
        The oldest a token may be, in seconds; by default the days the link
        was made for (never more than ``MAX_DAYS``).

    Returns
    -------
    str
        The candidate id.

    Raises
    ------
    LinkError
        For a missing, garbled, tampered, expired or otherwise signed token.
    """
    if not token:
        raise LinkError("the link has no token")
    serializer = _serializer(secret)
    limit = max_age if max_age is not None else MAX_DAYS * DAY_SECONDS
    try:
        payload, signed_at = serializer.loads(token, max_age=limit, return_timestamp=True)
    except SignatureExpired:
        raise LinkError("the link has expired") from None
    except (BadData, UnicodeError, ValueError):
        raise LinkError("the link is not valid (it was changed or was not made here)") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("candidate"), str):
        raise LinkError("the link is not valid (it names no candidate)")
    days = payload.get("days")
    if max_age is None:
        if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
            raise LinkError("the link is not valid (it has no life in days)")
        age = time.time() - signed_at.timestamp()
        if age > days * DAY_SECONDS:
            raise LinkError("the link has expired")
    return payload["candidate"]
