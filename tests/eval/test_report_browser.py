"""report.html is one offline file that a browser renders with its tables and plots."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console

from numcheck.config import EvalConfig
from numcheck.eval.run import run_eval

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class _Survey(HTMLParser):
    """Counts tags and collects every attribute that could fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, int] = {}
        self.fetching: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action", "data") and value and not value.startswith(("#", "data:")):
                self.fetching.append(f"<{tag} {name}={value}>")
        if tag in ("script", "link", "iframe", "img", "object", "embed"):
            self.fetching.append(f"<{tag}>")


@pytest.fixture
def report(gold_file, perturbed_file, fake_checker, fake_loader, tmp_path) -> Path:
    out = tmp_path / "out"
    cfg = EvalConfig(gold=gold_file, perturbed=perturbed_file, extractors=["rules", "spacy", "gold"], out=out)
    run_eval(cfg, Console(file=open(tmp_path / "log.txt", "w")))  # noqa: SIM115
    return out / "report.html"


def test_html_is_self_contained(report):
    html = report.read_text(encoding="utf-8")
    survey = _Survey()
    survey.feed(html)
    assert survey.tags.get("table", 0) >= 5  # summary, spans by kind, checks, detection, cost
    assert survey.tags.get("svg", 0) >= 4  # F1 by kind, kind confusion, verdict confusion, detection
    assert survey.fetching == []
    assert "@import" not in html and "url(http" not in html


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)")
def test_chromium_renders_the_report(report, tmp_path):
    shot = tmp_path / "shot.png"
    profile = tmp_path / "profile"
    cmd = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
        f"--screenshot={shot}", "--window-size=1280,2000", report.as_uri(),
    ]  # fmt: skip
    subprocess.run(cmd, capture_output=True, timeout=90, check=False)
    assert shot.is_file(), "chromium wrote no screenshot"
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 2000)
    # A blank page compresses to a few kilobytes; tables, text and plots do not.
    assert len(data) > 40_000
