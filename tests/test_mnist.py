"""The MNIST loader: offline copies are checked, and every failure is one clear error."""

import hashlib
import subprocess
import sys
import time

import numpy as np
import pytest

from course_utils import mnist
from course_utils.mnist import MnistUnavailableError, load_mnist, load_mnist_file
from course_utils.paths import SHARED_SAMPLE


def good_arrays(n_train=12, n_test=5):
    rng = np.random.default_rng(0)
    return {
        "x_train": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "y_train": rng.integers(0, 10, n_train).astype(np.uint8),
        "x_test": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "y_test": rng.integers(0, 10, n_test).astype(np.uint8),
    }


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "mnist.npz"
    np.savez(path, **good_arrays())
    return path


def test_offline_copy_loads_and_says_so(good_file, monkeypatch, capsys):
    monkeypatch.setenv(mnist.ENV_VAR, str(good_file))
    (x_train, y_train), (x_test, y_test) = load_mnist()
    assert x_train.shape == (12, 28, 28) and x_train.dtype == np.uint8
    assert y_train.shape == (12,) and x_test.shape == (5, 28, 28) and y_test.shape == (5,)
    out = capsys.readouterr().out
    assert "offline MNIST copy mnist.npz" in out and "12 training and 5 test images" in out


def test_quiet_offline_load_prints_nothing(good_file, monkeypatch, capsys):
    monkeypatch.setenv(mnist.ENV_VAR, str(good_file))
    load_mnist(verbose=False)
    assert capsys.readouterr().out == ""


def test_missing_file_names_it_and_says_what_to_do(tmp_path, monkeypatch):
    missing = tmp_path / "nope.npz"
    monkeypatch.setenv(mnist.ENV_VAR, str(missing))
    with pytest.raises(MnistUnavailableError) as info:
        load_mnist()
    message = str(info.value)
    assert str(missing) in message and "does not exist" in message
    assert "fetch-data" in message and mnist.ENV_VAR in message


def test_folder_instead_of_file(tmp_path):
    np.savez(tmp_path / "mnist.npz", **good_arrays())
    with pytest.raises(MnistUnavailableError) as info:
        load_mnist_file(tmp_path)
    message = str(info.value)
    assert (
        f"{tmp_path.resolve()} is a folder, not a file: point COURSE_MNIST_PATH at the "
        f"mnist.npz inside it (it holds: mnist.npz)"
    ) in message
    assert "does not exist" not in message and "shared/" not in message


def test_single_npy_array_is_named_as_such(tmp_path):
    npy = tmp_path / "mnist.npy"
    np.save(npy, np.zeros((3, 28, 28), np.uint8))
    with pytest.raises(MnistUnavailableError) as info:
        load_mnist_file(npy)
    message = str(info.value)
    assert "is a single NumPy array (.npy), not an .npz archive with the keys x_train" in message
    assert "corrupt" not in message and "Delete" not in message
    assert npy.is_file(), "the learner's file is never deleted"


def test_label_out_of_range_names_the_label(tmp_path):
    arrays = good_arrays()
    arrays["y_train"][4] = 12
    path = tmp_path / "labels.npz"
    np.savez(path, **arrays)
    with pytest.raises(
        MnistUnavailableError, match="y_train holds the label 12; MNIST labels are 0–9"
    ):
        load_mnist_file(path)


def test_negative_label_is_named_too(tmp_path):
    arrays = good_arrays()
    arrays["y_test"] = arrays["y_test"].astype(np.int64)
    arrays["y_test"][0] = -1
    path = tmp_path / "labels.npz"
    np.savez(path, **arrays)
    with pytest.raises(MnistUnavailableError, match="y_test holds the label -1"):
        load_mnist_file(path)


def test_corrupt_own_file_is_kept_and_never_called_deletable(good_file):
    good_file.write_bytes(good_file.read_bytes()[:100])
    before = good_file.read_bytes()
    with pytest.raises(MnistUnavailableError) as info:
        load_mnist_file(good_file)
    message = str(info.value)
    assert "corrupt or truncated" in message and "left as it is" in message
    assert "delete" not in message.lower() and "fetch-data" in message
    assert good_file.read_bytes() == before


def test_corrupt_cached_download_may_be_deleted(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    cached = mnist.cache_file()
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"<html>captive portal</html>")
    with pytest.raises(MnistUnavailableError) as info:
        load_mnist_file(cached)
    message = str(info.value)
    assert "cached download" in message and "Delete it" in message and "fetch-data" in message
    assert cached.is_file(), "advice only: the loader deletes nothing itself"


