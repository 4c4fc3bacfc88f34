"""No call home: a real ``retold rewrite`` makes no network call and leaves
nothing behind in the user's home (issue 16).

The rewrite runs in a subprocess with a temporary HOME and a
``sitecustomize`` that wraps the socket layer: any attempt to resolve or
reach a host other than loopback is written to a file and refused. Native
code (onnxruntime's telemetry is C++) does not go through Python's socket
module, so a second test traces the system calls themselves with strace.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.paths import ROOT

PAGE = ROOT / "tests" / "data" / "html" / "harbour_bridge.html"
ONNX_CACHE = Path(".cache") / "Microsoft" / "DeveloperTools" / ".onnxruntime"

SITECUSTOMIZE = textwrap.dedent(
    '''
    """Refuse and record every network attempt that is not loopback."""
    import ipaddress
    import os
    import socket

    _LOG = os.environ["RETOLD_NETWORK_LOG"]
    _LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
    _connect = socket.socket.connect
    _connect_ex = socket.socket.connect_ex
    _getaddrinfo = socket.getaddrinfo


    def _is_loopback(host):
        if host is None:
            return True
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        if host.lower() in _LOOPBACK_NAMES:
            return True
        try:
            return ipaddress.ip_address(host.split("%")[0]).is_loopback
        except ValueError:
            return False


    def _refuse(what):
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(what + "\\n")
        return OSError(101, "network is unreachable (retold privacy test)")


    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            raise _refuse(f"connect {address!r}")
        return _connect(self, address)


    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            raise _refuse(f"connect_ex {address!r}")
        return _connect_ex(self, address)


    def getaddrinfo(host, *args, **kwargs):
        if not _is_loopback(host):
            raise socket.gaierror(_refuse(f"getaddrinfo {host!r}").strerror)
        return _getaddrinfo(host, *args, **kwargs)


    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo
    '''
)


def _environment(tmp_path: Path, *, hook: bool = True) -> dict[str, str]:
    """A temporary HOME, and the socket hook first on the path when ``hook``."""
    home = tmp_path / "home"
    home.mkdir()
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    if hook:
        (hooks / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ORT_", "XDG_", "HF_"))
    }
    env.update(
        HOME=str(home),
        PYTHONPATH=os.pathsep.join(filter(None, [str(hooks), env.get("PYTHONPATH")])),
        RETOLD_NETWORK_LOG=str(tmp_path / "network.log"),
    )
    return env


def _retold() -> str:
    program = shutil.which("retold", path=str(Path(sys.executable).parent))
    assert program, "retold is installed in the test environment"
    return program


def test_a_rewrite_makes_no_network_call_and_writes_nothing_home(tmp_path: Path) -> None:
    env = _environment(tmp_path)
    done = subprocess.run(
        [_retold(), "rewrite", str(PAGE), "--format", "md"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Harbour" in done.stdout or "harbour" in done.stdout
    log = tmp_path / "network.log"
    assert not log.exists(), log.read_text(encoding="utf-8")
    home = Path(env["HOME"])
    assert not (home / ONNX_CACHE).exists(), "onnxruntime wrote its telemetry store"
    assert [p for p in home.rglob("*") if p.is_file()] == []


def test_the_sitecustomize_does_catch_a_connection(tmp_path: Path) -> None:
    # The check above is only worth something if the hook is really active.
    env = _environment(tmp_path)
    code = "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    assert "192.0.2.1" in (tmp_path / "network.log").read_text(encoding="utf-8")


# onnxruntime's telemetry thread first resolves its server about ten seconds
# after the import; a batch run lives that long, so the traced process does.
_LINGER = 15


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_no_native_code_connects_either(tmp_path: Path) -> None:
    env = _environment(tmp_path, hook=False)  # trace the program as users run it
    trace = tmp_path / "trace.txt"
    program = (
        "import sys, time\n"
        "from retold.cli import main\n"
        f"code = main(['rewrite', {str(PAGE)!r}, '-o', {str(tmp_path / 'out.json')!r}])\n"
        f"time.sleep({_LINGER})\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        ["strace", "-f", "-e", "trace=connect", "-o", str(trace), sys.executable, "-c", program],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    attempts = [
        line
        for line in trace.read_text(encoding="utf-8").splitlines()
        if "connect(" in line
        and re.search(r"AF_INET6?\b", line)
        and not re.search(r'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"', line)
    ]
    assert attempts == []
    assert not (Path(env["HOME"]) / ONNX_CACHE).exists()


# --- one line on standard error ------------------------------------------------

_WARNING_PLUGIN = textwrap.dedent(
    """
    import sys
    import warnings

    from retold import backends
    from retold.backends.base import Backend
    from retold.cli import main


    @backends.register
    class Echo(Backend):
        '''A third-party backend that warns, as libraries do.'''

        name = "echo"

        def candidates(self, context, options):
            warnings.warn("echo is deprecated, use rules", DeprecationWarning, stacklevel=1)
            return ()


    sys.exit(main(sys.argv[1:]))
    """
)


def test_a_library_warning_is_one_line_of_the_log(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("The council met on Monday. It voted 7-2.\n", encoding="utf-8")
    script = tmp_path / "plugin.py"
    script.write_text(_WARNING_PLUGIN, encoding="utf-8")
    argv = ["rewrite", str(article), "--backend", "echo", "-o", str(tmp_path / "out.json")]
    done = subprocess.run(
        [sys.executable, "-W", "default", str(script), *argv],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("retold: WARNING: ")
    assert lines[0].endswith("DeprecationWarning: echo is deprecated, use rules")
