"""Search benchmark: a synthetic archive, then search() against raw FTS5 on the same file.

Run: ``.venv/bin/python -m benchmarks.bench_search`` (100,000 posts; ``BENCH_POSTS=10000`` or
``--posts N`` for another size, e.g. ``--posts 1000000``; not run by default). The generated
archive is kept under ``benchmarks/out/`` (git-ignored), keyed by size and seed, and reused by
later runs after applying any new migrations to it, so iterating costs seconds, not minutes.

The archive is bulk-loaded straight into the schema (rows first, then each FTS index built in
one go; see ``build_archive``), not through Archive.save_post: that path also stores raw blobs
and versions, which this benchmark does not measure. Posts have ~800 words (normal, sd 250) drawn
from a Zipf vocabulary (s = 1.0) whose top ranks are real English function words, so common,
mid-frequency and rare terms behave as in real text; about one comment per post, 20% spam.

Printed: insert rate, file size, FTS index size (dbstat), bytes per post, and latency p50/p95
over a fixed mix of queries, each run through ``search(kind="posts")``, ``search(kind="all")``
and as the equivalent raw ``posts_fts MATCH ... ORDER BY rank LIMIT 20`` query. The order of
the variants rotates from query to query, so none of them always pays for the cold pages. A
query search() refuses as too broad (its time limit) is listed, and timed as long as it ran.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import sqlite_utils

from archive.migrations import migrations
from archive.query import POST_COLUMNS, QueryError, compile_fts, parse
from archive.search import search


def _words(text: str) -> list[str]:
    return text.split()


FUNCTION_WORDS = _words(
    "the of and to a in is it you that he was for on are with as his they be at one have this "
    "from or had by not word but what some we can out other were all there when up use your how "
    "said an each she which do their time if will way about many then them write would like so "
    "these her long make thing see him two has look more day could go come did number sound no "
    "most people my over know water than call first who may down side been now find"
)
DOMAIN_WORDS = _words(
    "therapy therapies therapist anxiety depression grief loss trauma couples family session "
    "mindfulness stress sleep panic attack counselling counseling relationship parenting child "
    "adolescent burnout resilience boundaries self care healing recovery addiction cognitive "
    "behavioural emotion feelings journal breathing meditation workplace clinic appointment "
    "insurance practice wellbeing café naïve résumé"
)
SYLLABLES = _words(
    "ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro "
    "ru sa se si so su ta te ti to tu va ve vi vo vu an en in on un ar er ir or ur st tr pl "
    "gr br dr ch sh th"
)
AUTHORS = [f"Author {name}" for name in _words("Ada Ben Cleo Dan Eve Finn Gus Hana Ivo Jo")]
TAGS = [f"tag{n}" for n in range(40)] + ["anxiety", "grief", "couples", "sleep", "news"]
SITES = ("Practice Blog", "Clinic News", "Old Site")
SEED = 1


@dataclass(frozen=True)
class Vocabulary:
    words: list[str]
    cumulative: list[float]

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=k)

    def rank_range(self, rng: random.Random, low: int, high: int) -> str:
        return self.words[rng.randrange(low, min(high, len(self.words)))]


def make_vocabulary(rng: random.Random, size: int = 250_000) -> Vocabulary:
    words = list(dict.fromkeys(FUNCTION_WORDS))
    # Domain words sit in the mid ranks, as topic words of a practice's blog do.
    insert_at = 150
    seen = set(words) | set(DOMAIN_WORDS)
    pseudo: list[str] = []
    while len(words) + len(pseudo) + len(DOMAIN_WORDS) < size:
        word = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            pseudo.append(word)
    words = words + pseudo[:insert_at] + DOMAIN_WORDS + pseudo[insert_at:]
    weights = [1.0 / rank for rank in range(1, len(words) + 1)]
    return Vocabulary(words, list(itertools.accumulate(weights)))


def _text(vocab: Vocabulary, rng: random.Random, words: int) -> str:
    tokens = vocab.sample(rng, words)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        n = rng.randint(8, 20)
        sentence = tokens[i : i + n]
        out.append(sentence[0].capitalize() + " " + " ".join(sentence[1:]) + ".")
        i += n
    return " ".join(out)


def _post_rows(
    vocab: Vocabulary, rng: random.Random, start: int, count: int
) -> Iterator[tuple[object, ...]]:
    epoch = date(2005, 1, 1)
    for pid in range(start, start + count):
        day = epoch + timedelta(days=rng.randrange(7300))
        title = " ".join(vocab.words[rng.randrange(100, 20_000)] for _ in range(rng.randint(3, 8)))
        body = _text(vocab, rng, max(100, int(rng.gauss(800, 250))))
        tags = rng.sample(TAGS, rng.randint(0, 3))
        yield (
            pid,
            1 + pid % len(SITES),
            f"https://blog{1 + pid % len(SITES)}.example/post/?sid={pid}",
            title.capitalize(),
            f"{day.isoformat()}T09:00:00",
            day.isoformat(),
            rng.choice(AUTHORS),
            "[" + ", ".join(f'"{t}"' for t in tags) + "]",
            " ".join(tags),
            body,
        )


def _batches(
    posts: int, seed: int, batch: int = 1000
) -> Iterator[tuple[list[tuple[object, ...]], list[tuple[object, ...]]]]:
    """The synthetic posts and their comments, ``batch`` posts at a time (one random stream per
    seed: the same seed gives the same archive, whatever the batch size of the writer)."""
    rng = random.Random(seed)
    vocab = make_vocabulary(rng)
    comment_id = 0
    for start in range(1, posts + 1, batch):
        rows = list(_post_rows(vocab, rng, start, min(batch, posts + 1 - start)))
        comments: list[tuple[object, ...]] = []
        for row in rows:
            for _ in range(rng.choice((0, 0, 1, 1, 2, 2))):
                comment_id += 1
                comments.append(
                    (
                        comment_id,
                        row[0],
                        f"fp{comment_id}",
                        rng.choice(AUTHORS),
                        row[4],
                        row[5],
                        _text(vocab, rng, rng.randint(15, 80)),
                        int(rng.random() < 0.2),
                    )
                )
        yield rows, comments


BULK_TABLES = ("posts", "comments")
FTS_TABLES = ("posts_fts", "comments_fts")
FTS_BUILD_CONFIG = {"hashsize": 256 * 1024 * 1024, "automerge": 0, "crisismerge": 2000}
"""FTS5 settings while the index is built in one go: a 256 MB in-memory hash (default 1 MB)
writes few large segments, and no merging until the final ``optimize`` merges them once. They
are removed afterwards, so the archive keeps FTS5's defaults like any other."""


