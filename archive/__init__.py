"""blog-archiver storage side."""
