"""Search: the query language, ranking, filters, sorting, comments, and robustness."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.migrations import migrations
from archive.query import COMMENT_COLUMNS, POST_COLUMNS, QueryError, compile_fts, parse
from archive.search import Hit, prune_common, search

# --- fixtures -------------------------------------------------------------------------------


def new_db(path: Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    migrations.apply(db)
    db.execute(
        "INSERT INTO sites(id, name, start_url) VALUES "
        "(1, 'Practice', 'https://practice.example/'), (2, 'Clinic', 'https://clinic.example/')"
    )
    return db


def add_post(
    db: sqlite_utils.Database,
    id: int,
    title: str,
    body: str = "",
    *,
    day: str | None = "2020-01-01",
    site_id: int = 1,
    author: str = "Dana Reyes",
    tags: tuple[str, ...] = (),
    deleted_at: str | None = None,
) -> None:
    db.execute(
        "INSERT INTO posts(id, site_id, url, title, published, published_day, author, tags, "
        "tags_text, body_text, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            id,
            site_id,
            f"https://practice.example/blog/post/?sid={id}",
            title,
            f"{day}T10:00:00" if day else None,
            day,
            author,
            "[" + ", ".join(f'"{t}"' for t in tags) + "]",
            " ".join(tags),
            body,
            deleted_at,
        ],
    )


def add_comment(
    db: sqlite_utils.Database,
    id: int,
    post_id: int,
    text: str,
    *,
    author: str = "A Reader",
    spam: bool = False,
    day: str | None = "2020-02-01",
    removed_at: str | None = None,
) -> None:
    db.execute(
        "INSERT INTO comments(id, post_id, fingerprint, author, published, published_day, text, "
        "likely_spam, removed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [id, post_id, f"fp{id}", author, day, day, text, int(spam), removed_at],
    )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    database = new_db(tmp_path / "archive.db")
    yield database
    database.close()


def ids(hits: list[Hit]) -> list[tuple[str, int]]:
    return [(h.kind, h.id) for h in hits]


# --- the query language ---------------------------------------------------------------------

COMPILED = [
    ("therapy", '"therapy"'),
    ("therapy anxiety", '"therapy" AND "anxiety"'),
    ('"panic attack"', '"panic attack"'),
    ('"unbalanced quote', '"unbalanced quote"'),
    ("thera*", '"thera" *'),
    ('"panic att"*', '"panic att" *'),
    ("don't*", '"don t"'),
    ("th*", '"th"'),
    ("grief OR loss", '("grief" OR "loss")'),
    ("a b OR c d", '"a" AND ("b" OR "c") AND "d"'),
    ("sleep -insomnia", '("sleep") NOT ("insomnia")'),
    ("sleep NOT insomnia", '("sleep") NOT ("insomnia")'),
    ("sleep AND rest", '"sleep" AND "rest"'),
    ("title:grief", 'title : "grief"'),
    ("tag:thera*", 'tags_text : "thera" *'),
    ('author:"Dana Reyes"', 'author : "Dana Reyes"'),
    ("-title:news grief", '("grief") NOT (title : "news")'),
    ("don't", '"don t"'),
    ("c++", '"c"'),
    ("AND", '"AND"'),
    ("NOT", '"NOT"'),
    ("OR", '"OR"'),
    ("NEAR", '"NEAR"'),
    ("grief OR", '"grief" AND "OR"'),
    ("x OR -y", '("x") NOT ("y")'),
    ("NEAR(a b)", '"NEAR a" AND "b"'),
    ("a:b", '"a b"'),
    ("title:", '"title"'),
    ("^start", '"start"'),
    ("café", '"café"'),
]


@pytest.mark.parametrize(("text", "expected"), COMPILED)
def test_query_compiles_to_safe_fts5(text: str, expected: str) -> None:
    assert compile_fts(parse(text), POST_COLUMNS) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "*", "-", "--", '""', "😀", "+++", "-grief", "-grief -loss", "NOT grief"],
)
def test_query_with_nothing_to_find_is_a_query_error(text: str) -> None:
    if text == "NOT grief":  # a leading NOT is a word, so this one is a real query
        assert compile_fts(parse(text)) == '"NOT" AND "grief"'
        return
    with pytest.raises(QueryError):
        parse(text)


def test_only_exclusions_error_says_so() -> None:
    with pytest.raises(QueryError, match="not only exclusions"):
        parse("-grief")


def test_query_error_is_a_value_error() -> None:
    assert issubclass(QueryError, ValueError)


def test_very_long_query_is_refused_with_a_clear_message() -> None:
    with pytest.raises(QueryError, match="too long"):
        parse("word " * 2000)


def test_title_and_tag_filters_match_nothing_on_comments() -> None:
    assert compile_fts(parse("title:grief"), COMMENT_COLUMNS) is None
    assert compile_fts(parse("tag:grief loss"), COMMENT_COLUMNS) is None


def test_excluded_title_filter_excludes_nothing_on_comments() -> None:
    assert compile_fts(parse("grief -title:news"), COMMENT_COLUMNS) == '"grief"'


def test_or_group_keeps_alternatives_that_exist_on_comments() -> None:
    assert compile_fts(parse("title:grief OR loss"), COMMENT_COLUMNS) == '"loss"'


def test_author_filter_maps_to_comment_author() -> None:
    assert compile_fts(parse("author:sam"), COMMENT_COLUMNS) == 'author : "sam"'


# --- ranking and matching -------------------------------------------------------------------


def test_title_match_outranks_body_only_match(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "Weekly notes", "Some thoughts on grief and the long winter months.")
    add_post(db, 2, "Grief", "Some thoughts on the long winter months.")
    assert ids(search(db, "grief", kind="posts")) == [("post", 2), ("post", 1)]


def test_stemming_finds_other_word_forms(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "Options", "Talking therapies help many people.")
    assert ids(search(db, "therapy")) == [("post", 1)]


def test_diacritics_are_ignored(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "Meet me at the café", "")
    assert ids(search(db, "cafe")) == [("post", 1)]


def test_prefix_finds_longer_words(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "About", "Our therapist team.")
    assert ids(search(db, "therapi*")) == [("post", 1)]


def test_phrase_requires_adjacent_words(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "One", "a panic attack at night")
    add_post(db, 2, "Two", "panic at night, then an attack")
    assert ids(search(db, '"panic attack"')) == [("post", 1)]


def test_exclusion_removes_matches(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "One", "sleep and insomnia")
    add_post(db, 2, "Two", "sleep well")
    assert ids(search(db, "sleep -insomnia")) == [("post", 2)]


def test_or_finds_either_word(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "One", "grief")
    add_post(db, 2, "Two", "loss")
    add_post(db, 3, "Three", "other")
    assert sorted(ids(search(db, "grief OR loss"))) == [("post", 1), ("post", 2)]


def test_title_filter_ignores_body_matches(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "Grief", "")
    add_post(db, 2, "Other", "grief")
    assert ids(search(db, "title:grief")) == [("post", 1)]


def test_tag_filter_searches_tags(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "One", "grief", tags=("couples",))
    add_post(db, 2, "Two", "couples")
    assert ids(search(db, "tag:couples")) == [("post", 1)]


def test_author_filter_searches_post_and_comment_authors(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "One", "text", author="Sam Lee")
    add_post(db, 2, "Two", "sam")
    add_comment(db, 10, 2, "hello", author="Sam Park")
    assert sorted(ids(search(db, "author:sam"))) == [("comment", 10), ("post", 1)]


@pytest.mark.parametrize(
    "text", ["c++", "don't", "AND", "NOT", "NEAR", "x*", "a:b:c", "(x", "x)", "{x}", "^x", "x -"]
)
def test_awkward_input_with_words_returns_results(db: sqlite_utils.Database, text: str) -> None:
    add_post(db, 1, "C++ tips", "don't and not near x, a b c")
    assert ids(search(db, text)) == [("post", 1)]


@pytest.mark.parametrize("text", ["*", '"', "(", ")", "-", "😀", ":"])
def test_awkward_input_without_words_is_a_query_error(db: sqlite_utils.Database, text: str) -> None:
    add_post(db, 1, "C++ tips", "don't")
    with pytest.raises(QueryError, match="Empty search"):
        search(db, text)


def test_apostrophe_word_finds_the_page_text(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "Tips", "Don't panic.")
    add_post(db, 2, "Other", "t don")
    assert ids(search(db, "don't")) == [("post", 1)]


# --- hits, snippets, comments ---------------------------------------------------------------


def test_hit_carries_post_fields_and_highlighted_snippet(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "Winter", "The long dark evenings bring grief to many.", day="2019-12-03")
    [hit] = search(db, "grief")
    assert (hit.kind, hit.id, hit.post_id) == ("post", 1, 1)
    assert hit.url == "https://practice.example/blog/post/?sid=1"
    assert (hit.title, hit.published, hit.author) == ("Winter", "2019-12-03T10:00:00", "Dana Reyes")
    assert "«grief»" in hit.snippet
    assert hit.score < 0
    assert not hit.deleted and not hit.likely_spam


def test_snippet_markers_are_configurable(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "Winter", "grief")
    [hit] = search(db, "grief", highlight=("<b>", "</b>"))
    assert "<b>grief</b>" in hit.snippet


def test_comment_hit_links_to_its_post(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "Winter", "evenings")
    add_comment(db, 7, 1, "This helped me with my grief.", author="Jo")
    [hit] = search(db, "grief")
    assert (hit.kind, hit.id, hit.post_id, hit.author) == ("comment", 7, 1, "Jo")
    assert hit.url == "https://practice.example/blog/post/?sid=1#comment-7"
    assert hit.title == "Winter"
    assert "«grief»" in hit.snippet


def test_spam_comments_are_excluded_by_default(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "Winter", "evenings")
    add_comment(db, 7, 1, "cheap pills grief", spam=True)
    assert search(db, "grief") == []
    [hit] = search(db, "grief", include_spam=True)
    assert hit.likely_spam


def test_deleted_post_and_removed_comment_are_found_and_marked(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "Gone", "grief", deleted_at="2021-01-01T00:00:00")
    add_comment(db, 7, 1, "grief too", removed_at="2021-01-01T00:00:00")
    hits = search(db, "grief")
    assert {h.kind for h in hits} == {"post", "comment"}
    assert all(h.deleted for h in hits)


def test_kind_restricts_results(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "Grief", "")
    add_comment(db, 7, 1, "grief")
    assert ids(search(db, "grief", kind="posts")) == [("post", 1)]
    assert ids(search(db, "grief", kind="comments")) == [("comment", 7)]
    assert len(search(db, "grief", kind="all")) == 2


def test_all_mode_merges_by_score(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "Unrelated", "a long body " * 50 + "grief")
    add_comment(db, 7, 1, "grief grief")
    hits = search(db, "grief")
    assert [h.score for h in hits] == sorted(h.score for h in hits)
    assert hits[0].kind == "comment"


def test_title_filter_leaves_comments_out(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "Grief", "")
    add_comment(db, 7, 1, "grief")
    assert ids(search(db, "title:grief")) == [("post", 1)]


# --- filters, sorting, paging ---------------------------------------------------------------


def test_since_and_until_filter_on_published_day(db: sqlite_utils.Database) -> None:
    for i, day in enumerate(["2019-05-01", "2020-05-01", "2021-05-01"], start=1):
        add_post(db, i, f"Post {i}", "grief", day=day)
    hits = search(db, "grief", since=date(2020, 1, 1), until=date(2020, 12, 31))
    assert ids(hits) == [("post", 2)]


def test_datetime_bounds_count_as_their_day(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "Post", "grief", day="2020-05-01")
    hits = search(db, "grief", since=datetime(2020, 5, 1, 18, 0), until=datetime(2020, 5, 1, 9))
    assert ids(hits) == [("post", 1)]


def test_undated_posts_are_left_out_by_date_filters(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "Undated", "grief", day=None)
    assert search(db, "grief", since=date(2000, 1, 1)) == []
    assert len(search(db, "grief")) == 1


@pytest.mark.parametrize("site", ["Clinic", "https://clinic.example/"])
def test_site_filter_by_name_or_start_url(db: sqlite_utils.Database, site: str) -> None:
    add_post(db, 1, "One", "grief", site_id=1)
    add_post(db, 2, "Two", "grief", site_id=2)
    assert ids(search(db, "grief", site=site)) == [("post", 2)]


def test_unknown_site_is_a_query_error(db: sqlite_utils.Database) -> None:
    with pytest.raises(QueryError, match="No site"):
        search(db, "grief", site="nowhere")


def test_sort_newest_and_oldest_by_day_then_id(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "A", "grief", day="2020-01-01")
    add_post(db, 2, "B", "grief", day="2021-01-01")
    add_post(db, 3, "C", "grief", day="2020-01-01")
    add_post(db, 4, "D", "grief", day=None)
    newest = search(db, "grief", sort="newest")
    oldest = search(db, "grief", sort="oldest")
    assert [h.id for h in newest] == [2, 3, 1, 4]
    assert [h.id for h in oldest] == [1, 3, 2, 4]


def test_sort_newest_merges_posts_and_comments_by_day(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "A", "grief", day="2020-01-01")
    add_comment(db, 7, 1, "grief", day="2020-06-01")
    add_post(db, 2, "B", "grief", day="2021-01-01")
    assert ids(search(db, "grief", sort="newest")) == [("post", 2), ("comment", 7), ("post", 1)]


def test_limit_and_offset_page_through_results(db: sqlite_utils.Database) -> None:
    for i in range(1, 8):
        add_post(db, i, f"Post {i}", "grief", day=f"2020-01-0{i}")
        add_comment(db, 100 + i, i, "grief", day=f"2020-02-0{i}")
    everything = search(db, "grief", sort="newest", limit=100)
    pages = [search(db, "grief", sort="newest", limit=4, offset=n) for n in range(0, 14, 4)]
    assert [h for page in pages for h in page] == everything
    assert len(everything) == 14


def test_zero_limit_returns_nothing(db: sqlite_utils.Database) -> None:
    add_post(db, 1, "A", "grief")
    assert search(db, "grief", limit=0) == []


# --- speed guards ---------------------------------------------------------------------------


@pytest.fixture
def common_db(db: sqlite_utils.Database) -> sqlite_utils.Database:
    for i in range(1, 151):
        add_post(db, i, f"Post {i}", "the body of a post about the day")
    add_post(db, 151, "Zebra", "zebra crossing")
    return db


def test_very_common_words_are_pruned_next_to_rarer_ones(
    common_db: sqlite_utils.Database,
) -> None:
    pruned = prune_common(common_db, parse("the zebra"))
    assert compile_fts(pruned) == '"zebra"'
    assert ids(search(common_db, "the zebra")) == [("post", 151)]


def test_common_words_are_kept_when_nothing_rarer_remains(
    common_db: sqlite_utils.Database,
) -> None:
    assert compile_fts(prune_common(common_db, parse("the body"))) == '"the" AND "body"'


def test_phrases_keep_their_common_words(common_db: sqlite_utils.Database) -> None:
    assert search(common_db, '"the zebra"') == []


def test_slow_query_is_stopped_as_too_broad(common_db: sqlite_utils.Database) -> None:
    with pytest.raises(QueryError, match="too broad"):
        search(common_db, "the OR body", timeout=0.0)


def test_time_limit_is_removed_after_a_search(common_db: sqlite_utils.Database) -> None:
    search(common_db, "zebra", timeout=0.5)
    rows = common_db.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
        "WHERE i < 200000) SELECT count(*) FROM n"
    ).fetchone()
    assert rows[0] == 200000


# --- robustness -----------------------------------------------------------------------------

SPECIAL = st.sampled_from(
    [
        '"',
        "*",
        "-",
        "OR",
        "AND",
        "NOT",
        "NEAR",
        "(",
        ")",
        ":",
        "^",
        "+",
        "title:",
        "tag:",
        "author:",
        "c++",
        "don't",
        "😀",
        "é",
        "\u0301",
        "{",
        "}",
        " ",
        "NEAR(",
        "'",
        "\x00",
    ]
)


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite_utils.Database]:
    database = new_db(tmp_path_factory.mktemp("fuzz") / "archive.db")
    add_post(database, 1, "C++ and café", "Don't panic: title near the tag (or not).")
    add_comment(database, 1, 1, "near or and not")
    for i in range(2, 130):  # enough posts for stopword pruning to take part
        add_post(database, i, "Post", "the and or not a post")
    yield database
    database.close()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(st.text(), st.lists(st.one_of(SPECIAL, st.text(max_size=5))).map("".join)))
def test_any_text_gives_results_or_a_query_error(fuzz_db: sqlite_utils.Database, text: str) -> None:
    result: Any
    try:
        result = search(fuzz_db, text)
    except QueryError as error:
        result = error
        assert str(error)
    except sqlite3.Error as error:  # pragma: no cover - the failure being guarded against
        pytest.fail(f"{text!r} raised {error!r}")
    assert isinstance(result, (list, QueryError))