def build_archive(path: Path, posts: int, seed: int = SEED) -> dict[str, float]:
    """Create the synthetic archive at ``path``; returns timing numbers.

    Bulk load: the schema comes from the migrations, as for any archive; then the FTS triggers
    and the secondary indexes on posts and comments are dropped, the rows inserted with no
    journal, the indexes and full-text indexes built once each, and the triggers recreated from
    their own saved SQL, so the file ends with exactly the schema a normal archive has. Through
    the triggers, each post updates the FTS index on its own: ~170 posts/s at 1,000,000 posts.
    """
    db = sqlite_utils.Database(path)
    migrations.apply(db)
    conn = db.conn
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-262144")
    marks = ", ".join("?" * len(BULK_TABLES))
    saved = conn.execute(
        f"SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'index') "
        f"AND tbl_name IN ({marks}) AND sql IS NOT NULL ORDER BY rowid",
        BULK_TABLES,
    ).fetchall()
    for kind, name, _ in saved:
        conn.execute(f'DROP {kind.upper()} "{name}"')
    conn.executemany(
        "INSERT INTO sites(id, name, start_url) VALUES (?, ?, ?)",
        [(i + 1, name, f"https://blog{i + 1}.example/") for i, name in enumerate(SITES)],
    )
    t0 = time.perf_counter()
    comment_count = 0
    for i, (rows, comments) in enumerate(_batches(posts, seed)):
        conn.executemany(
            "INSERT INTO posts(id, site_id, url, title, published, published_day, author, "
            "tags, tags_text, body_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany(
            "INSERT INTO comments(id, post_id, fingerprint, author, published, "
            "published_day, text, likely_spam) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            comments,
        )
        comment_count += len(comments)
        if i % 20 == 19:
            conn.commit()
    conn.commit()
    t1 = time.perf_counter()
    with conn:
        for kind, _, sql in saved:
            if kind == "index":
                conn.execute(sql)
    t2 = time.perf_counter()
    for fts in FTS_TABLES:
        with conn:
            for key, value in FTS_BUILD_CONFIG.items():
                conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES (?, ?)", (key, value))
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
            conn.execute(
                f"DELETE FROM {fts}_config WHERE k IN ({', '.join('?' * len(FTS_BUILD_CONFIG))})",
                list(FTS_BUILD_CONFIG),
            )
    t3 = time.perf_counter()
    with conn:
        for kind, _, sql in saved:
            if kind == "trigger":
                conn.execute(sql)
    conn.execute("PRAGMA journal_mode=WAL")
    db.close()
    return {
        "seconds": t1 - t0,
        "indexes": t2 - t1,
        "fts": t3 - t2,
        "comments": comment_count,
    }


@dataclass(frozen=True)
class BenchQuery:
    label: str
    text: str
    since: date | None = None
    until: date | None = None
    site: str | None = None


