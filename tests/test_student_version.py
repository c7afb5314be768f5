"""Student versions: every exercise is a solution + self-check pair, and the learner's copy has
stubs instead of solutions, no outputs, and self-checks that answer the stubs kindly."""

import ast
import json
import re
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from course_utils.checking import FAIL, PASS, RECORD_MIME, TODO
from course_utils.checking import NOT_YET as NOT_YET_STATUS
from course_utils.paths import NOTEBOOKS_DIR, REPO_ROOT, course_notebooks
from course_utils.student import (
    EXERCISE_TAG,
    SOLUTION_TAG,
    STUB_HEADER,
    StudentVersionError,
    make_student_notebook,
    stub_solution_source,
    write_student_versions,
)

NOTEBOOKS = course_notebooks()
#: A self-check cell calls a check function (``checks.check_update_rule(...)``).
CHECK_CALL = re.compile(r"\bcheck\w*\s*\(")
#: What a self-check prints for a stub: its ⏳ message ("… not implemented yet …", "replace
#: the `...`"), never a pass or a failure.
NOT_YET = re.compile(
    r"not (implemented|filled in|written|done) yet|replace the `\.\.\.`|"
    r"NotImplementedError",
    re.I,
)
#: Tight limit for executing the exercise cells; a full notebook gets more.
KERNEL_TIMEOUT = 600


def solution_indices(nb):
    return [i for i, c in enumerate(nb.cells) if SOLUTION_TAG in c.metadata.get("tags", [])]


def next_code_cell(nb, i):
    return next((j for j in range(i + 1, len(nb.cells)) if nb.cells[j].cell_type == "code"), None)


def defined_names(source):
    names = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return names


# ---------------------------------------------------------------- the stubbing itself

SOLUTION = '''\
# The rule from the lesson, in code.
import_hint = "np.dot"


@staticmethod
def perceptron_update(w, x,
                      label):
    """Return the new weights after one example.

    Only a misclassified example changes w.
    """
    fires = w @ x >= 0  # the secret
    if label == 1 and not fires:
        return w + x
    return w


def one_liner(x): "Double x."; return 2 * x
w_and: list = [-1.5, 1.0, 1.0]
a = b = 3
low, high = 0.1, 0.9
'''


def test_stub_keeps_signatures_and_docstrings_and_hides_everything_else():
    stub = stub_solution_source(SOLUTION)
    assert stub.startswith(STUB_HEADER)
    for kept in (
        "@staticmethod",
        "def perceptron_update(w, x,\n                      label):",
        '    """Return the new weights after one example.\n\n'
        '    Only a misclassified example changes w.\n    """',
        "w_and: list = ...",
        "a = b = ...",
        "low, high = ..., ...",
        "import_hint = ...",
    ):
        assert kept in stub
    for secret in ("fires", "w + x", "the secret", "2 * x", "-1.5", "0.9", "np.dot", "lesson"):
        assert secret not in stub, secret
    tree = ast.parse(stub)
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert [f.name for f in functions] == ["perceptron_update", "one_liner"]
    for f in functions:
        assert ast.get_docstring(f)
        assert len(f.body) == 2 and isinstance(f.body[1], ast.Raise)
        assert ast.unparse(f.body[1].exc).startswith("NotImplementedError(")
    assert ast.get_docstring(functions[1]) == "Double x."


def test_stubs_behave_as_the_self_checks_expect():
    namespace = {}
    exec(stub_solution_source(SOLUTION.replace("@staticmethod\n", "")), namespace)
    assert namespace["w_and"] is Ellipsis and namespace["low"] is Ellipsis
    with pytest.raises(NotImplementedError, match="perceptron_update is not written yet"):
        namespace["perceptron_update"](1, 2, 3)


