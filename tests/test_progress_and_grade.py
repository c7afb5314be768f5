"""``progress`` reads the self-checks' records from saved notebooks; ``grade`` runs handed-in
notebooks in fresh kernels and reports every file and exercise, whatever the file does."""

from __future__ import annotations

import csv
import subprocess
import sys

import nbformat
import pytest

from course_utils import grade as grading
from course_utils import progress
from course_utils.checking import RECORD_MIME
from course_utils.exercises import catalogues
from course_utils.paths import NOTEBOOKS_DIR, REPO_ROOT
from course_utils.student import make_student_notebook

PERCEPTRON = "01_perceptron"


def record_output(exercise, status, notebook=PERCEPTRON):
    return nbformat.v4.new_output(
        "display_data",
        data={
            "text/plain": f"{status} {exercise}",
            RECORD_MIME: {"notebook": notebook, "exercise": exercise, "status": status},
        },
    )


def saved_notebook(*cells, title="# 01 · The perceptron"):
    """A notebook as a learner saves it: a title cell, then code cells with outputs."""
    code = [
        nbformat.v4.new_code_cell("checks.check(...)", execution_count=count, outputs=outs)
        for count, outs in cells
    ]
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(title), *code])


def reference(name=PERCEPTRON):
    return nbformat.read(NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)


# ---------------------------------------------------------------- reading records (no kernels)
def test_statuses_take_the_latest_run_and_ignore_other_notebooks():
    nb = saved_notebook(
        (3, [record_output("majority_weights", "failed")]),
        (7, [record_output("majority_weights", "passed")]),
        (5, [record_output("epochs_from_starts", "failed")]),
        (6, [record_output("epochs_from_starts", "passed", notebook="03_gradient_descent")]),
    )
    assert progress.statuses(nb, PERCEPTRON) == {
        "majority_weights": "passed",
        "nor_learned_weights": "not yet",
        "epochs_from_starts": "failed",
        "count_learnable_gates": "not yet",
    }


def test_notebooks_are_recognised_by_their_title_not_their_file_name():
    assert grading.identify(saved_notebook(title="# 01 · The perceptron")) == PERCEPTRON
    assert grading.identify(saved_notebook(title="# 42 · Something else")) == ""
    assert grading.identify(saved_notebook(title="Notes for the exam")) == ""
    assert grading.identify(nbformat.v4.new_notebook()) == ""


def test_read_progress_of_a_folder(tmp_path):
    nbformat.write(
        saved_notebook(
            (1, [record_output("majority_weights", "passed")]),
            (2, [record_output("nor_learned_weights", "failed")]),
        ),
        tmp_path / "my copy of 01.ipynb",
    )
    (tmp_path / "broken.ipynb").write_text("{ not json")
    found = {item.notebook: item for item in progress.read_progress(tmp_path)}
    assert list(found) == list(catalogues())
    assert found[PERCEPTRON].statuses == {
        "majority_weights": "passed",
        "nor_learned_weights": "failed",
        "epochs_from_starts": "not yet",
        "count_learnable_gates": "not yet",
    }
    assert found[PERCEPTRON].file == "my copy of 01.ipynb" and found[PERCEPTRON].done == 1
    assert found["03_gradient_descent"].note == "not in this folder"
    text = progress.format_progress(list(found.values()), where="mine/")
    assert text.splitlines()[0] == "Progress of the notebooks in mine/, from their saved outputs:"
    assert (
        "01_perceptron             1 of 4  ✅ majority_weights  ❌ nor_learned_weights  "
        "⏳ epochs_from_starts  ⏳ count_learnable_gates" in text
    )
    total = sum(len(c.names) for c in catalogues().values())
    assert text.splitlines()[-1] == (
        f"1 of {total} exercises done: ✅ 1 passed, ❌ 1 failed, ⏳ {total - 2} not done yet."
    )


def test_progress_rejects_a_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="folder"):
        progress.read_progress(tmp_path / "nope")
    with pytest.raises(TypeError, match="folder"):
        progress.read_progress(None)


def test_the_course_check_cells_are_found_for_every_notebook():
    for notebook, catalogue in catalogues().items():
        cells = grading._check_cells(notebook)
        assert [name for name, _ in cells] == list(catalogue.names)
        for name, source in cells:
            assert "checks.check_" in source and "import" not in source, (notebook, name)


def test_grade_and_write_csv_guard_their_arguments(tmp_path):
    with pytest.raises(TypeError, match="files"):
        grading.grade("01_perceptron.ipynb")
    with pytest.raises(ValueError, match="files"):
        grading.grade([])
    with pytest.raises(ValueError, match="csv_file"):
        grading.write_csv([], tmp_path / "results.txt")
    with pytest.raises(ValueError, match="timeout"):
        grading.run_checked(reference(), PERCEPTRON, timeout=0)
    with pytest.raises(ValueError, match="notebook"):
        grading.run_checked(reference(), "99_nope")


