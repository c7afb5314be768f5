"""The notebook benchmark: ``python -m course_utils bench [NOTEBOOK ...]``.

Each notebook is executed top to bottom in a fresh kernel, one after the other (as a learner's
"Restart kernel and run all cells"), with nbclient. For each one the benchmark records the wall
time (kernel start to last cell) and the peak resident memory of the kernel process and its
children, read from the operating system by psutil in a sampling thread (on Linux the kernel's
own high-water mark ``VmHWM`` is read too, so a short spike between samples is not missed).

Budgets: every notebook under :data:`BUDGET_SECONDS` and :data:`BUDGET_BYTES` on two CPU cores
with the offline MNIST sample. The results go to ``tests/benchmarks/notebook_budget.json`` and
``.md``; the README's lesson table (between ``<!-- lesson-table:start -->`` and
``<!-- lesson-table:end -->``) is regenerated from them and from each notebook's title cell.
The notebooks themselves are never rewritten. Any notebook over budget, or failing, makes the
command exit with status 1.

>>> format_bytes(1_234_567_890)
'1,235 MB'
>>> parse_title_cell("# 03 · Gradient descent\\n\\nWhy.\\n\\n**Learner time**: about 60 minutes.")["title"]
'Gradient descent'
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import re
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from course_utils.paths import NOTEBOOKS_DIR, REPO_ROOT

#: Each notebook must run in less than this many seconds (two CPU cores, offline MNIST sample).
BUDGET_SECONDS = 60.0
#: ... and peak below this many bytes of resident memory (kernel and its children).
BUDGET_BYTES = 1_500_000_000
#: The CPU cores the budgets are stated for.
BUDGET_CORES = 2
#: Where the results are committed.
RESULTS_DIR = REPO_ROOT / "tests" / "benchmarks"
RESULTS_JSON = RESULTS_DIR / "notebook_budget.json"
RESULTS_MD = RESULTS_DIR / "notebook_budget.md"
README = REPO_ROOT / "README.md"
#: The README region this module regenerates (the markers themselves are kept).
TABLE_START = "<!-- lesson-table:start -->"
TABLE_END = "<!-- lesson-table:end -->"
#: The offline MNIST sample beside the repository (what CI uses).
SHARED_SAMPLE = REPO_ROOT.parent / "shared" / "data" / "mnist" / "mnist_offline_sample.npz"
#: Seconds between two memory samples.
SAMPLE_INTERVAL_S = 0.05


# --------------------------------------------------------------------------- measuring
def format_bytes(n_bytes: float) -> str:
    """Bytes as whole (decimal) megabytes, the unit of the budget table.

    >>> format_bytes(812_000_000)
    '812 MB'
    """
    if n_bytes < 0:
        raise ValueError(f"n_bytes must be >= 0, got {n_bytes!r}")
    return f"{n_bytes / 1e6:,.0f} MB"


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

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


@dataclass
class NotebookRun:
    """One notebook's measurement."""

    notebook: str
    seconds: float
    peak_bytes: int
    error: str | None = None
    over_budget: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.over_budget


def budget_problems(seconds: float, peak_bytes: int) -> list[str]:
    """What is over budget, in words (empty when within both budgets).

    >>> budget_problems(12.0, 900_000_000)
    []
    >>> budget_problems(75.5, 900_000_000)
    ['time 75.5 s > 60 s']
    """
    problems = []
    if seconds >= BUDGET_SECONDS:
        problems.append(f"time {seconds:.1f} s > {BUDGET_SECONDS:.0f} s")
    if peak_bytes >= BUDGET_BYTES:
        problems.append(f"memory {format_bytes(peak_bytes)} > {format_bytes(BUDGET_BYTES)}")
    return problems


def _notebook_path(path: Any) -> Path:
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a notebook's path (str or pathlib.Path), got {path!r}")
    file = Path(path)
    if not file.is_file() or file.suffix != ".ipynb":
        raise FileNotFoundError(f"path must be an existing .ipynb file, got {str(path)!r}")
    return file


