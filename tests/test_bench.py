"""The notebook benchmark (course_utils.bench) and its full-size data (course_utils.idx).

The benchmark measures, flags what is over budget in each setting and stores the figures; it
never rewrites a notebook. It is run by hand (`python -m course_utils bench`), not here: these
tests use tiny notebooks and tiny IDX files made in code. What the figures become in the README
is tested in test_readme.py.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import struct
import tempfile
from pathlib import Path

import nbformat
import numpy as np
import pytest

from course_utils import bench, idx, readme
from course_utils.__main__ import build_parser
from course_utils.mnist import ENV_VAR, load_mnist_file
from course_utils.paths import FASHION_MNIST_DIR, course_notebooks, notebooks_that_load_mnist

TITLE = """# {nn} · A tiny notebook

One sentence on what and why.

**Learning objectives**

- allocate memory on purpose;
- print a line.

**Prerequisites**: [00 · Welcome](00_welcome.ipynb).

**Learner time**: about 5 minutes. **Run time**: about 2 s on a 2-core laptop CPU.
"""

#: A cell that loads MNIST (so the notebook counts as one that does) and checks what it got.
LOADS_MNIST = """from course_utils.mnist import load_mnist
(x_train, y_train), (x_test, y_test) = load_mnist(verbose=False)
assert (len(x_train), len(x_test)) == ({n_train}, {n_test}), (len(x_train), len(x_test))"""


def make_notebook(folder: Path, name: str, code: list[str], *, solutions: int = 0) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells.append(nbformat.v4.new_markdown_cell(TITLE.format(nn=name[:2])))
    nb.cells += [nbformat.v4.new_code_cell(src) for src in code]
    for _ in range(solutions):
        nb.cells.append(nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["solution"]}))
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def write_idx(path: Path, array: np.ndarray, *, compress: bool = True) -> Path:
    """An IDX file of unsigned bytes, as MNIST's and Debian's Fashion-MNIST are written."""
    header = struct.pack(">HBB", 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    data = header + array.astype(np.uint8).tobytes()
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def fake_idx_dir(folder: Path, n_train: int = 6, n_test: int = 4) -> Path:
    """The four IDX files of a tiny MNIST-like data set (images 28 x 28, labels 0-9)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    arrays = {
        "x_train": rng.integers(0, 256, (n_train, 28, 28)),
        "y_train": np.arange(n_train) % 10,
        "x_test": rng.integers(0, 256, (n_test, 28, 28)),
        "y_test": np.arange(n_test) % 10,
    }
    for key, name in idx.IDX_FILES.items():
        write_idx(folder / name, arrays[key])
    return folder


