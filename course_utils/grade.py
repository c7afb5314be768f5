"""Grading handed-in notebooks: ``python -m course_utils grade NOTEBOOK... --csv results.csv``.

Each file is recognised by its title cell (``# 03 · …``), then run top to bottom in a fresh
kernel, in a temporary folder deleted afterwards, with a time limit for the whole notebook.
The outputs it was handed in with are cleared first and the course's own self-checks run again
at the end of the notebook, so only what the learner's code does now counts: an edited check
cell, a pasted ✅ or a stale output count for nothing. One row per file and exercise results:
file, notebook, exercise, status, seconds (of that check), note.

A notebook that raises, hangs, kills its kernel or is not one of the course's gets rows that
say so; grading goes on with the next file.

**The learner's code runs with your rights**: it can read and write your files and use the
network. Grade inside a container or a virtual machine without your home folder and without
network, or as a separate user (the README shows how).

>>> rows = grade(["handed_in/alice_03.ipynb"], timeout=300)  # doctest: +SKIP
>>> write_csv(rows, "results.csv")  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from course_utils.checking import FAILED, NOT_YET, PASSED, RECORD_MIME
from course_utils.exercises import catalogues, module_of
from course_utils.paths import NOTEBOOKS_DIR

#: The columns of the CSV file, in order.
COLUMNS = ("file", "notebook", "exercise", "status", "seconds", "note")
#: Statuses beyond passed / failed / not yet: the check raised, the time ran out, the file is
#: not a notebook or not one of the course's.
ERROR, TIMED_OUT, UNREADABLE, NOT_COURSE = (
    "error",
    "timed out",
    "unreadable",
    "not a course notebook",
)
#: Seconds one notebook may run, all cells together, unless told otherwise.
DEFAULT_TIMEOUT = 300
_GRADER_KEY = "course_utils_grade"
_TITLE = re.compile(r"^#\s*(\d\d)\s*·")


@dataclass(frozen=True)
class Row:
    """One line of the results: a file's exercise, or the file itself when it could not run."""

    file: str
    notebook: str
    exercise: str
    status: str
    seconds: float | None
    note: str = ""

    def as_dict(self) -> dict[str, str]:
        seconds = "" if self.seconds is None else f"{self.seconds:.1f}"
        return {
            "file": self.file,
            "notebook": self.notebook,
            "exercise": self.exercise,
            "status": self.status,
            "seconds": seconds,
            "note": self.note,
        }


def identify(nb: nbformat.NotebookNode) -> str:
    """Which course notebook ``nb`` is, from its title cell (``"03_gradient_descent"``), or ``""``.

    >>> title = nbformat.v4.new_markdown_cell("# 03 · Gradient descent")
    >>> identify(nbformat.v4.new_notebook(cells=[title]))
    '03_gradient_descent'
    """
    first = next((c for c in nb.get("cells", []) if c.get("cell_type") == "markdown"), None)
    found = _TITLE.match(first.get("source", "")) if first is not None else None
    if found is None:
        return ""
    return next((name for name in catalogues() if name.startswith(found.group(1) + "_")), "")


def _check_cells(notebook: str) -> list[tuple[str, str]]:
    """(exercise, source) of the course's own self-check of each exercise of ``notebook``."""
    reference = nbformat.read(NOTEBOOKS_DIR / f"{notebook}.ipynb", as_version=4)
    names = catalogues()[notebook].names
    cells = []
    for i, cell in enumerate(reference.cells):
        if "solution" not in cell.metadata.get("tags", []):
            continue
        check = next(c for c in reference.cells[i + 1 :] if c.cell_type == "code")
        source = "\n".join(
            line
            for line in check.source.splitlines()
            if "import" not in line or "course_utils.exercises" not in line
        )
        cells.append((names[len(cells)], source.strip()))
    return cells


def _grader_cells(notebook: str) -> list[nbformat.NotebookNode]:
    """Cells appended to a handed-in notebook: a fresh copy of the checks, then each check."""
    module = module_of(notebook)
    preamble = (
        "# Added by `python -m course_utils grade`: the course's own self-checks, "
        "freshly loaded.\n"
        "import importlib as _importlib\n\n"
        "import course_utils.checking as _checking\n"
        f"import course_utils.exercises.{module} as checks\n\n"
        "_importlib.reload(_checking)\nchecks = _importlib.reload(checks)"
    )
    cells = [nbformat.v4.new_code_cell(preamble, metadata={_GRADER_KEY: ""})]
    cells += [
        nbformat.v4.new_code_cell(source, metadata={_GRADER_KEY: exercise})
        for exercise, source in _check_cells(notebook)
    ]
    return cells


