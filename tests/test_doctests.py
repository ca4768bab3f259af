"""Every docstring example in numcheck runs and shows what the docstring says.

The ML stages (models, training, inference, eval, benchmarks) are mapped into the numcheck
package by setuptools, so they are walked explicitly; modules whose import needs an absent
extra (torch, spaCy, Ray) are skipped, not failed.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

STAGES = ["numcheck", "numcheck.models", "numcheck.training", "numcheck.inference", "numcheck.eval", "numcheck.benchmarks"]


def _modules() -> list[str]:
    names: set[str] = set()
    for stage in STAGES:
        pkg = importlib.import_module(stage)
        names.add(stage)
        names.update(m.name for m in pkgutil.walk_packages(pkg.__path__, stage + "."))
    return sorted(names)


MODULES = _modules()


def test_all_stages_are_walked():
    assert {"numcheck.precision", "numcheck.models.encoder", "numcheck.inference.relations", "numcheck.eval.metrics"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    try:
        module = importlib.import_module(name)
    except ImportError as exc:  # an extra that is not installed
        pytest.skip(f"{name}: {exc}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, report=True)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
