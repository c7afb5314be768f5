"""Where a learner stands: ``python -m course_utils progress [FOLDER] [--run]``.

Every self-check leaves a record in its cell's output (MIME type
:data:`~course_utils.checking.RECORD_MIME`: notebook, exercise, status). This module reads the
records of the notebooks saved in a folder and prints, per notebook, each exercise ✅ (passed),
❌ (failed) or ⏳ (not done yet), and the totals. With ``run=True`` (``--run``) each notebook is
first run again in a fresh kernel, so the result does not depend on what was saved.

>>> print_progress("student")  # doctest: +SKIP
Progress of the notebooks in student/, from their saved outputs:
00_welcome                0 of 3  ⏳ fahrenheit  ⏳ rule_from_two  ⏳ approaches
...
0 of 34 exercises done.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from course_utils.checking import FAILED, NOT_YET, PASSED, RECORD_MIME, SYMBOLS
from course_utils.exercises import catalogues


def records_in(nb: nbformat.NotebookNode) -> Iterator[tuple[int, dict[str, Any]]]:
    """Every self-check record in ``nb``'s outputs, with its cell's execution count (or -1).

    >>> out = nbformat.v4.new_output("display_data", data={
    ...     "text/plain": "✅", RECORD_MIME: {"notebook": "99_toy", "exercise": "a",
    ...                                      "status": "passed"}})
    >>> cell = nbformat.v4.new_code_cell("check(a)", execution_count=3, outputs=[out])
    >>> list(records_in(nbformat.v4.new_notebook(cells=[cell])))
    [(3, {'notebook': '99_toy', 'exercise': 'a', 'status': 'passed'})]
    """
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        for out in cell.get("outputs", []):
            record = out.get("data", {}).get(RECORD_MIME)
            if isinstance(record, dict) and record.get("status") in SYMBOLS:
                yield cell.get("execution_count") or -1, dict(record)


def statuses(nb: nbformat.NotebookNode, notebook: str) -> dict[str, str]:
    """Each exercise of course notebook ``notebook`` -> its status in ``nb``'s saved outputs.

    An exercise whose check has not run (or ran in an older version of the course) is
    ``"not yet"``; when a check ran more than once, the latest run counts.
    """
    names = catalogues()[notebook].names
    latest: dict[str, tuple[int, str]] = {}
    for count, record in records_in(nb):
        if (
            record.get("notebook") == notebook
            and record.get("exercise") in names
            and count >= latest.get(record["exercise"], (-2, ""))[0]
        ):
            latest[record["exercise"]] = (count, record["status"])
    return {name: latest.get(name, (0, NOT_YET))[1] for name in names}


@dataclass(frozen=True)
class NotebookProgress:
    """One course notebook's exercises and their status, and which file they came from."""

    notebook: str
    statuses: dict[str, str]
    file: str = ""
    note: str = ""

    @property
    def done(self) -> int:
        return sum(status == PASSED for status in self.statuses.values())


def _folder(folder: str | os.PathLike[str]) -> Path:
    if not isinstance(folder, str | os.PathLike):
        raise TypeError(f"folder must be a path to a folder of notebooks, got {folder!r}")
    path = Path(folder)
    if not path.is_dir():
        raise FileNotFoundError(f"folder {str(path)!r} is not a folder")
    return path


def _course_files(path: Path) -> dict[str, list[Path]]:
    """Course notebook -> the files in ``path`` that are it (by title cell), newest first."""
    from course_utils.grade import identify

    found: dict[str, list[Path]] = {}
    for file in sorted(path.glob("*.ipynb")):
        try:
            notebook = identify(nbformat.read(file, as_version=4))
        except Exception:  # noqa: BLE001 - an unreadable file is simply not a course notebook
            continue
        if notebook:
            found.setdefault(notebook, []).append(file)
    return {
        nb: sorted(files, key=lambda f: f.stat().st_mtime, reverse=True)
        for nb, files in found.items()
    }


