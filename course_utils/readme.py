"""The README's generated blocks and the benchmark's report: ``python -m course_utils readme``.

The one reader of the notebooks' title cells (:func:`parse_title_cell`) and solution tags
(:func:`read_lesson`). From them and the benchmark's results (``tests/benchmarks/
notebook_budget.json``, written by :mod:`course_utils.bench`) it writes:

- the learners' table of notebooks, between ``<!-- notebooks:start -->`` and
  ``<!-- notebooks:end -->`` (:func:`notebooks_table`);
- the instructors' lesson table with the measured run times and peak memory in each setting,
  between ``<!-- lesson-table:start -->`` and ``<!-- lesson-table:end -->``
  (:func:`lesson_table`);
- every notebook's objectives in full, between ``<!-- objectives:start -->`` and
  ``<!-- objectives:end -->`` (:func:`objectives_markdown`);
- the benchmark's Markdown report beside its JSON (:func:`budget_report`).

Run it after changing a title cell or adding an exercise; ``python -m course_utils bench``
runs it after measuring. ``--check`` changes nothing and exits 1 if a block is stale.

>>> cell = parse_title_cell('''# 02 · Activation functions
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
>>> cell.objectives
('Explain why non-linearity matters.', 'Plot sigmoid and ReLU.')
>>> cell.prerequisites, cell.prerequisite_numbers
('[01 · The perceptron](notebooks/01_perceptron.ipynb).', ('01',))
>>> cell.learner_time, cell.learner_minutes, cell.stated_run_seconds
('about 60 minutes', 60, 15.0)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course_utils import bench, hub
from course_utils.paths import NOTEBOOKS_DIR, REPO_ROOT, course_notebooks, notebooks_that_load_mnist

README = REPO_ROOT / "README.md"
#: The benchmark's Markdown report, beside its JSON.
REPORT_MD = bench.RESULTS_JSON.with_suffix(".md")
#: The command that regenerates every block (named in the blocks and in errors).
COMMAND = "python -m course_utils readme"
#: The generated blocks of the README, in the order they appear there.
BLOCKS = ("notebooks", "lesson-table", "objectives", "progress-examples", "hub-sizing")


def markers(block: str) -> tuple[str, str]:
    """The two HTML comments around ``block`` in the README.

    >>> markers("objectives")
    ('<!-- objectives:start -->', '<!-- objectives:end -->')
    """
    if block not in BLOCKS:
        raise ValueError(f"block must be one of {', '.join(BLOCKS)}, got {block!r}")
    return f"<!-- {block}:start -->", f"<!-- {block}:end -->"


# --------------------------------------------------------------------------- title cells
@dataclass(frozen=True)
class TitleCell:
    """What a notebook's title cell states. Text fields are Markdown as written, except that
    links to notebooks are rewritten to work from the repository root."""

    number: str
    title: str
    objectives: tuple[str, ...]
    prerequisites: str
    prerequisite_numbers: tuple[str, ...]
    learner_time: str
    learner_minutes: int | None
    stated_run_seconds: float | None


@dataclass(frozen=True)
class Lesson(TitleCell):
    """A notebook: its title cell, its file name and its number of exercises."""

    file: str = ""
    exercises: int = 0


def _field(source: str, name: str) -> str:
    """The text after ``**name**:`` up to the next bold field or blank line, on one line."""
    match = re.search(
        rf"\*\*{name}\*\*:?[ \t]*(.*?)(?=\s*\*\*[A-Z][^*]*\*\*|\n\s*\n|\Z)",
        source,
        re.DOTALL | re.IGNORECASE,
    )
    return " ".join(match.group(1).split()) if match else ""


def parse_title_cell(source: str) -> TitleCell:
    """Read a title cell: number and title, objectives, prerequisites, learner and run time.

    The course's only title-cell parser (see the module's example). ``learner_minutes`` and
    ``stated_run_seconds`` are None when the cell states no such time.
    """
    if not isinstance(source, str):
        raise TypeError(f"source must be the title cell's text (str), got {type(source).__name__}")
    heading = re.search(r"^#\s+(\d\d)\s*·\s*(.+?)\s*$", source, re.MULTILINE)
    if not heading:
        raise ValueError("source must start with a title line '# NN · Title'")
    block = re.search(
        r"\*\*Learning objectives\*\*:?(.*?)(?=\n\s*\*\*|\Z)", source, re.DOTALL | re.IGNORECASE
    )
    items = re.split(r"^\s*[-*]\s+", block.group(1), flags=re.MULTILINE)[1:] if block else []
    prerequisites = _field(source, "Prerequisites")
    learner = re.split(r"(?<=[a-z])\.(?:\s|$)", _field(source, "Learner time"))[0].strip()
    minutes = re.search(r"(\d+)\s*min", learner)
    hours = re.search(r"(\d+(?:\.\d+)?)\s*hours?", learner)
    run = re.search(
        r"(\d+(?:\.\d+)?)\s*(s|sec|seconds?|min|minutes?)\b", _field(source, "Run time")
    )
    return TitleCell(
        number=heading.group(1),
        title=heading.group(2),
        objectives=tuple(" ".join(item.split()) for item in items if item.strip()),
        prerequisites=re.sub(r"\]\((\d\d_[a-z0-9_]+\.ipynb)\)", r"](notebooks/\1)", prerequisites),
        prerequisite_numbers=tuple(
            sorted(set(re.findall(r"\((\d\d)_[a-z0-9_]+\.ipynb\)", prerequisites)))
        ),
        learner_time=learner,
        learner_minutes=(
            int(minutes.group(1))
            if minutes
            else round(float(hours.group(1)) * 60)
            if hours
            else None
        ),
        stated_run_seconds=(
            None if not run else float(run.group(1)) * (60 if run.group(2).startswith("m") else 1)
        ),
    )


def read_lesson(path: str | Path) -> Lesson:
    """A notebook's title cell, file name and number of exercises (cells tagged ``solution``).

    >>> read_lesson("notebooks/01_perceptron.ipynb").exercises  # doctest: +SKIP
    3
    """
    import nbformat

    from course_utils.student import SOLUTION_TAG

    if not isinstance(path, str | Path):
        raise TypeError(f"path must be a notebook's path (str or pathlib.Path), got {path!r}")
    file = Path(path)
    if not file.is_file() or file.suffix != ".ipynb":
        raise FileNotFoundError(f"path must be an existing .ipynb file, got {str(path)!r}")
    nb = nbformat.read(file, as_version=4)
    if not nb.cells or nb.cells[0].cell_type != "markdown":
        raise ValueError(f"path {file.name}: the first cell must be the Markdown title cell")
    exercises = sum(SOLUTION_TAG in cell.metadata.get("tags", []) for cell in nb.cells)
    return Lesson(**vars(parse_title_cell(nb.cells[0].source)), file=file.name, exercises=exercises)


def read_lessons(notebooks_dir: str | Path = NOTEBOOKS_DIR) -> list[Lesson]:
    """Every notebook of ``notebooks_dir`` as a :class:`Lesson`, in order.

    >>> [lesson.number for lesson in read_lessons()][:3]
    ['00', '01', '02']
    """
    folder = Path(notebooks_dir)
    if not folder.is_dir():
        raise FileNotFoundError(f"notebooks_dir {str(folder)!r} is not a folder")
    return [read_lesson(path) for path in course_notebooks(folder)]


# --------------------------------------------------------------------------- text helpers
def _plain(markdown: str) -> str:
    """Markdown as plain one-line text: links keep their words; no emphasis, code or maths marks.

    >>> _plain("[01 · The perceptron](notebooks/01_perceptron.ipynb), **`x`** and $y$")
    '01 · The perceptron, x and y'
    """
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", markdown)
    text = text.replace("**", "").replace("`", "").replace("$", "")
    return " ".join(text.split())


def _shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _builds_on(lesson: Lesson, *, links: bool, limit: int = 0) -> str:
    """The earlier notebooks a lesson builds on (as links, or numbers), else its plain text."""
    if lesson.prerequisite_numbers:
        if not links:
            return ", ".join(lesson.prerequisite_numbers)
        found = dict(
            re.findall(r"\]\(notebooks/((\d\d)_[a-z0-9_]+\.ipynb)\)", lesson.prerequisites)
        )
        by_number = {number: name for name, number in found.items()}
        return ", ".join(f"[{n}](notebooks/{by_number[n]})" for n in lesson.prerequisite_numbers)
    text = _plain(lesson.prerequisites).rstrip(".") or "—"
    if not limit:
        return text
    return _shorten(re.split(r"\s*[(;]", text)[0], limit)


# --------------------------------------------------------------------------- the blocks
def notebooks_table(lessons: Sequence[Lesson]) -> str:
    """The learners' table near the top of the README: title, time, exercises, prerequisites.

    >>> print(notebooks_table(read_lessons()).splitlines()[2])  # doctest: +ELLIPSIS
    | 00 | [Welcome to deep learning](notebooks/00_welcome.ipynb) | ... min | ... | Python basics...
    """
    lines = ["| # | notebook | learner time | exercises | builds on |", "|---|---|---:|---:|---|"]
    for lesson in lessons:
        learner = f"{lesson.learner_minutes} min" if lesson.learner_minutes else "—"
        lines.append(
            f"| {lesson.number} | [{_plain(lesson.title)}](notebooks/{lesson.file}) | "
            f"{learner} | {lesson.exercises} | {_builds_on(lesson, links=True)} |"
        )
    return "\n".join(lines)


def _figures(section: Mapping[str, Any] | None, notebook: str) -> dict[str, Any] | None:
    if not section:
        return None
    return section.get("notebooks", {}).get(notebook)


def _seconds_cell(run: Mapping[str, Any] | None, fallback: str) -> str:
    if run is None:
        return fallback
    flag = "" if not run.get("error") and not run.get("over_budget") else " ⚠️"
    return f"{run['seconds']:.0f} s{flag}"


def lesson_table(
    results: Mapping[str, Any], lessons: Sequence[Lesson], mnist_files: Sequence[str]
) -> str:
    """The instructors' lesson table: learner time, prerequisites, exercises, and the measured
    run time (sample; full size on 2 cores and on 1 core) and peak memory (sample; full size).

    ``mnist_files`` names the notebooks that load MNIST: the others say ``no MNIST`` where
    full size changes nothing for them. A notebook not measured in a setting says so.

    >>> table = lesson_table({"settings": {}}, read_lessons()[:1], [])
    >>> table.splitlines()[2].split(" | ")[3], table.splitlines()[2].split(" | ")[5:7]
    ('Python basics', ['not measured', 'no MNIST'])
    """
    settings = results.get("settings", {})
    sample, full, one_core = (settings.get(key) for key in bench.SETTINGS)
    lines = [
        (
            "| # | notebook | learner time | builds on | exercises | run time, sample | "
            "run time, full size | run time, full size, 1 core | peak memory, sample | "
            "peak memory, full size |"
        ),
        "|---|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    minutes, exercises = 0, 0
    totals: dict[str, float | None] = {"sample": 0.0, "one_core": 0.0}
    for lesson in lessons:
        loads_mnist = lesson.file in mnist_files
        runs = {
            "sample": _figures(sample, lesson.file),
            "full": _figures(full, lesson.file),
            "one_core": _figures(one_core, lesson.file),
        }
        for key, total in totals.items():
            totals[key] = (
                None if total is None or runs[key] is None else total + runs[key]["seconds"]
            )
        full_peaks = [run["peak_bytes"] for run in (runs["full"], runs["one_core"]) if run]
        sample_memory = (
            bench.format_bytes(runs["sample"]["peak_bytes"]) if runs["sample"] else "not measured"
        )
        full_memory = (
            bench.format_bytes(max(full_peaks))
            if full_peaks
            else "not measured"
            if loads_mnist
            else "no MNIST"
        )
        minutes += lesson.learner_minutes or 0
        exercises += lesson.exercises
        learner = f"{lesson.learner_minutes} min" if lesson.learner_minutes else "—"
        lines.append(
            f"| {lesson.number} | [{_plain(lesson.title)}](notebooks/{lesson.file}) | "
            f"{learner} | {_builds_on(lesson, links=False, limit=32)} | {lesson.exercises} | "
            f"{_seconds_cell(runs['sample'], 'not measured')} | "
            f"{_seconds_cell(runs['full'], 'not measured' if loads_mnist else 'no MNIST')} | "
            f"{_seconds_cell(runs['one_core'], 'not measured')} | "
            f"{sample_memory} | {full_memory} |"
        )
    total = {
        key: f" **{seconds:.0f} s** " if seconds is not None and lessons else " "
        for key, seconds in totals.items()
    }
    lines.append(
        f"| | **total** | **{minutes / 60:.1f} h** | | **{exercises}** |"
        f"{total['sample']}| |{total['one_core']}| | |"
    )
    return "\n".join(lines) + "\n\n" + _lesson_table_note(settings)


def _lesson_table_note(settings: Mapping[str, Any]) -> str:
    """The paragraph under the lesson table: what each column measured, when, and the budgets."""

    def when(key: str) -> str:
        section = settings.get(key)
        command = f"`{f'bench {bench.SETTINGS[key].flags}'.strip()}`"
        return (
            f"{command}, last run {section['measured_at']}"
            if section
            else f"{command}, not measured yet"
        )

    return (
        f"Run time and peak memory are measured by `python -m course_utils bench`, each notebook "
        f"in a fresh kernel. **Sample**: the offline MNIST sample (8,000/2,000 images) on 2 CPU "
        f"cores ({when('sample')}). **Full size**: 60,000/10,000 images on 2 cores "
        f"({when('full-size')}) and on 1 core, as on Binder ({when('full-size-1-core')}; "
        f"every notebook); "
        f"offline the full-size images are Fashion-MNIST, a stand-in for MNIST's size. "
        f"*no MNIST*: the notebook loads no MNIST, so on 2 cores its full-size run is its sample "
        f"run. Budgets per notebook: {bench.BUDGET_SECONDS:.0f} s on 2 cores, "
        f"{bench.BUDGET_SECONDS_ONE_CORE:.0f} s on 1 core, {bench.format_bytes(bench.BUDGET_BYTES)}"
        f" (⚠️: over budget or failing). Details in "
        f"[tests/benchmarks/notebook_budget.md](tests/benchmarks/notebook_budget.md)."
    )


def objectives_markdown(lessons: Sequence[Lesson]) -> str:
    """One collapsible entry per notebook, with its objectives in full as its title cell states.

    >>> print(objectives_markdown(read_lessons()[1:2]).splitlines()[3])  # doctest: +ELLIPSIS
    <summary><b>01 · The perceptron</b> · about ... minutes · ... exercises</summary>
    """
    parts = [
        f"<!-- Generated from the notebooks' title cells by `{COMMAND}`; "
        + "do not edit by hand. -->"
    ]
    for lesson in lessons:
        summary = f"<b>{lesson.number} · {lesson.title}</b>"
        if lesson.learner_time:
            summary += f" · {lesson.learner_time}"
        summary += f" · {lesson.exercises} exercise{'s' if lesson.exercises != 1 else ''}"
        opening = (
            f"[Open the notebook](notebooks/{lesson.file}). Prerequisites: "
            f"{lesson.prerequisites or 'none'}"
        )
        lines = ["<details>", f"<summary>{summary}</summary>", "", opening, ""]
        lines += [f"- {objective}" for objective in lesson.objectives]
        lines += ["", "</details>"]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def readme_blocks(
    results: Mapping[str, Any], notebooks_dir: str | Path = NOTEBOOKS_DIR
) -> dict[str, str]:
    """Every generated README block, by name (see :data:`BLOCKS`), from the notebooks and
    the benchmark's ``results``.

    >>> list(readme_blocks(bench.load_results()))
    ['notebooks', 'lesson-table', 'objectives', 'progress-examples', 'hub-sizing']
    """
    lessons = read_lessons(notebooks_dir)
    mnist_files = [path.name for path in notebooks_that_load_mnist(notebooks_dir)]
    return {
        "notebooks": notebooks_table(lessons),
        "lesson-table": lesson_table(results, lessons, mnist_files),
        "objectives": objectives_markdown(lessons),
        "progress-examples": progress_examples(notebooks_dir),
        "hub-sizing": hub.sizing_table(results),
    }


def progress_examples(notebooks_dir: str | Path = NOTEBOOKS_DIR) -> str:
    """What ``progress`` prints on fresh student versions and on the committed notebooks: the
    README's example, produced by the command's own code (student versions are written to a
    temporary folder, read, and deleted; no kernel runs).

    >>> "0 of" in progress_examples().split("```")[1]
    True
    """
    import tempfile

    from course_utils import progress, student

    def shown(folder: Path, name: str) -> str:
        report = progress.format_progress(progress.read_progress(folder), where=f"{name}/")
        return f"```text\n$ python -m course_utils progress {name}\n{report}\n```"

    with tempfile.TemporaryDirectory() as tmp:
        student.write_student_versions(notebooks_dir, Path(tmp) / "student")
        fresh = shown(Path(tmp) / "student", "student")
    committed = shown(Path(notebooks_dir), "notebooks")
    return (
        f"On freshly generated student versions (`student-version --out student`):\n\n{fresh}\n\n"
        f"and on the reference notebooks, as committed:\n\n{committed}"
    )


# --------------------------------------------------------------------------- the report
def budget_report(results: Mapping[str, Any]) -> str:
    """The benchmark's Markdown report: the budgets and how it measures, then per setting its
    last run and a table of every notebook's figures (or that it was not measured yet).

    >>> print(budget_report(bench.empty_results()).splitlines()[0])
    # Notebook budget: measured run time and peak memory
    """
    lines = [
        "# Notebook budget: measured run time and peak memory",
        "",
        (
            f"Generated by `{COMMAND}` from notebook_budget.json, which `python -m course_utils "
            f"bench` writes; do not edit by hand."
        ),
        (
            f"Budgets per notebook: at most {bench.BUDGET_SECONDS:.0f} s on 2 CPU cores and "
            f"{bench.BUDGET_SECONDS_ONE_CORE:.0f} s on 1 core (Binder's), and at most "
            f"{bench.format_bytes(bench.BUDGET_BYTES)} of resident memory (kernel process and its "
            f"children), with the offline sample and at full size."
        ),
        (
            "Time: kernel start to the end of the last cell (includes importing TensorFlow). "
            f"Memory: peak resident set size sampled every {bench.SAMPLE_INTERVAL_S * 1000:.0f} ms "
            "with psutil, and the kernel's own VmHWM on Linux."
        ),
    ]
    for key, setting in bench.SETTINGS.items():
        command = f"python -m course_utils bench {setting.flags}".strip()
        lines += ["", f"## {setting.label.capitalize()}", ""]
        section = results.get("settings", {}).get(key)
        if not section:
            lines.append(f"Not measured yet: `{command}`.")
            continue
        machine, last = section["machine"], section["last_run"]
        lines += [
            f"- data: {section['data']}",
            (
                f"- last run: {section['measured_at']}, `{last['command']}`: "
                f"{len(last['notebooks'])} notebook(s) in {last['seconds']:.1f} s, one after the "
                f"other"
            ),
            (
                f"- machine: {machine['platform']}, {machine['cores_used']} of "
                f"{machine['cpu_count']} CPU cores used, load average {machine['load_before']} "
                f"before and {machine['load_after']} after (other work on the machine inflates "
                f"the times)"
            ),
            "",
            (
                f"| notebook | run time | peak memory | within {setting.budget_seconds:.0f} s and "
                f"{bench.format_bytes(bench.BUDGET_BYTES)} | measured |"
            ),
            "|---|---:|---:|---|---|",
        ]
        runs = section["notebooks"]
        for name, run in runs.items():
            lines.append(
                f"| {name} | {run['seconds']:.1f} s | "
                f"{bench.format_bytes(run['peak_bytes'])} | {bench.run_status(run)} | "
                f"{run['measured_at']} |"
            )
        total = sum(run["seconds"] for run in runs.values())
        peak = max((run["peak_bytes"] for run in runs.values()), default=0)
        lines.append(
            f"| **all {len(runs)} notebooks** | **{total:.1f} s** | "
            f"**{bench.format_bytes(peak)}** (largest) | | |"
        )
        lines += slowest_cells_table(runs)
    return "\n".join(lines) + "\n"


def _code_span(code: str) -> str:
    """A line of code safe inside a Markdown table's code span."""
    return code.replace("|", "¦").replace("`", "'")


