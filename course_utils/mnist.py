"""The course's one MNIST loader.

On a machine with internet, :func:`load_mnist` downloads Keras' ``mnist.npz`` the standard
way (``keras.utils.get_file``: cached under ``$KERAS_HOME/datasets``, by default
``~/.keras/datasets``, and checked against its known SHA-256). ``COURSE_MNIST_URL`` may name a
mirror (the address of ``mnist.npz`` or of its folder). Offline, set the environment variable
``COURSE_MNIST_PATH`` to an ``.npz`` file in the same layout as Keras' ``mnist.npz`` (keys
``x_train``, ``y_train``, ``x_test``, ``y_test``) and the loader reads that file instead.
Whatever goes wrong, the learner gets one :class:`MnistUnavailableError` that names the file,
the real problem and what to do, and a failed download never leaves a partial file in the
cache. Nothing the learner made is ever changed or deleted.

>>> (x_train, y_train), (x_test, y_test) = load_mnist()  # doctest: +SKIP
>>> x_train.shape, x_train.dtype  # doctest: +SKIP
((60000, 28, 28), dtype('uint8'))
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
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
#: Seconds :func:`download_problem` waits, in all, for the download address to answer.
PROBE_TIMEOUT_S = 3.0
#: The first bytes of every ``.npz`` (a zip file) and of a single ``.npy`` array.
_ZIP_MAGIC, _NPY_MAGIC = b"PK\x03\x04", b"\x93NUM"

MnistSplits = tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


class MnistUnavailableError(RuntimeError):
    """MNIST could not be loaded; the message says which file and what to do."""


def how_to_get_mnist() -> str:
    """The learner's two ways to get MNIST, as one sentence for the end of an error.

    >>> "fetch-data" in how_to_get_mnist() and ENV_VAR in how_to_get_mnist()
    True
    """
    return (
        f"To get MNIST, either run `python -m course_utils fetch-data` once on a connection "
        f"(it caches MNIST for good), or copy an mnist.npz in Keras' layout "
        f"(keys {', '.join(KEYS)}) to this machine and set {ENV_VAR} to it."
    )


def _label_problem(y: np.ndarray, key: str) -> str | None:
    """Why the labels ``y`` (an integer array) are not MNIST's 0-9, or None if they are.

    >>> _label_problem(np.array([3, 12]), "y_train")
    'y_train holds the label 12; MNIST labels are 0–9'
    """
    outside = y[(y < 0) | (y > 9)]
    if outside.size == 0:
        return None
    return f"{key} holds the label {int(outside[0])}; MNIST labels are 0–9"


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
        raise TypeError(
            f"arrays must be a dict {{key: array}} with the keys {', '.join(KEYS)}, "
            f"got {type(arrays).__name__}"
        )
    missing = [k for k in KEYS if k not in arrays]
    if missing:
        raise MnistUnavailableError(
            f"{source} is not an MNIST file in Keras' layout: it lacks the key(s) "
            f"{', '.join(missing)} (it has: {', '.join(sorted(arrays)) or 'nothing'}). "
            + how_to_get_mnist()
        )
    not_arrays = [k for k in KEYS if not isinstance(arrays[k], np.ndarray)]
    if not_arrays:
        raise MnistUnavailableError(
            f"{source} is not valid MNIST: {', '.join(not_arrays)} must be NumPy arrays, got "
            f"{', '.join(type(arrays[k]).__name__ for k in not_arrays)}. " + how_to_get_mnist()
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
        elif (labels := _label_problem(y, f"y_{split}")) is not None:
            problems.append(labels)
        if problems:
            raise MnistUnavailableError(
                f"{source} is not valid MNIST: " + "; ".join(problems) + ". " + how_to_get_mnist()
            )
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def _is_cached_download(file: Path) -> bool:
    """Whether ``file`` is the Keras cache's ``mnist.npz``: made by a download, not a learner."""
    try:
        return file == cache_file().resolve()
    except OSError:
        return False


