"""Safety: no pickle, no eval/exec of data, Keras models loaded only in safe mode, and
JupyterLab started by the project's commands only on 127.0.0.1 and only with a token.

The source checks read every Python file in course_utils/ and tests/ and every code cell of
every notebook (parsed with ``ast``, so comments and strings do not count); the few deliberate
exceptions are listed below with their reason and exact count, so a new one needs a review.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from course_utils.__main__ import lab_command
from course_utils.paths import REPO_ROOT, course_notebooks

THIS_FILE = Path(__file__).resolve()

#: (file relative to the repository, what) -> (exact count, why it is safe)
ALLOWED = {
    ("tests/test_data_faults.py", "allow_pickle=True"): (
        1,
        "proves that the refused pickle payload is live, on a file the test wrote",
    ),
    ("tests/test_student_version.py", "exec"): (
        1,
        "runs the stub code generated from the course's own solution cells (code, not data)",
    ),
}

#: Calls that run code hidden in data.
DANGEROUS_CALLS = {
    "eval": "eval",
    "exec": "exec",
    "pickle.load": "pickle",
    "pickle.loads": "pickle",
    "cPickle.load": "pickle",
    "marshal.load": "marshal",
    "marshal.loads": "marshal",
    "shelve.open": "shelve",
    "joblib.load": "joblib.load",
    "pd.read_pickle": "read_pickle",
    "pandas.read_pickle": "read_pickle",
    "dill.load": "dill",
    "dill.loads": "dill",
    "yaml.load": "yaml.load (use yaml.safe_load)",
    "yaml.unsafe_load": "yaml.load (use yaml.safe_load)",
    "keras.config.enable_unsafe_deserialization": "unsafe Keras deserialization",
    "config.enable_unsafe_deserialization": "unsafe Keras deserialization",
    "enable_unsafe_deserialization": "unsafe Keras deserialization",
}


def python_sources() -> list[tuple[str, str]]:
    """(name relative to the repository, Python source) for every file and notebook cell."""
    sources = []
    for folder in ("course_utils", "tests"):
        for path in sorted((REPO_ROOT / folder).rglob("*.py")):
            if path.resolve() != THIS_FILE and ".ipynb_checkpoints" not in path.parts:
                sources.append(
                    (path.relative_to(REPO_ROOT).as_posix(), path.read_text(encoding="utf-8"))
                )
    for path in course_notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "code":
                text = "".join(cell["source"])
                # IPython magics and shell escapes are not Python: blank them out
                text = re.sub(r"^\s*[%!].*$", "", text, flags=re.M)
                sources.append((f"{path.relative_to(REPO_ROOT).as_posix()} cell {i}", text))
    return sources


SOURCES = python_sources()


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return ""


def findings(name: str, source: str) -> list[str]:
    """What the source does that the course forbids, one entry per occurrence."""
    tree = ast.parse(source, filename=name)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = dotted(node.func)
        tail = ".".join(func.split(".")[-2:])
        for key in (
            func,
            tail,
            func.split(".")[-1] if func.endswith("unsafe_deserialization") else "",
        ):
            if key in DANGEROUS_CALLS:
                found.append(DANGEROUS_CALLS[key])
                break
        for keyword in node.keywords:
            value = keyword.value
            is_true = isinstance(value, ast.Constant) and value.value is True
            is_false = isinstance(value, ast.Constant) and value.value is False
            if keyword.arg == "allow_pickle" and not is_false:
                found.append("allow_pickle=True")
            if keyword.arg == "safe_mode" and not is_true:
                found.append("safe_mode=False")
            if keyword.arg is None and isinstance(value, ast.Dict):  # f(**{"allow_pickle": 1})
                keys = {k.value for k in value.keys if isinstance(k, ast.Constant)}
                if keys & {"allow_pickle", "safe_mode"}:
                    found.append("allow_pickle/safe_mode passed through **kwargs")
    return found


def source_file(name: str) -> str:
    return name.split(" cell ")[0]


def test_sources_were_found():
    names = {source_file(n) for n, _ in SOURCES}
    assert "course_utils/mnist.py" in names and "tests/test_mnist.py" in names


FILES = sorted({source_file(n) for n, _ in SOURCES})


@pytest.mark.parametrize("file", FILES)
def test_no_pickle_no_eval_of_data_keras_safe_mode(file):
    found = [
        (name, what)
        for name, source in SOURCES
        if source_file(name) == file
        for what in findings(name, source)
    ]
    counted: dict[str, list[str]] = {}
    for name, what in found:
        counted.setdefault(what, []).append(name)
    for what, where in counted.items():
        allowed, _why = ALLOWED.get((file, what), (0, ""))
        assert len(where) == allowed, (
            f"{len(where)} × {what} in {', '.join(where)}. Files are read without pickle, data "
            f"is never run as code, and Keras models load with safe_mode=True; if this one is "
            f"truly safe, add it to ALLOWED in {THIS_FILE.name} with the reason."
        )


def test_every_allowed_exception_still_exists():
    """An exception that is no longer needed must leave the list (it would hide a new one)."""
    by_file: dict[str, list[str]] = {}
    for name, source in SOURCES:
        by_file.setdefault(source_file(name), []).extend(findings(name, source))
    for (file, what), (count, why) in ALLOWED.items():
        if file not in by_file:
            continue  # another engineer's file that has not landed yet
        assert by_file[file].count(what) == count, f"{file}: {what} ({why})"


def test_the_checker_catches_what_it_should():
    bad = """
