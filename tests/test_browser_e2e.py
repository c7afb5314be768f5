"""JupyterLab in a real browser: notebook 01, outputs cleared, Run ▸ Run All Cells in Chromium.

The server is started with the course's own command line (``lab_command``) on a free local
port with a token; Playwright drives Debian's Chromium (``/usr/bin/chromium``; nothing
downloads a browser). The test waits for the kernel to go idle, saves the notebook, reads it
back through the REST API and checks that every code cell ran, that fresh outputs appeared
where the committed notebook has them, and that no cell produced an error. A screenshot goes
to ``artifacts/`` (ignored by git).

Skipped, with the reason, only where no Chromium (or no Playwright) can be had:
``apt-get install chromium`` and ``pip install playwright`` provide them.
"""

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbconvert.preprocessors import ClearOutputPreprocessor

from course_utils.__main__ import lab_command
from course_utils.paths import NOTEBOOKS_DIR, REPO_ROOT

NOTEBOOK = "01_perceptron.ipynb"
ARTIFACTS = REPO_ROOT / "artifacts"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: The CPU may be shared with other work: be patient.
SERVER_START_S = 180
RUN_ALL_S = 600
UI_S = 180


#: Talk to the local server directly, whatever proxy the environment names.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _chromium() -> str | None:
    return next((p for p in CHROMIUM_CANDIDATES if os.access(p, os.X_OK)), None)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(base: str, path: str, token: str | None, method: str = "GET") -> tuple[int, object]:
    request = urllib.request.Request(base + path, method=method)
    if token:
        request.add_header("Authorization", f"token {token}")
    try:
        with _OPENER.open(request, timeout=30) as response:
            body = response.read()
            return response.status, json.loads(body) if body else None
    except urllib.error.HTTPError as err:
        return err.code, None
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, None  # not listening (yet)


def _write_settings(settings_dir: Path) -> None:
    """Lab settings for a test: render every cell (no windowing), no news pop-ups."""
    settings = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
    }
    for rel, value in settings.items():
        path = settings_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))