def slowest_cells_table(runs: Mapping[str, Any]) -> list[str]:
    """Markdown lines: each notebook's slowest code cells (cell number, seconds, first line),
    marking those over :data:`bench.SLOW_CELL_SECONDS`, which must show live progress.

    >>> slowest_cells_table({"01.ipynb": {"slowest_cells": [
    ...     {"cell": 7, "id": "a", "seconds": 4.2, "code": "history = model.fit(x, y)"}]}})[-1]
    '| 01.ipynb | 7 | 4.2 s ⏱ | `history = model.fit(x, y)` |'
    """
    rows = [
        f"| {name} | {cell['cell']} | {cell['seconds']:.1f} s"
        f"{' ⏱' if cell['seconds'] > bench.SLOW_CELL_SECONDS else ''} | "
        f"`{_code_span(cell['code'])}` |"
        for name, run in runs.items()
        for cell in run.get("slowest_cells", [])
    ]
    if not rows:
        return []
    return [
        "",
        (
            f"Slowest code cells (numbered from 1 among code cells; ⏱ over "
            f"{bench.SLOW_CELL_SECONDS:.0f} s: such a cell shows live progress):"
        ),
        "",
        "| notebook | cell | time | first line of code |",
        "|---|---:|---:|---|",
        *rows,
    ]


