"""JupyterHub for a class: the course's environment for every learner, JupyterLab first.

Run it from the course's environment, set up with the hub extra (``make hub`` does both)::

    .venv/bin/jupyterhub -f hub/jupyterhub_config.py

Everything a school changes is an environment variable (defaults in brackets):

- ``COURSE_HUB_IP`` [127.0.0.1], ``COURSE_HUB_PORT`` [8000]: where learners connect. The
  default answers on this machine only; a class server sets ``0.0.0.0`` behind HTTPS (see
  the README, "A class on one server").
- ``COURSE_HUB_STATE`` [./hub-state]: the hub's database, cookie secret and, with the simple
  spawner, the learners' home folders.
- ``COURSE_HUB_SPAWNER`` [simple]: ``simple`` starts each learner's server as a process of the
  hub's own user, in a home folder of its own: fine for trying the hub and for the test, but
  every learner can read every home. A class server uses ``systemd``
  (``jupyterhub-systemdspawner``, as the Littlest JupyterHub does): one Unix user per learner,
  and the memory and CPU limits below are enforced.
- ``COURSE_HUB_MEM_LIMIT`` [2G], ``COURSE_HUB_CPU_LIMIT`` [1]: per learner. Spawners that can
  enforce them do (systemd, Kubernetes); the simple spawner only passes them on to the server
  (``MEM_LIMIT``, ``CPU_LIMIT``), where a resource-usage display can show them.
- ``COURSE_HUB_IDLE_TIMEOUT`` [3600]: seconds without activity before the idle culler
  (``jupyterhub-idle-culler``) stops a learner's server; their files stay.
- ``COURSE_HUB_AUTHENTICATOR`` [pam]: who may log in. ``pam`` is the machine's own accounts.
  ``dummy`` lets anyone in with one shared password (``COURSE_HUB_DUMMY_PASSWORD``, required):
  for a test on loopback only, never for a class. A school uses its own sign-in: an OAuth
  provider (``oauthenticator``: Google, GitHub, Microsoft, GitLab), its learning platform
  (``ltiauthenticator``), or accounts the hub keeps (``jupyterhub-nativeauthenticator``);
  install it and name its class here.
- ``COURSE_HUB_ADMINS`` [none]: comma-separated admin user names;
  ``COURSE_HUB_ALLOWED_USERS`` [none]: comma-separated learners allowed in (with ``pam``,
  every account of the machine is allowed when this is empty).
- ``COURSE_HUB_API_TOKEN`` [none]: if set, a service holding this token may manage users and
  servers through the REST API (scripts, the course's class-session test).
- ``COURSE_MNIST_PATH``: passed on to every learner's server, for a class without internet
  (see the README's "Preparing a class with poor Wi-Fi").
"""

import os
import sys
from pathlib import Path

from course_utils.paths import LAB_SETTINGS_DIR

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - provided by JupyterHub

env = os.environ.get
state = Path(env("COURSE_HUB_STATE", "hub-state")).resolve()
state.mkdir(parents=True, exist_ok=True)
course_bin = Path(sys.executable).parent  # the course's environment runs the hub ...

# ---------------------------------------------------------------- where it answers
c.JupyterHub.ip = env("COURSE_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(env("COURSE_HUB_PORT", "8000"))
if env("COURSE_HUB_INTERNAL_PORT"):  # the hub's own API, behind the proxy (default 8081)
    c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{env('COURSE_HUB_INTERNAL_PORT')}"
if env("COURSE_HUB_PROXY_API_PORT"):  # the proxy's control API (default 8001)
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('COURSE_HUB_PROXY_API_PORT')}"
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")

# ---------------------------------------------------------------- each learner's server
# ... and every learner's server: the same packages, JupyterLab first, the course's lab
# settings (no "news" question), nbgitpuller to pull the course into their home.
c.Spawner.cmd = [str(course_bin / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.args = [f"--LabApp.app_settings_dir={LAB_SETTINGS_DIR}"]
if hasattr(os, "geteuid") and os.geteuid() == 0:  # the hub runs as root (a container, CI)
    c.Spawner.args.append("--allow-root")  # the simple spawner's servers run as root too
c.Spawner.mem_limit = env("COURSE_HUB_MEM_LIMIT", "2G")
c.Spawner.cpu_limit = float(env("COURSE_HUB_CPU_LIMIT", "1"))
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 60
if env("COURSE_MNIST_PATH"):
    c.Spawner.environment = {"COURSE_MNIST_PATH": env("COURSE_MNIST_PATH")}

spawner = env("COURSE_HUB_SPAWNER", "simple")
if spawner == "simple":
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(state / "home" / "{username}")
elif spawner == "systemd":
    c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    c.SystemdSpawner.dynamic_users = True  # one Unix user per learner, made on first login
else:
    c.JupyterHub.spawner_class = spawner

# ---------------------------------------------------------------- who may log in
authenticator = env("COURSE_HUB_AUTHENTICATOR", "pam")
c.JupyterHub.authenticator_class = authenticator
if authenticator == "dummy":
    password = env("COURSE_HUB_DUMMY_PASSWORD")
    if not password:
        raise SystemExit(
            "COURSE_HUB_AUTHENTICATOR=dummy needs COURSE_HUB_DUMMY_PASSWORD (one shared "
            "password, for a test on this machine only)"
        )
    c.DummyAuthenticator.password = password
    c.Authenticator.allow_all = True
c.Authenticator.admin_users = {u for u in env("COURSE_HUB_ADMINS", "").split(",") if u}
allowed = {u for u in env("COURSE_HUB_ALLOWED_USERS", "").split(",") if u}
if allowed:
    c.Authenticator.allowed_users = allowed
elif authenticator == "pam":
    c.Authenticator.allow_all = True  # every account of this machine

# ---------------------------------------------------------------- services
services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={int(env('COURSE_HUB_IDLE_TIMEOUT', '3600'))}",
        ],
    }
]
roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
if env("COURSE_HUB_API_TOKEN"):
    services.append({"name": "course-admin", "api_token": env("COURSE_HUB_API_TOKEN")})
    roles.append({"name": "admin", "services": ["course-admin"]})
c.JupyterHub.services = services
c.JupyterHub.load_roles = roles