def _not_a_file(file: Path) -> MnistUnavailableError:
    """The error for a path that is missing or is a folder."""
    if not file.is_dir():
        return MnistUnavailableError(
            f"The MNIST file {file} does not exist. Check the path. " + how_to_get_mnist()
        )
    inside = sorted(p.name for p in file.glob("*.npz"))[:3]
    holds = f" (it holds: {', '.join(inside)})" if inside else " (it holds no .npz file)"
    return MnistUnavailableError(
        f"The MNIST path {file} is a folder, not a file: point {ENV_VAR} at the mnist.npz "
        f"inside it{holds}. " + how_to_get_mnist()
    )


def _corrupt(file: Path, detail: str) -> MnistUnavailableError:
    """The error for an unreadable file; deleting it is advised only for a cached download."""
    if _is_cached_download(file):
        return MnistUnavailableError(
            f"The cached download {file} is corrupt or truncated ({detail}). Delete it and run "
            f"`python -m course_utils fetch-data` again on a connection."
        )
    return MnistUnavailableError(
        f"The MNIST file {file} is corrupt or truncated ({detail}). It was left as it is: copy "
        "it again from where it came from. " + how_to_get_mnist()
    )


def _read_magic(file: Path) -> bytes:
    """The first four bytes of ``file``; an unreadable file counts as corrupt."""
    try:
        with open(file, "rb") as handle:
            return handle.read(4)
    except OSError as err:
        raise _corrupt(file, f"{type(err).__name__}: {err}") from None


def _check_npz_magic(file: Path) -> None:
    """Refuse, with the real reason, anything that is not an ``.npz`` (zip) archive."""
    magic = _read_magic(file)
    if magic == _ZIP_MAGIC:
        return
    if magic == _NPY_MAGIC:
        raise MnistUnavailableError(
            f"The MNIST file {file} is a single NumPy array (.npy), not an .npz archive with the "
            f"keys {', '.join(KEYS)}. Save the four arrays together with "
            "numpy.savez(path, x_train=..., y_train=..., x_test=..., y_test=...). "
            + how_to_get_mnist()
        )
    raise _corrupt(file, f"it is not an .npz (zip) file: it starts with {magic!r}")


def _read_npz(file: Path) -> dict[str, np.ndarray]:
    """Every array in the ``.npz`` file, read without pickle."""
    try:
        with np.load(file, allow_pickle=False) as npz:
            return {key: npz[key] for key in npz.files}
    except ValueError as err:
        if "pickle" not in str(err):
            raise _corrupt(file, f"{type(err).__name__}: {err}") from None
        # object arrays need pickle, which can run arbitrary code: refused on purpose
        raise MnistUnavailableError(
            f"The MNIST file {file} contains pickled Python objects, which the course refuses "
            f"to load for safety ({err}). Use a file of plain arrays. " + how_to_get_mnist()
        ) from None
    except (OSError, EOFError, zipfile.BadZipFile, KeyError, zlib.error) as err:
        raise _corrupt(file, f"{type(err).__name__}: {err}") from None


def load_mnist_file(path: str | os.PathLike[str]) -> MnistSplits:
    """Load MNIST from an ``.npz`` file in Keras' layout, safely (no pickle).

    The file is only read: whatever is wrong with it, it is left as it is and the error says
    what the problem is (a folder, a single ``.npy`` array, a label out of range, ...).

    >>> (x_train, y_train), (x_test, y_test) = load_mnist_file("mnist.npz")  # doctest: +SKIP
    """
    if not isinstance(path, str | os.PathLike) or not str(path).strip():
        raise TypeError(
            f"path must be the path of an .npz file (str or pathlib.Path), got {path!r}"
        )
    file = Path(path).expanduser().resolve()
    if not file.is_file():
        raise _not_a_file(file)
    _check_npz_magic(file)
    return validate_mnist_arrays(_read_npz(file), f"The MNIST file {file}")


