"""Where things live: the repository's folders, the notebooks, and where data comes from.

Every other module and test takes these names from here, so each is spelled once.

>>> from course_utils.paths import REPO_ROOT, course_notebooks
>>> (REPO_ROOT / "notebooks").is_dir()
True
>>> course_notebooks()[0].name
'00_welcome.ipynb'
>>> [p.name[:2] for p in notebooks_that_load_mnist()]
['05', '08', '09', '10', '11']
"""

from __future__ import annotations

import json
from pathlib import Path

#: The repository root (the folder that holds ``pyproject.toml``).
REPO_ROOT: Path = Path(__file__).resolve().parent.parent
#: The course notebooks.
NOTEBOOKS_DIR: Path = REPO_ROOT / "notebooks"
#: The course's notebooks are named ``NN_topic.ipynb``; this glob finds them (and nothing else).
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
#: JupyterLab settings the course ships (``overrides.d/``: no news question, no update check);
#: ``python -m course_utils lab`` reads them, Binder's ``postBuild`` copies them into the image.
LAB_SETTINGS_DIR: Path = REPO_ROOT / "course_utils" / "jupyter_settings"
#: Small data files that ship with the course.
DATA_DIR: Path = REPO_ROOT / "data"
#: The maintainers' offline MNIST sample (8,000/2,000 real digits), in ``shared/`` beside the
#: repository on the maintainers' and CI's machines; learners do not have it.
SHARED_SAMPLE: Path = REPO_ROOT.parent / "shared" / "data" / "mnist" / "mnist_offline_sample.npz"
#: Fashion-MNIST in MNIST's IDX format (Debian's ``dataset-fashion-mnist``): 60,000/10,000
#: images, the stand-in the benchmark uses to measure the notebooks at full size offline.
FASHION_MNIST_DIR: Path = Path("/usr/share/datasets/fashion-mnist")


def course_notebooks(notebooks_dir: str | Path = NOTEBOOKS_DIR) -> list[Path]:
    """The course's notebooks in order (``NN_topic.ipynb``), from ``notebooks_dir``.

    >>> [p.name for p in course_notebooks()][:2]
    ['00_welcome.ipynb', '01_perceptron.ipynb']
    """
    return sorted(Path(notebooks_dir).glob(NOTEBOOK_GLOB))


def notebooks_that_load_mnist(notebooks_dir: str | Path = NOTEBOOKS_DIR) -> list[Path]:
    """The notebooks whose code calls ``load_mnist(``: found by reading them, never typed in."""
    found = []
    for path in course_notebooks(notebooks_dir):
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        code = "".join(
            "".join(cell.get("source", "")) for cell in cells if cell.get("cell_type") == "code"
        )
        if "load_mnist(" in code:
            found.append(path)
    return found