@dataclass(frozen=True)
class NotebookRun:
    """What running one notebook with the course's checks appended found, per exercise."""

    notebook: str
    results: dict[str, tuple[str, float | None, str]]  # exercise -> (status, seconds, note)
    seconds: float
    problem: str = ""


def _first_error(nb: nbformat.NotebookNode, cells: range) -> str:
    for i in cells:
        for out in nb.cells[i].get("outputs", []):
            if out.get("output_type") == "error":
                return f"cell {i + 1} raised {out.get('ename')}: {out.get('evalue', '')}"[:200]
    return ""


def _record(cell: nbformat.NotebookNode) -> dict[str, Any] | None:
    for out in cell.get("outputs", []):
        record = out.get("data", {}).get(RECORD_MIME)
        if isinstance(record, dict):
            return record
    return None


def run_checked(
    nb: nbformat.NotebookNode,
    notebook: str,
    *,
    timeout: int = DEFAULT_TIMEOUT,
    kernel_name: str = "python3",
) -> NotebookRun:
    """Run a copy of ``nb`` (course notebook ``notebook``) with the course's checks appended.

    The copy's outputs are cleared first; it runs in a fresh kernel whose working folder is a
    new temporary folder (deleted afterwards), errors do not stop it, and all cells together
    get ``timeout`` seconds. Each exercise's status comes from the record its appended check
    leaves; a check that raised is an error, one the time limit never reached timed out.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    if notebook not in catalogues():
        raise ValueError(f"notebook must be one of the course's, got {notebook!r}")
    if not isinstance(timeout, int) or isinstance(timeout, bool) or timeout <= 0:
        raise ValueError(f"timeout must be a positive int (seconds), got {timeout!r}")
    copy = nbformat.reads(nbformat.writes(nb), as_version=4)  # never change the caller's
    for cell in copy.cells:
        if cell.get("cell_type") == "code":
            cell.outputs, cell.execution_count = [], None
    first_grader = len(copy.cells)
    copy.cells += _grader_cells(notebook)
    deadline = time.monotonic() + timeout
    started: dict[int, float] = {}
    took: dict[int, float] = {}
    problem = ""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="course-grade-") as folder:
        client = NotebookClient(
            copy,
            kernel_name=kernel_name,
            allow_errors=True,
            timeout_func=lambda cell: max(1, int(deadline - time.monotonic())),
            resources={"metadata": {"path": folder}},
        )
        client.on_cell_execute = lambda cell_index, **_: started.__setitem__(
            cell_index, time.perf_counter()
        )
        client.on_cell_executed = lambda cell_index, **_: took.__setitem__(
            cell_index, time.perf_counter() - started.get(cell_index, time.perf_counter())
        )
        try:
            client.execute(stderr=subprocess.DEVNULL)  # the kernel's own log lines are noise
        except CellTimeoutError:
            problem = f"the time limit of {timeout} s ran out"
        except DeadKernelError:
            problem = "the kernel died (out of memory?)"
        except Exception as err:  # noqa: BLE001 - a broken notebook must not stop the grading
            problem = f"could not run: {type(err).__name__}: {err}"[:200]
    seconds = time.perf_counter() - start
    learner_error = _first_error(copy, range(first_grader))
    results: dict[str, tuple[str, float | None, str]] = {}
    for index in range(first_grader, len(copy.cells)):
        cell = copy.cells[index]
        exercise = cell.metadata.get(_GRADER_KEY, "")
        if not exercise:
            continue
        record = _record(cell)
        spent = round(took[index], 1) if index in took else None
        if record is not None and record.get("status") in (PASSED, FAILED, NOT_YET):
            results[exercise] = (record["status"], spent, learner_error)
        elif index not in took:
            results[exercise] = (
                TIMED_OUT if "time limit" in problem else ERROR,
                None,
                problem or learner_error,
            )
        else:
            why = _first_error(copy, range(index, index + 1)) or "the check showed no result"
            results[exercise] = (ERROR, spent, why)
    return NotebookRun(notebook, results, round(seconds, 1), problem)


def _files(files: Sequence[str | os.PathLike[str]]) -> list[Path]:
    if isinstance(files, str | os.PathLike) or not isinstance(files, Sequence):
        raise TypeError(f"files must be a list of notebook paths, got {files!r}")
    if not files:
        raise ValueError("files must name at least one notebook")
    return [Path(f) for f in files]


def grade(
    files: Sequence[str | os.PathLike[str]],
    *,
    timeout: int = DEFAULT_TIMEOUT,
    kernel_name: str = "python3",
    verbose: bool = False,
) -> list[Row]:
    """Run every handed-in notebook and return one :class:`Row` per file and exercise.

    A file that cannot be read, is not a notebook or is not one of the course's gets a single
    row saying so; a missing file too. ``verbose`` prints a line per file as it goes.
    """
    rows: list[Row] = []
    for path in _files(files):
        if verbose:
            print(f"grading {path} ...", file=sys.stderr, flush=True)
        try:
            nb = nbformat.read(path, as_version=4)
        except FileNotFoundError:
            rows.append(Row(str(path), "", "", UNREADABLE, None, "no such file"))
            continue
        except Exception as err:  # noqa: BLE001 - any unreadable file is reported
            rows.append(
                Row(
                    str(path),
                    "",
                    "",
                    UNREADABLE,
                    None,
                    f"not a notebook: {type(err).__name__}: {err}"[:200],
                )
            )
            continue
        notebook = identify(nb)
        if not notebook:
            rows.append(
                Row(
                    str(path),
                    "",
                    "",
                    NOT_COURSE,
                    None,
                    "its first Markdown cell is not a course title such as "
                    "'# 03 · Gradient descent'",
                )
            )
            continue
        run = run_checked(nb, notebook, timeout=timeout, kernel_name=kernel_name)
        for exercise in catalogues()[notebook].names:
            status, seconds, note = run.results.get(exercise, (ERROR, None, "not checked"))
            rows.append(Row(str(path), notebook, exercise, status, seconds, note))
    return rows


def write_csv(rows: Sequence[Row], csv_file: str | os.PathLike[str]) -> Path:
    """Write ``rows`` to ``csv_file`` (columns :data:`COLUMNS`) and return its path."""
    target = Path(csv_file)
    if target.suffix.lower() != ".csv":
        raise ValueError(f"csv_file must end in .csv, got {str(target)!r}")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(row.as_dict() for row in rows)
    return target


_SYMBOL = {
    PASSED: "✅",
    FAILED: "❌",
    NOT_YET: "⏳",
    ERROR: "💥",
    TIMED_OUT: "⌛",
    NOT_COURSE: "🚫",
    UNREADABLE: "🚫",
}


def format_rows(rows: Sequence[Row]) -> str:
    """The rows as a short table for the terminal, with a summary line.

    >>> print(format_rows([Row("a.ipynb", "03_gradient_descent", "adam_step", "passed", 0.1)]))
    a.ipynb (03_gradient_descent)  ✅ adam_step
    1 file: ✅ 1 passed
    """
    lines, by_file = [], {}
    for row in rows:
        by_file.setdefault(row.file, []).append(row)
    for file, file_rows in by_file.items():
        first = file_rows[0]
        if not first.exercise:
            lines.append(f"{file}  {_SYMBOL.get(first.status, '?')} {first.status}: {first.note}")
            continue
        marks = "  ".join(f"{_SYMBOL.get(r.status, '?')} {r.exercise}" for r in file_rows)
        named = file if Path(file).stem == first.notebook else f"{file} ({first.notebook})"
        lines.append(f"{named}  {marks}")
        notes = sorted({r.note for r in file_rows if r.note})
        lines += [f"    note: {note}" for note in notes]
    counts = {status: sum(r.status == status for r in rows) for status in _SYMBOL}
    summary = ", ".join(f"{_SYMBOL[s]} {n} {s}" for s, n in counts.items() if n)
    lines.append(f"{len(by_file)} file{'s' if len(by_file) != 1 else ''}: {summary}")
    return "\n".join(lines)


def main(args: Any) -> int:
    """Entry point of ``python -m course_utils grade`` (``args`` from argparse)."""
    try:
        rows = grade(args.notebooks, timeout=args.timeout, verbose=True)
        if args.csv:
            written = write_csv(rows, args.csv)
    except (TypeError, ValueError) as err:
        print(f"❌ {err}", file=sys.stderr)
        return 1
    print(format_rows(rows))
    if args.csv:
        print(f"results: {written} ({len(rows)} rows)")
    return 0


def add_parser(sub: Any) -> None:
    """Register the ``grade`` subcommand on an argparse sub-parser collection."""
    grade_parser = sub.add_parser(
        "grade",
        help="run handed-in notebooks in fresh kernels and collect every exercise's "
        "result (runs the learners' code with your rights: see the README)",
    )
    grade_parser.add_argument("notebooks", nargs="+", help="the handed-in .ipynb files")
    grade_parser.add_argument(
        "--csv", default=None, help="write one row per file and exercise to this .csv file"
    )
    grade_parser.add_argument(
        "--timeout",
        type=int,
        default=DEFAULT_TIMEOUT,
        help=f"seconds each notebook may run in all (default {DEFAULT_TIMEOUT})",
    )
    grade_parser.set_defaults(run=main)
