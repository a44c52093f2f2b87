"""Content-addressed, compressed storage of raw response bodies.

A body is stored once however often it is fetched (the key is its SHA-256), compressed with zlib
(in the standard library, so an archive stays readable anywhere). Keeping the raw page is what lets
``reparse`` re-run a better parser over the whole archive with no network.
"""

from __future__ import annotations

import hashlib
import zlib

from sqlite_utils import Database

COMPRESSION = "zlib"


def body_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def put_blob(db: Database, body: bytes) -> str:
    """Store ``body`` (if not already there) and return its hash."""
    key = body_hash(body)
    packed = zlib.compress(body, 6)
    db.execute(
        "INSERT OR IGNORE INTO blobs (hash, size, stored_size, compression, data) "
        "VALUES (?, ?, ?, ?, ?)",
        [key, len(body), len(packed), COMPRESSION, packed],
    )
    return key


def get_blob(db: Database, key: str) -> bytes | None:
    row = db.execute("SELECT compression, data FROM blobs WHERE hash = ?", [key]).fetchone()
    if row is None:
        return None
    compression, data = row
    if compression == COMPRESSION:
        return zlib.decompress(data)
    if compression in (None, "", "none"):
        return bytes(data)
    raise ValueError(f"unknown blob compression {compression!r}")
