"""Data faults: every way MNIST can be missing or broken gives one clear error and leaves
nothing behind, and the next call succeeds once the fault is gone.

tests/test_mnist.py covers the offline file checks one by one (``load_mnist_file``); this file
goes through ``load_mnist()`` and ``python -m course_utils fetch-data`` as a learner would:
``COURSE_MNIST_PATH`` at a bad file, and downloads from a local HTTP server on 127.0.0.1 that
refuses, fails, stalls, serves the wrong file or cuts the body short. The "right" file is a
small valid MNIST-layout file whose SHA-256 the test passes in place of Keras' own.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import socket
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from course_utils import doctor, mnist
from course_utils.__main__ import main
from course_utils.mnist import MnistUnavailableError, load_mnist

#: Upper bound on any one download attempt in these tests (seconds).
TIMEOUT_S = 2.0


def mnist_bytes(n_train: int = 30, n_test: int = 10) -> bytes:
    """A small, valid file in Keras' mnist.npz layout."""
    rng = np.random.default_rng(1)
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        x_train=rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        y_train=(np.arange(n_train) % 10).astype(np.uint8),
        x_test=rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        y_test=(np.arange(n_test) % 10).astype(np.uint8),
    )
    return buffer.getvalue()


GOOD = mnist_bytes()
GOOD_SHA256 = hashlib.sha256(GOOD).hexdigest()


# --------------------------------------------------------------------------- local server
class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves ``mnist.npz`` in the way ``server.mode`` says."""

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        server = self.server
        server.requests += 1
        mode, body = server.mode, server.body
        if mode == "error":
            self.send_error(503, "Service Unavailable")
            return
        if mode == "stall":  # accept, then say nothing until the test ends (bounded)
            server.release.wait(timeout=3 * TIMEOUT_S)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        if mode in ("ok", "truncate"):
            self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if mode == "ok":
            self.wfile.write(body)
        else:  # "truncate" (length announced) or "truncate_no_length": half, then drop
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        self.close_connection = True


class LocalServer:
    def __init__(self):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.mode, self.httpd.body, self.httpd.requests = "ok", GOOD, 0
        self.httpd.release = threading.Event()
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()
        host, port = self.httpd.server_address[:2]
        self.url = f"http://{host}:{port}/tf-keras-datasets/mnist.npz"

    def serve(self, mode: str, body: bytes = GOOD) -> None:
        self.httpd.mode, self.httpd.body = mode, body

    @property
    def requests(self) -> int:
        return self.httpd.requests

    def close(self) -> None:
        self.httpd.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def server():
    srv = LocalServer()
    yield srv
    srv.close()


def refused_url() -> str:
    """An address on 127.0.0.1 where nothing listens: the connection is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/mnist.npz"


