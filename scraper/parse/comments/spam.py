"""Flag likely spam among comments. Spam is kept (the archive loses nothing) but marked.

Signals, each named in the reason string:

* link stuffing: several links (anchors or bare URLs) in one comment;
* commercial keyword stuffing: words from :data:`SPAM_KEYWORDS` that the post itself never uses;
* off-topic: a long comment sharing almost no content words with the post, *together with*
  another signal (a long off-topic comment alone may be a reader's tangent, not spam);
* a generated-looking author name (``aa123 aa123``) or one made of commercial keywords.

A short friendly comment ("Thanks, great post!") trips none of these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from scraper.models import Comment

__all__ = ["SPAM_KEYWORDS", "flag_spam", "spam_reason"]

#: Words that, unrelated to the post, mark commercial spam.
SPAM_KEYWORDS = frozenset(
    [
        "casino",
        "casinos",
        "poker",
        "betting",
        "bet",
        "slots",
        "gambling",
        "viagra",
        "cialis",
        "pharmacy",
        "pills",
        "levitra",
        "loan",
        "loans",
        "payday",
        "mortgage",
        "credit",
        "forex",
        "crypto",
        "bitcoin",
        "binary",
        "replica",
        "replicas",
        "handbags",
        "jewelry",
        "jewellery",
        "diamond",
        "diamonds",
        "wig",
        "wigs",
        "hair",
        "extensions",
        "outlet",
        "jerseys",
        "sneakers",
        "uggs",
        "louboutin",
        "vuitton",
        "rolex",
        "oakley",
        "seo",
        "backlinks",
        "backlink",
        "essay",
        "essays",
        "writing",
        "dissertation",
        "porn",
        "escort",
        "escorts",
        "dating",
        "xxx",
        "followers",
        "likes",
        "weight",
        "diet",
        "cbd",
        "vape",
        "discount",
        "cheap",
        "wholesale",
        "sale",
        "buy",
        "shop",
        "store",
        "coupon",
        "promo",
    ]
)
MIN_STUFFED_KEYWORDS = 3
MIN_LINKS = 3
OFF_TOPIC_MIN_WORDS = 40
OFF_TOPIC_MAX_SHARE = 0.05
_URL = re.compile(r"https?://|www\.", re.I)
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_GENERATED_NAME = re.compile(r"^(\w*\d\w*)(?:\s+\1)+$", re.I)
_LINK = re.compile(r"<a\s", re.I)
STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "are",
        "but",
        "not",
        "you",
        "all",
        "any",
        "can",
        "had",
        "her",
        "was",
        "one",
        "our",
        "out",
        "has",
        "him",
        "his",
        "how",
        "its",
        "may",
        "new",
        "now",
        "old",
        "see",
        "two",
        "who",
        "did",
        "get",
        "let",
        "put",
        "say",
        "she",
        "too",
        "use",
        "that",
        "with",
        "have",
        "this",
        "will",
        "your",
        "from",
        "they",
        "know",
        "want",
        "been",
        "good",
        "much",
        "some",
        "time",
        "very",
        "when",
        "come",
        "here",
        "just",
        "like",
        "long",
        "make",
        "many",
        "more",
        "only",
        "over",
        "such",
        "take",
        "than",
        "them",
        "well",
        "were",
        "what",
        "which",
        "their",
        "there",
        "these",
        "those",
        "would",
        "could",
        "about",
        "other",
        "into",
        "also",
        "after",
        "because",
        "more",
        "most",
        "then",
        "where",
        "while",
        "should",
        "being",
    ]
)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def spam_reason(comment: Comment, topic_words: frozenset[str]) -> str | None:
    """Why ``comment`` looks like spam, or None. ``topic_words`` are the post's own words."""
    reasons = []
    links = len(_LINK.findall(comment.html)) + len(_URL.findall(comment.text))
    if links >= MIN_LINKS:
        reasons.append(f"{links} links")
    words = _words(comment.text)
    stuffed = sorted({w for w in words if w in SPAM_KEYWORDS and w not in topic_words})
    if len(stuffed) >= MIN_STUFFED_KEYWORDS:
        reasons.append("commercial keywords unrelated to the post: " + ", ".join(stuffed[:6]))
    author = " ".join((comment.author or "").split())
    if _GENERATED_NAME.match(author):
        reasons.append(f"generated-looking author name {author!r}")
    elif sum(w in SPAM_KEYWORDS for w in _words(author)) >= 2:
        reasons.append(f"commercial author name {author!r}")
    content = [w for w in words if w not in STOPWORDS]
    if reasons and len(content) >= OFF_TOPIC_MIN_WORDS and topic_words:
        shared = sum(w in topic_words for w in content) / len(content)
        if shared <= OFF_TOPIC_MAX_SHARE:
            reasons.append(f"off-topic ({shared:.0%} of its words appear in the post)")
    return "; ".join(reasons) if reasons else None


def flag_spam(comments: Iterable[Comment], topic_text: str) -> list[Comment]:
    """Return the comments with ``likely_spam``/``spam_reason`` set where the signals say so."""
    topic = frozenset(_words(topic_text)) - STOPWORDS
    out = []
    for comment in comments:
        reason = spam_reason(comment, topic)
        out.append(replace(comment, likely_spam=True, spam_reason=reason) if reason else comment)
    return out
