"""Exports of the archive: JSONL (the format other tools rely on), CSV, Markdown files, and WARC
built from the stored raw responses.

JSONL is a public contract: one post per line with ``url, title, published, updated, author,
tags, body_text, deleted_at, comments: [{author, published, text, parent, likely_spam,
removed_at}]``; fields only ever grow. ``parent`` is the index of the replied-to comment in the
same list, as in ``scraper.Post``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from archive.store import Archive

__all__ = [
    "FORMATS",
    "export_csv",
    "export_jsonl",
    "export_markdown",
    "export_warc",
    "post_records",
]

FORMATS = ("jsonl", "csv", "markdown", "warc")
CSV_COLUMNS = (
    "id",
    "url",
    "title",
    "published",
    "updated",
    "author",
    "tags",
    "comment_count",
    "deleted_at",
    "version",
    "first_seen",
    "last_seen",
    "body_text",
)
# Hop-by-hop and encoding headers describe the transfer, not the stored (decoded) body.
DROP_WARC_HEADERS = frozenset(
    {"content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive"}
)
MAX_SLUG = 60


def _site_id(archive: Archive, site: str | None) -> int | None:
    if site is None:
        return None
    found = archive.site(site)
    if found is None:
        raise ValueError(f"no site {site!r} in the archive")
    return found.id


def post_records(archive: Archive, site: str | None = None) -> Iterator[dict[str, Any]]:
    """Every archived post as a plain dict (the JSONL record), oldest id first. An unknown
    ``site`` is refused at once, before the first record is asked for."""
    return _records(archive, _site_id(archive, site))


def _records(archive: Archive, site_id: int | None) -> Iterator[dict[str, Any]]:
    for post in archive.iter_posts(site_id):
        row = archive.db.execute(
            "SELECT canonical_url, categories, platform, comment_system, language, date_source "
            "FROM posts WHERE id = ?",
            [post.id],
        ).fetchone()
        index = {c.id: i for i, c in enumerate(post.comments)}
        yield {
            "id": post.id,
            "url": post.url,
            "canonical_url": row[0],
            "title": post.title,
            "published": post.published,
            "updated": post.updated,
            "author": post.author,
            "tags": post.tags,
            "categories": json.loads(row[1] or "[]"),
            "platform": row[2],
            "comment_system": row[3],
            "language": row[4],
            "date_source": row[5],
            "body_text": post.body_text,
            "version": post.version,
            "first_seen": post.first_seen,
            "last_seen": post.last_seen,
            "deleted_at": post.deleted_at,
            "comments": [
                {
                    "id": c.id,
                    "author": c.author,
                    "author_url": c.author_url,
                    "published": c.published,
                    "text": c.text,
                    "parent": index.get(c.parent_id) if c.parent_id is not None else None,
                    "likely_spam": c.likely_spam,
                    "spam_reason": c.spam_reason,
                    "first_seen": c.first_seen,
                    "removed_at": c.removed_at,
                }
                for c in post.comments
            ],
        }


def export_jsonl(archive: Archive, out: IO[str], site: str | None = None) -> int:
    n = 0
    for record in post_records(archive, site):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def export_csv(archive: Archive, out: IO[str], site: str | None = None) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for record in post_records(archive, site):
        writer.writerow(
            {**record, "tags": ", ".join(record["tags"]), "comment_count": len(record["comments"])}
        )
        n += 1
    return n


def slug(text: str) -> str:
    """A file-name-safe ASCII slug: no separators, no dots, no path traversal."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return words[:MAX_SLUG].rstrip("-") or "post"


def _yaml_value(value: object) -> str:
    # JSON scalars and lists are valid YAML flow values, and quoting them is always safe.
    return json.dumps(value, ensure_ascii=False)


def _markdown(record: dict[str, Any]) -> str:
    front = {
        k: record[k]
        for k in (
            "title",
            "url",
            "published",
            "updated",
            "author",
            "tags",
            "categories",
            "deleted_at",
            "version",
            "first_seen",
        )
    }
    lines = [
        "---",
        *(f"{k}: {_yaml_value(v)}" for k, v in front.items()),
        "---",
        "",
        f"# {record['title']}",
        "",
        record["body_text"].strip(),
        "",
    ]
    comments = record["comments"]
    if comments:
        lines += [f"## Comments ({len(comments)})", ""]
        depth: dict[int, int] = {}
        for i, c in enumerate(comments):
            depth[i] = depth.get(c["parent"], -1) + 1 if c["parent"] is not None else 0
            quote = "> " * (depth[i] + 1)
            flags = [
                f
                for f, on in (
                    ("spam", c["likely_spam"]),
                    (f"removed upstream {c['removed_at']}", c["removed_at"]),
                )
                if on
            ]
            head = f"**{c['author'] or 'anonymous'}** · {c['published'] or ''}"
            if flags:
                head += " _(" + "; ".join(flags) + ")_"
            lines.append(quote + head)
            lines += [quote + line if line else quote.rstrip() for line in c["text"].splitlines()]
            lines.append("")
    return "\n".join(lines)


def export_markdown(archive: Archive, folder: Path, site: str | None = None) -> int:
    """One ``<id>-<slug>.md`` file per post in ``folder`` (created if needed)."""
    records = post_records(archive, site)
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for record in records:
        name = f"{record['id']:05d}-{slug(record['title'] or '')}.md"
        (folder / name).write_text(_markdown(record), encoding="utf-8")
        n += 1
    return n


def export_warc(archive: Archive, out: IO[bytes], site: str | None = None) -> int:
    """A WARC/1.1 file with one response record per stored fetch that has a body (of one site's
    pages when ``site`` is given)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    site_id = _site_id(archive, site)
    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    n = 0
    rows = archive.db.execute(
        "SELECT url, final_url, fetched_at, status, headers, blob_hash FROM fetches "
        "WHERE blob_hash IS NOT NULL AND (:site IS NULL OR page_id IN "
        "(SELECT id FROM pages WHERE site_id = :site)) ORDER BY id",
        {"site": site_id},
    )
    for url, final_url, fetched_at, status, headers_json, blob_hash in rows.fetchall():
        body = archive.raw_body(blob_hash)
        if body is None:
            continue
        headers = [
            (k, v)
            for k, v in json.loads(headers_json or "{}").items()
            if k.lower() not in DROP_WARC_HEADERS
        ]
        http_headers = StatusAndHeaders(f"{status} {_reason(status)}", headers, protocol="HTTP/1.1")
        record = writer.create_warc_record(
            final_url or url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": _warc_date(fetched_at)},
        )
        writer.write_record(record)
        n += 1
    return n


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _warc_date(value: str | None) -> str:
    try:
        when = datetime.fromisoformat(value) if value else datetime.now(timezone.utc)
    except ValueError:
        when = datetime.now(timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