def run_notebook(path: str | os.PathLike[str], *, timeout: int = 600,
                 kernel_name: str = "python3") -> NotebookRun:
    """Execute the notebook at ``path`` in a fresh kernel and measure time and peak memory.

    The notebook file is read, never written. A cell error is recorded in ``error``.

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
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel_name,
                            resources={"metadata": {"path": str(file.parent)}})

    def kernel_started(**_: Any) -> None:
        memory.attach(client.km.provisioner.pid)  # type: ignore[union-attr]
        memory.sample()

    client.on_notebook_start = kernel_started
    client.on_cell_executed = lambda **_: memory.sample()
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
    seconds = time.perf_counter() - start
    return NotebookRun(file.name, round(seconds, 1), memory.peak, error,
                       budget_problems(seconds, memory.peak))


# --------------------------------------------------------------------------- title cells
#: LaTeX commands of the title cells, as plain characters for the README's table.
_LATEX = {"leftarrow": "←", "rightarrow": "→", "to": "→", "times": "×", "cdot": "·",
          "eta": "η", "theta": "θ", "sigma": "σ", "alpha": "α", "beta": "β", "lambda": "λ",
          "partial": "∂", "sum": "Σ", "ge": "≥", "geq": "≥", "le": "≤", "leq": "≤",
          "approx": "≈", "nabla": "∇", "mathbf": "", "mathrm": "", "text": "", ",": " "}


def _latex_to_text(maths: str) -> str:
    maths = re.sub(r"\\(partial|nabla) ?", lambda m: _LATEX[m.group(1)], maths)
    maths = re.sub(r"\\([A-Za-z]+|,)", lambda m: _LATEX.get(m.group(1), m.group(1)), maths)
    return re.sub(r"\s+", " ", maths.replace("{", "").replace("}", "")).strip()


def _clean(text: str) -> str:
    """Markdown to plain one-line text: links keep their words, no emphasis, maths as text.

    >>> _clean(r"apply $w \\leftarrow w - \\eta\\,\\partial L/\\partial w$ to [01](01_x.ipynb)")
    'apply w ← w - η ∂L/∂w to 01'
    """
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\$([^$]+)\$", lambda m: _latex_to_text(m.group(1)), text)
    text = text.replace("**", "").replace("`", "")
    return re.sub(r"\s+", " ", text).strip()


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def parse_title_cell(source: str) -> dict[str, Any]:
    """Read the anatomy of a title cell: number, title, objectives, prerequisites, times.

    Returns a dict with ``number``, ``title``, ``objectives`` (list of str),
    ``prerequisites`` (plain text), ``prerequisite_numbers`` (the earlier notebooks linked),
    ``learner_minutes`` (int or None), ``learner_time`` (text) and ``stated_run_seconds``
    (the run time the cell states, or None).

    >>> info = parse_title_cell('''# 02 · Activation functions
    ...
    ... **Learning objectives**
    ...
    ... - Explain why non-linearity matters.
    ... - Plot sigmoid and ReLU.
    ...
    ... **Prerequisites**: [01 · The perceptron](01_perceptron.ipynb).
    ...
    ... **Learner time**: about 60 minutes. **Run time**: about 15 s.''')
    >>> info["number"], info["objectives"], info["prerequisite_numbers"], info["learner_minutes"]
    ('02', ['Explain why non-linearity matters', 'Plot sigmoid and ReLU'], ['01'], 60)
    """
    if not isinstance(source, str):
        raise TypeError(f"source must be the title cell's text (str), got {type(source).__name__}")
    heading = re.search(r"^#\s+(\d\d)\s*·\s*(.+?)\s*$", source, re.M)
    if not heading:
        raise ValueError("source must start with a title line '# NN · Title'")
    objectives: list[str] = []
    block = re.search(r"\*\*Learning objectives\*\*(.*?)(?=\n\s*\*\*|\Z)", source, re.S | re.I)
    if block:
        items = re.split(r"^\s*[-*]\s+", block.group(1), flags=re.M)[1:]
        objectives = [_clean(item).rstrip(".;") for item in items if item.strip()]
    prereq = re.search(r"\*\*Prerequisites\*\*:?\s*(.*?)(?=\n\s*\n|\*\*Learner|\Z)", source,
                       re.S | re.I)
    prereq_text = prereq.group(1) if prereq else ""
    numbers = re.findall(r"\((\d\d)_[a-z0-9_]+\.ipynb\)", prereq_text)
    learner = re.search(r"\*\*Learner time\*\*:?\s*(.*?)(?:\.\s|\.$|\*\*|\n|$)", source, re.I)
    learner_text = _clean(learner.group(1)) if learner else ""
    minutes = re.search(r"(\d+)\s*(?:min|minutes)", learner_text)
    hours = re.search(r"(\d+(?:\.\d+)?)\s*hours?", learner_text)
    learner_minutes = (int(minutes.group(1)) if minutes
                       else round(float(hours.group(1)) * 60) if hours else None)
    stated = re.search(r"\*\*Run time\*\*:?\s*(?:about|around|~)?\s*(\d+(?:\.\d+)?)\s*"
                       r"(s|sec|seconds?|min|minutes?)\b", source, re.I)
    stated_seconds = (None if not stated else
                      float(stated.group(1)) * (60 if stated.group(2).lower().startswith("min")
                                                else 1))
    return {
        "number": heading.group(1),
        "title": _clean(heading.group(2)),
        "objectives": objectives,
        "prerequisites": _clean(prereq_text).rstrip("."),
        "prerequisite_numbers": sorted(set(numbers)),
        "learner_time": learner_text,
        "learner_minutes": learner_minutes,
        "stated_run_seconds": stated_seconds,
    }


def notebook_info(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Title-cell facts plus the number of exercises (cells tagged ``solution``).

    >>> notebook_info("notebooks/01_perceptron.ipynb")["number"]  # doctest: +SKIP
    '01'
    """
    import nbformat

    file = _notebook_path(path)
    nb = nbformat.read(file, as_version=4)
    if not nb.cells or nb.cells[0].cell_type != "markdown":
        raise ValueError(f"{file.name}: the first cell must be the Markdown title cell")
    info = parse_title_cell(nb.cells[0].source)
    info["file"] = file.name
    info["exercises"] = sum("solution" in c.metadata.get("tags", []) for c in nb.cells)
    return info