@pytest.fixture
def tiny(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    make_notebook(
        folder,
        "00_alloc",
        [
            "import numpy as np",
            "block = np.ones(300_000_000 // 8)  # 300 MB, touched\nprint(block.nbytes)",
            "del block",
        ],
        solutions=2,
    )
    make_notebook(folder, "01_broken", ["print('before')", "1 / 0"])
    return folder


# --------------------------------------------------------------------------- measuring
def test_run_notebook_measures_time_and_peak_memory_and_leaves_the_file_alone(tiny):
    path = tiny / "00_alloc.ipynb"
    before = path.read_bytes()
    run = bench.run_notebook(path, timeout=120)
    assert isinstance(run, bench.NotebookRun) and run.error is None and run.ok
    assert 0 < run.seconds < bench.BUDGET_SECONDS
    assert 300_000_000 < run.peak_bytes < bench.BUDGET_BYTES, run.peak_bytes
    assert path.read_bytes() == before, "the benchmark must not rewrite notebooks"


def test_run_notebook_times_each_code_cell_and_keeps_the_slowest(tmp_path):
    make_notebook(
        tmp_path,
        "00_cells",
        ["import time", "# a comment first\ntime.sleep(0.6)", "x = 1", "time.sleep(0.3)"],
    )
    run = bench.run_notebook(tmp_path / "00_cells.ipynb", timeout=120)
    assert len(run.slowest_cells) == bench.SLOWEST_CELLS
    first, second, _ = run.slowest_cells
    assert (first.code, second.code) == ("time.sleep(0.6)", "time.sleep(0.3)")  # past comments
    assert (first.cell, second.cell) == (2, 4) and 0.6 <= first.seconds < 3
    assert first.id and first.id != second.id  # nbformat's cell ids: found again in the file


def test_failing_notebook_is_reported(tiny):
    run = bench.run_notebook(tiny / "01_broken.ipynb", timeout=120)
    assert not run.ok and "ZeroDivisionError" in run.error


# --------------------------------------------------------------------------- budgets
def test_budgets_per_setting():
    assert [s.budget_seconds for s in bench.SETTINGS.values()] == [60.0, 60.0, 120.0]
    assert bench.budget_problems(60.0, 1_500_000_000) == []  # "at most": the budget itself is in
    assert bench.budget_problems(60.1, 0) == ["time 60.1 s > 60 s"]
    assert bench.budget_problems(60.1, 0, cores=1) == []
    assert bench.budget_problems(120.5, 0, cores=1) == ["time 120.5 s > 120 s"]
    assert bench.budget_problems(1.0, 1_600_000_000, cores=1) == ["memory 1,600 MB > 1,500 MB"]


def test_settings_are_chosen_by_data_size_and_cores():
    assert bench.setting_for(full_size=False, cores=2).key == "sample"
    assert bench.setting_for(full_size=True, cores=2).key == "full-size"
    assert bench.setting_for(full_size=True, cores=1).key == "full-size-1-core"
    with pytest.raises(ValueError, match=r"cores.*--full-size --cores 1"):
        bench.setting_for(full_size=False, cores=1)
    with pytest.raises(ValueError, match="cores"):
        bench.setting_for(full_size=True, cores=4)


def test_over_budget_names_the_notebook_and_the_setting():
    results = {
        "settings": {
            "sample": {"label": "sample, 2 cores", "notebooks": {"a.ipynb": {"over_budget": []}}},
            "full-size-1-core": {
                "label": "full size, 1 core",
                "notebooks": {
                    "a.ipynb": {"over_budget": ["time 130.0 s > 120 s"]},
                    "b.ipynb": {"error": "cell error: MemoryError", "over_budget": []},
                },
            },
        }
    }
    assert bench.over_budget(results) == [
        "a.ipynb (full size, 1 core)",
        "b.ipynb (full size, 1 core)",
    ]
    assert bench.over_budget(results, "sample") == []


# --------------------------------------------------------------------------- what runs
def test_resolve_notebooks(tiny):
    assert [p.name for p in bench.resolve_notebooks(["01"], tiny)] == ["01_broken.ipynb"]
    assert [p.name for p in bench.resolve_notebooks(["00_alloc"], tiny)] == ["00_alloc.ipynb"]
    with pytest.raises(FileNotFoundError, match="'07'"):
        bench.resolve_notebooks(["07"], tiny)


def test_full_size_runs_the_notebooks_that_load_mnist_and_one_core_runs_them_all():
    full, one_core = bench.SETTINGS["full-size"], bench.SETTINGS["full-size-1-core"]
    loaders = notebooks_that_load_mnist()
    assert loaders and bench.resolve_notebooks([], setting=full) == loaders
    assert bench.resolve_notebooks([], setting=one_core) == course_notebooks()
    with pytest.raises(ValueError, match=r"names: 01_perceptron.ipynb load no MNIST"):
        bench.resolve_notebooks(["01", "09"], setting=full)
    assert [p.name for p in bench.resolve_notebooks(["01"], setting=one_core)] == [
        "01_perceptron.ipynb"
    ]


# --------------------------------------------------------------------------- full-size data
def test_read_idx_reads_gzipped_and_plain_files(tmp_path):
    labels = np.array([3, 1, 4, 1, 5], np.uint8)
    images = np.arange(2 * 28 * 28).reshape(2, 28, 28) % 256
    assert idx.read_idx(write_idx(tmp_path / "l.gz", labels)).tolist() == labels.tolist()
    read = idx.read_idx(write_idx(tmp_path / "i", images, compress=False))
    assert read.dtype == np.uint8 and read.shape == (2, 28, 28)
    assert np.array_equal(read, images)


@pytest.mark.parametrize(
    "data, words",
    [
        (b"\x00\x00\x0d\x01\x00\x00\x00\x01\x00\x00\x00\x00", "unsigned bytes"),  # floats
        (b"PK\x03\x04 not an idx file", "not an IDX file"),
        (struct.pack(">HBBI", 0, 8, 1, 10) + bytes(5), "promises"),  # truncated
    ],
)
def test_read_idx_rejects_other_files_naming_them(tmp_path, data, words):
    path = tmp_path / "bad-idx1-ubyte"
    path.write_bytes(data)
    with pytest.raises(ValueError, match=words) as info:
        idx.read_idx(path)
    assert str(path) in str(info.value)


def test_idx_to_npz_writes_keras_mnist_layout_the_loader_accepts(tmp_path):
    folder = fake_idx_dir(tmp_path / "idx")
    out = idx.idx_to_npz(folder, tmp_path / "out" / "mnist.npz")
    with np.load(out, allow_pickle=False) as npz:
        assert sorted(npz.files) == ["x_test", "x_train", "y_test", "y_train"]
        assert {npz[key].dtype for key in npz.files} == {np.dtype(np.uint8)}
        assert npz["x_train"].shape == (6, 28, 28) and npz["y_test"].tolist() == [0, 1, 2, 3]
        original = idx.read_idx(folder / idx.IDX_FILES["x_train"])
        assert np.array_equal(npz["x_train"], original)
    (x_train, y_train), (x_test, _) = load_mnist_file(out)  # the course's own validation
    assert len(x_train) == len(y_train) == 6 and len(x_test) == 4


def test_idx_to_npz_rejects_images_that_are_not_28_by_28(tmp_path):
    folder = fake_idx_dir(tmp_path / "idx")
    write_idx(folder / idx.IDX_FILES["x_test"], np.zeros((4, 32, 32)))
    with pytest.raises(ValueError, match=r"idx_dir .*t10k-images.*28 x 28"):
        idx.idx_to_npz(folder, tmp_path / "m.npz")


def test_missing_debian_package_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(idx, "FASHION_MNIST_DIR", tmp_path / "fashion-mnist")
    with pytest.raises(idx.IdxDataMissingError) as info:
        idx.require_idx_files(tmp_path / "fashion-mnist")
    message = str(info.value)
    assert "sudo apt-get install dataset-fashion-mnist" in message
    assert "train-images-idx3-ubyte.gz" in message and "--idx-dir" in message
    with pytest.raises(FileNotFoundError, match=r"idx_dir .*other holds none of the four"):
        idx.require_idx_files(tmp_path / "other")
    folder = fake_idx_dir(tmp_path / "partial")
    (folder / idx.IDX_FILES["y_test"]).unlink()
    with pytest.raises(FileNotFoundError, match=r"partial lacks t10k-labels-idx1-ubyte.gz of"):
        idx.require_idx_files(folder)


def test_bench_full_size_without_the_package_exits_nonzero_naming_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(idx, "FASHION_MNIST_DIR", tmp_path / "fashion-mnist")
    stored = bench.RESULTS_JSON.read_bytes()
    args = build_parser().parse_args(
        ["bench", "--full-size", "--idx-dir", str(tmp_path / "fashion-mnist"), "--no-readme"]
    )
    assert args.run(args) == 2
    assert "sudo apt-get install dataset-fashion-mnist" in capsys.readouterr().err
    assert bench.RESULTS_JSON.read_bytes() == stored, "nothing measured, nothing written"


@pytest.mark.skipif(
    bool(idx.missing_idx_files()),
    reason="Debian's dataset-fashion-mnist is "
    "not installed (sudo apt-get install dataset-fashion-mnist)",
)
def test_the_debian_package_has_the_full_size():
    assert idx.read_idx(FASHION_MNIST_DIR / idx.IDX_FILES["y_test"]).shape == (10_000,)


# --------------------------------------------------------------------------- the runs
def test_run_benchmark_stores_each_setting_side_by_side(tiny, tmp_path):
    out_json = tmp_path / "b" / "budget.json"
    lines: list[str] = []
    results, runs = bench.run_benchmark(
        [], timeout=120, results_json=out_json, notebooks_dir=tiny, echo=lines.append
    )
    assert [r.notebook for r in runs] == ["00_alloc.ipynb", "01_broken.ipynb"]
    assert bench.over_budget(results) == ["01_broken.ipynb (sample, 2 cores)"]
    stored = json.loads(out_json.read_text(encoding="utf-8"))
    assert stored == results and list(stored["settings"]) == ["sample"]
    sample = stored["settings"]["sample"]
    assert sample["cores"] == 2 and sample["budget_seconds"] == 60
    assert sample["machine"]["cores_used"] <= 2
    assert set(sample["notebooks"]) == {"00_alloc.ipynb", "01_broken.ipynb"}
    assert "ZeroDivisionError" in sample["notebooks"]["01_broken.ipynb"]["error"]
    slowest = sample["notebooks"]["00_alloc.ipynb"]["slowest_cells"]
    assert len(slowest) == bench.SLOWEST_CELLS
    assert set(slowest[0]) == {"cell", "id", "seconds", "code"}
    assert any(line.lstrip().startswith("cell ") for line in lines), "the slowest cells are listed"

    # a second, partial run keeps the other notebook's figures; a deleted notebook is dropped
    first = sample["notebooks"]["00_alloc.ipynb"]
    make_notebook(tiny, "02_more", ["print(2)"])
    (tiny / "01_broken.ipynb").unlink()
    results, _ = bench.run_benchmark(
        ["02"], results_json=out_json, notebooks_dir=tiny, echo=lines.append
    )
    notebooks = results["settings"]["sample"]["notebooks"]
    assert list(notebooks) == ["00_alloc.ipynb", "02_more.ipynb"]
    assert notebooks["00_alloc.ipynb"] == first
    assert bench.over_budget(results) == []


def test_full_size_converts_the_idx_files_for_the_kernel_and_cleans_up(tmp_path, monkeypatch):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    make_notebook(folder, "00_digits", [LOADS_MNIST.format(n_train=6, n_test=4)])
    make_notebook(folder, "01_plain", ["print('no data')"])
    out_json = tmp_path / "budget.json"
    before = (os.environ.get(ENV_VAR), os.sched_getaffinity(0))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()

    results, runs = bench.run_benchmark(
        ["00", "01"],
        full_size=True,
        cores=1,
        timeout=120,
        idx_dir=fake_idx_dir(tmp_path / "idx"),
        results_json=out_json,
        notebooks_dir=folder,
        echo=lambda _: None,
    )
    assert [run.notebook for run in runs] == ["00_digits.ipynb", "01_plain.ipynb"]
    assert all(run.ok for run in runs), [run.error for run in runs]  # the kernel saw 6/4 images
    section = results["settings"]["full-size-1-core"]
    assert section["cores"] == 1 and section["budget_seconds"] == 120
    assert section["machine"]["cores_used"] == 1 and "6/4 images" in section["data"]
    assert (os.environ.get(ENV_VAR), os.sched_getaffinity(0)) == before, "restored afterwards"
    assert not list((tmp_path / "tmp").iterdir()), "the temporary npz is deleted"

    results, runs = bench.run_benchmark(
        [],
        full_size=True,
        timeout=120,
        idx_dir=tmp_path / "idx",
        results_json=out_json,
        notebooks_dir=folder,
        echo=lambda _: None,
    )
    assert [run.notebook for run in runs] == ["00_digits.ipynb"], "by default: MNIST notebooks"
    assert list(results["settings"]) == ["full-size", "full-size-1-core"]
    results, _ = bench.run_benchmark(
        [],
        full_size=True,
        cores=1,
        timeout=120,
        idx_dir=tmp_path / "idx",
        results_json=out_json,
        notebooks_dir=folder,
        echo=lambda _: None,
    )
    assert list(results["settings"]["full-size-1-core"]["notebooks"]) == [
        "00_digits.ipynb",
        "01_plain.ipynb",
    ], "a named plain notebook keeps its figures"


# --------------------------------------------------------------------------- the command
def test_bench_and_readme_are_registered_commands():
    args = build_parser().parse_args(["bench", "09", "--full-size", "--cores", "1", "--no-readme"])
    assert args.notebooks == ["09"] and args.cores == 1 and args.full_size
    assert args.run is bench.main and args.idx_dir == str(FASHION_MNIST_DIR)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["bench", "--cores", "4"])
    assert build_parser().parse_args(["readme", "--check"]).run is readme.main


