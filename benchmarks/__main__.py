"""Run every ``benchmarks/bench_*.py`` module's ``main()``, in sorted order.

Each module is also runnable alone (``python -m benchmarks.bench_fetch``); this runner only
discovers them, so adding a benchmark is adding a file.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path


def bench_modules() -> list[str]:
    """Dotted names of the benchmark modules, sorted."""
    here = Path(__file__).parent
    names = (info.name for info in pkgutil.iter_modules([str(here)]))
    return sorted(f"benchmarks.{name}" for name in names if name.startswith("bench_"))


def main() -> None:
    for name in bench_modules():
        print(f"== {name}", flush=True)
        entry = importlib.import_module(name).main
        # An empty argv, so a module's argparse does not read the runner's own arguments.
        if inspect.signature(entry).parameters:
            entry([])
        else:
            entry()
        print(flush=True)


if __name__ == "__main__":
    main()
