"""The instructors' lesson plan in the README: every notebook's objectives in full.

The lesson table (between ``<!-- lesson-table:start -->`` and ``<!-- lesson-table:end -->``)
is written by the benchmark (:mod:`course_utils.bench`) with the measured run times. This module
writes the block under it (between ``<!-- objectives:start -->`` and ``<!-- objectives:end -->``):
per notebook, the title, learner time, number of exercises, prerequisites and the learning
objectives exactly as the notebook's title cell states them. Regenerate it after changing a
title cell or adding an exercise::

    python -m course_utils.lesson_plan

>>> info = title_cell_facts('''# 02 · Activation functions
...
... Why.
...
... **Learning objectives**
...
... - Explain why non-linearity
...   matters.
... - Plot sigmoid and ReLU.
...
... **Prerequisites**: [01 · The perceptron](01_perceptron.ipynb).
...
... **Learner time**: about 60 minutes. **Run time**: about 15 s.''')
>>> info["objectives"]
['Explain why non-linearity matters.', 'Plot sigmoid and ReLU.']
>>> info["prerequisites"], info["learner_time"]
('[01 · The perceptron](notebooks/01_perceptron.ipynb).', 'about 60 minutes')
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import nbformat

from course_utils.paths import NOTEBOOKS_DIR, REPO_ROOT
from course_utils.student import SOLUTION_TAG

README = REPO_ROOT / "README.md"
START = "<!-- objectives:start -->"
END = "<!-- objectives:end -->"
#: The command that regenerates the block (named in errors and in the block itself).
COMMAND = "python -m course_utils.lesson_plan"


def _field(source: str, name: str) -> str:
    """The text after ``**name**:`` up to the next bold field or blank line."""
    match = re.search(rf"\*\*{name}\*\*:?[ \t]*(.*?)(?=\s*\*\*[A-Z][^*]*\*\*|\n\s*\n|\Z)",
                      source, re.S | re.I)
    return " ".join(match.group(1).split()) if match else ""


def title_cell_facts(source: str) -> dict[str, Any]:
    """Title, objectives, prerequisites and learner time of a title cell, as Markdown text.

    Links to other notebooks are rewritten to work from the repository root
    (``01_perceptron.ipynb`` becomes ``notebooks/01_perceptron.ipynb``).
    """
    if not isinstance(source, str):
        raise TypeError(f"source must be the title cell's text (str), got {type(source).__name__}")
    heading = re.search(r"^#\s+(\d\d)\s*·\s*(.+?)\s*$", source, re.M)
    if not heading:
        raise ValueError("source must start with a title line '# NN · Title'")
    block = re.search(r"\*\*Learning objectives\*\*:?(.*?)(?=\n\s*\*\*|\Z)", source, re.S | re.I)
    objectives = []
    if block:
        items = re.split(r"^\s*[-*]\s+", block.group(1), flags=re.M)[1:]
        objectives = [" ".join(item.split()) for item in items if item.strip()]
    prerequisites = re.sub(r"\]\((\d\d_[a-z0-9_]+\.ipynb)\)", r"](notebooks/\1)",
                           _field(source, "Prerequisites"))
    learner = _field(source, "Learner time")
    learner = re.split(r"(?<=[a-z])\.(\s|$)", learner)[0].strip()
    return {"number": heading.group(1), "title": heading.group(2).strip(),
            "objectives": objectives, "prerequisites": prerequisites, "learner_time": learner}


def objectives_markdown(notebooks_dir: str | Path = NOTEBOOKS_DIR) -> str:
    """The README block: one collapsible entry per notebook, with its objectives in full.

    >>> print(objectives_markdown()[:40])  # doctest: +SKIP
    """
    folder = Path(notebooks_dir)
    if not folder.is_dir():
        raise FileNotFoundError(f"notebooks_dir {str(folder)!r} is not a folder")
    parts = [f"<!-- Generated from the notebooks' title cells by `{COMMAND}`; "
             f"do not edit by hand. -->"]
    for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if not nb.cells or nb.cells[0].cell_type != "markdown":
            raise ValueError(f"{path.name}: the first cell must be the Markdown title cell")
        facts = title_cell_facts(nb.cells[0].source)
        exercises = sum(SOLUTION_TAG in c.metadata.get("tags", []) for c in nb.cells)
        summary = f"<b>{facts['number']} · {facts['title']}</b>"
        if facts["learner_time"]:
            summary += f" · {facts['learner_time']}"
        summary += f" · {exercises} exercise{'s' if exercises != 1 else ''}"
        lines = ["<details>", f"<summary>{summary}</summary>", ""]
        lines.append(f"[Open the notebook](notebooks/{path.name}). Prerequisites: "
                     f"{facts['prerequisites'] or 'none'}")
        lines.append("")
        lines += [f"- {objective}" for objective in facts["objectives"]]
        lines += ["", "</details>"]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def replace_block(text: str, content: str) -> str:
    """``text`` with the content between :data:`START` and :data:`END` replaced.

    >>> replace_block("a <!-- objectives:start -->old<!-- objectives:end --> b", "new")
    'a <!-- objectives:start -->\\nnew\\n<!-- objectives:end --> b'
    """
    i, j = text.find(START), text.find(END)
    if i < 0 or j < i:
        raise ValueError(f"text must hold {START} followed by {END}")
    return text[: i + len(START)] + "\n" + content.strip("\n") + "\n" + text[j:]


def current_block(text: str) -> str:
    """What the README holds between the markers now (stripped)."""
    i, j = text.find(START), text.find(END)
    if i < 0 or j < i:
        raise ValueError(f"text must hold {START} followed by {END}")
    return text[i + len(START): j].strip("\n")


def update_readme(readme: str | Path = README, notebooks_dir: str | Path = NOTEBOOKS_DIR) -> bool:
    """Regenerate the block in ``readme``; True if the file changed."""
    path = Path(readme)
    if not path.is_file():
        raise FileNotFoundError(f"readme {str(path)!r} is not a file")
    text = path.read_text(encoding="utf-8")
    new = replace_block(text, objectives_markdown(notebooks_dir))
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True


if __name__ == "__main__":
    changed = update_readme()
    print(f"{'updated' if changed else 'unchanged:'} the objectives block in {README.name}")
    sys.exit(0)
