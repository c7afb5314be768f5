"""The lab command really starts JupyterLab, protected by its token, with the notebooks in it."""

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from course_utils.__main__ import lab_command
from course_utils.paths import course_notebooks


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 5.0):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, json.loads(response.read())


@pytest.fixture
def lab_server(tmp_path):
    port, token = free_port(), "course-test-token"
    env_dirs = {"JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    import os

    proc = subprocess.Popen(
        lab_command(port=port, token=token, open_browser=False),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **env_dirs},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            get(f"{base}/api/status?token={token}")
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"JupyterLab did not start: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.5)
    yield base, token
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_lab_lists_the_notebooks_and_requires_the_token(lab_server):
    base, token = lab_server
    status, listing = get(f"{base}/api/contents?token={token}")
    assert status == 200
    served = sorted(item["name"] for item in listing["content"] if item["type"] == "notebook")
    assert served == sorted(p.name for p in course_notebooks())
    assert "00_welcome.ipynb" in served and "01_perceptron.ipynb" in served

    with pytest.raises(urllib.error.HTTPError) as refused:
        get(f"{base}/api/contents")
    assert refused.value.code == 403

    status, notebook = get(f"{base}/api/contents/01_perceptron.ipynb?token={token}")
    assert status == 200 and notebook["content"]["cells"][0]["cell_type"] == "markdown"

    with urllib.request.urlopen(f"{base}/lab?token={token}", timeout=10) as page:
        assert page.status == 200 and b"JupyterLab" in page.read()


def test_lab_does_not_ask_a_new_user_about_jupyter_news(lab_server):
    base, token = lab_server
    plugin = "@jupyterlab/apputils-extension:notification"
    status, settings = get(f"{base}/lab/api/settings/{plugin}?token={token}")
    assert status == 200
    defaults = settings["schema"]["properties"]
    assert defaults["fetchNews"]["default"] == "false", "the course's overrides.d was not read"
    assert defaults["checkForUpdates"]["default"] is False