@pytest.mark.parametrize(
    "bad, what",
    [
        ("import numpy as np\nx = 1", "Import"),
        ("print(1)", "Expr"),
        ("def f(x):\n    return x", "no docstring"),
        ("class A:\n    pass", "ClassDef"),
        ("config['lr'] = 0.1", "only plain names"),
        ("x: int", "without a value"),
        ("%%time\nx = 1", "not plain Python"),
        ("", "empty"),
        ("for i in range(3):\n    x = i", "For"),
    ],
)
def test_a_broken_convention_gives_an_error_naming_the_notebook_and_cell(bad, what):
    with pytest.raises(StudentVersionError, match=re.escape(what)) as err:
        stub_solution_source(bad, where="07_keras_ann.ipynb, cell 31")
    assert "07_keras_ann.ipynb, cell 31" in str(err.value)
    assert "def" in str(err.value)  # the message explains the convention


def test_stub_solution_source_rejects_a_non_string():
    with pytest.raises(TypeError, match="source"):
        stub_solution_source(["x = 1"])


def _toy_notebook():
    v4 = nbformat.v4
    cells = [
        v4.new_markdown_cell("# 99 · Toy"),
        v4.new_code_cell(
            "from course_utils import setup_notebook\nsetup_notebook(keras=False)",
            execution_count=1,
            outputs=[v4.new_output("stream", text="ok\n")],
        ),
        v4.new_markdown_cell("## Exercises\n\nWrite the threshold unit."),
        v4.new_code_cell(
            'def threshold_unit(w, x):\n    """1 if w·x >= 0."""\n    return int(w @ x >= 0)',
            execution_count=2,
            metadata={"tags": ["solution"], "jupyter": {"source_hidden": True}},
        ),
        v4.new_code_cell(
            "from course_utils.exercises import perceptron as checks\n"
            "checks.check_threshold_unit(threshold_unit)",
            execution_count=3,
            outputs=[v4.new_output("stream", text="✅ passed\n")],
        ),
        v4.new_markdown_cell("Weights for AND."),
        v4.new_code_cell(
            "w_and = [-1.5, 1, 1]", metadata={"tags": ["solution"]}, execution_count=4
        ),
        v4.new_code_cell('checks.check_gate_weights(w_and, "and")', execution_count=5),
    ]
    return v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )


def test_make_student_notebook_on_a_toy_notebook():
    nb = _toy_notebook()
    before = json.dumps(nb, sort_keys=True)
    student = make_student_notebook(nb, name="99_toy.ipynb")
    assert json.dumps(nb, sort_keys=True) == before, "the original must not change"
    nbformat.validate(student)
    assert len(student.cells) == len(nb.cells)
    for original, copy in zip(nb.cells, student.cells):
        if copy.cell_type == "code":
            assert copy.outputs == [] and copy.execution_count is None
        if SOLUTION_TAG in original.metadata.get("tags", []):
            assert copy.metadata["tags"] == [EXERCISE_TAG]
            assert "source_hidden" not in copy.metadata.get("jupyter", {})
            assert copy.source == stub_solution_source(original.source)
        else:
            assert copy.source == original.source
    assert "w @ x" not in nbformat.writes(student)


def test_a_broken_cell_names_notebook_and_cell():
    nb = _toy_notebook()
    nb.cells[6].source = "w_and = [-1.5, 1, 1]\nprint(w_and)"
    with pytest.raises(StudentVersionError, match=r"99_toy\.ipynb, cell 6"):
        make_student_notebook(nb, name="99_toy.ipynb")


def test_make_student_notebook_rejects_a_non_notebook():
    with pytest.raises(TypeError, match="nb must be a notebook"):
        make_student_notebook({"cells": []})


def test_write_student_versions_guards_its_arguments(tmp_path):
    src, out = tmp_path / "nbs", tmp_path / "out"
    with pytest.raises(FileNotFoundError, match="notebooks_dir"):
        write_student_versions(src, out)
    src.mkdir()
    with pytest.raises(FileNotFoundError, match=r"no \.ipynb"):
        write_student_versions(src, out)
    nbformat.write(_toy_notebook(), src / "99_toy.ipynb")
    with pytest.raises(ValueError, match="out_dir"):
        write_student_versions(src, src)
    with pytest.raises(ValueError, match="out_dir"):
        write_student_versions(src, src / "student")
    with pytest.raises(ValueError, match="names"):
        write_student_versions(src, out, ["42_nope"])
    assert not out.exists(), "nothing is written when the arguments are wrong"