# --------------------------------------------------------------------------- tables
def _status(run: dict[str, Any]) -> str:
    if run.get("error"):
        return f"❌ {run['error']}"
    if run.get("over_budget"):
        return "⚠️ over budget: " + "; ".join(run["over_budget"])
    return "✅"


def budget_table(results: dict[str, Any]) -> str:
    """The Markdown table of a results dict (as stored in the JSON file)."""
    runs = results["notebooks"]
    lines = [
        "| notebook | run time | peak memory | within budget |",
        "|---|---:|---:|---|",
    ]
    for name in sorted(runs):
        run = runs[name]
        lines.append(f"| {name} | {run['seconds']:.1f} s | {format_bytes(run['peak_bytes'])} | "
                     f"{_status(run)} |")
    total = sum(run["seconds"] for run in runs.values())
    peak = max((run["peak_bytes"] for run in runs.values()), default=0)
    lines.append(f"| **all {len(runs)} notebooks** | **{total:.1f} s** | "
                 f"**{format_bytes(peak)}** (largest) | |")
    return "\n".join(lines)


def budget_markdown(results: dict[str, Any]) -> str:
    """The committed Markdown report: how it was measured, then the table."""
    machine = results["machine"]
    return "\n".join([
        "# Notebook budget: measured run time and peak memory",
        "",
        "Generated by `python -m course_utils bench` (course_utils/bench.py); do not edit by hand.",
        f"Budgets: each notebook under {BUDGET_SECONDS:.0f} s and under "
        f"{format_bytes(BUDGET_BYTES)} of resident memory (kernel process and its children), "
        f"on {BUDGET_CORES} CPU cores with the offline MNIST sample.",
        "",
        f"- measured: {results['measured_at']} (last run: {', '.join(results['last_run']['notebooks'])})",
        f"- command: `{results['last_run']['command']}`",
        f"- last run's wall time: {results['last_run']['seconds']:.1f} s for "
        f"{len(results['last_run']['notebooks'])} notebook(s), one after the other",
        f"- machine: {machine['platform']}, {machine['cores_used']} of {machine['cpu_count']} "
        f"CPU cores used, load average {machine['load_before']} before and "
        f"{machine['load_after']} after (other work on the machine inflates the times)",
        f"- MNIST: {results['mnist']}",
        "- time: kernel start to the end of the last cell (includes importing TensorFlow); "
        "memory: peak resident set size sampled every "
        f"{SAMPLE_INTERVAL_S * 1000:.0f} ms with psutil, and the kernel's own VmHWM on Linux",
        "",
        budget_table(results),
        "",
    ])