def test_one_core_with_the_sample_is_refused_with_the_fix(capsys):
    args = build_parser().parse_args(["bench", "01", "--cores", "1", "--no-readme"])
    assert args.run(args) == 2
    assert "--full-size --cores 1" in capsys.readouterr().err


def test_command_exit_status_follows_the_setting_it_measured(monkeypatch, capsys):
    over = {
        "settings": {
            "full-size": {
                "label": "full size, 2 cores",
                "notebooks": {"09_x.ipynb": {"error": None, "over_budget": ["time 70.0 s > 60 s"]}},
            }
        }
    }
    written = []
    monkeypatch.setattr(bench, "run_benchmark", lambda *a, **k: (over, []))
    monkeypatch.setattr(readme, "write_everything", lambda results, **k: written.append(k))
    args = build_parser().parse_args(["bench", "--full-size"])
    assert args.run(args) == 1
    assert "over budget or failing: 09_x.ipynb (full size, 2 cores)" in capsys.readouterr().err
    assert written == [{"readme": readme.README}], "bench writes the README after measuring"
    args = build_parser().parse_args(["bench", "--no-readme"])  # the sample: nothing over
    assert args.run(args) == 0 and written[-1] == {"readme": None}


def test_time_slack_forgives_a_slow_machine_but_not_memory_or_errors(monkeypatch, capsys):
    slow = bench.NotebookRun("09_x.ipynb", seconds=97.0, peak_bytes=900_000_000)
    over = {
        "settings": {
            "full-size": {
                "label": "full size, 2 cores",
                "notebooks": {"09_x.ipynb": {"error": None, "over_budget": ["time 97.0 s > 60 s"]}},
            }
        }
    }
    runs = [slow]
    monkeypatch.setattr(bench, "run_benchmark", lambda *a, **k: (over, runs))
    monkeypatch.setattr(readme, "write_everything", lambda results, **k: None)
    args = build_parser().parse_args(["bench", "--full-size", "--time-slack", "2", "--no-readme"])
    assert args.run(args) == 0
    assert "within 2× (--time-slack): 09_x.ipynb" in capsys.readouterr().err
    runs[:] = [bench.NotebookRun("09_x.ipynb", seconds=30.0, peak_bytes=1_600_000_000)]
    assert args.run(args) == 1
    runs[:] = [bench.NotebookRun("09_x.ipynb", seconds=30.0, peak_bytes=9, error="boom")]
    assert args.run(args) == 1
    runs[:] = [bench.NotebookRun("09_x.ipynb", seconds=121.0, peak_bytes=9)]
    assert args.run(args) == 1
    args = build_parser().parse_args(["bench", "--time-slack", "0.5", "--no-readme"])
    assert args.run(args) == 2