# ---------------------------------------------------------------- running (fresh kernels)
def learner_copy(tmp_path):
    """A learner's 01: exercise 1 wrong, exercise 2 still the stub but with a forged ✅ saved
    in its output and its check cell edited to check a right answer; exercise 3 right;
    exercise 4 still the stub."""
    nb = make_student_notebook(reference())
    cells = nb.cells
    stubs = [i for i, c in enumerate(cells) if "exercise" in c.metadata.get("tags", [])]
    cells[stubs[0]].source = "majority_weights = [-2.5, 1, 1, 1]"
    cells[stubs[1] + 1].source = "checks.check_nor_learned_weights([0, -1, -1])  # edited"
    cells[stubs[1] + 1].outputs = [record_output("nor_learned_weights", "passed")]
    cells[stubs[2]].source = (
        'def epochs_from_starts(X, y, starts):\n    """Epochs."""\n'
        "    return [len(train_perceptron(X, y, w_start=s)[1]) for s in starts]"
    )
    path = tmp_path / "alice_01.ipynb"
    nbformat.write(nb, path)
    return path


def test_grade_runs_each_file_and_reports_every_exercise(tmp_path):
    alice = learner_copy(tmp_path)
    student = tmp_path / "student_01.ipynb"
    nbformat.write(make_student_notebook(reference()), student)
    notes = tmp_path / "notes.ipynb"
    nbformat.write(saved_notebook(title="# My notes"), notes)
    text = tmp_path / "essay.ipynb"
    text.write_text("Dear teacher, ...")
    rows = grading.grade([alice, student, notes, text, tmp_path / "missing.ipynb"], timeout=120)
    got = {(row.file.rsplit("/", 1)[-1], row.exercise): row for row in rows}
    assert {key: row.status for key, row in got.items()} == {
        ("alice_01.ipynb", "majority_weights"): "failed",
        ("alice_01.ipynb", "nor_learned_weights"): "not yet",  # the forged ✅ does not count
        ("alice_01.ipynb", "epochs_from_starts"): "passed",
        ("alice_01.ipynb", "count_learnable_gates"): "not yet",
        ("student_01.ipynb", "majority_weights"): "not yet",
        ("student_01.ipynb", "nor_learned_weights"): "not yet",
        ("student_01.ipynb", "epochs_from_starts"): "not yet",
        ("student_01.ipynb", "count_learnable_gates"): "not yet",
        ("notes.ipynb", ""): "not a course notebook",
        ("essay.ipynb", ""): "unreadable",
        ("missing.ipynb", ""): "unreadable",
    }
    assert all(row.seconds is not None for row in rows if row.notebook)
    written = grading.write_csv(rows, tmp_path / "out" / "results.csv")
    with written.open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert list(table[0]) == list(grading.COLUMNS) and len(table) == len(rows)
    assert table[0]["notebook"] == PERCEPTRON and table[0]["status"] == "failed"
    summary = grading.format_rows(rows)
    assert (
        "alice_01.ipynb (01_perceptron)  ❌ majority_weights  ⏳ nor_learned_weights  "
        "✅ epochs_from_starts  ⏳ count_learnable_gates" in summary
    )
    assert summary.splitlines()[-1] == (
        "5 files: ✅ 1 passed, ❌ 1 failed, ⏳ 6 not yet, "
        "🚫 1 not a course notebook, 🚫 2 unreadable"
    )


def test_errors_and_hangs_are_reported_in_their_rows(tmp_path):
    nb = reference()
    setup = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    broken = nbformat.reads(nbformat.writes(nb), as_version=4)
    first_solution = next(c for c in broken.cells if "solution" in c.metadata.get("tags", []))
    first_solution.source = "pass  # deleted by mistake"
    broken.cells.insert(setup + 1, nbformat.v4.new_code_cell("del np  # oops"))
    hanging = nbformat.reads(nbformat.writes(nb), as_version=4)
    hanging.cells.insert(setup + 1, nbformat.v4.new_code_cell("while True:\n    pass"))
    rows = {}
    for name, notebook in (("broken", broken), ("hanging", hanging)):
        rows[name] = grading.run_checked(notebook, PERCEPTRON, timeout=15)
    assert rows["hanging"].problem == "the time limit of 15 s ran out"
    assert {s for s, _, _ in rows["hanging"].results.values()} == {"timed out"}
    broken = rows["broken"].results
    # the check cell itself raised: its function was never defined
    assert broken["majority_weights"][0] == "error"
    assert "NameError: name 'majority_weights' is not defined" in broken["majority_weights"][2]
    # the learner's function raised inside the check: a failed try, with the first error noted
    assert broken["epochs_from_starts"][0] == "failed"
    assert "NameError" in broken["epochs_from_starts"][2]
    assert broken["nor_learned_weights"][0] == "passed"


def test_progress_run_and_the_command_line(tmp_path):
    nbformat.write(make_student_notebook(reference()), tmp_path / "01_perceptron.ipynb")
    found = {i.notebook: i for i in progress.read_progress(tmp_path, run=True, timeout=120)}
    assert set(found[PERCEPTRON].statuses.values()) == {"not yet"}
    result = subprocess.run(
        [sys.executable, "-m", "course_utils", "progress", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "01_perceptron             0 of 4  ⏳ majority_weights" in result.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "course_utils", "progress", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 1 and "nope" in bad.stderr
    out = tmp_path / "results.csv"
    graded = subprocess.run(
        [
            sys.executable,
            "-m",
            "course_utils",
            "grade",
            str(tmp_path / "nope.ipynb"),
            "--csv",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert graded.returncode == 0, graded.stderr
    assert "unreadable" in out.read_text(encoding="utf-8")
