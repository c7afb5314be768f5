"""The notebook benchmark: ``python -m course_utils bench [NN ...] [--full-size] [--cores 1]``.

This module only measures. Each notebook is executed top to bottom in a fresh kernel, one after
the other (as a learner's "Restart kernel and run all cells"), with nbclient. For each one it
records the wall time (kernel start to last cell) and the peak resident memory of the kernel
process and its children, read from the operating system by psutil in a sampling thread (on
Linux the kernel's own high-water mark ``VmHWM`` is read too, so a short spike between samples
is not missed). The figures go to ``tests/benchmarks/notebook_budget.json``, one section per
:data:`SETTINGS` entry; :mod:`course_utils.readme` turns them into Markdown (the report beside
the JSON and the README's lesson table), and the ``bench`` command calls it after measuring.

The three settings, each with its budget (run time per notebook; memory at most
:data:`BUDGET_BYTES` everywhere):

- ``sample``: the offline MNIST sample (8,000/2,000 images) on 2 CPU cores, 60 s;
- ``full-size``: 60,000/10,000 images on 2 cores, 60 s, only the notebooks that load MNIST
  (the others run exactly as with the sample). Offline, the images are Fashion-MNIST from
  Debian's ``dataset-fashion-mnist``, converted by :mod:`course_utils.idx`: a stand-in for
  MNIST's size and speed;
- ``full-size-1-core``: Binder's setting, full-size data on 1 core, 120 s, every notebook
  (one core slows those that load no MNIST too).

The notebooks are never rewritten. A notebook over budget, or failing, makes the command exit
with status 1.

>>> format_bytes(1_234_567_890)
'1,235 MB'
>>> setting_for(full_size=True, cores=1).budget_seconds
120.0
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import platform
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Self

from course_utils.paths import (
    FASHION_MNIST_DIR,
    NOTEBOOKS_DIR,
    REPO_ROOT,
    SHARED_SAMPLE,
    course_notebooks,
    notebooks_that_load_mnist,
)

#: Each notebook must run in at most this many seconds on two CPU cores ...
BUDGET_SECONDS = 60.0
#: ... and in at most this many on one core (Binder's) ...
BUDGET_SECONDS_ONE_CORE = 120.0
#: ... and peak at most this many bytes of resident memory (kernel and its children).
BUDGET_BYTES = 1_500_000_000
#: Where the results are committed (one section per setting).
RESULTS_JSON = REPO_ROOT / "tests" / "benchmarks" / "notebook_budget.json"
#: Seconds between two memory samples.
SAMPLE_INTERVAL_S = 0.05
#: A code cell that runs this long must show live progress (``course_utils.live_progress``).
SLOW_CELL_SECONDS = 3.0
#: How many of each notebook's slowest cells are stored (every cell over the limit is, too).
SLOWEST_CELLS = 3


# --------------------------------------------------------------------------- budgets
def budget_seconds(cores: int) -> float:
    """The run-time budget of one notebook on ``cores`` CPU cores.

    >>> budget_seconds(2), budget_seconds(1)
    (60.0, 120.0)
    """
    if not isinstance(cores, int) or cores < 1:
        raise ValueError(f"cores must be a positive int, got {cores!r}")
    return BUDGET_SECONDS_ONE_CORE if cores == 1 else BUDGET_SECONDS


@dataclass(frozen=True)
class Setting:
    """One way of measuring: which data, how many CPU cores, and so which budget.

    >>> SETTINGS["full-size"].label
    'full size, 2 cores'
    """

    key: str
    label: str
    full_size: bool
    cores: int
    #: The ``bench`` options that measure this setting.
    flags: str = ""
    #: Whether only the notebooks that load MNIST run by default.
    mnist_only: bool = False
    #: Whether the notebooks that load no MNIST are refused (they would run as with the sample).
    refuses_plain: bool = False

    @property
    def budget_seconds(self) -> float:
        return budget_seconds(self.cores)


#: The settings the budgets are stated for, in the order reports show them.
SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("sample", "sample, 2 cores", full_size=False, cores=2),
        Setting(
            "full-size",
            "full size, 2 cores",
            full_size=True,
            cores=2,
            flags="--full-size",
            mnist_only=True,
            refuses_plain=True,
        ),
        Setting(
            "full-size-1-core",
            "full size, 1 core",
            full_size=True,
            cores=1,
            flags="--full-size --cores 1",
        ),
    )
}


def setting_for(*, full_size: bool, cores: int) -> Setting:
    """The setting measured with this data size and number of cores.

    >>> setting_for(full_size=False, cores=2).key
    'sample'
    """
    for setting in SETTINGS.values():
        if setting.full_size == bool(full_size) and setting.cores == cores:
            return setting
    raise ValueError(
        f"cores must be 2 with the sample, or 1 or 2 with full_size (--full-size); got cores="
        f"{cores!r}, full_size={full_size!r}. One core is Binder's setting, and Binder's "
        f"learners get the full data: use --full-size --cores 1"
    )


def format_bytes(n_bytes: float) -> str:
    """Bytes as whole (decimal) megabytes, the unit of the budget table.

    >>> format_bytes(812_000_000)
    '812 MB'
    """
    return f"{n_bytes / 1e6:,.0f} MB"


def budget_problems(seconds: float, peak_bytes: int, cores: int = 2) -> list[str]:
    """What is over budget on ``cores`` CPU cores, in words (empty when within both budgets).

    >>> budget_problems(12.0, 900_000_000)
    []
    >>> budget_problems(75.5, 900_000_000), budget_problems(75.5, 900_000_000, cores=1)
    (['time 75.5 s > 60 s'], [])
    """
    problems = []
    if seconds > budget_seconds(cores):
        problems.append(f"time {seconds:.1f} s > {budget_seconds(cores):.0f} s")
    if peak_bytes > BUDGET_BYTES:
        problems.append(f"memory {format_bytes(peak_bytes)} > {format_bytes(BUDGET_BYTES)}")
    return problems


def run_status(run: dict[str, Any]) -> str:
    """A stored run in a few words: ✅, ❌ with the error, or ⚠️ with what is over budget.

    >>> run_status({"error": None, "over_budget": ["time 75.5 s > 60 s"]})
    '⚠️ over budget: time 75.5 s > 60 s'
    """
    if run.get("error"):
        return f"❌ {run['error']}"
    if run.get("over_budget"):
        return "⚠️ over budget: " + "; ".join(run["over_budget"])
    return "✅"


# --------------------------------------------------------------------------- measuring
def _high_water_mark(pid: int) -> int:
    """The kernel's own peak resident memory from /proc (Linux), else 0."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class PeakMemory:
    """Sample the resident memory of a process and all its children in a background thread.

    ``peak`` is the largest total seen: the process' own peak (the larger of its sampled RSS
    and, on Linux, its ``VmHWM``) plus the RSS of its children at that moment.

    >>> import os
    >>> with PeakMemory(interval=0.01) as memory:
    ...     memory.attach(os.getpid()); _ = memory.sample()
    >>> memory.peak > 0
    True
    """

    def __init__(self, interval: float = SAMPLE_INTERVAL_S) -> None:
        if interval <= 0:
            raise ValueError(f"interval must be > 0 seconds, got {interval!r}")
        self.interval = interval
        self.peak = 0
        self.samples = 0
        self._pid: int | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="peak-memory", daemon=True)

    def attach(self, pid: int) -> None:
        """Start watching process ``pid`` (the kernel, once it has started)."""
        self._pid = int(pid)

    def sample(self) -> int:
        """Take one sample now (also called after every cell); return the total seen."""
        import psutil

        pid = self._pid
        if pid is None:
            return 0
        try:
            process = psutil.Process(pid)
            own = max(process.memory_info().rss, _high_water_mark(pid))
            children = 0
            for child in process.children(recursive=True):
                try:
                    children += child.memory_info().rss
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return 0
        total = own + children
        with self._lock:
            self.peak = max(self.peak, total)
            self.samples += 1
        return total

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