import numpy as np, pickle, keras, yaml
np.load("x.npz", allow_pickle=True)
np.load("x.npz", **{"allow_pickle": True})
eval(open("f").read())
exec(data)
pickle.loads(blob)
keras.models.load_model("m.keras", safe_mode=False)
keras.saving.load_model("m.keras", safe_mode=flag)
keras.config.enable_unsafe_deserialization()
yaml.load(text)
"""
    assert sorted(findings("bad", bad)) == sorted(
        [
            "allow_pickle=True",
            "allow_pickle/safe_mode passed through **kwargs",
            "eval",
            "exec",
            "pickle",
            "safe_mode=False",
            "safe_mode=False",
            "unsafe Keras deserialization",
            "yaml.load (use yaml.safe_load)",
        ]
    )
    good = """
import numpy as np, keras, ast, yaml
np.load("x.npz", allow_pickle=False)
keras.models.load_model("m.keras")
keras.models.load_model("m.keras", safe_mode=True)
model.evaluate(x, y)
ast.literal_eval("[1, 2]")
yaml.safe_load(text)
"""
    assert findings("good", good) == []


# --------------------------------------------------------------------------- JupyterLab
UNSAFE_LAB = re.compile(
    r"(--(?:ServerApp\.|NotebookApp\.)?ip[= ]+['\"]?(?:0\.0\.0\.0|\*|::|\[::\])"
    r"|--(?:ServerApp|NotebookApp|IdentityProvider)\.token[= ]*(?:''|\"\"|(?=\s|$))"
    r"|--(?:ServerApp|NotebookApp)\.password[= ]*(?:''|\"\")"
    r"|disable_check_xsrf|allow_origin\s*=\s*['\"]\*"
    r"|--(?:ServerApp\.)?allow_remote_access|--no-token)",
    re.I,
)
#: Every text file that may start JupyterLab: the commands learners and CI use.
COMMAND_FILES = [
    "Makefile",
    "README.md",
    ".ci/run",
    "environment.yml",
    "binder/postBuild",
    "binder/environment.yml",
    "binder/start",
    "pyproject.toml",
]


def test_lab_command_is_local_and_never_without_a_token():
    for kwargs in ({}, {"port": 8888}, {"token": "s3cret"}, {"open_browser": False}):
        cmd = lab_command(**kwargs)
        ips = [a for a in cmd if re.match(r"--(ServerApp\.|NotebookApp\.)?ip=", a)]
        assert ips == ["--ServerApp.ip=127.0.0.1"], cmd
        assert not any(UNSAFE_LAB.search(a) for a in cmd), cmd
        tokens = [a for a in cmd if "token" in a.lower()]
        assert tokens == (
            [f"--IdentityProvider.token={kwargs['token']}"] if "token" in kwargs else []
        ), "no token given: Jupyter must make its own random one"
    for empty in ("", "   "):
        with pytest.raises(ValueError, match="token"):
            lab_command(token=empty)


@pytest.mark.parametrize("name", COMMAND_FILES)
def test_project_commands_never_start_an_open_jupyter(name):
    path = REPO_ROOT / name
    if not path.is_file():
        pytest.skip(f"{name} does not exist")
    text = path.read_text(encoding="utf-8")
    assert not UNSAFE_LAB.search(text), f"{name}: {UNSAFE_LAB.search(text).group(0)!r}"
    for line in text.splitlines():
        if re.search(r"\bjupyter[- ]lab\b|-m jupyterlab\b|\bjupyter[- ]notebook\b", line):
            assert "--ip=127.0.0.1" in line or "ServerApp.ip=127.0.0.1" in line, (
                f"{name}: starts Jupyter without the course's safe command "
                f"(`python -m course_utils lab`): {line.strip()!r}"
            )


def test_make_lab_goes_through_the_safe_command():
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^lab:.*\n((?:\t.*\n?)+)", makefile, re.M)
    assert recipe and "-m course_utils lab" in recipe.group(1)


def test_no_jupyter_config_disables_the_token():
    configs = [
        p
        for p in REPO_ROOT.rglob("jupyter_*config*")
        if ".venv" not in p.parts and "site-packages" not in p.parts
    ]
    for path in configs:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not re.search(
            r"token\s*[=:]\s*(''|\"\")|password\s*[=:]\s*(''|\"\")"
            r"|ip\s*[=:]\s*['\"](0\.0\.0\.0|\*)",
            text,
        ), path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


@pytest.mark.skipif(shutil.which("true") is None, reason="needs a POSIX system")
@pytest.mark.parametrize("token", ["s3cret-token", None])
def test_lab_really_listens_on_127_0_0_1_only_and_demands_the_token(token, tmp_path):
    """Start the course's JupyterLab command and probe it (bounded: 60 s at most)."""
    import psutil

    port = _free_port()
    cmd = lab_command(port=port, token=token, open_browser=False)
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in cmd:
        cmd.append("--allow-root")  # Jupyter refuses root otherwise; no effect on exposure
    env = dict(
        os.environ,
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
        JUPYTER_DATA_DIR=str(tmp_path / "data"),
    )
    env.pop("JUPYTER_TOKEN", None)
    server = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    api = f"http://127.0.0.1:{port}/api/status"
    try:
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status = _status(api)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                time.sleep(0.3)
        assert server.poll() is None, server.stderr.read().decode(errors="replace")[-2000:]
        assert status == 403, f"the API must refuse a request without the token (got {status})"
        if token:
            assert _status(f"{api}?token={token}") == 200
            assert _status(f"{api}?token=wrong") == 403
        listening = {
            c.laddr.ip
            for c in psutil.Process(server.pid).net_connections("inet")
            if c.status == psutil.CONN_LISTEN
        }
        assert listening and listening <= {"127.0.0.1"}, listening
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        server.stderr.close()
