"""The course's one MNIST loader.

On a machine with internet, :func:`load_mnist` downloads Keras' ``mnist.npz`` the standard
way (``keras.utils.get_file``: cached under ``$KERAS_HOME/datasets``, by default
``~/.keras/datasets``, and checked against its known SHA-256). ``COURSE_MNIST_URL`` may name a
mirror (the address of ``mnist.npz`` or of its folder). Offline, set the environment variable
``COURSE_MNIST_PATH`` to an ``.npz`` file in the same layout as Keras' ``mnist.npz`` (keys
``x_train``, ``y_train``, ``x_test``, ``y_test``) and the loader reads that file instead.
Whatever goes wrong, the learner gets one :class:`MnistUnavailableError` that names the file
and says what to do, and a failed download never leaves a partial file in the cache.

>>> (x_train, y_train), (x_test, y_test) = load_mnist()  # doctest: +SKIP
>>> x_train.shape, x_train.dtype  # doctest: +SKIP
((60000, 28, 28), dtype('uint8'))
"""

from __future__ import annotations

import contextlib
import os
import socket
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np

#: Environment variable that points the loader at an offline copy.
ENV_VAR = "COURSE_MNIST_PATH"
#: The keys of Keras' ``mnist.npz`` and of any offline copy.
KEYS = ("x_train", "y_train", "x_test", "y_test")
#: Environment variable that points the download at a mirror (default: Keras' own origin).
URL_ENV_VAR = "COURSE_MNIST_URL"
#: Where Keras' ``keras.datasets.mnist.load_data`` downloads ``mnist.npz`` from.
DEFAULT_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
#: SHA-256 of Keras' ``mnist.npz`` (the value in ``keras/src/datasets/mnist.py``).
MNIST_SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
#: Seconds a stalled connection may stay silent before the download gives up.
DOWNLOAD_TIMEOUT_S = 60.0

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
    if not isinstance(arrays, Mapping):
        raise TypeError(f"arrays must be a dict {{key: array}} with the keys {', '.join(KEYS)}, "
                        f"got {type(arrays).__name__}")
    missing = [k for k in KEYS if k not in arrays]
    if missing:
        raise MnistUnavailableError(
            f"{source} is not an MNIST file in Keras' layout: it lacks the key(s) "
            f"{', '.join(missing)} (it has: {', '.join(sorted(arrays)) or 'nothing'}). "
            + _offline_hint()
        )
    not_arrays = [k for k in KEYS if not isinstance(arrays[k], np.ndarray)]
    if not_arrays:
        raise MnistUnavailableError(
            f"{source} is not valid MNIST: {', '.join(not_arrays)} must be NumPy arrays, got "
            f"{', '.join(type(arrays[k]).__name__ for k in not_arrays)}. " + _offline_hint())
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
    if not isinstance(path, str | os.PathLike) or not str(path).strip():
        raise TypeError(f"path must be the path of an .npz file (str or pathlib.Path), "
                        f"got {path!r}")
    file = Path(path).expanduser().resolve()
    if not file.is_file():
        raise MnistUnavailableError(
            f"The MNIST file {file} does not exist"
            + (" (it is a folder)" if file.is_dir() else "")
            + ". Check the path. "
            + _offline_hint()
        )
    def corrupt(detail: str) -> MnistUnavailableError:
        return MnistUnavailableError(
            f"The MNIST file {file} is corrupt or truncated ({detail}). "
            f"Delete it and get a fresh copy. " + _offline_hint()
        )

    try:
        with open(file, "rb") as handle:
            magic = handle.read(4)
    except OSError as err:
        raise corrupt(f"{type(err).__name__}: {err}") from None
    if magic != b"PK\x03\x04":  # every .npz is a zip file; anything else is not MNIST
        raise corrupt(f"it is not an .npz (zip) file: it starts with {magic!r}")
    try:
        with np.load(file, allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files}
    except ValueError as err:
        if "pickle" not in str(err):
            raise corrupt(f"{type(err).__name__}: {err}") from None
        # object arrays need pickle, which can run arbitrary code: refused on purpose
        raise MnistUnavailableError(
            f"The MNIST file {file} contains pickled Python objects, which the course refuses "
            f"to load for safety ({err}). Use a file of plain arrays. " + _offline_hint()
        ) from None
    except (OSError, EOFError, zipfile.BadZipFile, KeyError, zlib.error) as err:
        raise corrupt(f"{type(err).__name__}: {err}") from None
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