def run_time_notes(results: Mapping[str, Any], lessons: Sequence[Lesson]) -> list[str]:
    """Title cells whose stated run time is far from the sample's measured one, in words.

    >>> run_time_notes(bench.load_results(), read_lessons())
    []
    """
    sample = results.get("settings", {}).get("sample", {}).get("notebooks", {})
    notes = []
    for lesson in lessons:
        run, stated = sample.get(lesson.file), lesson.stated_run_seconds
        if run and stated and abs(run["seconds"] - stated) > max(10.0, stated):
            notes.append(
                f"{lesson.file} states a run time of about {stated:.0f} s in its title "
                f"cell; the benchmark measured {run['seconds']:.0f} s (sample)"
            )
    return notes


# --------------------------------------------------------------------------- the README
def _span(text: str, block: str) -> tuple[int, int]:
    start, end = markers(block)
    i, j = text.find(start), text.find(end)
    if i < 0 or j < i:
        raise ValueError(
            f"the README must hold {start} followed by {end}: add the two markers "
            f"where the {block} block belongs, then run `{COMMAND}`"
        )
    return i + len(start), j


def current_block(text: str, block: str) -> str:
    """What ``text`` (the README) holds between ``block``'s markers now, stripped of newlines.

    >>> current_block("a <!-- objectives:start -->\\nold\\n<!-- objectives:end --> b", "objectives")
    'old'
    """
    i, j = _span(text, block)
    return text[i:j].strip("\n")