@dataclass
class CellTime:
    """How long one code cell ran: ``cell`` counts code cells from 1 (the execution count of
    a top-to-bottom run), ``id`` is the cell's nbformat id, ``code`` its first line of code."""

    cell: int
    id: str
    seconds: float
    code: str


def first_code_line(source: str, width: int = 60) -> str:
    """The first line of a cell that is code (not a comment or blank), shortened to ``width``.

    >>> first_code_line("# NBVAL_CHECK_OUTPUT\\n\\nhistory = model.fit(x, y, epochs=10)")
    'history = model.fit(x, y, epochs=10)'
    """
    for line in source.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            line = line.strip()
            return line if len(line) <= width else line[: width - 1] + "…"
    return "(no code)"


def slowest(cells: Sequence[CellTime], n: int = SLOWEST_CELLS) -> list[CellTime]:
    """The ``n`` slowest cells, and every cell over :data:`SLOW_CELL_SECONDS`, slowest first.

    >>> cells = [CellTime(i, str(i), s, "x") for i, s in enumerate([1, 5, 4, 2, 9])]
    >>> [c.cell for c in slowest(cells, 2)]
    [4, 1, 2]
    """
    ranked = sorted(cells, key=lambda c: c.seconds, reverse=True)
    return [c for i, c in enumerate(ranked) if i < n or c.seconds > SLOW_CELL_SECONDS]


