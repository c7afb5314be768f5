"""A whole class session on the course's JupyterHub, on loopback, bounded in time.

The hub starts with ``hub/jupyterhub_config.py`` (dummy sign-in, the simple spawner, every port
on 127.0.0.1), three learners are created and their servers spawned through the REST API; each
opens the course's nbgitpuller link (``python -m course_utils hub-link``), which pulls a local
clone of this repository into their home; each runs notebook 01 top to bottom through the
kernel's websocket channel, and the checked cells must print what the committed notebook
holds. Then the instructor updates the course while a learner has edited a notebook: pulling
again keeps the learner's edit and brings the update. Finally the hub is shut down through its
API and nothing may be left: no process, no listening port.

Needs ``configurable-http-proxy`` (npm; ``.ci/run`` installs it) and git.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import nbformat
import psutil
import pytest

from course_utils.hub import TARGET_DIR, hub_link
from course_utils.paths import REPO_ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("configurable-http-proxy") is None or shutil.which("git") is None,
    reason="needs JupyterHub's proxy: npm install -g configurable-http-proxy (.ci/run does)",
)

LEARNERS = ("ada", "grace", "alan")
NOTEBOOK = "01_perceptron.ipynb"
CONFIG = REPO_ROOT / "hub" / "jupyterhub_config.py"
#: Seconds for each wait (the hub's start, a spawn, a pull, a notebook's run, the shutdown).
WAIT_S = 180


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(port: int) -> bool:
    """Nothing listens on ``port`` (connections closing in TIME_WAIT do not count)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


class Hub:
    """The running hub: REST calls with the admin service's token, or a learner's."""

    def __init__(self, base: str, token: str) -> None:
        self.base, self.token = base, token

    def call(self, method: str, path: str, body=None, *, token: str | None = None, raw=False):
        request = urllib.request.Request(
            self.base + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {token or self.token}"},
        )
        with urllib.request.urlopen(request, timeout=WAIT_S) as response:
            data = response.read().decode()
            return (response.status, data) if raw else (json.loads(data) if data else None)

    def wait(self, what: str, ready) -> None:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            try:
                if ready():
                    return
            except (urllib.error.URLError, ConnectionError, KeyError):
                pass
            time.sleep(1)
        pytest.fail(f"timed out after {WAIT_S} s waiting for {what}")


def pull(hub: Hub, user: str, link: str, token: str) -> list[dict]:
    """Open the learner's link as their browser would, then run the pull its page runs."""
    link_path = link[len(hub.base) :]
    status, page = hub.call("GET", link_path, token=token, raw=True)  # follows the redirects
    assert status == 200 and "git-pull" in page, page[:300]
    query = urllib.parse.urlsplit(link).query
    _, stream = hub.call("GET", f"/user/{user}/git-pull/api?{query}", token=token, raw=True)
    events = [json.loads(line[6:]) for line in stream.splitlines() if line.startswith("data: ")]
    assert events and events[-1].get("phase") == "finished", events[-3:]
    return events


def text_outputs(outputs) -> str:
    """A cell's text as nbval's checked cells compare it: streams and text results, no images."""
    parts = []
    for out in outputs:
        if out["output_type"] == "stream":
            parts.append(out["text"])
        elif out["output_type"] in (
            "execute_result",
            "display_data",
        ) and "image/png" not in out.get("data", {}):
            parts.append(out["data"].get("text/plain", ""))
    return "".join(parts)


async def run_notebook(hub: Hub, user: str, path: str) -> list[tuple[str, str]]:
    """Run every code cell of ``path`` in a new kernel of ``user``'s server, through the
    kernel's websocket channel; return (source, text output) per cell."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    session = hub.call(
        "POST",
        f"/user/{user}/api/sessions",
        {"path": path, "type": "notebook", "kernel": {"name": "python3"}},
    )
    kernel = session["kernel"]["id"]
    url = hub.base.replace("http", "ws", 1) + f"/user/{user}/api/kernels/{kernel}/channels"
    request = HTTPRequest(url, headers={"Authorization": f"token {hub.token}"})
    socket_ = await asyncio.wait_for(websocket_connect(request), WAIT_S)
    nb = nbformat.read(REPO_ROOT / "notebooks" / NOTEBOOK, as_version=4)
    results, session_id = [], uuid.uuid4().hex
    try:
        for cell in nb.cells:
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            msg_id = uuid.uuid4().hex
            header = {"msg_id": msg_id, "msg_type": "execute_request", "session": session_id,
                      "username": user, "date": "", "version": "5.3"}  # fmt: skip
            content = {"code": cell.source, "silent": False, "store_history": True,
                       "user_expressions": {}, "allow_stdin": False}  # fmt: skip
            message = {"header": header, "parent_header": {}, "metadata": {},
                       "content": content, "channel": "shell"}  # fmt: skip
            await socket_.write_message(json.dumps(message))
            outputs, idle, replied = [], False, False
            while not (idle and replied):
                raw = await asyncio.wait_for(socket_.read_message(), WAIT_S)
                assert raw is not None, f"{user}: the kernel's channel closed"
                msg = json.loads(raw)
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind, body = msg["msg_type"], msg["content"]
                if kind == "status" and body["execution_state"] == "idle":
                    idle = True
                elif kind == "execute_reply":
                    replied = True
                    assert body["status"] == "ok", (
                        f"{user}: {body.get('ename')}: {body.get('evalue')}"
                    )
                elif kind == "stream":
                    outputs.append({"output_type": "stream", "text": body["text"]})
                elif kind in ("execute_result", "display_data"):
                    outputs.append({"output_type": kind, "data": body["data"]})
                elif kind == "error":
                    pytest.fail(f"{user}: {body['ename']}: {body['evalue']}")
            results.append((cell.source, text_outputs(outputs)))
    finally:
        socket_.close()
        hub.call("DELETE", f"/user/{user}/api/kernels/{kernel}")
    return results


@pytest.fixture
def course_clone(tmp_path):
    """A local clone of this repository: what the learners' link pulls (no network)."""
    if not (REPO_ROOT / ".git").exists():
        pytest.skip("the class-session test pulls a git clone of the repository")
    clone = tmp_path / "upstream" / TARGET_DIR
    subprocess.run(["git", "clone", "--quiet", str(REPO_ROOT), str(clone)], check=True)
    for key, value in (("user.email", "teacher@example.org"), ("user.name", "Teacher")):
        subprocess.run(["git", "-C", str(clone), "config", key, value], check=True)
    return clone


