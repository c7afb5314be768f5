"""Slides: every notebook can be presented with RISE straight from JupyterLab.

Every cell carries ``metadata.slideshow.slide_type``; the title and each ``## `` section start
a slide; and the ``jupyterlab_rise`` extension is installed and enabled in this environment.
"""

import importlib.metadata
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from course_utils.paths import course_notebooks

NOTEBOOKS = course_notebooks()
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
MIN_SLIDES = 4
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def slide_types(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return nb["cells"], [c["metadata"].get("slideshow", {}).get("slide_type") for c in nb["cells"]]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_cell_has_slide_metadata_and_sections_start_slides(path):
    cells, kinds = slide_types(path)
    missing = [i for i, k in enumerate(kinds) if k not in SLIDE_TYPES]
    assert not missing, f"cells without a valid slideshow.slide_type: {missing}"
    assert kinds[0] == "slide", "the title cell opens the slide show"
    for i, (cell, kind) in enumerate(zip(cells, kinds)):
        text = "".join(cell["source"]).lstrip()
        if cell["cell_type"] == "markdown" and text.startswith("## "):
            assert kind == "slide", f"cell {i} ({text.splitlines()[0]!r}) should start a slide"
        if cell["cell_type"] == "markdown" and text.startswith("### "):
            assert kind in ("slide", "subslide"), f"cell {i} should start a (sub)slide"
    assert kinds.count("slide") >= MIN_SLIDES, f"only {kinds.count('slide')} slides"


def test_the_rise_extension_is_installed():
    version = importlib.metadata.version("jupyterlab_rise")
    assert tuple(int(p) for p in version.split(".")[:2]) >= (0, 43)
    folder = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "jupyterlab-rise"
    assert (folder / "package.json").is_file(), f"the RISE lab extension is missing in {folder}"


def test_the_rise_extension_is_enabled_in_jupyterlab():
    result = subprocess.run(
        [sys.executable, "-m", "jupyter", "labextension", "list"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    listing = ANSI.sub("", result.stdout + result.stderr)
    lines = [line for line in listing.splitlines() if "jupyterlab-rise" in line]
    assert lines, f"jupyterlab-rise is not listed:\n{listing}"
    assert "enabled" in lines[0] and "OK" in lines[0], lines[0]
