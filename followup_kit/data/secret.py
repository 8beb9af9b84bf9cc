"""The store's secret: the key that signs candidate links and keys an export's pseudonyms.

It lives beside the store in ``<store>.secret`` (created readable by its
owner only), unless ``FOLLOWUP_KIT_SECRET`` gives one. Reading it sits here,
below everything that uses it, so the dashboard's links and the data's
pseudonyms read the same key the same way.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

#: The environment variable that may hold the secret instead of the file beside the store.
SECRET_ENV = "FOLLOWUP_KIT_SECRET"


def secret_path(db: str | Path) -> Path:
    """The file beside the store that holds its secret: ``<store>.secret``."""
    return Path(f"{db}.secret")


def write_secret(path: Path) -> str:
    """A new random secret, written to ``path`` readable and writable by its owner only.

    Parameters
    ----------
    path : Path
        The secret file; replaced whole, so a reader never sees half a secret.

    Returns
    -------
    str
    """
    secret = secrets.token_urlsafe(32)
    scratch = path.with_name(path.name + ".new")
    scratch.unlink(missing_ok=True)
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(secret + "\n")
    os.replace(scratch, path)
    return secret


def store_secret(db: str | Path, *, create: bool = True) -> str | None:
    """The store's secret: ``FOLLOWUP_KIT_SECRET``, else ``<db>.secret``.

    Parameters
    ----------
    db : str or Path
        The store file.
    create : bool
        Make the secret file (mode 0600) when there is none yet.

    Returns
    -------
    str or None
        None only when there is no secret and ``create`` is False.
    """
    given = os.environ.get(SECRET_ENV)
    if given:
        return given
    path = secret_path(db)
    if path.is_file():
        return path.read_text(encoding="ascii").strip()
    if not create:
        return None
    return write_secret(path)