@dataclass
class NotebookRun:
    """One notebook's measurement; ``slowest_cells`` as :func:`slowest` picks them."""

    notebook: str
    seconds: float
    peak_bytes: int
    error: str | None = None
    over_budget: list[str] = field(default_factory=list)
    slowest_cells: list[CellTime] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.over_budget


def _notebook_path(path: Any) -> Path:
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a notebook's path (str or pathlib.Path), got {path!r}")
    file = Path(path)
    if not file.is_file() or file.suffix != ".ipynb":
        raise FileNotFoundError(f"path must be an existing .ipynb file, got {str(path)!r}")
    return file


def _cores_available() -> int:
    """The CPU cores this process (and every kernel it starts) may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def run_notebook(
    path: str | os.PathLike[str], *, timeout: int = 600, kernel_name: str = "python3"
) -> NotebookRun:
    """Execute the notebook at ``path`` in a fresh kernel and measure time and peak memory.

    The notebook file is read, never written. A cell error is recorded in ``error``; the
    budget is the one for the CPU cores this process may use (the kernel inherits them).

    >>> run_notebook("notebooks/01_perceptron.ipynb").seconds  # doctest: +SKIP
    5.1
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    file = _notebook_path(path)
    if not isinstance(timeout, int) or timeout <= 0:
        raise ValueError(f"timeout must be a positive int (seconds per cell), got {timeout!r}")
    nb = nbformat.read(file, as_version=4)
    memory = PeakMemory()
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        resources={"metadata": {"path": str(file.parent)}},
    )

    def kernel_started(**_: Any) -> None:
        memory.attach(client.km.provisioner.pid)  # type: ignore[union-attr]
        memory.sample()

    started: dict[int, float] = {}
    cells: list[CellTime] = []

    def cell_started(cell: Any, cell_index: int, **_: Any) -> None:
        started[cell_index] = time.perf_counter()

    def cell_executed(cell: Any, cell_index: int, **_: Any) -> None:
        memory.sample()
        if cell.cell_type == "code" and cell_index in started:
            seconds = round(time.perf_counter() - started[cell_index], 2)
            code = first_code_line(cell.source)
            cells.append(CellTime(len(cells) + 1, cell.get("id", ""), seconds, code))

    client.on_notebook_start = kernel_started
    client.on_cell_start = cell_started
    client.on_cell_executed = cell_executed
    error = None
    start = time.perf_counter()
    with memory:
        try:
            client.execute()
        except CellExecutionError as err:
            lines = [line for line in str(err).strip().splitlines() if line.strip()]
            error = "cell error: " + (lines[-1] if lines else type(err).__name__)
        except (CellTimeoutError, DeadKernelError, RuntimeError, TimeoutError) as err:
            error = f"{type(err).__name__}: {str(err).strip().splitlines()[0] if str(err) else ''}"
    seconds = round(time.perf_counter() - start, 1)
    return NotebookRun(
        file.name,
        seconds,
        memory.peak,
        error,
        budget_problems(seconds, memory.peak, _cores_available()),
        slowest(cells),
    )


