"""Score gate on the shared real-page corpora: no figure may drop below its recorded floor.

The corpora live outside the repository (``../shared/corpus``; their pages are third-party and
must not be copied in). When that folder is absent the gate skips cleanly. The scoring logic is
the shared ``score.py`` itself, so the gate and the published figures can never disagree.
Floors (``min``) sit a little under the measured figures and ceilings (``max``, for rates of
mistakes) a little over; tighten both when the parser improves.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SCORE_PY = SHARED / "eval" / "score.py"
FLOORS: dict[str, Any] = json.loads((Path(__file__).parent / "corpus_floor.json").read_text())

pytestmark = pytest.mark.skipif(
    not (CORPUS.is_dir() and SCORE_PY.is_file()), reason="shared corpus not present"
)


def _score_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", SCORE_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_corpus_figures_stay_above_their_floor(corpus: str) -> None:
    if not (CORPUS / corpus / "cases.jsonl").is_file():
        pytest.skip(f"corpus {corpus} not present")
    floor = FLOORS[corpus]
    misses: list[str] = []
    result = _score_module().run(CORPUS, corpus, "project", floor.get("limit"), misses)
    assert result["speed"]["crashes"] == 0, [m for m in misses if "CRASH" in m]
    low = {
        key: (result[field][metric], minimum)
        for key, minimum in floor["min"].items()
        for field, metric in [key.split(".")]
        if result[field][metric] < minimum
    }
    high = {
        key: (result[field][metric], maximum)
        for key, maximum in floor.get("max", {}).items()
        for field, metric in [key.split(".")]
        if result[field][metric] > maximum
    }
    assert not low, low
    assert not high, high
