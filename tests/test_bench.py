"""The notebook benchmark (course_utils.bench): it measures, flags, writes its reports and the
README's lesson table, and never rewrites a notebook. The benchmark itself is run by hand
(`python -m course_utils bench`), not here: these tests use tiny notebooks made in code."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from course_utils import bench
from course_utils.__main__ import build_parser
from course_utils.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))

TITLE = """# {nn} · A tiny notebook

One sentence on what and why.

**Learning objectives**

- allocate memory on purpose;
- print a line.

**Prerequisites**: [00 · Welcome](00_welcome.ipynb).

**Learner time**: about 5 minutes. **Run time**: about 2 s on a 2-core laptop CPU.
"""


def make_notebook(folder: Path, name: str, code: list[str], *, solutions: int = 0) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells.append(nbformat.v4.new_markdown_cell(TITLE.format(nn=name[:2])))
    nb.cells += [nbformat.v4.new_code_cell(src) for src in code]
    for _ in range(solutions):
        nb.cells.append(nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["solution"]}))
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture
def tiny(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    make_notebook(folder, "00_alloc", [
        "import numpy as np",
        "block = np.ones(300_000_000 // 8)  # 300 MB, touched\nprint(block.nbytes)",
        "del block",
    ], solutions=2)
    make_notebook(folder, "01_broken", ["print('before')", "1 / 0"])
    return folder


def test_run_notebook_measures_time_and_peak_memory_and_leaves_the_file_alone(tiny):
    path = tiny / "00_alloc.ipynb"
    before = path.read_bytes()
    run = bench.run_notebook(path, timeout=120)
    assert run.error is None and run.ok
    assert 0 < run.seconds < bench.BUDGET_SECONDS
    assert 300_000_000 < run.peak_bytes < bench.BUDGET_BYTES, run.peak_bytes
    assert path.read_bytes() == before, "the benchmark must not rewrite notebooks"


def test_failing_notebook_is_reported(tiny):
    run = bench.run_notebook(tiny / "01_broken.ipynb", timeout=120)
    assert not run.ok and "ZeroDivisionError" in run.error


def test_title_cell_parsing_of_the_fixture(tiny):
    info = bench.notebook_info(tiny / "00_alloc.ipynb")
    assert info["title"] == "A tiny notebook" and info["learner_minutes"] == 5
    assert info["stated_run_seconds"] == 2.0 and info["prerequisite_numbers"] == ["00"]
    assert info["objectives"] == ["allocate memory on purpose", "print a line"]
    assert info["exercises"] == 2


def test_budget_flags():
    assert bench.budget_problems(59.9, 1_499_999_999) == []
    assert bench.budget_problems(60.0, 0) == ["time 60.0 s > 60 s"]
    assert bench.budget_problems(1.0, 1_600_000_000) == ["memory 1,600 MB > 1,500 MB"]


def test_command_writes_reports_readme_table_and_exits_nonzero_on_failure(tiny, tmp_path,
                                                                          monkeypatch):
    readme = tmp_path / "README.md"
    readme.write_text(f"# Course\n\nbefore\n{bench.TABLE_START}\nold table\n{bench.TABLE_END}\n"
                      "after\n", encoding="utf-8")
    out_json, out_md = tmp_path / "b" / "budget.json", tmp_path / "b" / "budget.md"
    lines: list[str] = []
    results, runs = bench.run_benchmark(
        [], cores=2, timeout=120, results_json=out_json, results_md=out_md, readme=readme,
        notebooks_dir=tiny, echo=lines.append)
    assert [r.notebook for r in runs] == ["00_alloc.ipynb", "01_broken.ipynb"]
    assert bench.over_budget(results) == ["01_broken.ipynb"]
    stored = json.loads(out_json.read_text(encoding="utf-8"))
    assert set(stored["notebooks"]) == {"00_alloc.ipynb", "01_broken.ipynb"}
    assert stored["machine"]["cores_used"] <= 2
    md = out_md.read_text(encoding="utf-8")
    assert "| 00_alloc.ipynb |" in md and "ZeroDivisionError" in md and "**all 2 notebooks**" in md
    text = readme.read_text(encoding="utf-8")
    assert "old table" not in text and text.startswith("# Course\n\nbefore\n")
    assert text.endswith(f"{bench.TABLE_END}\nafter\n")
    table = text[text.index(bench.TABLE_START):text.index(bench.TABLE_END)]
    row = next(line for line in table.splitlines() if line.startswith("| 00 |"))
    assert "[A tiny notebook](notebooks/00_alloc.ipynb)" in row
    assert "| 5 min |" in row
    assert "| 2 |" in row  # two exercises (solution cells)

    # a second, partial run keeps the other notebook's figures
    (tiny / "01_broken.ipynb").unlink()
    results, _ = bench.run_benchmark(["00"], results_json=out_json, results_md=out_md,
                                     readme=None, notebooks_dir=tiny, echo=lines.append)
    assert list(results["notebooks"]) == ["00_alloc.ipynb"]  # the deleted one is dropped
    assert bench.over_budget(results) == []


def test_cli_exit_status_from_stored_results(tmp_path, monkeypatch, capsys):
    results = {"notebooks": {"00_x.ipynb": {"notebook": "00_x.ipynb", "seconds": 70.0,
                                            "peak_bytes": 10, "error": None,
                                            "over_budget": ["time 70.0 s > 60 s"]}},
               "machine": {"platform": "p", "cpu_count": 2, "cores_used": 2,
                           "load_before": "0", "load_after": "0"},
               "measured_at": "now", "mnist": "m",
               "last_run": {"command": "c", "notebooks": ["00_x.ipynb"], "seconds": 70.0}}
    json_path = tmp_path / "r.json"
    json_path.write_text(json.dumps(results), encoding="utf-8")
    monkeypatch.setattr(bench, "RESULTS_JSON", json_path)
    monkeypatch.setattr(bench, "RESULTS_MD", tmp_path / "r.md")
    monkeypatch.setattr(bench, "load_results", lambda path=json_path: json.loads(
        json_path.read_text(encoding="utf-8")))
    monkeypatch.setattr(bench, "write_reports", lambda *a, **k: None)
    args = build_parser().parse_args(["bench", "--table-only", "--no-readme"])
    assert args.run(args) == 1
    assert "over budget or failing: 00_x.ipynb" in capsys.readouterr().err


def test_bench_is_a_registered_command():
    args = build_parser().parse_args(["bench", "01", "--cores", "2", "--no-readme"])
    assert args.notebooks == ["01"] and args.cores == 2 and args.run is bench.main


def test_resolve_notebooks(tiny):
    assert [p.name for p in bench.resolve_notebooks(["01"], tiny)] == ["01_broken.ipynb"]
    assert [p.name for p in bench.resolve_notebooks(["00_alloc"], tiny)] == ["00_alloc.ipynb"]
    with pytest.raises(FileNotFoundError, match="'07'"):
        bench.resolve_notebooks(["07"], tiny)


def test_replace_between_markers_needs_both_in_order():
    assert bench.replace_between_markers("no markers", "x") is None
    backwards = f"{bench.TABLE_END} {bench.TABLE_START}"
    assert bench.replace_between_markers(backwards, "x") is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_title_cell_feeds_the_lesson_table(path):
    """The lesson table is built from the title cells: each must parse completely."""
    info = bench.notebook_info(path)
    assert info["number"] == path.name[:2] and info["title"]
    assert 3 <= len(info["objectives"]) <= 5, info["objectives"]
    assert info["learner_minutes"], f"no learner time in minutes: {info['learner_time']!r}"
    assert info["prerequisites"]
    assert info["stated_run_seconds"], "the title cell states a run time such as 'about 25 s'"
    assert info["exercises"] >= 2
    assert all(n < info["number"] for n in info["prerequisite_numbers"]), \
        "prerequisites must be earlier notebooks"


def test_readme_lesson_table_is_current():
    """The README's table is what the stored results and the title cells give now.

    If this fails after a notebook's title cell or exercises changed, run
    `python -m course_utils bench --table-only`; after its code changed, `python -m course_utils
    bench NN` (it re-measures NN and rewrites the table).
    """
    from course_utils.paths import REPO_ROOT

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert bench.TABLE_START in readme and bench.TABLE_END in readme
    current = readme[readme.index(bench.TABLE_START) + len(bench.TABLE_START):
                     readme.index(bench.TABLE_END)].strip("\n")
    assert current == bench.lesson_table(bench.load_results()), (
        "README lesson table is out of date: run `python -m course_utils bench --table-only` "
        "(or `python -m course_utils bench NN` for a changed notebook)")


def test_stored_results_are_within_budget():
    results = bench.load_results()
    assert results["notebooks"], "no stored benchmark results (tests/benchmarks/)"
    assert bench.over_budget(results) == []
