"""Fixtures of the eval tests; the data and fakes they use live in evalkit.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from evalkit import GOLD_DOCS, PERTURBED_DOCS, FakeExtractor, fake_check_documents, write_jsonl


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "gold.jsonl", GOLD_DOCS)


@pytest.fixture
def perturbed_file(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "perturbed.jsonl", PERTURBED_DOCS)


@pytest.fixture
def fake_checker(monkeypatch):
    """Replace the checker behind numcheck.pipeline.check_documents with the fake one."""
    import numcheck.pipeline

    monkeypatch.setattr(numcheck.pipeline, "check_documents", fake_check_documents)


@pytest.fixture
def fake_loader(monkeypatch):
    """`rules` loads the fake extractor; `spacy` and `model` fail to load."""
    import numcheck.eval.run as run

    def load(name, config):
        if name == "rules":
            return FakeExtractor()
        raise ImportError(f"{name} is not installed here")

    monkeypatch.setattr(run, "_load_extractor", load)
