"""A class on a JupyterHub: nbgitpuller links (``hub-link``) and the server sizing table.

An nbgitpuller link, opened by a learner who is logged in to the class's hub, clones the course
into their home folder (``deep-learning-course/``) the first time, pulls the instructor's
updates every later time, and opens the notebook in JupyterLab::

    python -m course_utils hub-link --hub https://hub.school.example --notebook 03

Pulling keeps the learner's work: their changes are committed in their copy and merged with
git's ``-Xours`` strategy, so where the learner and the instructor changed the same lines of a
notebook the learner's lines win, and the instructor's other changes arrive; a file the
learner deleted comes back; a file the learner created where the instructor adds one of the
same name is renamed with a timestamp first.

:func:`sizing_rows` turns the benchmark's measured peak memory and one-core run times into the
README's table of what a server needs for a class.

>>> hub_link("https://hub.school.example", notebook="01").split("?")[0]
'https://hub.school.example/hub/user-redirect/git-pull'
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit

from course_utils.paths import NOTEBOOKS_DIR, course_notebooks

#: The course's public repository, what learners' hubs clone.
REPO_URL = "https://github.com/dl-course/deep-learning-course"
#: The folder the course lands in, in each learner's home.
TARGET_DIR = "deep-learning-course"
#: What a learner's server needs besides its kernel (JupyterLab's server process).
SERVER_BYTES = 150_000_000
#: The hub, its proxy and the system on the server.
BASE_BYTES = 1_000_000_000
#: The class sizes of the sizing table.
CLASS_SIZES = (10, 30, 60)
#: Every learner pressing "Run all" at once should be done within this many seconds.
RUN_ALL_WITHIN_S = 120.0


def _notebook_file(notebook: str) -> str:
    """``"03"``, ``"03_gradient_descent"`` or the file name -> the file name of a notebook."""
    for path in course_notebooks(NOTEBOOKS_DIR):
        if notebook in (path.name, path.stem, path.name[:2]):
            return path.name
    known = ", ".join(p.name[:2] for p in course_notebooks(NOTEBOOKS_DIR))
    raise ValueError(f"notebook must be one of the course's numbers ({known}), got {notebook!r}")


def hub_link(
    hub: str,
    *,
    notebook: str | None = None,
    repo: str = REPO_URL,
    branch: str = "main",
) -> str:
    """The nbgitpuller link that pulls the course into a learner's home on ``hub`` and opens
    ``notebook`` (a number such as ``"03"``; default: the notebooks folder) in JupyterLab.

    >>> link = hub_link("http://127.0.0.1:8000/", notebook="00")
    >>> "urlpath=lab%2Ftree%2Fdeep-learning-course%2Fnotebooks%2F00_welcome.ipynb" in link
    True
    >>> hub_link("hub.example.org")
    Traceback (most recent call last):
    ...
    ValueError: hub must be the hub's address, e.g. https://hub.example.org, got 'hub.example.org'
    """
    parts = urlsplit(hub) if isinstance(hub, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"hub must be the hub's address, e.g. https://hub.example.org, got {hub!r}"
        )
    if not isinstance(repo, str) or not repo.strip():
        raise ValueError(f"repo must be the course repository's address, got {repo!r}")
    where = f"notebooks/{_notebook_file(notebook)}" if notebook else "notebooks"
    query = urlencode(
        {
            "repo": repo,
            "branch": branch,
            "targetpath": TARGET_DIR,
            "urlpath": f"lab/tree/{TARGET_DIR}/{where}",
        }
    )
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def _gb(n_bytes: float) -> str:
    return f"{n_bytes / 1e9:.1f} GB"


def sizing_rows(results: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per notebook, from the benchmark's stored results: the largest peak memory measured
    (any setting) and the run time on one core at full size (Binder's setting), with what a
    class of each of :data:`CLASS_SIZES` learners needs to run it at once: memory
    (each learner's kernel and server, plus :data:`BASE_BYTES`) and CPU cores (enough for
    everyone's "Run all" to end within :data:`RUN_ALL_WITHIN_S`).

    >>> results = {"settings": {"full-size-1-core": {"notebooks": {
    ...     "09_x.ipynb": {"seconds": 60.0, "peak_bytes": 1_000_000_000}}}}}
    >>> row = sizing_rows(results)[0]
    >>> row["notebook"], row["memory"][10], row["cores"][10]
    ('09_x.ipynb', '12.5 GB', 5)
    """
    peaks: dict[str, int] = {}
    one_core: dict[str, float] = {}
    for key, section in results.get("settings", {}).items():
        for name, run in section.get("notebooks", {}).items():
            peaks[name] = max(peaks.get(name, 0), int(run["peak_bytes"]))
            if key == "full-size-1-core":
                one_core[name] = float(run["seconds"])
    rows = []
    for name in sorted(peaks):
        per_learner = peaks[name] + SERVER_BYTES
        seconds = one_core.get(name)
        rows.append(
            {
                "notebook": name,
                "peak_bytes": peaks[name],
                "one_core_seconds": seconds,
                "memory": {n: _gb(n * per_learner + BASE_BYTES) for n in CLASS_SIZES},
                "cores": {
                    n: (math.ceil(n * seconds / RUN_ALL_WITHIN_S) if seconds else None)
                    for n in CLASS_SIZES
                },
            }
        )
    return rows