# --------------------------------------------------------------------------- what to run
def resolve_notebooks(
    names: Sequence[str],
    notebooks_dir: str | Path = NOTEBOOKS_DIR,
    setting: Setting = SETTINGS["sample"],
) -> list[Path]:
    """The notebooks to run: those named (``01``, ``01_perceptron`` or a path), or by default
    every notebook (``sample``) or those that load MNIST (at full size). At full size on 2
    cores a notebook that loads no MNIST is refused: it would run exactly as with the sample.

    >>> [p.name[:2] for p in resolve_notebooks([], setting=SETTINGS["full-size"])]
    ['05', '08', '09', '10', '11']
    """
    if not Path(notebooks_dir).is_dir():
        raise FileNotFoundError(f"notebooks_dir {str(notebooks_dir)!r} is not a folder")
    if isinstance(names, str):
        raise TypeError(f"names must be a list of notebook names, got the string {names!r}")
    every = course_notebooks(notebooks_dir)
    if not names:
        chosen = notebooks_that_load_mnist(notebooks_dir) if setting.mnist_only else every
        if not chosen:
            raise FileNotFoundError(f"no notebooks to run in {notebooks_dir} ({setting.label})")
        return chosen
    chosen = []
    for name in names:
        path = Path(name)
        if path.suffix == ".ipynb" and path.is_file():
            chosen.append(path.resolve())
            continue
        stem = path.name.removesuffix(".ipynb")
        matches = [p for p in every if p.stem == stem or p.stem.startswith(stem + "_")]
        if len(matches) != 1:
            raise FileNotFoundError(
                f"notebook {name!r} not found in {notebooks_dir} (give NN, NN_name or a path)"
            )
        chosen.append(matches[0])
    if setting.refuses_plain:
        loaders = {
            q.resolve()
            for folder in {p.parent for p in chosen}
            for q in notebooks_that_load_mnist(folder)
        }
        plain = [p.name for p in chosen if p.resolve() not in loaders]
        if plain:
            raise ValueError(
                f"names: {', '.join(plain)} load no MNIST, so their full-size run on 2 cores is "
                f"their sample run: measure them without --full-size (or with --cores 1)"
            )
    return chosen


@contextlib.contextmanager
def mnist_file_for(
    setting: Setting,
    *,
    mnist_path: str | os.PathLike[str] | None = None,
    idx_dir: str | os.PathLike[str] = FASHION_MNIST_DIR,
) -> Iterator[tuple[Path, str]]:
    """The MNIST file the kernels read in ``setting``, and what it holds in words.

    ``mnist_path`` wins if given. Otherwise the sample is ``$COURSE_MNIST_PATH`` or the shared
    offline sample, and full size is the IDX files of ``idx_dir`` (Debian's Fashion-MNIST)
    converted into a temporary ``.npz`` that is deleted afterwards.

    >>> with mnist_file_for(SETTINGS["sample"]) as (path, what):  # doctest: +SKIP
    ...     what
    'mnist_offline_sample.npz, 8,000/2,000 images'
    """
    from course_utils import mnist
    from course_utils.idx import DEBIAN_PACKAGE, idx_to_npz, require_idx_files

    if mnist_path:
        file = Path(mnist_path).expanduser().resolve()
        if not file.is_file():
            raise FileNotFoundError(f"mnist_path {str(mnist_path)!r} is not a file (--mnist)")
        yield file, f"{file.name}, {_sizes(file)}"
    elif setting.full_size:
        folder = require_idx_files(idx_dir)
        source = (
            f"Fashion-MNIST from Debian's {DEBIAN_PACKAGE}, a stand-in for MNIST's size"
            if folder == FASHION_MNIST_DIR
            else f"the IDX files of {folder}"
        )
        with tempfile.TemporaryDirectory(prefix="course-bench-") as tmp:
            file = idx_to_npz(folder, Path(tmp) / "mnist_full_size.npz")
            yield file, f"{source}, {_sizes(file)}"
    else:
        offline = os.environ.get(mnist.ENV_VAR, "").strip()
        if offline:
            file = Path(offline).expanduser().resolve()
        elif SHARED_SAMPLE.is_file():
            file = SHARED_SAMPLE
        else:
            raise FileNotFoundError(
                f"the sample setting needs the offline MNIST sample: pass --mnist FILE, set "
                f"{mnist.ENV_VAR}, or put it at {SHARED_SAMPLE}"
            )
        yield file, f"{file.name}, {_sizes(file)}"