def test_results_in_an_older_layout_are_refused_with_the_fix(tmp_path):
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"notebooks": {}}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"results_json .*course_utils bench"):
        bench.load_results(old)
    assert bench.load_results(tmp_path / "none.json") == bench.empty_results()


#: Stored runs known to be over budget, each with the reason and where it is being dealt with.
#: The test fails as soon as one of them is within budget again: then remove it from here.
KNOWN_OVER_BUDGET: dict[str, str] = {}


def test_stored_results_are_within_budget():
    results = bench.load_results()
    assert results["settings"]["sample"]["notebooks"], "no stored benchmark results"
    over = bench.over_budget(results)
    assert set(over) == set(KNOWN_OVER_BUDGET), (
        f"over budget: {sorted(set(over) - set(KNOWN_OVER_BUDGET))}; "
        f"within budget again, remove from KNOWN_OVER_BUDGET: "
        f"{sorted(set(KNOWN_OVER_BUDGET) - set(over))}"
    )
    for section in results["settings"].values():
        for name, run in section["notebooks"].items():
            problems = " ".join(run.get("over_budget") or [])
            assert "memory" not in problems, f"{name}: {problems} (no machine's speed explains it)"


#: A line of live progress in a committed output (course_utils.live_progress): a training's or
#: a loop's final line ("LeNet: 10/10 epochs |...|", "task B runs: 18/18 models |...|"), or a
#: status line's ("✔ TensorFlow 2.21.0 imported (4.3 s)").
PROGRESS_LINE = re.compile(r"^.+: \d+/\d+ \w+ \|.*\| |^✔ .+ \(\d+\.\d s\)$", re.M)