def make_queries(db: sqlite_utils.Database, n: int, seed: int = 2) -> list[BenchQuery]:
    """A fixed mix: rare/mid/common words, common+rare, phrases, prefixes, filters, OR, NOT."""
    rng = random.Random(seed)
    vocab = make_vocabulary(random.Random(1))
    top = db.execute("SELECT max(id) FROM posts").fetchone()[0]
    sample = sorted({rng.randint(1, top) for _ in range(100)})
    marks = ", ".join("?" * len(sample))
    bodies = [
        r[0] for r in db.execute(f"SELECT body_text FROM posts WHERE id IN ({marks})", sample)
    ]

    def phrase() -> str:
        words = rng.choice(bodies).replace(".", "").lower().split()
        i = rng.randrange(len(words) - 2)
        return '"' + " ".join(words[i : i + rng.randint(2, 3)]) + '"'

    def since_until() -> tuple[date, date]:
        start = date(2005, 1, 1) + timedelta(days=rng.randrange(6000))
        return start, start + timedelta(days=rng.choice((30, 365, 1500)))

    makers: list[tuple[str, Callable[[], BenchQuery]]] = [
        ("rare word", lambda: BenchQuery("rare word", vocab.rank_range(rng, 5000, 200_000))),
        ("mid word", lambda: BenchQuery("mid word", vocab.rank_range(rng, 300, 5000))),
        ("common word", lambda: BenchQuery("common word", vocab.rank_range(rng, 60, 300))),
        (
            "common+rare",
            lambda: BenchQuery(
                "common+rare",
                f"{vocab.rank_range(rng, 0, 30)} {vocab.rank_range(rng, 1000, 20000)}",
            ),
        ),
        (
            "two mid words",
            lambda: BenchQuery(
                "two mid words",
                f"{vocab.rank_range(rng, 200, 2000)} {vocab.rank_range(rng, 200, 2000)}",
            ),
        ),
        ("phrase", lambda: BenchQuery("phrase", phrase())),
        ("prefix", lambda: BenchQuery("prefix", vocab.rank_range(rng, 500, 20000)[:4] + "*")),
        (
            "word+dates",
            lambda: BenchQuery("word+dates", vocab.rank_range(rng, 200, 5000), *since_until()),
        ),
        (
            "word+site",
            lambda: BenchQuery(
                "word+site", vocab.rank_range(rng, 200, 5000), site=rng.choice(SITES)
            ),
        ),
        (
            "OR / NOT",
            lambda: BenchQuery(
                "OR / NOT",
                f"{vocab.rank_range(rng, 300, 3000)} OR {vocab.rank_range(rng, 300, 3000)} "
                f"-{vocab.rank_range(rng, 100, 1000)}",
            ),
        ),
        ("title:", lambda: BenchQuery("title:", "title:" + vocab.rank_range(rng, 100, 5000))),
    ]
    return [makers[i % len(makers)][1]() for i in range(n)]


def _raw(
    db: sqlite_utils.Database, q: BenchQuery, site_ids: dict[str, int], *, snippet: bool
) -> None:
    """The same query written by hand against posts_fts (same expression, same weights).

    ``snippet=True`` returns what search() returns (a snippet per hit), the fair comparison;
    ``snippet=False`` is the floor: ids, URLs and titles only.
    """
    expression = compile_fts(parse(q.text), POST_COLUMNS)
    where = ["posts_fts MATCH ?", "posts_fts.rank MATCH 'bm25(10.0, 3.0, 3.0, 1.0)'"]
    params: list[object] = [expression]
    if q.since and q.until:
        where.append("p.published_day BETWEEN ? AND ?")
        params += [q.since.isoformat(), q.until.isoformat()]
    if q.site:
        where.append("p.site_id = ?")
        params.append(site_ids[q.site])
    extra = ", snippet(posts_fts, -1, '«', '»', '…', 16)" if snippet else ""
    db.execute(
        f"SELECT p.id, p.url, p.title{extra} FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid "
        f"WHERE {' AND '.join(where)} ORDER BY rank LIMIT 20",
        params,
    ).fetchall()


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return p50 * 1000, p95 * 1000


def cache_path(posts: int, seed: int = SEED) -> Path:
    """Where a generated archive is kept between runs (git-ignored): keyed by size and seed."""
    return Path(__file__).parent / "out" / f"bench-{posts}-s{seed}.db"