def sizing_table(results: Mapping[str, Any]) -> str:
    """The README's sizing table (Markdown), from :func:`sizing_rows`."""
    rows = sizing_rows(results)
    if not rows:
        return "Not measured yet: run `python -m course_utils bench` (see CONTRIBUTING.md)."
    head = " | ".join(f"{n} learners: memory, cores" for n in CLASS_SIZES)
    lines = [
        f"| notebook | peak kernel memory | run all, 1 core | {head} |",
        "|---|---:|---:|" + "---|" * len(CLASS_SIZES),
    ]
    for row in rows:
        seconds = row["one_core_seconds"]
        cells = " | ".join(
            f"{row['memory'][n]}, {row['cores'][n] if row['cores'][n] else '–'}"
            for n in CLASS_SIZES
        )
        lines.append(
            f"| {row['notebook'][:-6]} | {row['peak_bytes'] / 1e6:,.0f} MB | "
            f"{f'{seconds:.0f} s' if seconds else 'not measured'} | {cells} |"
        )
    largest = max(rows, key=lambda r: r["peak_bytes"])
    fits = "fits" if largest["peak_bytes"] + SERVER_BYTES < 2e9 else "does not fit"
    lines += [
        "",
        f"The largest learner ({largest['notebook'][:-6]}, "
        f"{(largest['peak_bytes'] + SERVER_BYTES) / 1e9:.2f} GB with its server) {fits} in "
        f"Binder's 2 GB and in the 4 GB a laptop has free. Memory: each learner's peak kernel "
        f"memory (the largest the benchmark measured, at either data size) plus "
        f"{SERVER_BYTES / 1e6:.0f} MB for their server, plus {_gb(BASE_BYTES)} for the hub and "
        f'the system. Cores: enough for every learner\'s "Run all" to end within '
        f"{RUN_ALL_WITHIN_S:.0f} s when all press it at once (one-core run time × learners ÷ "
        f"{RUN_ALL_WITHIN_S:.0f} s); learners who run cells one by one need far fewer.",
    ]
    return "\n".join(lines)


def main(args: Any) -> int:
    """Entry point of ``python -m course_utils hub-link`` (``args`` from argparse)."""
    try:
        print(hub_link(args.hub, notebook=args.notebook, repo=args.repo, branch=args.branch))
    except ValueError as err:
        print(f"❌ {err}", file=sys.stderr)
        return 2
    return 0


def add_parser(sub: Any) -> None:
    """Register the ``hub-link`` subcommand on an argparse sub-parser collection."""
    link = sub.add_parser(
        "hub-link",
        help="print the nbgitpuller link that pulls the course into a learner's home on a "
        "JupyterHub and opens a notebook",
    )
    link.add_argument(
        "--hub", required=True, help="the hub's address, e.g. https://hub.school.example"
    )
    link.add_argument("--notebook", default=None, help="the notebook to open: its number, e.g. 03")
    link.add_argument(
        "--repo", default=REPO_URL, help=f"the repository to pull (default {REPO_URL})"
    )
    link.add_argument("--branch", default="main", help="its branch (default main)")
    link.set_defaults(run=main)
