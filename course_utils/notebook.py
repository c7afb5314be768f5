"""One call at the top of every notebook: reproducible, quiet, good-looking.

>>> from course_utils import setup_notebook
>>> setup_notebook(seed=0, keras=False)
"""

from __future__ import annotations

import contextlib
import os
import random
import sys
from collections.abc import Iterator

import numpy as np

#: The seed every notebook uses unless it says otherwise.
DEFAULT_SEED = 42


def check_seed(seed: object) -> int:
    """``seed`` if it is a non-negative int (NumPy's too), else a ValueError naming it.

    The one seed check of the package: every function that takes a ``seed`` calls it.

    >>> check_seed(7)
    7
    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    ValueError: seed must be a non-negative int, got -1
    """
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative int, got {seed!r}")
    return int(seed)


@contextlib.contextmanager
def _stderr_silenced() -> Iterator[None]:
    """Send the process' file descriptor 2 to /dev/null for the duration.

    TensorFlow's C++ core writes start-up notices (for example the oneDNN one) straight to
    file descriptor 2 while it is imported; Jupyter would show them under the cell. Python-level
    warnings raised inside the block are silenced too, so keep the block tiny. Where there is
    no descriptor 2 to redirect, the block runs unchanged.
    """
    fd = 2  # the C library's standard error (in Jupyter, sys.stderr.fileno() is a copy)
    try:
        sys.stderr.flush()
        saved = os.dup(fd)
    except OSError:
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, fd)
        os.close(devnull)
        os.close(saved)


def quiet_tensorflow() -> None:
    """Import TensorFlow without its C++ start-up log lines.

    Sets ``TF_CPP_MIN_LOG_LEVEL=2`` (errors only) *before* TensorFlow is imported, then imports
    it with the low-level standard error muted. Later real warnings and errors still show.
    Calling it again is harmless.

    >>> quiet_tensorflow()  # doctest: +SKIP
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if "tensorflow" in sys.modules:
        return
    with _stderr_silenced():
        import tensorflow as tf

    tf.get_logger().setLevel("ERROR")


def set_plot_style() -> None:
    """Apply the course's matplotlib style: readable fonts, light grid, no top/right spines.

    >>> set_plot_style()
    """
    import matplotlib as mpl

    mpl.rcParams.update(
        {
            "figure.figsize": (6.4, 4.0),
            "figure.dpi": 90,
            "savefig.dpi": 110,
            "font.size": 11,
            "axes.titlesize": 12,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "image.cmap": "gray",
            "legend.frameon": False,
        }
    )


def seed_everything(seed: int = DEFAULT_SEED, *, keras: bool = True) -> None:
    """Seed Python's ``random``, NumPy and (if ``keras``) Keras/TensorFlow.

    ``keras.utils.set_random_seed`` seeds Python, NumPy and TensorFlow together; on a CPU
    it makes training with shuffling, dropout and a validation split repeat exactly.

    >>> seed_everything(0, keras=False); round(random.random(), 4)
    0.8444
    """
    seed = check_seed(seed)
    random.seed(seed)
    np.random.seed(seed)
    if keras:
        quiet_tensorflow()
        import keras as _keras

        _keras.utils.set_random_seed(seed)


def setup_notebook(seed: int = DEFAULT_SEED, *, keras: bool = True) -> None:
    """Prepare a notebook: seed every random generator, set the plot style, quiet TensorFlow.

    Call it once, in the set-up cell, after the imports that do not involve TensorFlow.
    With ``keras=False`` TensorFlow is not imported at all (notebooks that do not need it
    start in a second instead of five). Importing TensorFlow takes a few seconds: in a notebook
    a line says so while it happens, then gives the version and the time it took.

    >>> setup_notebook(seed=0, keras=False)
    """
    from course_utils.live_progress import StatusLine

    importing = keras and "tensorflow" not in sys.modules
    line = StatusLine("importing TensorFlow (a few seconds)") if importing else None
    seed_everything(seed, keras=keras)
    if line is not None:
        import tensorflow as tf

        line.done(f"TensorFlow {tf.__version__} imported")
    set_plot_style()
