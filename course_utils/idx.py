"""MNIST's IDX files as an ``mnist.npz``: how the benchmark gets full-size data offline.

MNIST and Fashion-MNIST ship as four IDX files (``train-images-idx3-ubyte.gz``, …): a big-endian
header (two zero bytes, a type code, the number of dimensions, each dimension as a 4-byte int)
followed by the raw bytes. :func:`idx_to_npz` turns the four files into one ``.npz`` in Keras'
``mnist.npz`` layout (keys ``x_train``, ``y_train``, ``x_test``, ``y_test``, all ``uint8``), the
layout ``COURSE_MNIST_PATH`` expects. The benchmark (``python -m course_utils bench
--full-size``) uses it on Debian's ``dataset-fashion-mnist`` package: 60,000/10,000 images of
clothes, a stand-in for MNIST's size and speed (not for checked outputs).

>>> import gzip, struct, tempfile, numpy as np
>>> folder = Path(tempfile.mkdtemp())
>>> with gzip.open(folder / "t.gz", "wb") as f:
...     _ = f.write(struct.pack(">HBBI", 0, 0x08, 1, 3) + bytes([7, 0, 9]))
>>> read_idx(folder / "t.gz").tolist()
[7, 0, 9]
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import numpy as np

from course_utils.paths import FASHION_MNIST_DIR

#: The Debian package that provides :data:`~course_utils.paths.FASHION_MNIST_DIR`.
DEBIAN_PACKAGE = "dataset-fashion-mnist"
#: The IDX file behind each key of the ``.npz``.
IDX_FILES = {
    "x_train": "train-images-idx3-ubyte.gz",
    "y_train": "train-labels-idx1-ubyte.gz",
    "x_test": "t10k-images-idx3-ubyte.gz",
    "y_test": "t10k-labels-idx1-ubyte.gz",
}
#: The only IDX type code the course reads: unsigned bytes (pixels 0-255, labels 0-9).
_UBYTE = 0x08


class IdxDataMissingError(FileNotFoundError):
    """The IDX files are not there; the message says which package or files to install."""


def missing_idx_files(idx_dir: str | os.PathLike[str] = FASHION_MNIST_DIR) -> list[Path]:
    """The IDX files :func:`idx_to_npz` needs that ``idx_dir`` lacks (empty when all are there).

    >>> missing_idx_files("/nonexistent")[0].name
    'train-images-idx3-ubyte.gz'
    """
    if not isinstance(idx_dir, str | os.PathLike):
        raise TypeError(f"idx_dir must be a folder's path (str or pathlib.Path), got {idx_dir!r}")
    folder = Path(idx_dir)
    return [folder / name for name in IDX_FILES.values() if not (folder / name).is_file()]


def require_idx_files(idx_dir: str | os.PathLike[str] = FASHION_MNIST_DIR) -> Path:
    """``idx_dir`` as a Path if it holds the four IDX files, else :class:`IdxDataMissingError`.

    The error names the missing files and the Debian package to install (for the default
    folder), or what the folder must hold (for any other folder).

    >>> require_idx_files("/nonexistent")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    course_utils.idx.IdxDataMissingError: idx_dir /nonexistent holds none of the four IDX ...
    """
    missing = missing_idx_files(idx_dir)
    if not missing:
        return Path(idx_dir)
    names = ", ".join(path.name for path in missing)
    if Path(idx_dir) == FASHION_MNIST_DIR:
        raise IdxDataMissingError(
            f"full-size data needs Debian's package {DEBIAN_PACKAGE} (missing in "
            f"{FASHION_MNIST_DIR}: {names}). Install it with "
            f"`sudo apt-get install {DEBIAN_PACKAGE}`, or pass --idx-dir DIR naming a folder "
            f"with MNIST's or Fashion-MNIST's four IDX files."
        )
    lacks = (
        "holds none of the four IDX files"
        if len(missing) == len(IDX_FILES)
        else f"lacks {names} of the four IDX files"
    )
    raise IdxDataMissingError(
        f"idx_dir {Path(idx_dir)} {lacks} {', '.join(IDX_FILES.values())}: point --idx-dir at "
        f"MNIST's or Fashion-MNIST's download, or install Debian's {DEBIAN_PACKAGE} "
        f"(`sudo apt-get install {DEBIAN_PACKAGE}`, into {FASHION_MNIST_DIR})."
    )


def read_idx(path: str | os.PathLike[str]) -> np.ndarray:
    """Read one IDX file of unsigned bytes (gzip-compressed or not) as a ``uint8`` array.

    Raises ValueError naming the file when the header or the length is wrong.

    >>> read_idx("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz").shape
    ... # doctest: +SKIP
    (10000,)
    """
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be an IDX file's path (str or pathlib.Path), got {path!r}")
    file = Path(path)
    if not file.is_file():
        raise FileNotFoundError(f"path {str(file)!r} is not a file (expected an IDX file)")
    with open(file, "rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    try:
        with gzip.open(file, "rb") if gzipped else open(file, "rb") as handle:
            data = handle.read()
    except (OSError, EOFError) as err:
        raise ValueError(f"path {file}: unreadable IDX file ({err}); copy it again") from None
    if len(data) < 4 or data[0:2] != b"\x00\x00" or data[2] != _UBYTE or not 1 <= data[3] <= 3:
        raise ValueError(
            f"path {file} is not an IDX file of unsigned bytes (its header "
            f"{data[:4].hex()} should be 000008 and 1-3 dimensions)"
        )
    ndim = data[3]
    header = 4 + 4 * ndim
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    expected = header + int(np.prod(shape))
    if len(data) != expected:
        raise ValueError(
            f"path {file}: the header promises {shape} ({expected:,} bytes with "
            f"the header), the file has {len(data):,} bytes; copy it again"
        )
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape)


def idx_to_npz(idx_dir: str | os.PathLike[str], npz_path: str | os.PathLike[str]) -> Path:
    """Write the four IDX files of ``idx_dir`` as one ``.npz`` in Keras' ``mnist.npz`` layout.

    Returns ``npz_path``. Images must be ``(n, 28, 28)`` and each label array as long as its
    images; the file is written uncompressed (fast to read, no pickle).

    >>> idx_to_npz(FASHION_MNIST_DIR, "/tmp/fashion.npz")  # doctest: +SKIP
    PosixPath('/tmp/fashion.npz')
    """
    if not isinstance(npz_path, str | os.PathLike) or Path(npz_path).suffix != ".npz":
        raise ValueError(f"npz_path must be a path ending in .npz, got {npz_path!r}")
    folder = require_idx_files(idx_dir)
    arrays = {key: read_idx(folder / name) for key, name in IDX_FILES.items()}
    for split in ("train", "test"):
        x, y = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if x.ndim != 3 or x.shape[1:] != (28, 28):
            raise ValueError(
                f"idx_dir {folder}: {IDX_FILES['x_' + split]} holds images of "
                f"shape {x.shape[1:]}, expected 28 x 28"
            )
        if y.shape != (len(x),):
            raise ValueError(
                f"idx_dir {folder}: {IDX_FILES['y_' + split]} holds {y.shape} "
                f"labels for {len(x):,} images"
            )
    out = Path(npz_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(out, **arrays)
    return out