def lesson_table(results: dict[str, Any], notebooks_dir: Path = NOTEBOOKS_DIR) -> str:
    """The README's lesson table: per notebook, from its title cell and the measured figures.

    The objectives are left out on purpose: each notebook's full list follows the table in the
    README (``python -m course_utils.lesson_plan``), and shortened ones read badly.
    """
    if not Path(notebooks_dir).is_dir():
        raise FileNotFoundError(f"notebooks_dir {str(notebooks_dir)!r} is not a folder")
    runs = results.get("notebooks", {})
    lines = [
        "| # | notebook | learner time | builds on | exercises | run time | peak memory |",
        "|---|---|---:|---|---:|---:|---:|",
    ]
    minutes_total, seconds_total, exercises_total = 0, 0.0, 0
    for path in sorted(Path(notebooks_dir).glob("[0-9][0-9]_*.ipynb")):
        info = notebook_info(path)
        run = runs.get(path.name)
        prereq = (", ".join(info["prerequisite_numbers"]) if info["prerequisite_numbers"]
                  else _shorten(info["prerequisites"], 40) or "—")
        learner = f"{info['learner_minutes']} min" if info["learner_minutes"] else "—"
        if run:
            flag = "" if not run.get("over_budget") and not run.get("error") else " ⚠️"
            measured = f"{run['seconds']:.0f} s{flag}", f"{format_bytes(run['peak_bytes'])}"
            seconds_total += run["seconds"]
        else:
            measured = "not measured", "—"
        minutes_total += info["learner_minutes"] or 0
        exercises_total += info["exercises"]
        lines.append(
            f"| {info['number']} | [{info['title']}](notebooks/{path.name}) | {learner} | "
            f"{prereq} | {info['exercises']} | "
            f"{measured[0]} | {measured[1]} |")
    lines.append(f"| | **total** | **{minutes_total / 60:.1f} h** | | **{exercises_total}** | "
                 f"**{seconds_total:.0f} s** | |")
    machine = results.get("machine", {})
    note = (f"Run time and peak memory: measured by `python -m course_utils bench` "
            f"({results.get('measured_at', 'never')}, {machine.get('cores_used', '?')} CPU cores, "
            f"offline MNIST sample); budgets {BUDGET_SECONDS:.0f} s and "
            f"{format_bytes(BUDGET_BYTES)} per notebook; details in "
            f"[tests/benchmarks/notebook_budget.md](tests/benchmarks/notebook_budget.md).")
    return "\n".join(lines) + "\n\n" + note


def replace_between_markers(text: str, content: str, start: str = TABLE_START,
                            end: str = TABLE_END) -> str | None:
    """``text`` with everything between the two markers replaced by ``content``.

    Returns None when the markers are missing or out of order (nothing to replace).

    >>> replace_between_markers("a <!-- lesson-table:start -->old<!-- lesson-table:end --> b", "new")
    'a <!-- lesson-table:start -->\\nnew\\n<!-- lesson-table:end --> b'
    """
    i, j = text.find(start), text.find(end)
    if i < 0 or j < 0 or j < i:
        return None
    return text[: i + len(start)] + "\n" + content.strip("\n") + "\n" + text[j:]


def update_readme(results: dict[str, Any], readme: Path = README,
                  notebooks_dir: Path = NOTEBOOKS_DIR) -> bool:
    """Regenerate the lesson table inside the README's markers; False if there are none."""
    if not Path(readme).is_file():
        raise FileNotFoundError(f"readme {str(readme)!r} is not a file")
    text = Path(readme).read_text(encoding="utf-8")
    new = replace_between_markers(text, lesson_table(results, notebooks_dir))
    if new is None:
        return False
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return True


