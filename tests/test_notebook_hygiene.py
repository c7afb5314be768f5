"""Every notebook follows the course's anatomy and is committed in a clean, executed state."""

import json
import re

import pytest

from course_utils.paths import course_notebooks

NOTEBOOKS = course_notebooks()
MAX_BYTES = 2_000_000
#: Traces of an author's machine that must not reach a learner.
ABSOLUTE_PATH = re.compile(r"(/root/|/home/\w|/Users/\w|/work/|/tmp/|[A-Z]:\\\\Users)")
#: A terminal's redraw characters: carriage return, backspace, ANSI cursor moves and erases
#: (colour codes, as in ``model.summary()``, are fine: JupyterLab shows them as bold).
REDRAW = re.compile(r"[\r\x08]|\x1b\[[0-9;]*[A-HJKSTf]")
#: Keras' own progress lines (``57/57 - 1s - 12ms/step - ...``, ``Epoch 3/10``).
PER_BATCH = re.compile(r"\d+/\d+ .*\d+m?s/step|^Epoch \d+/\d+$", re.M)


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell):
    return "".join(cell["source"])


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code" and source(c).strip()]


def test_there_are_notebooks_numbered_from_00_without_gaps():
    assert NOTEBOOKS, "no notebooks found"
    numbers = [int(p.name[:2]) for p in NOTEBOOKS]
    assert numbers == list(range(len(numbers)))
    for path in NOTEBOOKS:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name), path.name


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request):
    return request.param, load(request.param)


def test_title_cell(notebook):
    path, nb = notebook
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown"
    text = source(first)
    assert re.match(rf"# {path.name[:2]} · \S", text), "title must read '# NN · Title'"
    for needed in ("objectives", "prerequisites", "learner time", "run time"):
        assert needed in text.lower(), f"title cell lacks '{needed}'"


def test_python3_kernel(notebook):
    _, nb = notebook
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


def test_executed_once_top_to_bottom_without_errors(notebook):
    _, nb = notebook
    cells = code_cells(nb)
    assert [c["execution_count"] for c in cells] == list(range(1, len(cells) + 1))
    assert any(c["outputs"] for c in cells), "no outputs committed"
    errors = [o for c in cells for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors


def test_setup_cell_and_no_path_tricks(notebook):
    _, nb = notebook
    sources = [source(c) for c in code_cells(nb)]
    assert "setup_notebook(" in sources[0], "the first code cell must call setup_notebook()"
    assert not any("sys.path" in s for s in sources), "import course_utils as a package"


def test_no_absolute_paths_of_the_authors_machine(notebook):
    path, _ = notebook
    found = ABSOLUTE_PATH.findall(path.read_text(encoding="utf-8"))
    assert not found, f"absolute paths in {path.name}: {sorted(set(found))}"


def test_size_limit(notebook):
    path, _ = notebook
    assert path.stat().st_size < MAX_BYTES


def test_no_redraw_residue_in_outputs(notebook):
    """Progress is one line updated in place (course_utils.live_progress), never a terminal
    bar: no carriage return, backspace or cursor-moving escape in any output, no per-step
    lines."""
    path, nb = notebook
    for number, cell in enumerate(code_cells(nb), 1):
        for output in cell.get("outputs", []):
            text = "".join(output.get("text", "")) + "".join(
                output.get("data", {}).get("text/plain", "")
            )
            assert not REDRAW.search(text), f"{path.name}, code cell {number}: {text[:120]!r}"
            assert not PER_BATCH.search(text), (
                f"{path.name}, code cell {number}: Keras' per-step lines; use "
                f"verbose=0 with callbacks=[progress_bar(...)]"
            )


def test_every_figure_is_committed_as_a_picture(notebook):
    """A cell that draws (plt.subplots, plt.show, fig.tight_layout...) keeps its PNG: run with a
    non-interactive backend (MPLBACKEND=Agg), a notebook loses every picture on GitHub."""
    path, nb = notebook
    drawing = [
        c
        for c in code_cells(nb)
        if re.search(r"\bplt\.subplots?\(|\bfig\.tight_layout\(", source(c))
    ]
    missing = [
        nb["cells"].index(c)
        for c in drawing
        if not any("image/png" in o.get("data", {}) for o in c.get("outputs", []))
    ]
    assert not missing, f"{path.name}: cells {missing} draw a figure but hold no picture"


def test_worked_examples_are_checked(notebook):
    _, nb = notebook
    checked = [
        c for c in code_cells(nb) if re.search(r"^# NBVAL_CHECK_OUTPUT\s*$", source(c), re.M)
    ]
    assert checked, "no '# NBVAL_CHECK_OUTPUT' cell pins a worked example"
    for cell in checked:
        assert cell["outputs"], "a checked cell must show its result"
        assert not any(o.get("name") == "stderr" for o in cell["outputs"]), (
            "warnings in a checked cell make the check flaky"
        )


def test_exercises_have_hidden_solutions_followed_by_self_checks(notebook):
    _, nb = notebook
    cells = nb["cells"]
    solutions = [i for i, c in enumerate(cells) if "solution" in c["metadata"].get("tags", [])]
    assert len(solutions) >= 2, "at least two exercises per notebook"
    for i in solutions:
        assert cells[i]["cell_type"] == "code"
        assert cells[i]["metadata"].get("jupyter", {}).get("source_hidden") is True
        following = next(c for c in cells[i + 1 :] if c["cell_type"] == "code")
        assert "check" in source(following), "a self-check cell must follow each solution"
        assert cells[i - 1]["cell_type"] == "markdown", "a Markdown cell states each task"


def test_summary_links_onwards(notebook):
    _path, nb = notebook
    last = source(nb["cells"][-1]).lower()
    assert "summary" in last or "takeaways" in last