def read_progress(
    folder: str | os.PathLike[str] = ".", *, run: bool = False, timeout: int = 300
) -> list[NotebookProgress]:
    """The progress of every course notebook in ``folder`` (files recognised by their title).

    Statuses come from the saved outputs or, with ``run=True``, from running each notebook
    again in a fresh kernel (``timeout`` seconds each; see :mod:`course_utils.grade`). Where a
    folder holds several copies of one notebook, the most recently saved one counts.
    """
    path = _folder(folder)
    files = _course_files(path)
    progress = []
    for notebook, catalogue in catalogues().items():
        if notebook not in files:
            progress.append(
                NotebookProgress(
                    notebook, dict.fromkeys(catalogue.names, NOT_YET), note="not in this folder"
                )
            )
            continue
        file = files[notebook][0]
        nb = nbformat.read(file, as_version=4)
        note = ""
        if run:
            from course_utils.grade import run_checked

            checked = run_checked(nb, notebook, timeout=timeout)
            found = {name: checked.results.get(name, (NOT_YET,))[0] for name in catalogue.names}
            found = {name: s if s in SYMBOLS else FAILED for name, s in found.items()}
            note = checked.problem
        else:
            found = statuses(nb, notebook)
        if len(files[notebook]) > 1:
            note = "; ".join(filter(None, [note, f"newest of {len(files[notebook])} copies"]))
        progress.append(NotebookProgress(notebook, found, file.name, note))
    return progress


def format_progress(progress: list[NotebookProgress], *, where: str = "", run: bool = False) -> str:
    """The learner's report: one line per notebook, then the totals.

    >>> line = NotebookProgress("03_gradient_descent", {"huber_loss": "passed",
    ...                         "adam_step": "failed"}, "03_gradient_descent.ipynb")
    >>> print(format_progress([line]))
    03_gradient_descent       1 of 2  ✅ huber_loss  ❌ adam_step
    1 of 2 exercises done: ✅ 1 passed, ❌ 1 failed, ⏳ 0 not done yet.
    """
    lines = []
    if where:
        how = "after running each one again" if run else "from their saved outputs"
        lines.append(f"Progress of the notebooks in {where}, {how}:")
    for item in progress:
        marks = "  ".join(f"{SYMBOLS[status]} {name}" for name, status in item.statuses.items())
        note = f"  ({item.note})" if item.note else ""
        lines.append(f"{item.notebook:<25} {item.done} of {len(item.statuses)}  {marks}{note}")
    every = [s for item in progress for s in item.statuses.values()]
    counts = {status: every.count(status) for status in (PASSED, FAILED, NOT_YET)}
    lines.append(
        f"{counts[PASSED]} of {len(every)} exercises done: ✅ {counts[PASSED]} passed, "
        f"❌ {counts[FAILED]} failed, ⏳ {counts[NOT_YET]} not done yet."
    )
    return "\n".join(lines)


def print_progress(
    folder: str | os.PathLike[str] = ".", *, run: bool = False, timeout: int = 300
) -> None:
    """Print the progress report of the notebooks in ``folder`` (the current one by default).

    In a notebook this reads the *saved* notebooks: save yours first (Ctrl + S).
    """
    path = _folder(folder)
    where = f"{path.resolve().name}/" if str(folder) not in ("", ".") else "this folder"
    print(format_progress(read_progress(path, run=run, timeout=timeout), where=where, run=run))


def main(args: Any) -> int:
    """Entry point of ``python -m course_utils progress`` (``args`` from argparse)."""
    import sys

    try:
        print_progress(args.folder, run=args.rerun, timeout=args.timeout)
    except (FileNotFoundError, TypeError, ValueError) as err:
        print(f"❌ {err}", file=sys.stderr)
        return 1
    return 0


def add_parser(sub: Any) -> None:
    """Register the ``progress`` subcommand on an argparse sub-parser collection."""
    parser = sub.add_parser(
        "progress",
        help="show which exercises you have done: ✅ / ❌ / ⏳ "
        "per notebook, from the saved notebooks",
    )
    parser.add_argument(
        "folder",
        nargs="?",
        default=".",
        help="the folder of your notebooks (default: the current folder)",
    )
    parser.add_argument(
        "--run",
        dest="rerun",
        action="store_true",
        help="run every notebook again in a fresh kernel first (slower; does "
        "not depend on what was saved)",
    )
    parser.add_argument(
        "--timeout",
        type=int,
        default=300,
        help="with --run: seconds each notebook may run in all (default 300)",
    )
    parser.set_defaults(run=main)