def _sizes(npz_file: Path) -> str:
    """``'8,000/2,000 images'``: the training and test sizes of an ``mnist.npz``-style file."""
    import numpy as np

    try:
        with np.load(npz_file, allow_pickle=False) as npz:
            return f"{len(npz['y_train']):,}/{len(npz['y_test']):,} images"
    except (OSError, ValueError, KeyError) as err:
        raise ValueError(
            f"mnist_path {npz_file} is not an mnist.npz-style file with y_train "
            f"and y_test ({err}); see the README's offline section"
        ) from None


# --------------------------------------------------------------------------- results
def empty_results() -> dict[str, Any]:
    """The results skeleton: the budgets, and no setting measured yet."""
    return {
        "budget": {
            "seconds_2_cores": BUDGET_SECONDS,
            "seconds_1_core": BUDGET_SECONDS_ONE_CORE,
            "bytes": BUDGET_BYTES,
        },
        "settings": {},
    }


def load_results(results_json: str | Path = RESULTS_JSON) -> dict[str, Any]:
    """The stored results, or :func:`empty_results` when nothing was measured yet.

    >>> "sample" in load_results()["settings"]
    True
    """
    path = Path(results_json)
    if not path.is_file():
        return empty_results()
    results = json.loads(path.read_text(encoding="utf-8"))
    if "settings" not in results:
        raise ValueError(
            f"results_json {path} has no 'settings' section (an older layout): "
            f"measure again with `python -m course_utils bench`"
        )
    return results


def save_results(results: dict[str, Any], results_json: str | Path = RESULTS_JSON) -> Path:
    """Write ``results`` as indented JSON (one notebook's figures per few lines)."""
    path = Path(results_json)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def over_budget(results: dict[str, Any], setting_key: str | None = None) -> list[str]:
    """``notebook (setting)`` for every stored run that failed or is over budget.

    >>> over_budget({"settings": {"sample": {"label": "sample, 2 cores", "notebooks": {
    ...     "09.ipynb": {"error": None, "over_budget": ["time 61.0 s > 60 s"]}}}}})
    ['09.ipynb (sample, 2 cores)']
    """
    bad = []
    for key, section in results.get("settings", {}).items():
        if setting_key is not None and key != setting_key:
            continue
        bad += [
            f"{name} ({section.get('label', key)})"
            for name, run in section.get("notebooks", {}).items()
            if run.get("error") or run.get("over_budget")
        ]
    return bad