@pytest.fixture(scope="module")
def chromium_path() -> str:
    """Debian's Chromium and Playwright, or a skip that says how to get them."""
    chromium = _chromium()
    if chromium is None:
        pytest.skip(
            "no Chromium at /usr/bin/chromium: install it with "
            "`apt-get install -y chromium` to run the browser tests"
        )
    pytest.importorskip(
        "playwright.sync_api", reason="Playwright is missing: pip install the test extra"
    )
    return chromium


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def lab_server(chromium_path, tmp_path_factory):
    """JupyterLab serving a temporary folder that holds notebook 01 with its outputs cleared."""
    tmp_path = tmp_path_factory.mktemp("lab")
    root = tmp_path / "root"
    root.mkdir()
    nb = nbformat.read(NOTEBOOKS_DIR / NOTEBOOK, as_version=4)
    ClearOutputPreprocessor().preprocess(nb, {})
    nbformat.write(nb, root / NOTEBOOK)
    _write_settings(tmp_path / "settings")

    port, token = _free_port(), secrets.token_hex(16)
    cmd = [
        f"--ServerApp.root_dir={root}" if arg.startswith("--ServerApp.root_dir=") else arg
        for arg in lab_command(port=port, token=token, open_browser=False)
    ]
    cmd += [
        f"--LabApp.user_settings_dir={tmp_path / 'settings'}",
        f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers and CI machines often run as root
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    }
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        cmd, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while _api(base, "/api/status", token)[0] != 200:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab exited early:\n{(tmp_path / 'server.log').read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer in {SERVER_START_S} s")
            time.sleep(1)
        yield {"base": base, "token": token, "root": root, "log": tmp_path / "server.log"}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def _wait_until(check, timeout: float, what: str, interval: float = 1.0):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def _open_notebook(browser, base: str, token: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(UI_S * 1000)
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}", wait_until="domcontentloaded")
    page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for()
    # A kernel-selection dialog appears when the kernel is not known: accept it.
    dialog_button = page.locator(".jp-Dialog .jp-mod-accept")
    if dialog_button.count():
        dialog_button.first.click()
    _wait_until(lambda: _kernel_states(base, token) == ["idle"], UI_S, "the kernel to start")
    return page, errors


def test_run_all_cells_of_notebook_01_in_chromium(lab_server, browser):
    base, token = lab_server["base"], lab_server["token"]

    # Token authentication is on: without the token the API refuses.
    assert _api(base, "/api/contents", None)[0] in (401, 403)
    _, before = _api(base, f"/api/contents/{NOTEBOOK}?content=1", token)
    code_before = [c for c in before["content"]["cells"] if c["cell_type"] == "code"]
    assert code_before and not any(c["outputs"] for c in code_before), "outputs must start cleared"

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "browser_e2e_01_perceptron.png"
    page, console_errors = _open_notebook(browser, base, token)
    try:
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        page.wait_for_function(  # a cell queued or run: the click took effect
            "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
            ".some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))",
            timeout=UI_S * 1000,
        )
        _wait_until(
            lambda: (
                _finished(page, base, token)
                and (time.sleep(3) or True)
                and _finished(page, base, token)
            ),
            RUN_ALL_S,
            "Run All Cells to finish and the kernel to go idle",
            2.0,
        )

        dom_errors = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"
        ).count()
        figure = page.locator(".jp-OutputArea-output img").nth(2)
        figure.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=str(shot))

        # Save, and wait until JupyterLab says it is saved (the tab's "unsaved" dot is gone)
        # and the file on the server is newer. Reading the file while the server is still
        # writing it can make the server set the file aside as ".invalid": read it once, after.
        modified_before = _last_modified(base, token)
        page.locator(".lm-MenuBar-itemLabel", has_text="File").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Save Notebook").first.click()
        _wait_until(
            lambda: (
                page.locator(".lm-TabBar-tab.jp-mod-dirty").count() == 0
                and _last_modified(base, token) != modified_before
            ),
            UI_S,
            "the notebook to be saved",
        )
        page.wait_for_timeout(1000)
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "browser_e2e_failure.png"))
        raise
    finally:
        page.close()

    cells = _saved_cells(base, token)
    assert cells, "the saved notebook has cells that did not run"
    committed = [
        c
        for c in nbformat.read(NOTEBOOKS_DIR / NOTEBOOK, as_version=4).cells
        if c.cell_type == "code"
    ]
    assert [c["execution_count"] for c in cells] == list(range(1, len(cells) + 1))
    errors = [o for c in cells for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors, f"error outputs: {[(o['ename'], o['evalue']) for o in errors]}"
    assert dom_errors == 0
    for i, (fresh, old) in enumerate(zip(cells, committed)):
        kinds_old = {k for o in old.outputs for k in o.get("data", {})} | {
            o.get("name") for o in old.outputs if o.output_type == "stream"
        }
        kinds_new = {k for o in fresh["outputs"] for k in o.get("data", {})} | {
            o.get("name") for o in fresh["outputs"] if o["output_type"] == "stream"
        }
        assert kinds_old <= kinds_new, (
            f"code cell {i}: expected outputs {kinds_old}, got {kinds_new}"
        )
    assert any("image/png" in o.get("data", {}) for c in cells for o in c["outputs"])
    assert not console_errors, f"JavaScript errors in the page: {console_errors}"
    assert shot.stat().st_size > 10_000


def test_rise_presents_notebook_01_as_slides(lab_server, browser):
    """The slideshow button of jupyterlab_rise renders the notebook as reveal.js slides."""
    base, token = lab_server["base"], lab_server["token"]
    _, model = _api(base, f"/api/contents/{NOTEBOOK}?content=1", token)
    cells = model["content"]["cells"]
    n_slides = sum(c["metadata"]["slideshow"]["slide_type"] == "slide" for c in cells)
    second = next(c for c in cells[1:] if c["metadata"]["slideshow"]["slide_type"] == "slide")
    second_heading = "".join(second["source"]).splitlines()[0].lstrip("# ").strip()

    ARTIFACTS.mkdir(exist_ok=True)
    page, console_errors = _open_notebook(browser, base, token)
    try:
        page.locator(
            ".jp-NotebookPanel-toolbar [title^='Render the current notebook as Reveal Slideshow']"
        ).first.click()
        slides = page.frame_locator(f"iframe[src*='/rise/{NOTEBOOK}']")
        slides.locator(".reveal .slides > section.present").first.wait_for()
        assert slides.locator(".reveal .slides > section").count() == n_slides
        assert (
            "01 · The perceptron"
            in slides.locator(".reveal .slides > section.present h1").first.inner_text()
        )
        slides.locator(".reveal").first.click()
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(1500)
        assert (
            second_heading in slides.locator(".reveal .slides > section.present").first.inner_text()
        )
        page.screenshot(path=str(ARTIFACTS / "browser_e2e_01_rise_slides.png"))
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "browser_e2e_rise_failure.png"))
        raise
    finally:
        page.close()
    assert not console_errors, f"JavaScript errors in the page: {console_errors}"


def _kernel_states(base: str, token: str) -> list[str]:
    status, kernels = _api(base, "/api/kernels", token)
    return [k["execution_state"] for k in kernels] if status == 200 else []


def _finished(page, base: str, token: str) -> bool:
    """Nothing queued or running in the page (no ``[*]``), and the kernel idle on the server.

    (Cells whose source is collapsed, the exercise solutions, show no prompt text.)
    """
    prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_text_contents()
    ran = any(p.strip().strip("[]:").isdigit() for p in prompts)
    return ran and not any("*" in p for p in prompts) and _kernel_states(base, token) == ["idle"]


def _last_modified(base: str, token: str) -> str | None:
    """The file's time stamp, without reading the file (``content=0``)."""
    status, model = _api(base, f"/api/contents/{NOTEBOOK}?content=0", token)
    return model["last_modified"] if status == 200 else None


def _saved_cells(base: str, token: str) -> list[dict] | None:
    status, model = _api(base, f"/api/contents/{NOTEBOOK}?content=1", token)
    if status != 200:
        return None
    cells = [c for c in model["content"]["cells"] if c["cell_type"] == "code"]
    return cells if all(c["execution_count"] for c in cells) else None
