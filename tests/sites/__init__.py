"""Synthetic blogs served on 127.0.0.1 for discovery and crawl tests: small generators, each a
pure ``render(path) -> (status, content type, body)`` over a list of posts, and one server."""