def load_mnist(*, verbose: bool = True) -> MnistSplits:
    """Return MNIST as ``(x_train, y_train), (x_test, y_test)``: uint8 images, integer labels.

    If ``COURSE_MNIST_PATH`` is set, that offline copy is read; otherwise Keras downloads the
    full data set once and caches it. With ``verbose``, a line says how many images came from
    where (in a notebook it first says that MNIST is loading, then how long it took).

    >>> (x_train, y_train), (x_test, y_test) = load_mnist()  # doctest: +SKIP
    Using the offline MNIST copy ...: 8,000 training and 2,000 test images.
    """
    from course_utils.live_progress import StatusLine, in_notebook

    offline = os.environ.get(ENV_VAR, "").strip()
    line = StatusLine("loading MNIST") if verbose else None
    splits = load_mnist_file(offline) if offline else _load_with_keras()
    if line is not None:
        (x_train, _), (x_test, _) = splits
        source = (
            f"the offline MNIST copy {Path(offline).name} (from ${ENV_VAR})"
            if offline
            else "MNIST (Keras' cached download)"
        )
        said = f"Using {source}: {len(x_train):,} training and {len(x_test):,} test images"
        if in_notebook():
            line.done(said)
        elif offline:
            print(f"{said}.")
    return splits


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


def cached_copy() -> Path | None:
    """The cached ``mnist.npz`` if it is complete (its SHA-256 is :data:`MNIST_SHA256`).

    A zero-byte, partial or wrong file does not count: the next download replaces it.

    >>> cached_copy()  # doctest: +SKIP
    PosixPath('/home/me/.keras/datasets/mnist.npz')
    """
    path = cache_file()
    try:
        intact = path.is_file() and _sha256(path) == MNIST_SHA256.lower()
    except OSError:
        return None
    return path if intact else None


def _ask_address(url: str, timeout_s: float, answer: list[str | None]) -> None:
    """Append to ``answer`` None if ``url`` answers a HEAD (or a one-byte GET), else why not."""
    import urllib.error
    import urllib.request

    for method, headers in (("HEAD", {}), ("GET", {"Range": "bytes=0-0"})):
        request = urllib.request.Request(url, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout_s):
                answer.append(None)
                return
        except urllib.error.HTTPError as err:
            if method == "HEAD" and err.code in (403, 405, 501):  # HEAD refused: try a GET
                continue
            answer.append(f"HTTP {err.code} {err.reason}")
            return
        except urllib.error.URLError as err:
            answer.append(f"{type(err.reason).__name__}: {err.reason}")
            return
        except (OSError, ValueError) as err:
            answer.append(f"{type(err).__name__}: {err}")
            return


def download_problem(url: str | None = None, *, timeout_s: float | None = None) -> str | None:
    """Why MNIST cannot be downloaded from ``url`` right now, or None if the address answers.

    Only a HEAD request (or a one-byte GET) is sent, never the download; the whole check ends
    within ``timeout_s`` (default :data:`PROBE_TIMEOUT_S`), even where name lookups hang.

    >>> download_problem("http://127.0.0.1:9/mnist.npz")  # doctest: +SKIP
    'ConnectionRefusedError: [Errno 111] Connection refused'
    """
    origin = url or mnist_url()
    limit = PROBE_TIMEOUT_S if timeout_s is None else timeout_s
    answer: list[str | None] = []
    worker = threading.Thread(target=_ask_address, args=(origin, limit, answer), daemon=True)
    worker.start()
    worker.join(limit)
    return answer[0] if answer else f"no answer within {limit:g} s"


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
            path = Path(
                keras.utils.get_file(
                    fname=target.name,
                    origin=origin,
                    file_hash=expected,
                    cache_subdir="datasets",
                    cache_dir=str(target.parent.parent),
                )
            )
    except BaseException as err:
        # Keras removes a partial download but keeps a complete one whose hash is wrong.
        _remove_unless_intact(target, expected)
        if not isinstance(err, Exception):
            raise
        raise MnistUnavailableError(
            f"MNIST could not be downloaded from {origin} to {target} "
            f"and no valid cached copy is there ({type(err).__name__}: {err}). "
            + how_to_get_mnist()
        ) from None
    return path


def _load_with_keras() -> MnistSplits:
    """Download (or reuse the cached) ``mnist.npz`` and load it safely."""
    return load_mnist_file(download_mnist())