def test_a_class_session_on_the_course_hub(tmp_path, course_clone):
    ports = {name: free_port() for name in ("public", "internal", "proxy_api")}
    token, state = secrets.token_hex(16), tmp_path / "hub-state"
    env = {
        **os.environ,
        "COURSE_HUB_STATE": str(state),
        "COURSE_HUB_PORT": str(ports["public"]),
        "COURSE_HUB_INTERNAL_PORT": str(ports["internal"]),
        "COURSE_HUB_PROXY_API_PORT": str(ports["proxy_api"]),
        "COURSE_HUB_AUTHENTICATOR": "dummy",
        "COURSE_HUB_DUMMY_PASSWORD": secrets.token_hex(8),
        "COURSE_HUB_API_TOKEN": token,
    }
    command = [str(Path(sys.executable).with_name("jupyterhub")), "-f", str(CONFIG)]
    log = (tmp_path / "hub.log").open("w")
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=log, stderr=log)
    hub = Hub(f"http://127.0.0.1:{ports['public']}", token)
    spawned: list[psutil.Process] = []
    try:
        hub.wait("the hub to answer", lambda: hub.call("GET", "/hub/api/")["version"])

        # Three learners, their servers, and a token each (what their browser's login gives).
        learner_tokens = {}
        for user in LEARNERS:
            hub.call("POST", f"/hub/api/users/{user}")
            hub.call("POST", f"/hub/api/users/{user}/server")
            learner_tokens[user] = hub.call("POST", f"/hub/api/users/{user}/tokens", {})["token"]
        for user in LEARNERS:
            hub.wait(
                f"{user}'s server",
                lambda user=user: hub.call("GET", f"/hub/api/users/{user}")["servers"][""]["ready"],
            )
        spawned = psutil.Process(process.pid).children(recursive=True)

        # Each learner opens the link: the course lands in their home, as the instructor made it.
        link = hub_link(hub.base, notebook="01", repo=str(course_clone))
        for user in LEARNERS:
            pull(hub, user, link, learner_tokens[user])
            home = state / "home" / user / TARGET_DIR
            assert (home / "notebooks" / NOTEBOOK).read_bytes() == (
                course_clone / "notebooks" / NOTEBOOK
            ).read_bytes()

        # All three run notebook 01 at once; every checked cell prints what was committed.
        path = f"{TARGET_DIR}/notebooks/{NOTEBOOK}"

        async def whole_class():
            return await asyncio.gather(*(run_notebook(hub, u, path) for u in LEARNERS))

        committed = [
            (c.source, text_outputs(c.outputs))
            for c in nbformat.read(course_clone / "notebooks" / NOTEBOOK, as_version=4).cells
            if c.cell_type == "code" and c.source.strip()
        ]
        for user, ran in zip(LEARNERS, asyncio.run(whole_class()), strict=True):
            checked = [
                (got, want)
                for (source, got), (_, want) in zip(ran, committed, strict=True)
                if source.startswith("# NBVAL_CHECK_OUTPUT")
            ]
            assert checked, "notebook 01 has checked cells"
            for got, want in checked:
                assert got == want, f"{user}'s run printed\n{got}\ninstead of\n{want}"

        # The instructor updates the course; Ada had edited notebook 01. Pulling again keeps
        # her edit and brings the update.
        ada = state / "home" / "ada" / TARGET_DIR
        edited = ada / "notebooks" / NOTEBOOK
        edited.write_text(edited.read_text() + "\n", encoding="utf-8")
        mine = edited.read_bytes()
        update = course_clone / "notebooks" / "UPDATE.md"
        update.write_text("Next week: notebook 02.\n", encoding="utf-8")
        subprocess.run(["git", "-C", str(course_clone), "add", "notebooks/UPDATE.md"], check=True)
        subprocess.run(
            ["git", "-C", str(course_clone), "commit", "--quiet", "-m", "update"], check=True
        )
        pull(hub, "ada", link, learner_tokens["ada"])
        assert edited.read_bytes() == mine, "the pull must keep the learner's edit"
        assert (ada / "notebooks" / "UPDATE.md").read_text() == "Next week: notebook 02.\n"
    finally:
        with contextlib.suppress(urllib.error.URLError, ConnectionError):
            hub.call("POST", "/hub/api/shutdown", {"servers": True, "proxy": True})
        try:
            process.wait(timeout=WAIT_S)
        finally:
            leftovers = [p for p in spawned if p.is_running() and p.status() != "zombie"]
            for p in leftovers:
                p.kill()
            if process.poll() is None:
                process.kill()
            log.close()
    assert process.returncode == 0, (tmp_path / "hub.log").read_text()[-3000:]
    assert not leftovers, f"left running after the shutdown: {[p.cmdline() for p in leftovers]}"
    assert all(port_is_free(port) for port in ports.values()), "a port is still listening"