@pytest.fixture
def online(monkeypatch, tmp_path):
    """No offline copy, an empty Keras cache in tmp, our hash, short timeouts."""
    monkeypatch.delenv(mnist.ENV_VAR, raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    monkeypatch.setattr(mnist, "MNIST_SHA256", GOOD_SHA256)
    monkeypatch.setattr(mnist, "DOWNLOAD_TIMEOUT_S", TIMEOUT_S)
    return tmp_path / "keras_home" / "datasets"


def cache_contents(cache_dir: Path) -> list[str]:
    return sorted(p.name for p in cache_dir.iterdir()) if cache_dir.exists() else []


def assert_single_error(err: BaseException) -> None:
    """One error for the learner, not a chain of library tracebacks."""
    assert err.__cause__ is None
    assert err.__context__ is None or err.__suppress_context__


def assert_actionable(message: str) -> None:
    """The learner's own fix is named, never a path into the maintainers' tree."""
    assert "fetch-data" in message and mnist.ENV_VAR in message, message
    assert "shared/" not in message, message


# --------------------------------------------------------------------------- offline file faults
def _save(path: Path, **arrays) -> Path:
    np.savez(path, **arrays)
    return path


def _good_arrays():
    with np.load(io.BytesIO(GOOD), allow_pickle=False) as npz:
        return {k: npz[k] for k in npz.files}


class _TouchOnUnpickle:
    """Unpickling this object would create a file: proof that pickle ran."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _faulty_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, text the error must contain)."""
    good = _good_arrays()
    truncated = tmp / "truncated.npz"
    truncated.write_bytes(GOOD[: len(GOOD) // 3])
    empty = tmp / "empty.npz"
    empty.write_bytes(b"")
    html = tmp / "portal.npz"
    html.write_text("<html>Please log in to the Wi-Fi</html>")
    lone_npy = tmp / "lone.npz"  # a single .npy array under an .npz name
    np.save(lone_npy.with_suffix(".tmp.npy"), np.zeros((3, 28, 28), np.uint8))
    lone_npy.write_bytes(lone_npy.with_suffix(".tmp.npy").read_bytes())
    lone_npy.with_suffix(".tmp.npy").unlink()
    damaged = tmp / "damaged.npz"  # intact zip directory, damaged compressed data
    data = bytearray(GOOD)
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    damaged.write_bytes(bytes(data))
    label_12 = good["y_train"].copy()
    label_12[0] = 12
    marker = tmp / "PICKLE_RAN"
    pickled = dict(good, y_train=np.array([_TouchOnUnpickle(marker)] * 30, dtype=object))
    return {
        "missing": (tmp / "nowhere" / "mnist.npz", "does not exist"),
        "folder": (tmp, "is a folder, not a file: point COURSE_MNIST_PATH at the mnist.npz"),
        "truncated": (truncated, "corrupt or truncated"),
        "empty": (empty, "corrupt or truncated"),
        "not a zip": (html, "corrupt or truncated"),
        "lone .npy": (lone_npy, "a single NumPy array (.npy), not an .npz archive"),
        "damaged data": (damaged, "corrupt or truncated"),
        "wrong keys": (
            _save(tmp / "keys.npz", images=good["x_train"], labels=good["y_train"]),
            "lacks the key",
        ),
        "images 2-D": (
            _save(tmp / "flat.npz", **dict(good, x_test=good["x_test"].reshape(10, -1))),
            "x_test has shape (10, 784)",
        ),
        "images float": (
            _save(
                tmp / "float.npz", **dict(good, x_train=good["x_train"].astype(np.float32) / 255)
            ),
            "x_train has dtype float32, expected uint8",
        ),
        "labels one-hot": (
            _save(
                tmp / "onehot.npz",
                **dict(good, y_train=np.eye(10, dtype=np.uint8)[good["y_train"]]),
            ),
            "y_train has shape (30, 10)",
        ),
        "labels float": (
            _save(tmp / "ylabels.npz", **dict(good, y_test=good["y_test"] + 0.0)),
            "integer type",
        ),
        "label 12": (
            _save(tmp / "label12.npz", **dict(good, y_train=label_12)),
            "y_train holds the label 12; MNIST labels are 0–9",
        ),
        "pickled objects": (_save(tmp / "pickled.npz", **pickled), "pickled Python objects"),
    }


FAULTS = [
    "missing",
    "folder",
    "truncated",
    "empty",
    "not a zip",
    "lone .npy",
    "damaged data",
    "wrong keys",
    "images 2-D",
    "images float",
    "labels one-hot",
    "labels float",
    "label 12",
    "pickled objects",
]


@pytest.mark.parametrize("fault", FAULTS)
def test_offline_copy_fault_gives_one_clear_error_and_changes_nothing(
    fault, tmp_path, monkeypatch, capsys
):
    cases = _faulty_files(tmp_path)
    path, expected = cases[fault]
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    monkeypatch.setenv(mnist.ENV_VAR, str(path))
    with pytest.raises(MnistUnavailableError) as info:
        load_mnist()
    message = str(info.value)
    assert expected in message
    assert str(path.resolve()) in message, "the error names the file"
    assert_actionable(message)
    assert "delete" not in message.lower(), "never advise deleting the learner's own file"
    assert_single_error(info.value)
    assert capsys.readouterr().out == "", "nothing printed before the error"
    after = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    assert after == before, "the loader must not create, change or delete files"
    assert not (tmp_path / "PICKLE_RAN").exists(), "pickle must never run"


def test_pickle_payload_really_would_run_if_allowed(tmp_path):
    """Guard for the test above: the payload is live, so 'not run' means 'refused'."""
    path, _ = _faulty_files(tmp_path)["pickled objects"]
    with np.load(path, allow_pickle=True) as npz:
        npz["y_train"]
    assert (tmp_path / "PICKLE_RAN").exists()


def test_fixed_offline_copy_loads_after_a_fault(tmp_path, monkeypatch):
    path = tmp_path / "mnist.npz"
    path.write_bytes(GOOD[:100])
    monkeypatch.setenv(mnist.ENV_VAR, str(path))
    with pytest.raises(MnistUnavailableError):
        load_mnist(verbose=False)
    path.write_bytes(GOOD)
    (x_train, _y_train), (x_test, _) = load_mnist(verbose=False)
    assert x_train.shape == (30, 28, 28) and x_test.shape == (10, 28, 28)


# --------------------------------------------------------------------------- download faults
def test_default_origin_and_hash_are_keras_own():
    """The loader downloads exactly what keras.datasets.mnist.load_data would."""
    import inspect

    from keras.src.datasets import mnist as keras_mnist

    source = inspect.getsource(keras_mnist.load_data)
    assert mnist.MNIST_SHA256 in source
    assert mnist.DEFAULT_URL.rsplit("/", 1)[0] in source
    assert mnist.DEFAULT_URL.endswith("/mnist.npz")


def test_mirror_url_from_environment(monkeypatch):
    monkeypatch.delenv(mnist.URL_ENV_VAR, raising=False)
    assert mnist.mnist_url() == mnist.DEFAULT_URL
    monkeypatch.setenv(mnist.URL_ENV_VAR, "http://127.0.0.1:9/data/")
    assert mnist.mnist_url() == "http://127.0.0.1:9/data/mnist.npz"
    monkeypatch.setenv(mnist.URL_ENV_VAR, "http://127.0.0.1:9/other.npz")
    assert mnist.mnist_url() == "http://127.0.0.1:9/other.npz"


def test_cache_follows_keras_home(monkeypatch, tmp_path):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    assert mnist.cache_file() == tmp_path / "datasets" / "mnist.npz"


def _download_fails(url: str, monkeypatch, cache_dir: Path) -> str:
    monkeypatch.setenv(mnist.URL_ENV_VAR, url)
    start = time.monotonic()
    with pytest.raises(MnistUnavailableError) as info:
        load_mnist()
    assert time.monotonic() - start < 5 * TIMEOUT_S, "a failed download must end quickly"
    message = str(info.value)
    assert "could not be downloaded" in message and url in message
    assert str(cache_dir / "mnist.npz") in message
    assert_actionable(message)
    assert_single_error(info.value)
    assert cache_contents(cache_dir) == [], "nothing may be left in the cache"
    return message


@pytest.mark.parametrize("mode", ["error", "truncate", "truncate_no_length", "stall", "wrong file"])
def test_download_fault_leaves_nothing_and_next_call_succeeds(mode, server, online, monkeypatch):
    if mode == "wrong file":  # a complete download of the wrong content (a captive portal)
        server.serve("ok", b"<html>Please log in to the Wi-Fi</html>")
    else:
        server.serve(mode)
    _download_fails(server.url, monkeypatch, online)
    assert server.requests >= 1

    server.serve("ok")  # the network is back
    (x_train, _y_train), (_x_test, y_test) = load_mnist()
    assert x_train.shape == (30, 28, 28) and y_test.shape == (10,)
    assert cache_contents(online) == ["mnist.npz"]
    assert hashlib.sha256((online / "mnist.npz").read_bytes()).hexdigest() == GOOD_SHA256

    requests = server.requests
    load_mnist()  # cached now: no second download
    assert server.requests == requests


def test_connection_refused_then_network_back(server, online, monkeypatch):
    message = _download_fails(refused_url(), monkeypatch, online)
    assert "refused" in message.lower()
    monkeypatch.setenv(mnist.URL_ENV_VAR, server.url)
    (x_train, _), _ = load_mnist()
    assert len(x_train) == 30


def test_corrupt_cached_file_is_replaced_when_online(server, online, monkeypatch):
    online.mkdir(parents=True)
    (online / "mnist.npz").write_bytes(GOOD[: len(GOOD) // 2])
    monkeypatch.setenv(mnist.URL_ENV_VAR, server.url)
    (x_train, _), _ = load_mnist()
    assert len(x_train) == 30 and server.requests == 1


def test_corrupt_cached_file_and_no_network_removes_the_corrupt_file(online, monkeypatch):
    online.mkdir(parents=True)
    (online / "mnist.npz").write_bytes(GOOD[: len(GOOD) // 2])
    _download_fails(refused_url(), monkeypatch, online)


def test_intact_cached_file_is_used_without_network(online, monkeypatch):
    online.mkdir(parents=True)
    (online / "mnist.npz").write_bytes(GOOD)
    monkeypatch.setenv(mnist.URL_ENV_VAR, refused_url())
    (x_train, _), _ = load_mnist()
    assert len(x_train) == 30


def test_interrupted_download_keeps_an_intact_cache(online, monkeypatch):
    """Ctrl-C while Keras re-checks an intact cached file must not delete it."""
    online.mkdir(parents=True)
    (online / "mnist.npz").write_bytes(GOOD)
    import keras

    def interrupted(**kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(keras.utils, "get_file", interrupted)
    with pytest.raises(KeyboardInterrupt):
        mnist.download_mnist()
    assert (online / "mnist.npz").read_bytes() == GOOD


# --------------------------------------------------------------------------- fetch-data
def test_fetch_data_fails_clearly_then_succeeds(server, online, monkeypatch, capsys):
    for mode in ("truncate", "error"):
        server.serve(mode)
        monkeypatch.setenv(mnist.URL_ENV_VAR, server.url)
        assert main(["fetch-data"]) == 1
        captured = capsys.readouterr()
        assert "❌" in captured.err and "could not be downloaded" in captured.err
        assert_actionable(captured.err)
        assert "Traceback" not in captured.err + captured.out
        assert cache_contents(online) == []

    monkeypatch.setenv(mnist.URL_ENV_VAR, refused_url())
    assert main(["fetch-data"]) == 1
    assert cache_contents(online) == []
    capsys.readouterr()

    server.serve("ok")
    monkeypatch.setenv(mnist.URL_ENV_VAR, server.url)
    assert main(["fetch-data"]) == 0
    out = capsys.readouterr().out
    assert "✅" in out and "30 training and 10 test images" in out
    assert cache_contents(online) == ["mnist.npz"]


def test_fetch_data_with_a_valid_offline_copy_has_nothing_to_do(
    server, online, monkeypatch, tmp_path, capsys
):
    path = tmp_path / "mine.npz"
    path.write_bytes(GOOD)
    monkeypatch.setenv(mnist.ENV_VAR, str(path))
    monkeypatch.setenv(mnist.URL_ENV_VAR, server.url)
    assert main(["fetch-data"]) == 0
    out = capsys.readouterr().out
    assert f"MNIST is already available offline from {path}" in out
    assert "nothing to download" in out and "30 training and 10 test images" in out
    assert server.requests == 0 and cache_contents(online) == []


@pytest.mark.parametrize("fault", ["missing", "folder", "lone .npy", "label 12"])
def test_fetch_data_with_a_bad_offline_copy_says_what_is_wrong(
    fault, server, online, monkeypatch, tmp_path, capsys
):
    """The loader reads only COURSE_MNIST_PATH when it is set, so a download would not help."""
    work = tmp_path / "work"
    work.mkdir()
    path, expected = _faulty_files(work)[fault]
    monkeypatch.setenv(mnist.ENV_VAR, str(path))
    monkeypatch.setenv(mnist.URL_ENV_VAR, server.url)
    assert main(["fetch-data"]) == 1
    captured = capsys.readouterr()
    assert "❌" in captured.err and expected in captured.err
    assert str(path.resolve()) in captured.err
    assert f"unset {mnist.ENV_VAR}" in captured.err
    assert_actionable(captured.err)
    assert server.requests == 0 and cache_contents(online) == []


# --------------------------------------------------------------------------- doctor vs. the network
def _doctor_mnist(monkeypatch) -> tuple[doctor.Report, str, float]:
    monkeypatch.setattr(mnist, "PROBE_TIMEOUT_S", TIMEOUT_S / 4)
    start = time.monotonic()
    report = doctor.environment_report(check_gpu=False)
    return report, doctor.format_report(report), time.monotonic() - start


def test_doctor_ready_when_the_download_address_answers(server, online, monkeypatch):
    monkeypatch.setenv(mnist.URL_ENV_VAR, server.url)
    report, text, _ = _doctor_mnist(monkeypatch)
    assert report.ok, report.problems
    assert "downloads (11 MB) from" in report.mnist and server.url in report.mnist
    assert text.splitlines()[-1].startswith("Verdict: ✅")
    assert server.requests == 1, "one short request (HEAD refused, one-byte GET), no download"
    assert cache_contents(online) == []


@pytest.mark.parametrize("mode, reason", [("error", "HTTP 503"), ("stall", "no answer within")])
def test_doctor_not_ready_when_the_address_fails_or_stalls(
    mode, reason, server, online, monkeypatch
):
    server.serve(mode)
    monkeypatch.setenv(mnist.URL_ENV_VAR, server.url)
    report, text, seconds = _doctor_mnist(monkeypatch)
    assert seconds < TIMEOUT_S, "the doctor stays quick when the address stalls"
    assert not report.ok and reason in text and "MNIST is not available here" in text
    assert text.splitlines()[-1].startswith("Verdict: ❌")
