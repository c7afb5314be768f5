"""The class hub's pieces that need no running hub: nbgitpuller links, the sizing table and the
configuration file (the whole session is tests/test_class_hub.py)."""

from __future__ import annotations

import runpy
from urllib.parse import parse_qs, urlsplit

import pytest
from traitlets.config import Config

from course_utils import hub
from course_utils.__main__ import main
from course_utils.paths import LAB_SETTINGS_DIR, REPO_ROOT

CONFIG = REPO_ROOT / "hub" / "jupyterhub_config.py"


def query(link: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(link).query).items()}


@pytest.mark.parametrize("notebook", ["03", "03_gradient_descent", "03_gradient_descent.ipynb"])
def test_a_link_opens_the_notebook_in_the_pulled_course(notebook):
    link = hub.hub_link("https://hub.example.org/", notebook=notebook)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc) == ("https", "hub.example.org")
    assert parts.path == "/hub/user-redirect/git-pull"
    assert query(link) == {
        "repo": hub.REPO_URL,
        "branch": "main",
        "targetpath": "deep-learning-course",
        "urlpath": "lab/tree/deep-learning-course/notebooks/03_gradient_descent.ipynb",
    }


def test_without_a_notebook_the_link_opens_the_notebooks_folder_of_a_fork():
    link = hub.hub_link("http://127.0.0.1:8000", repo="https://github.com/me/fork", branch="fall")
    assert query(link)["urlpath"] == "lab/tree/deep-learning-course/notebooks"
    assert query(link)["repo"] == "https://github.com/me/fork" and query(link)["branch"] == "fall"


@pytest.mark.parametrize("address", ["hub.example.org", "ftp://hub.example.org", "", "https://", 3])
def test_a_hub_must_be_an_http_address(address):
    with pytest.raises(ValueError, match="hub must be the hub's address"):
        hub.hub_link(address)


def test_an_unknown_notebook_is_named_with_the_known_ones():
    with pytest.raises(ValueError, match=r"one of the course's numbers \(00, 01.*got '99'"):
        hub.hub_link("https://hub.example.org", notebook="99")


def test_the_command_prints_the_link_or_says_what_is_wrong(capsys):
    assert main(["hub-link", "--hub", "https://hub.example.org", "--notebook", "01"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed == hub.hub_link("https://hub.example.org", notebook="01")
    assert main(["hub-link", "--hub", "hub.example.org"]) == 2
    assert "❌ hub must be the hub's address" in capsys.readouterr().err


def run(seconds: float, peak_bytes: float) -> dict:
    return {"notebooks": {"09.ipynb": {"seconds": seconds, "peak_bytes": peak_bytes}}}


def test_sizing_adds_each_learners_peak_and_server_and_shares_the_cores():
    results = {
        "settings": {
            "sample": {"notebooks": {"09.ipynb": {"seconds": 20.0, "peak_bytes": 900_000_000}}},
            "full-size-1-core": {
                "notebooks": {"09.ipynb": {"seconds": 60.0, "peak_bytes": 1_100_000_000}}
            },
            "full-size": {
                "notebooks": {"09.ipynb": {"seconds": 30.0, "peak_bytes": 1_200_000_000}}
            },
        }
    }
    (row,) = hub.sizing_rows(results)
    assert row["peak_bytes"] == 1_200_000_000  # the largest of any setting
    per_learner = 1_200_000_000 + hub.SERVER_BYTES
    assert row["memory"][30] == f"{(30 * per_learner + hub.BASE_BYTES) / 1e9:.1f} GB"
    assert row["cores"] == {10: 5, 30: 15, 60: 30}  # 60 s each, all done within 120 s
    table = hub.sizing_table(results)
    assert "| 09 | 1,200 MB | 60 s |" in table and "fits in Binder's 2 GB" in table


def test_sizing_says_what_was_not_measured():
    assert "Not measured yet" in hub.sizing_table({"settings": {}})
    only_sample = {
        "settings": {"sample": {"notebooks": {"01.ipynb": {"seconds": 5.0, "peak_bytes": 2e8}}}}
    }
    assert hub.sizing_rows(only_sample)[0]["cores"] == dict.fromkeys(hub.CLASS_SIZES)
    assert "not measured" in hub.sizing_table(only_sample)


def load_config(monkeypatch, tmp_path, **env: str) -> Config:
    monkeypatch.setenv("COURSE_HUB_STATE", str(tmp_path / "state"))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    config = Config()
    runpy.run_path(str(CONFIG), init_globals={"get_config": lambda: config})
    return config


def test_the_configuration_defaults_to_a_safe_class_hub(monkeypatch, tmp_path):
    for key in ("COURSE_HUB_AUTHENTICATOR", "COURSE_HUB_API_TOKEN", "COURSE_HUB_IP"):
        monkeypatch.delenv(key, raising=False)
    c = load_config(monkeypatch, tmp_path)
    assert c.JupyterHub.ip == "127.0.0.1" and c.JupyterHub.authenticator_class == "pam"
    assert c.Spawner.default_url == "/lab"
    assert c.Spawner.cmd[0].endswith("jupyterhub-singleuser")
    assert f"--LabApp.app_settings_dir={LAB_SETTINGS_DIR}" in c.Spawner.args
    assert (c.Spawner.mem_limit, c.Spawner.cpu_limit) == ("2G", 1.0)
    assert [s["name"] for s in c.JupyterHub.services] == ["idle-culler"]
    assert "--timeout=3600" in c.JupyterHub.services[0]["command"]
    assert (tmp_path / "state").is_dir()


def test_the_dummy_sign_in_needs_its_password(monkeypatch, tmp_path):
    monkeypatch.delenv("COURSE_HUB_DUMMY_PASSWORD", raising=False)
    with pytest.raises(SystemExit, match="COURSE_HUB_DUMMY_PASSWORD"):
        load_config(monkeypatch, tmp_path, COURSE_HUB_AUTHENTICATOR="dummy")
    c = load_config(
        monkeypatch,
        tmp_path,
        COURSE_HUB_AUTHENTICATOR="dummy",
        COURSE_HUB_DUMMY_PASSWORD="s3cret-pass",
        COURSE_HUB_API_TOKEN="t" * 32,
        COURSE_HUB_MEM_LIMIT="4G",
        COURSE_HUB_SPAWNER="systemd",
    )
    assert c.DummyAuthenticator.password == "s3cret-pass" and c.Spawner.mem_limit == "4G"
    assert c.JupyterHub.spawner_class == "systemdspawner.SystemdSpawner"
    assert {"name": "admin", "services": ["course-admin"]} in c.JupyterHub.load_roles
