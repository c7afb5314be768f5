"""The course's one MNIST loader.

On a machine with internet, :func:`load_mnist` uses Keras' standard download
(``keras.datasets.mnist.load_data``: cached under ``~/.keras/datasets``, hash-checked).
Offline, set the environment variable ``COURSE_MNIST_PATH`` to an ``.npz`` file in the same
layout as Keras' ``mnist.npz`` (keys ``x_train``, ``y_train``, ``x_test``, ``y_test``) and the
loader reads that file instead. Whatever goes wrong, the learner gets one
:class:`MnistUnavailableError` that names the file and says what to do.

>>> (x_train, y_train), (x_test, y_test) = load_mnist()  # doctest: +SKIP
>>> x_train.shape, x_train.dtype  # doctest: +SKIP
((60000, 28, 28), dtype('uint8'))
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import numpy as np

#: Environment variable that points the loader at an offline copy.
ENV_VAR = "COURSE_MNIST_PATH"
#: The keys of Keras' ``mnist.npz`` and of any offline copy.
KEYS = ("x_train", "y_train", "x_test", "y_test")

MnistSplits = tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


class MnistUnavailableError(RuntimeError):
    """MNIST could not be loaded; the message says which file and what to do."""


def _offline_hint() -> str:
    return (
        f"Either connect to the internet and run `python -m course_utils fetch-data` once, "
        f"or set {ENV_VAR} to an offline copy in Keras' mnist.npz layout "
        f"(keys {', '.join(KEYS)}), for example the course's sample: "
        f"{ENV_VAR}=../shared/data/mnist/mnist_offline_sample.npz"
    )


def validate_mnist_arrays(arrays: dict[str, np.ndarray], source: str) -> MnistSplits:
    """Check that ``arrays`` hold MNIST in Keras' layout and return them as two splits.

    Images must be ``uint8`` of shape ``(n, 28, 28)``, labels integers in 0–9 of shape
    ``(n,)``, with matching ``n``. ``source`` names where the arrays came from, for the error.

    >>> x = np.zeros((2, 28, 28), np.uint8); y = np.array([3, 7], np.uint8)
    >>> (xt, yt), _ = validate_mnist_arrays(
    ...     {"x_train": x, "y_train": y, "x_test": x, "y_test": y}, "example")
    >>> xt.shape
    (2, 28, 28)
    """
    missing = [k for k in KEYS if k not in arrays]
    if missing:
        raise MnistUnavailableError(
            f"{source} is not an MNIST file in Keras' layout: it lacks the key(s) "
            f"{', '.join(missing)} (it has: {', '.join(sorted(arrays)) or 'nothing'}). "
            + _offline_hint()
        )
    for split in ("train", "test"):
        x, y = arrays[f"x_{split}"], arrays[f"y_{split}"]
        problems = []
        if x.ndim != 3 or x.shape[1:] != (28, 28) or x.shape[0] == 0:
            problems.append(f"x_{split} has shape {x.shape}, expected (n, 28, 28) with n > 0")
        if x.dtype != np.uint8:
            problems.append(f"x_{split} has dtype {x.dtype}, expected uint8")
        if y.ndim != 1 or y.shape[0] != x.shape[0]:
            problems.append(f"y_{split} has shape {y.shape}, expected ({x.shape[0]},)")
        if not np.issubdtype(y.dtype, np.integer):
            problems.append(f"y_{split} has dtype {y.dtype}, expected an integer type")
        elif y.size and (y.min() < 0 or y.max() > 9):
            problems.append(f"y_{split} holds labels outside 0-9")
        if problems:
            raise MnistUnavailableError(
                f"{source} is not valid MNIST: " + "; ".join(problems) + ". " + _offline_hint()
            )
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def load_mnist_file(path: str | os.PathLike[str]) -> MnistSplits:
    """Load MNIST from an ``.npz`` file in Keras' layout, safely (no pickle).

    >>> (x_train, y_train), (x_test, y_test) = load_mnist_file("mnist.npz")  # doctest: +SKIP
    """
    file = Path(path).expanduser().resolve()
    if not file.is_file():
        raise MnistUnavailableError(
            f"The MNIST file {file} does not exist"
            + (" (it is a folder)" if file.is_dir() else "")
            + ". Check the path. "
            + _offline_hint()
        )
    try:
        with np.load(file, allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files}
    except ValueError as err:  # object arrays need pickle: refused on purpose
        raise MnistUnavailableError(
            f"The MNIST file {file} contains pickled Python objects, which the course refuses "
            f"to load for safety ({err}). Use a file of plain arrays. " + _offline_hint()
        ) from None
    except (OSError, EOFError, zipfile.BadZipFile, KeyError) as err:
        raise MnistUnavailableError(
            f"The MNIST file {file} is corrupt or truncated ({type(err).__name__}: {err}). "
            f"Delete it and get a fresh copy. " + _offline_hint()
        ) from None
    return validate_mnist_arrays(arrays, f"The MNIST file {file}")


def load_mnist(*, verbose: bool = True) -> MnistSplits:
    """Return MNIST as ``(x_train, y_train), (x_test, y_test)``: uint8 images, integer labels.

    If ``COURSE_MNIST_PATH`` is set, that offline copy is read (and, with ``verbose``, a line
    says so, with its size); otherwise Keras downloads the full data set once and caches it.

    >>> (x_train, y_train), (x_test, y_test) = load_mnist()  # doctest: +SKIP
    Using the offline MNIST copy ...: 8,000 training and 2,000 test images.
    """
    offline = os.environ.get(ENV_VAR, "").strip()
    if offline:
        splits = load_mnist_file(offline)
        if verbose:
            (x_train, _), (x_test, _) = splits
            print(
                f"Using the offline MNIST copy {Path(offline).name} (from ${ENV_VAR}): "
                f"{len(x_train):,} training and {len(x_test):,} test images."
            )
        return splits
    return _load_with_keras()


def _load_with_keras() -> MnistSplits:
    from course_utils.notebook import quiet_tensorflow

    quiet_tensorflow()
    import keras

    try:
        return keras.datasets.mnist.load_data()
    except Exception as err:  # noqa: BLE001 - Keras raises bare Exception on fetch failure
        cache = Path(os.environ.get("KERAS_HOME", Path.home() / ".keras")) / "datasets"
        raise MnistUnavailableError(
            f"MNIST could not be downloaded to {cache / 'mnist.npz'} "
            f"and no valid cached copy is there ({type(err).__name__}: {err}). "
            + _offline_hint()
        ) from None