def slack_failures(runs: Sequence[NotebookRun], setting: Setting, slack: float) -> list[str]:
    """The runs that failed, went over the memory budget, or over ``slack`` times the time
    budget: what CI judges on a shared machine, whose speed varies by more than the budgets'
    margins (the strict budgets are for a quiet machine).

    >>> run = NotebookRun("11.ipynb", seconds=97.0, peak_bytes=1_100_000_000)
    >>> slack_failures([run], SETTINGS["sample"], 2.0)
    []
    >>> slack_failures([run], SETTINGS["sample"], 1.5)
    ['11.ipynb (sample, 2 cores)']
    """
    return [
        f"{run.notebook} ({setting.label})"
        for run in runs
        if run.error
        or run.peak_bytes > BUDGET_BYTES
        or run.seconds > setting.budget_seconds * slack
    ]


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _load_average() -> str:
    try:
        return "/".join(f"{x:.1f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "n/a"


@contextlib.contextmanager
def _pinned_to(cores: int) -> Iterator[int]:
    """Pin this process (and so every kernel it starts) to ``cores`` CPUs, then unpin."""
    if not hasattr(os, "sched_getaffinity"):
        yield os.cpu_count() or 1
        return
    before = os.sched_getaffinity(0)
    if 0 < cores < len(before):
        os.sched_setaffinity(0, sorted(before)[:cores])
    try:
        yield len(os.sched_getaffinity(0))
    finally:
        os.sched_setaffinity(0, before)


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Set environment variables (inherited by the kernels) and restore them afterwards."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_benchmark(
    names: Sequence[str] = (),
    *,
    full_size: bool = False,
    cores: int = 2,
    timeout: int = 600,
    mnist_path: str | None = None,
    idx_dir: str | Path = FASHION_MNIST_DIR,
    results_json: Path = RESULTS_JSON,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    command: str = "python -m course_utils bench",
    echo: Callable[[str], Any] = print,
) -> tuple[dict[str, Any], list[NotebookRun]]:
    """Run the notebooks in one setting and store their figures in ``results_json``.

    Notebooks not run this time keep their earlier figures; notebooks that no longer exist
    (or, at full size on 2 cores, no longer load MNIST) are dropped. Returns the results and
    this run's measurements; writes nothing but ``results_json``.

    >>> run_benchmark(["09"], full_size=True, cores=1)  # doctest: +SKIP
    """
    from course_utils import mnist

    setting = setting_for(full_size=full_size, cores=cores)
    paths = resolve_notebooks(names, notebooks_dir, setting)
    loaders = {p.resolve() for p in notebooks_that_load_mnist(notebooks_dir)}
    with contextlib.ExitStack() as stack:
        variables = {"MPLBACKEND": os.environ.get("MPLBACKEND", "Agg")}
        data = "none: no notebook of this run loads MNIST"
        if any(path.resolve() in loaders for path in paths) or mnist_path:
            data_file, data = stack.enter_context(
                mnist_file_for(setting, mnist_path=mnist_path, idx_dir=idx_dir)
            )
            variables[mnist.ENV_VAR] = str(data_file)
        stack.enter_context(_environment(**variables))
        used = stack.enter_context(_pinned_to(setting.cores))
        load_before = _load_average()
        echo(
            f"Benchmark ({setting.label}): {len(paths)} notebook(s), one fresh kernel each, "
            f"{used} CPU core(s), MNIST: {data}; load average {load_before}"
        )
        runs: list[NotebookRun] = []
        start = time.perf_counter()
        for path in paths:
            run = run_notebook(path, timeout=timeout)
            runs.append(run)
            echo(
                f"  {run.notebook:<32} {run.seconds:6.1f} s {format_bytes(run.peak_bytes):>9}  "
                f"{run_status(asdict(run))}"
            )
            for cell in run.slowest_cells:
                echo(f"      cell {cell.cell:>2} {cell.seconds:5.1f} s  {cell.code}")
        wall = time.perf_counter() - start
    echo(f"  whole run: {wall:.1f} s for {len(runs)} notebook(s), one after the other")

    results = load_results(results_json)
    keep = {
        p.name
        for p in (
            notebooks_that_load_mnist(notebooks_dir)
            if setting.refuses_plain
            else course_notebooks(notebooks_dir)
        )
    }
    section = results["settings"].get(setting.key, {})
    stored = {k: v for k, v in section.get("notebooks", {}).items() if k in keep}
    now = _now()
    for run in runs:
        figures = asdict(run)
        del figures["notebook"]
        stored[run.notebook] = {**figures, "measured_at": now}
    results["budget"] = empty_results()["budget"]
    results["settings"][setting.key] = {
        "label": setting.label,
        "full_size": setting.full_size,
        "cores": setting.cores,
        "budget_seconds": setting.budget_seconds,
        "data": section.get("data", data) if data.startswith("none") else data,
        "measured_at": now,
        "machine": {
            "platform": f"{platform.system()} {platform.machine()}, Python "
            f"{platform.python_version()}",
            "cpu_count": os.cpu_count() or 1,
            "cores_used": used,
            "load_before": load_before,
            "load_after": _load_average(),
        },
        "last_run": {
            "command": command,
            "notebooks": [r.notebook for r in runs],
            "seconds": round(wall, 1),
        },
        "notebooks": dict(sorted(stored.items())),
    }
    results["settings"] = {k: results["settings"][k] for k in SETTINGS if k in results["settings"]}
    save_results(results, results_json)
    echo(f"wrote {results_json}")
    return results, runs