def replace_block(text: str, block: str, content: str) -> str:
    """``text`` with everything between ``block``'s markers replaced by ``content``.

    >>> replace_block("a <!-- notebooks:start -->old<!-- notebooks:end --> b", "notebooks", "new")
    'a <!-- notebooks:start -->\\nnew\\n<!-- notebooks:end --> b'
    """
    i, j = _span(text, block)
    return text[:i] + "\n" + content.strip("\n") + "\n" + text[j:]


def stale_blocks(text: str, blocks: Mapping[str, str]) -> list[str]:
    """The names of the ``blocks`` whose content ``text`` (the README) does not hold.

    >>> stale_blocks("<!-- notebooks:start -->\\nx\\n<!-- notebooks:end -->", {"notebooks": "y"})
    ['notebooks']
    """
    return [
        name for name, content in blocks.items() if current_block(text, name) != content.strip("\n")
    ]


def update_readme(
    readme: str | Path = README,
    *,
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
    results: Mapping[str, Any] | None = None,
) -> list[str]:
    """Regenerate every block of ``readme`` from the notebooks and the benchmark's ``results``
    (default: the stored ones); return the names of the blocks that changed.

    >>> update_readme()  # doctest: +SKIP
    ['lesson-table']
    """
    path = Path(readme)
    if not path.is_file():
        raise FileNotFoundError(f"readme {str(path)!r} is not a file")
    text = path.read_text(encoding="utf-8")
    blocks = readme_blocks(bench.load_results() if results is None else results, notebooks_dir)
    changed = stale_blocks(text, blocks)
    for name in changed:
        text = replace_block(text, name, blocks[name])
    if changed:
        path.write_text(text, encoding="utf-8")
    return changed