def test_truncated_file(good_file):
    data = good_file.read_bytes()
    good_file.write_bytes(data[: len(data) // 2])
    with pytest.raises(MnistUnavailableError, match="corrupt or truncated"):
        load_mnist_file(good_file)


def test_not_a_zip_at_all(tmp_path):
    bad = tmp_path / "mnist.npz"
    bad.write_text("<html>captive portal</html>")
    with pytest.raises(MnistUnavailableError, match=str(bad).replace("\\", "\\\\")):
        load_mnist_file(bad)


def test_wrong_keys(tmp_path):
    path = tmp_path / "keys.npz"
    arrays = good_arrays()
    arrays["images"] = arrays.pop("x_train")
    np.savez(path, **arrays)
    with pytest.raises(MnistUnavailableError, match=r"lacks the key.*x_train"):
        load_mnist_file(path)


@pytest.mark.parametrize(
    "key, value, problem",
    [
        ("x_train", np.zeros((12, 28, 27), np.uint8), "shape"),
        ("x_train", np.zeros((12, 28, 28), np.float32), "dtype float32, expected uint8"),
        ("y_train", np.zeros(11, np.uint8), "y_train has shape"),
        ("y_test", np.full(5, 12, np.uint8), "y_test holds the label 12; MNIST labels are 0–9"),
        ("y_test", np.zeros(5, np.float64), "integer type"),
        ("x_test", np.zeros((0, 28, 28), np.uint8), "n > 0"),
    ],
)
def test_wrong_shapes_and_dtypes(tmp_path, key, value, problem):
    arrays = good_arrays()
    arrays[key] = value
    if key == "x_test" and len(value) == 0:
        arrays["y_test"] = np.zeros(0, np.uint8)
    path = tmp_path / "bad.npz"
    np.savez(path, **arrays)
    with pytest.raises(MnistUnavailableError, match=problem) as info:
        load_mnist_file(path)
    assert "shared/" not in str(info.value) and "fetch-data" in str(info.value)


def test_pickled_object_array_is_refused(tmp_path):
    arrays = good_arrays()
    arrays["y_train"] = np.array([object()] * 12, dtype=object)
    path = tmp_path / "pickled.npz"
    np.savez(path, **arrays)
    with pytest.raises(MnistUnavailableError, match="pickled Python objects"):
        load_mnist_file(path)


def test_no_network_and_no_cache_gives_one_clear_error(monkeypatch, tmp_path, refused_url):
    monkeypatch.delenv(mnist.ENV_VAR, raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setenv(mnist.URL_ENV_VAR, refused_url)
    with pytest.raises(MnistUnavailableError) as info:
        load_mnist()
    message = str(info.value)
    assert "could not be downloaded" in message and "mnist.npz" in message
    assert "fetch-data" in message and mnist.ENV_VAR in message
    assert not list((tmp_path / "keras").rglob("mnist.npz*")), "nothing half-written is cached"


@pytest.mark.skipif(not SHARED_SAMPLE.is_file(), reason="shared offline sample not beside the repo")
def test_shared_offline_sample_is_valid():
    (x_train, y_train), (x_test, _y_test) = load_mnist_file(SHARED_SAMPLE)
    assert x_train.shape == (8000, 28, 28) and x_test.shape == (2000, 28, 28)
    assert sorted(np.unique(y_train).tolist()) == list(range(10))


def test_env_var_with_spaces_only_means_unset(monkeypatch):
    monkeypatch.setenv(mnist.ENV_VAR, "   ")
    called = []
    monkeypatch.setattr(mnist, "_load_with_keras", lambda: called.append(1) or "keras")
    assert load_mnist(verbose=False) == "keras" and called


def test_hint_is_the_learners_fix_never_the_maintainers_tree():
    hint = mnist.how_to_get_mnist()
    assert "python -m course_utils fetch-data" in hint and "COURSE_MNIST_PATH" in hint
    assert "Keras' layout" in hint and "shared/" not in hint and "../" not in hint


# --------------------------------------------------------------------------- the cached copy
def test_cached_copy_counts_only_with_the_right_hash(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    cached = mnist.cache_file()
    assert mnist.cached_copy() is None, "no file"
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"")
    assert mnist.cached_copy() is None, "a zero-byte file is not MNIST"
    np.savez(cached, **good_arrays())
    assert mnist.cached_copy() is None, "a loadable file with the wrong hash is not MNIST"
    monkeypatch.setattr(mnist, "MNIST_SHA256", hashlib.sha256(cached.read_bytes()).hexdigest())
    assert mnist.cached_copy() == cached


def test_download_problem_is_quick_when_refused(refused_url):
    start = time.monotonic()
    problem = mnist.download_problem(refused_url, timeout_s=2.0)
    assert time.monotonic() - start < 3.0
    assert problem is not None and "refused" in problem.lower()


# --------------------------------------------------------------------------- the package
def test_loader_is_exported_from_the_package():
    import course_utils

    assert course_utils.load_mnist is load_mnist
    assert course_utils.MnistUnavailableError is MnistUnavailableError
    assert "load_mnist" in course_utils.__all__


def test_importing_the_package_stays_light():
    code = (
        "import sys, course_utils; from course_utils import load_mnist; "
        "print(sorted(m for m in ('tensorflow', 'keras', 'matplotlib') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