# --------------------------------------------------------------------------- the command
def main(args: Any) -> int:
    """Entry point of ``python -m course_utils bench`` (``args`` from argparse).

    Measures, stores the figures, then regenerates the report and (unless ``--no-readme``)
    the README with :mod:`course_utils.readme`. Exit status 1 if a notebook of this setting
    fails or is over budget, 2 if it could not run (bad arguments, missing data).
    """
    from course_utils import readme

    command = (
        "python -m course_utils " + " ".join(sys.argv[1:])
        if sys.argv[1:]
        else "python -m course_utils bench"
    )
    try:
        setting = setting_for(full_size=args.full_size, cores=args.cores)
        if args.time_slack < 1:
            raise ValueError(f"--time-slack must be at least 1, got {args.time_slack}")
        results, runs = run_benchmark(
            args.notebooks,
            full_size=args.full_size,
            cores=args.cores,
            timeout=args.timeout,
            mnist_path=args.mnist,
            idx_dir=args.idx_dir,
            command=command,
        )
    except (FileNotFoundError, ValueError) as err:  # also IdxDataMissingError: what to install
        print(f"❌ {err}", file=sys.stderr)
        return 2
    readme.write_everything(results, readme=None if args.no_readme else readme.README)
    bad = over_budget(results, setting.key)
    if args.time_slack > 1:
        strict, bad = bad, slack_failures(runs, setting, args.time_slack)
        if strict and not bad:
            print(
                f"⚠️ over the {setting.budget_seconds:.0f} s budget on this machine, within "
                f"{args.time_slack:g}× (--time-slack): {', '.join(strict)}",
                file=sys.stderr,
            )
    if bad:
        print(f"❌ over budget or failing: {', '.join(bad)}", file=sys.stderr)
        return 1
    limit = setting.budget_seconds * args.time_slack
    within = f"{limit:.0f} s"
    if args.time_slack > 1:
        within += f" ({args.time_slack:g}× the budget)"
    print(
        f"✅ every notebook measured ({setting.label}) ran without error within {within} "
        f"and {format_bytes(BUDGET_BYTES)}."
    )
    return 0


def add_parser(sub: Any) -> None:
    """Register the ``bench`` subcommand on an argparse sub-parser collection."""
    bench = sub.add_parser(
        "bench", help="run notebooks in fresh kernels; run time and peak memory vs the budget"
    )
    bench.add_argument(
        "notebooks",
        nargs="*",
        help="only these notebooks (NN, NN_name or a path; default: all, or at "
        "full size those that load MNIST)",
    )
    bench.add_argument(
        "--full-size",
        action="store_true",
        help="60,000/10,000 images (offline: Debian's Fashion-MNIST from "
        "--idx-dir) instead of the 8,000/2,000 sample",
    )
    bench.add_argument(
        "--cores",
        type=int,
        choices=(1, 2),
        default=2,
        help="pin the kernels to this many CPU cores (default 2; 1 is Binder's, with --full-size)",
    )
    bench.add_argument(
        "--idx-dir",
        default=str(FASHION_MNIST_DIR),
        help=f"folder of the four IDX files for --full-size (default {FASHION_MNIST_DIR})",
    )
    bench.add_argument(
        "--mnist",
        default=None,
        help="the .npz the kernels read instead (default: the sample from "
        "$COURSE_MNIST_PATH or ../shared/data/mnist/; full size: --idx-dir)",
    )
    bench.add_argument("--timeout", type=int, default=600, help="seconds per cell before giving up")
    bench.add_argument(
        "--time-slack",
        type=float,
        default=1.0,
        help="exit with failure only past this many times the time budget (CI on a shared "
        "machine: 2); memory and errors are judged as they are",
    )
    bench.add_argument(
        "--no-readme",
        action="store_true",
        help="store the figures and the report, leave README.md untouched",
    )
    bench.set_defaults(run=main)
