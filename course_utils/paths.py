"""Where things live: the repository root and its folders.

>>> from course_utils.paths import REPO_ROOT
>>> (REPO_ROOT / "notebooks").is_dir()
True
"""

from __future__ import annotations

from pathlib import Path

#: The repository root (the folder that holds ``pyproject.toml``).
REPO_ROOT: Path = Path(__file__).resolve().parent.parent
#: The course notebooks.
NOTEBOOKS_DIR: Path = REPO_ROOT / "notebooks"
#: Small data files that ship with the course.
DATA_DIR: Path = REPO_ROOT / "data"