def mnist_url() -> str:
    """The address MNIST is downloaded from: ``$COURSE_MNIST_URL`` or Keras' own origin.

    ``COURSE_MNIST_URL`` may name the file itself (ending in ``.npz``) or the folder holding
    ``mnist.npz``.

    >>> mnist_url() == DEFAULT_URL or mnist_url().endswith(".npz")
    True
    """
    url = os.environ.get(URL_ENV_VAR, "").strip()
    if not url:
        return DEFAULT_URL
    return url if url.lower().endswith(".npz") else url.rstrip("/") + "/mnist.npz"


def cache_file() -> Path:
    """Where the downloaded ``mnist.npz`` is cached: ``$KERAS_HOME/datasets/mnist.npz``.

    ``KERAS_HOME`` is read now (not when Keras was imported), default ``~/.keras``.

    >>> cache_file().name
    'mnist.npz'
    """
    home = os.environ.get("KERAS_HOME", "").strip() or str(Path.home() / ".keras")
    return Path(home).expanduser() / "datasets" / "mnist.npz"


@contextlib.contextmanager
def _socket_timeout(seconds: float) -> Iterator[None]:
    """Give every new socket a timeout, so a stalled server cannot hang a cell forever."""
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(seconds)
    try:
        yield
    finally:
        socket.setdefaulttimeout(previous)


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _remove_unless_intact(path: Path, sha256: str) -> None:
    """Delete ``path`` unless it is a complete file with the expected hash."""
    with contextlib.suppress(OSError):
        if path.is_file() and _sha256(path) != sha256:
            path.unlink()


def download_mnist(*, url: str | None = None, sha256: str | None = None) -> Path:
    """Download ``mnist.npz`` into the Keras cache (if not there and intact) and return its path.

    The file is checked against ``sha256`` (default :data:`MNIST_SHA256`); a cached copy whose
    hash does not match is fetched again. If the download fails (no network, refused, cut off,
    wrong content), nothing is left in the cache and one :class:`MnistUnavailableError` says
    what to do.

    >>> download_mnist()  # doctest: +SKIP
    PosixPath('/home/me/.keras/datasets/mnist.npz')
    """
    from course_utils.notebook import quiet_tensorflow

    origin = url or mnist_url()
    expected = (sha256 or MNIST_SHA256).lower()
    target = cache_file()
    quiet_tensorflow()
    import keras

    try:
        # Keras silently switches to /tmp/.keras when the cache folder does not exist yet.
        target.parent.mkdir(parents=True, exist_ok=True)
        with _socket_timeout(DOWNLOAD_TIMEOUT_S):
            path = Path(keras.utils.get_file(
                fname=target.name, origin=origin, file_hash=expected,
                cache_subdir="datasets", cache_dir=str(target.parent.parent)))
    except BaseException as err:
        # Keras removes a partial download but keeps a complete one whose hash is wrong.
        _remove_unless_intact(target, expected)
        if not isinstance(err, Exception):
            raise
        raise MnistUnavailableError(
            f"MNIST could not be downloaded from {origin} to {target} "
            f"and no valid cached copy is there ({type(err).__name__}: {err}). "
            + _offline_hint()
        ) from None
    return path


def _load_with_keras() -> MnistSplits:
    """Download (or reuse the cached) ``mnist.npz`` and load it safely."""
    return load_mnist_file(download_mnist())