# --------------------------------------------------------------------------- the command
def _restrict_cores(cores: int) -> int:
    """Pin this process (and so every kernel it starts) to ``cores`` CPUs where possible."""
    available = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if not available:
        return os.cpu_count() or 1
    if 0 < cores < len(available):
        os.sched_setaffinity(0, available[:cores])
        return cores
    return len(available)


def _load_average() -> str:
    try:
        return "/".join(f"{x:.1f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "n/a"


def resolve_notebooks(names: Sequence[str], notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The notebooks to run: all of them, or those named (``01``, ``01_perceptron`` or a path)."""
    if not Path(notebooks_dir).is_dir():
        raise FileNotFoundError(f"notebooks_dir {str(notebooks_dir)!r} is not a folder")
    if isinstance(names, str):
        raise TypeError(f"names must be a list of notebook names, got the string {names!r}")
    every = sorted(Path(notebooks_dir).glob("[0-9][0-9]_*.ipynb"))
    if not names:
        if not every:
            raise FileNotFoundError(f"no notebooks found in {notebooks_dir}")
        return every
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
                f"notebook {name!r} not found in {notebooks_dir} (give NN, NN_name or a path)")
        chosen.append(matches[0])
    return chosen


def load_results(path: Path = RESULTS_JSON) -> dict[str, Any]:
    """The stored results, or an empty skeleton when there are none yet."""
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"notebooks": {}}


def run_benchmark(
    names: Sequence[str] = (),
    *,
    cores: int = BUDGET_CORES,
    timeout: int = 600,
    mnist_path: str | None = None,
    results_json: Path = RESULTS_JSON,
    results_md: Path = RESULTS_MD,
    readme: Path | None = README,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    command: str = "python -m course_utils bench",
    echo: Callable[[str], Any] = print,
) -> tuple[dict[str, Any], list[NotebookRun]]:
    """Run the notebooks, merge the figures into the stored results, write the reports.

    Notebooks not run this time keep their earlier figures; notebooks that no longer exist
    are dropped.
    """
    from course_utils import mnist

    paths = resolve_notebooks(names, notebooks_dir)
    if mnist_path:
        os.environ[mnist.ENV_VAR] = str(Path(mnist_path).expanduser().resolve())
    elif not os.environ.get(mnist.ENV_VAR, "").strip() and SHARED_SAMPLE.is_file():
        os.environ[mnist.ENV_VAR] = str(SHARED_SAMPLE)
    offline = os.environ.get(mnist.ENV_VAR, "").strip()
    mnist_text = (f"offline copy {Path(offline).name} (COURSE_MNIST_PATH)" if offline
                  else "Keras download/cache (no COURSE_MNIST_PATH: not the budget's setting)")
    os.environ.setdefault("MPLBACKEND", "Agg")
    used = _restrict_cores(cores)
    load_before = _load_average()
    echo(f"Benchmark: {len(paths)} notebook(s), one fresh kernel each, {used} CPU core(s), "
         f"MNIST: {mnist_text}; load average {load_before}")
    runs: list[NotebookRun] = []
    start = time.perf_counter()
    for path in paths:
        run = run_notebook(path, timeout=timeout)
        runs.append(run)
        echo(f"  {run.notebook:<32} {run.seconds:6.1f} s {format_bytes(run.peak_bytes):>9}  "
             f"{_status(asdict(run))}")
    wall = time.perf_counter() - start
    echo(f"  whole run: {wall:.1f} s for {len(runs)} notebook(s), one after the other")
    for path, run in zip(paths, runs):
        try:
            stated = notebook_info(path)["stated_run_seconds"]
        except (ValueError, FileNotFoundError):
            continue
        if stated and abs(run.seconds - stated) > max(10.0, stated):
            echo(f"  note: {run.notebook} states a run time of about {stated:.0f} s in its title "
                 f"cell; measured {run.seconds:.0f} s here (the machine's load counts too)")

    results = load_results(results_json)
    existing = {p.name for p in Path(notebooks_dir).glob("[0-9][0-9]_*.ipynb")}
    stored = {k: v for k, v in results.get("notebooks", {}).items() if k in existing}
    stored.update({run.notebook: asdict(run) for run in runs})
    results = {
        "budget": {"seconds": BUDGET_SECONDS, "bytes": BUDGET_BYTES, "cores": BUDGET_CORES},
        "measured_at": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {"platform": f"{platform.system()} {platform.machine()}, Python "
                                f"{platform.python_version()}",
                    "cpu_count": os.cpu_count() or 1, "cores_used": used,
                    "load_before": load_before, "load_after": _load_average()},
        "mnist": mnist_text,
        "last_run": {"command": command, "notebooks": [r.notebook for r in runs],
                     "seconds": round(wall, 1)},
        "notebooks": dict(sorted(stored.items())),
    }
    write_reports(results, results_json=results_json, results_md=results_md, readme=readme,
                  notebooks_dir=notebooks_dir, echo=echo)
    return results, runs


def write_reports(results: dict[str, Any], *, results_json: Path = RESULTS_JSON,
                  results_md: Path = RESULTS_MD, readme: Path | None = README,
                  notebooks_dir: Path = NOTEBOOKS_DIR,
                  echo: Callable[[str], Any] = print) -> None:
    """Write the JSON and Markdown reports and regenerate the README's lesson table."""
    results_json.parent.mkdir(parents=True, exist_ok=True)
    results_json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n",
                            encoding="utf-8")
    results_md.write_text(budget_markdown(results), encoding="utf-8")
    echo("")
    echo(budget_table(results))
    echo(f"\nwrote {results_json} and {results_md.name}")
    if readme is not None:
        if update_readme(results, readme, notebooks_dir):
            echo(f"updated the lesson table in {readme.name}")
        else:
            echo(f"note: {readme.name} has no '{TABLE_START}' … '{TABLE_END}' markers; "
                 f"its lesson table was not updated")


def over_budget(results: dict[str, Any]) -> list[str]:
    """Names of the stored notebooks that failed or are over budget."""
    return [name for name, run in results.get("notebooks", {}).items()
            if run.get("error") or run.get("over_budget")]


def main(args: Any) -> int:
    """Entry point of ``python -m course_utils bench`` (``args`` from argparse)."""
    command = "python -m course_utils " + " ".join(sys.argv[1:]) if sys.argv[1:] else \
        "python -m course_utils bench"
    if args.table_only:
        results = load_results()
        if not results.get("notebooks"):
            print("No stored results yet: run `python -m course_utils bench` first.",
                  file=sys.stderr)
            return 1
        write_reports(results, readme=None if args.no_readme else README)
    else:
        try:
            results, _ = run_benchmark(args.notebooks, cores=args.cores, timeout=args.timeout,
                                       mnist_path=args.mnist, command=command,
                                       readme=None if args.no_readme else README)
        except (FileNotFoundError, ValueError) as err:
            print(f"❌ {err}", file=sys.stderr)
            return 2
    bad = over_budget(results)
    if bad:
        print(f"❌ over budget or failing: {', '.join(bad)}", file=sys.stderr)
        return 1
    print(f"✅ every notebook within {BUDGET_SECONDS:.0f} s and {format_bytes(BUDGET_BYTES)}.")
    return 0


def add_parser(sub: Any) -> None:
    """Register the ``bench`` subcommand on an argparse sub-parser collection."""
    bench = sub.add_parser(
        "bench", help="run every notebook in a fresh kernel; time and peak memory vs budget")
    bench.add_argument("notebooks", nargs="*",
                       help="only these notebooks (NN, NN_name or a path; default: all)")
    bench.add_argument("--cores", type=int, default=BUDGET_CORES,
                       help=f"pin the kernels to this many CPU cores (default {BUDGET_CORES})")
    bench.add_argument("--timeout", type=int, default=600, help="seconds per cell before giving up")
    bench.add_argument("--mnist", default=None,
                       help="offline MNIST file for the kernels (default: $COURSE_MNIST_PATH, "
                            "else ../shared/data/mnist/mnist_offline_sample.npz if present)")
    bench.add_argument("--table-only", action="store_true",
                       help="run nothing: rewrite the reports and README table from stored results")
    bench.add_argument("--no-readme", action="store_true", help="leave README.md untouched")
    bench.set_defaults(run=main)