def _open(db_path: Path, posts: int) -> tuple[sqlite_utils.Database, dict[str, float] | None]:
    """Build the archive, or reuse a cached one and bring its schema up to date."""
    if not db_path.exists():
        db_path.parent.mkdir(parents=True, exist_ok=True)
        partial = db_path.with_suffix(".partial")
        for leftover in partial.parent.glob(partial.name + "*"):
            leftover.unlink()
        stats = build_archive(partial, posts)
        partial.rename(db_path)
        return sqlite_utils.Database(db_path), stats
    print(f"reusing {db_path}")
    db = sqlite_utils.Database(db_path)
    pending = [m.name for m in migrations.pending(db)]
    if pending:
        t0 = time.perf_counter()
        migrations.apply(db)
        db.execute("INSERT INTO posts_fts(posts_fts) VALUES ('optimize')")
        db.conn.commit()
        print(f"migrated ({', '.join(pending)}) in {time.perf_counter() - t0:.1f} s")
    return db, None


Variant = Callable[[BenchQuery], object]


def run(posts: int, queries: int, db_path: Path) -> None:
    db, stats = _open(db_path, posts)
    count = db.execute("SELECT count(*) FROM posts").fetchone()[0]
    size = db_path.stat().st_size
    fts = db.execute(
        "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'posts_fts%' OR name LIKE 'comments_fts%'"
    ).fetchone()[0]
    print(f"posts: {count:,}")
    if stats:
        print(
            f"insert: {stats['seconds']:.1f} s ({count / stats['seconds']:,.0f} posts/s, "
            f"{int(stats['comments']):,} comments); indexes {stats['indexes']:.1f} s; "
            f"FTS build {stats['fts']:.1f} s; total "
            f"{stats['seconds'] + stats['indexes'] + stats['fts']:.1f} s"
        )
    print(
        f"file size: {size / 1e6:,.1f} MB; FTS index: {fts / 1e6:,.1f} MB; "
        f"{size / count:,.0f} bytes/post"
    )
    site_ids = {r[1]: r[0] for r in db.execute("SELECT id, name FROM sites")}
    mix = make_queries(db, queries)
    for q in mix[:20]:  # warm the page cache for all variants alike
        search(db, q.text, kind="all", since=q.since, until=q.until, site=q.site)
    variants: dict[str, Variant] = {
        "search posts": lambda q: search(
            db, q.text, kind="posts", since=q.since, until=q.until, site=q.site
        ),
        "search all": lambda q: search(
            db, q.text, kind="all", since=q.since, until=q.until, site=q.site
        ),
        "raw + snippet": lambda q: _raw(db, q, site_ids, snippet=True),
        "raw bare": lambda q: _raw(db, q, site_ids, snippet=False),
    }
    names = list(variants)
    timings: dict[str, list[float]] = {name: [] for name in names}
    by_label: dict[str, dict[str, list[float]]] = {}
    refused: list[str] = []
    for i, q in enumerate(mix):
        # Rotate which variant runs first: the first one pays for the query's cold pages.
        for name in names[i % len(names) :] + names[: i % len(names)]:
            t = time.perf_counter()
            try:
                variants[name](q)
            except QueryError:  # over search()'s time limit: timed as the user waited for it
                refused.append(f"{name}: {q.label} {q.text}")
            elapsed = time.perf_counter() - t
            timings[name].append(elapsed)
            by_label.setdefault(q.label, {}).setdefault(name, []).append(elapsed)
    print(f"\nlatency over {len(mix)} queries (ms):")
    for name, samples in timings.items():
        p50, p95 = _percentiles(samples)
        print(f"  {name:<14} p50 {p50:7.2f}  p95 {p95:7.2f}  total {sum(samples):6.2f} s")
    for line in refused:
        print(f"  refused as too broad: {line}")
    s50, s95 = _percentiles(timings["search posts"])
    for name in ("raw + snippet", "raw bare"):
        raw50, raw95 = _percentiles(timings[name])
        print(f"  search posts / {name}: p50 {s50 / raw50:.2f}x  p95 {s95 / raw95:.2f}x")
    print("\nsearch(kind='posts') by query type, next to raw + snippet (ms):")
    for label, samples_by in by_label.items():
        ours, raw = samples_by["search posts"], samples_by["raw + snippet"]
        p50, _ = _percentiles(ours)
        raw50, _ = _percentiles(raw)
        print(
            f"  {label:<14} p50 {p50:7.2f} (raw {raw50:7.2f})  max {max(ours) * 1000:7.2f}"
            f" (raw {max(raw) * 1000:7.2f})"
        )


def main(argv: list[str] | None = None) -> None:
    """Entry point for ``python -m benchmarks.bench_search``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--posts", type=int, default=int(os.environ.get("BENCH_POSTS", "100000")))
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="keep (or reuse) the archive at this path (default: benchmarks/out/, by size)",
    )
    args = parser.parse_args(argv)
    run(args.posts, args.queries, args.db or cache_path(args.posts))


if __name__ == "__main__":
    main()
