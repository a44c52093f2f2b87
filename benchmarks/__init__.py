"""blog-archiver's benchmarks: ``python -m benchmarks`` runs every ``bench_*.py`` in turn."""