def test_write_student_versions_copies_notebooks_and_other_files(tmp_path):
    src, out = tmp_path / "nbs", tmp_path / "student"
    (src / "images").mkdir(parents=True)
    nbformat.write(_toy_notebook(), src / "99_toy.ipynb")
    (src / "images" / "neuron.svg").write_text("<svg/>")
    (src / ".ipynb_checkpoints").mkdir()
    (src / ".ipynb_checkpoints" / "99_toy-checkpoint.ipynb").write_text("{}")
    written = write_student_versions(src, out)
    assert written == [out / "99_toy.ipynb"]
    assert (out / "images" / "neuron.svg").read_text() == "<svg/>"
    assert not (out / ".ipynb_checkpoints").exists()


def test_the_command_line(tmp_path):
    src = NOTEBOOKS[0].stem if NOTEBOOKS else None
    if src is None:
        pytest.skip("no notebooks yet")
    result = subprocess.run(
        [sys.executable, "-m", "course_utils", "student-version", src, "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / NOTEBOOKS[0].name).is_file()
    assert "1 student notebooks" in result.stdout
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "course_utils",
            "student-version",
            "42_nope",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 1 and "42_nope" in bad.stderr


# ---------------------------------------------------------------- the course's notebooks


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    if not NOTEBOOKS:
        pytest.skip("no notebooks yet")
    out = tmp_path_factory.mktemp("student")
    write_student_versions(NOTEBOOKS_DIR, out)
    return out


def notebook_params():
    return pytest.mark.parametrize(
        "path",
        NOTEBOOKS or [pytest.param(None, marks=pytest.mark.skip(reason="no notebooks yet"))],
        ids=[p.stem for p in NOTEBOOKS] or ["none"],
    )


@notebook_params()
def test_every_exercise_is_a_solution_followed_by_its_self_check(path):
    nb = nbformat.read(path, as_version=4)
    solutions = solution_indices(nb)
    assert len(solutions) >= 2, "at least two exercises"
    heading = next(
        (
            i
            for i, c in enumerate(nb.cells)
            if c.cell_type == "markdown" and re.search(r"^##\s+Exercises", c.source, re.M)
        ),
        None,
    )
    assert heading is not None, "an '## Exercises' section holds the exercises"
    checked = set()
    for i in solutions:
        assert i > heading, f"cell {i}: solution cells belong in the Exercises section"
        assert nb.cells[i - 1].cell_type == "markdown", f"cell {i}: a Markdown cell states the task"
        j = next_code_cell(nb, i)
        assert j is not None and CHECK_CALL.search(nb.cells[j].source), (
            f"cell {i}: the next code cell must call a self-check"
        )
        assert SOLUTION_TAG not in nb.cells[j].metadata.get("tags", [])
        names = defined_names(nb.cells[i].source)
        assert any(re.search(rf"\b{re.escape(n)}\b", nb.cells[j].source) for n in names), (
            f"cell {j}: the self-check must check what solution cell {i} defines ({sorted(names)})"
        )
        checked.add(j)
    for j, cell in enumerate(nb.cells[heading:], start=heading):
        if (
            cell.cell_type == "code"
            and "course_utils.exercises" not in cell.source
            and CHECK_CALL.search(cell.source)
            and "checks." in cell.source
        ):
            assert j in checked, f"cell {j}: a self-check without a solution cell before it"


@notebook_params()
def test_student_copy_has_stubs_no_solutions_and_no_outputs(path, student_dir):
    original = nbformat.read(path, as_version=4)
    student = nbformat.read(student_dir / path.name, as_version=4)
    nbformat.validate(student)
    assert [c.cell_type for c in student.cells] == [c.cell_type for c in original.cells]
    text = nbformat.writes(student)
    for i, (orig, copy) in enumerate(zip(original.cells, student.cells)):
        if copy.cell_type == "code":
            assert copy.outputs == [] and copy.execution_count is None, f"cell {i} has outputs"
        if SOLUTION_TAG not in orig.metadata.get("tags", []):
            assert copy.source == orig.source, f"cell {i} changed"
            assert SOLUTION_TAG not in copy.metadata.get("tags", [])
            continue
        assert copy.source == stub_solution_source(orig.source)
        assert EXERCISE_TAG in copy.metadata["tags"]
        # No statement of a reference body or a reference value survives anywhere.
        for node in ast.parse(orig.source).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                secret = [ast.get_source_segment(orig.source, s) for s in node.body[1:]]
            else:
                secret = [ast.get_source_segment(orig.source, node.value)]
            for segment in secret:
                for line in segment.splitlines():
                    if len(line.strip()) > 12:  # long enough to be the answer, not `return w`
                        assert line.strip() not in copy.source, f"cell {i} leaks {line.strip()!r}"
        for node in ast.parse(copy.source).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert len(node.body) == 2 and isinstance(node.body[1], ast.Raise)
            else:
                values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
                assert all(isinstance(v, ast.Constant) and v.value is Ellipsis for v in values)
    assert f'"{SOLUTION_TAG}"' not in text


def _execute(nb, timeout):
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
    )
    client.execute()
    return nb


def _exercise_notebook(student):
    """The set-up cell followed by the Exercises section: a fast way to run the stubs."""
    heading = next(
        i
        for i, c in enumerate(student.cells)
        if c.cell_type == "markdown" and re.search(r"^##\s+Exercises", c.source, re.M)
    )
    setup = next(c for c in student.cells if c.cell_type == "code")
    nb = nbformat.v4.new_notebook(metadata=student.metadata)
    nb.cells = [setup] + student.cells[heading:]
    return nb


def _assert_checks_answer_the_stubs(nb):
    errors = [
        (i, o.get("ename"), o.get("evalue"))
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]
    assert not errors, f"errors while running the student version: {errors}"
    stubs = [i for i, c in enumerate(nb.cells) if EXERCISE_TAG in c.metadata.get("tags", [])]
    assert stubs
    for i in stubs:
        j = next_code_cell(nb, i)
        outputs = nb.cells[j].outputs
        out = "".join(
            o.get("text", "")
            if o.output_type == "stream"
            else o.get("data", {}).get("text/plain", "")
            for o in outputs
        )
        assert out.lstrip().startswith(TODO) and NOT_YET.search(out), (
            f"cell {j}: the self-check should say 'not implemented yet', printed {out!r}"
        )
        assert PASS not in out and FAIL not in out and "Traceback" not in out
        records = [o.data[RECORD_MIME] for o in outputs if RECORD_MIME in o.get("data", {})]
        assert [r["status"] for r in records] == [NOT_YET_STATUS], (
            f"cell {j}: the self-check should leave one 'not yet' record, left {records}"
        )


@notebook_params()
def test_self_checks_answer_the_stubs_with_not_implemented_yet(path, student_dir):
    """Run the set-up cell, then the Exercises section of the student copy, in a fresh kernel.

    If the exercises use a variable made earlier in the lesson (a NameError), run the whole
    student notebook instead.
    """
    student = nbformat.read(student_dir / path.name, as_version=4)
    nb = _execute(_exercise_notebook(student), KERNEL_TIMEOUT)
    if any(
        o.output_type == "error" and o.get("ename") == "NameError"
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    ):
        nb = _execute(student, KERNEL_TIMEOUT)
    _assert_checks_answer_the_stubs(nb)


@pytest.mark.skipif(
    not (NOTEBOOKS_DIR / "01_perceptron.ipynb").exists(), reason="notebook 01 has not landed yet"
)
def test_the_whole_student_copy_of_notebook_01_runs_without_error(student_dir):
    nb = _execute(nbformat.read(student_dir / "01_perceptron.ipynb", as_version=4), KERNEL_TIMEOUT)
    _assert_checks_answer_the_stubs(nb)
    assert all(
        c.outputs or not c.source.strip()
        for c in nb.cells
        if c.cell_type == "code"
        and EXERCISE_TAG not in c.metadata.get("tags", [])
        and "NBVAL_CHECK_OUTPUT" in c.source
    )