#: A training's progress line: it counts epochs (or models) with a bar.
BAR_LINE = re.compile(r"^.+: \d+/\d+ \w+ \|", re.M)


def trains(source: str) -> bool:
    """The cell calls ``.fit(`` itself (not only inside a function it defines)."""
    import ast

    def calls_fit(node: ast.AST) -> bool:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return False
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "fit":
            return True
        return any(calls_fit(child) for child in ast.iter_child_nodes(node))

    try:
        return calls_fit(ast.parse(source))
    except SyntaxError:  # IPython syntax (a magic): judge by the text
        return ".fit(" in source


def shows_progress(cell) -> bool:
    """The cell left a progress line; a cell that trains, a bar of its epochs (or models)."""
    lines = [
        str(output.get("data", {}).get("text/plain", ""))
        for output in cell.get("outputs", [])
        if output.get("output_type") == "display_data"
    ]
    wanted = BAR_LINE if trains(cell.source) else PROGRESS_LINE
    return any(wanted.search(line) for line in lines)


def test_no_slow_cell_is_silent():
    """Every code cell the benchmark measured over SLOW_CELL_SECONDS, in any setting, leaves a
    progress line in its committed output (so it showed one, live, while it ran). Cells are
    found by their nbformat id (or, failing that, their first line of code)."""
    import nbformat

    from course_utils.paths import NOTEBOOKS_DIR

    silent = []
    for key, section in bench.load_results()["settings"].items():
        for name, run in section["notebooks"].items():
            slow = [
                c for c in run.get("slowest_cells", []) if c["seconds"] > bench.SLOW_CELL_SECONDS
            ]
            if not slow:
                continue
            nb = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
            code = [c for c in nb.cells if c.cell_type == "code"]
            for measured in slow:
                found = [c for c in code if c.get("id") == measured["id"]] or [
                    c for c in code if bench.first_code_line(c.source) == measured["code"]
                ]
                assert found, (
                    f"{name}: the slow cell {measured['code']!r} ({key}) is gone; run "
                    f"`python -m course_utils bench` again"
                )
                if not shows_progress(found[0]):
                    silent.append(
                        f"{name} cell {measured['cell']} ({key}, {measured['seconds']} s)"
                    )
    assert not silent, f"slow cells without live progress: {silent}"