def write_everything(
    results: Mapping[str, Any],
    *,
    readme: str | Path | None = README,
    report_md: str | Path = REPORT_MD,
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
    echo: Callable[[str], Any] = print,
) -> None:
    """Write the report of ``results`` and (unless ``readme`` is None) the README's blocks.

    What ``bench`` calls after measuring, and what ``python -m course_utils readme`` does.
    """
    report = Path(report_md)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(budget_report(results), encoding="utf-8")
    echo(f"wrote {report}")
    if readme is not None:
        changed = update_readme(readme, notebooks_dir=notebooks_dir, results=results)
        echo(
            f"{Path(readme).name}: "
            + (f"updated {', '.join(changed)}" if changed else "every generated block was current")
        )
    for note in run_time_notes(results, read_lessons(notebooks_dir)):
        echo(f"note: {note}")


def check(
    readme: str | Path = README,
    *,
    report_md: str | Path = REPORT_MD,
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
    results_json: str | Path = bench.RESULTS_JSON,
) -> list[str]:
    """What is stale, in words: README blocks and the report (empty when all are current).

    >>> check()
    []
    """
    if not Path(readme).is_file():
        raise FileNotFoundError(f"readme {str(readme)!r} is not a file")
    results = bench.load_results(results_json)
    text = Path(readme).read_text(encoding="utf-8")
    stale = [
        f"{Path(readme).name}: the {name} block"
        for name in stale_blocks(text, readme_blocks(results, notebooks_dir))
    ]
    report = Path(report_md)
    if not report.is_file() or report.read_text(encoding="utf-8") != budget_report(results):
        stale.append(f"{report.name}")
    return stale


def main(args: Any) -> int:
    """Entry point of ``python -m course_utils readme`` (``args`` from argparse)."""
    try:
        if args.check:
            stale = check(README, report_md=REPORT_MD)
            if stale:
                print(f"❌ stale: {'; '.join(stale)}. Run `{COMMAND}` and commit.", file=sys.stderr)
                return 1
            print("✅ the README's generated blocks and the benchmark report are current.")
            return 0
        write_everything(bench.load_results(), readme=README, report_md=REPORT_MD)
    except (FileNotFoundError, ValueError) as err:
        print(f"❌ {err}", file=sys.stderr)
        return 2
    return 0


def add_parser(sub: Any) -> None:
    """Register the ``readme`` subcommand on an argparse sub-parser collection."""
    readme = sub.add_parser(
        "readme", help="regenerate the README's tables and objectives and the benchmark report"
    )
    readme.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a generated block is stale"
    )
    readme.set_defaults(run=main)
