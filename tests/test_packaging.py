"""Every package folder is listed in pyproject.toml: an unlisted one silently drops out of the wheel."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _declared() -> tuple[set[str], dict[str, str]]:
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    return set(cfg["packages"]), cfg["package-dir"]


def test_every_package_folder_is_listed():
    packages, dirs = _declared()
    found = set()
    for name, folder in dirs.items():
        base = ROOT / folder
        for init in base.rglob("__init__.py"):
            rel = init.parent.relative_to(base)
            if "tests" in rel.parts or "shipped" in rel.parts:
                continue
            found.add(".".join([name, *rel.parts]) if rel.parts else name)
    missing = sorted(found - packages)
    assert not missing, f"add these to [tool.setuptools] packages in pyproject.toml: {missing}"


def test_core_imports_without_torch():
    import subprocess
    import sys

    code = (
        "import sys, importlib\n"
        "sys.modules['torch'] = None\n"  # any import of torch now fails
        "for m in ['numcheck.cli', 'numcheck.pipeline', 'numcheck.inference.relations', 'numcheck.inference.linker', 'numcheck.inference.tables', 'numcheck.inference.rules']:\n"
        "    importlib.import_module(m)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr
