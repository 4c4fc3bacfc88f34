"""A PEP 517 build backend in 50 lines: one module, and the metadata and entry
points that pyproject.toml declares. The venv's setuptools may be too old to
build a wheel without the ``wheel`` package, and the test must run offline."""

from __future__ import annotations

import base64
import hashlib
import tomllib
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TAG = "py3-none-any"


def _project() -> dict:
    return tomllib.loads((HERE / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _files() -> dict[str, str]:
    project = _project()
    name = project["name"].replace("-", "_")
    info = f"{name}-{project['version']}.dist-info"
    entry_points = "".join(
        f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in points.items()) + "\n"
        for group, points in project.get("entry-points", {}).items()
    )
    return {
        "retold_shout.py": (HERE / "retold_shout.py").read_text(encoding="utf-8"),
        f"{info}/METADATA": (
            f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n"
        ),
        f"{info}/WHEEL": f"Wheel-Version: 1.0\nGenerator: build_shout\nRoot-Is-Purelib: true\n"
        f"Tag: {TAG}\n",
        f"{info}/entry_points.txt": entry_points,
    }


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None) -> str:
    project = _project()
    wheel = f"{project['name'].replace('-', '_')}-{project['version']}-{TAG}.whl"
    files = {path: text.encode("utf-8") for path, text in _files().items()}
    info = next(p.split("/")[0] for p in files if p.endswith("/WHEEL"))
    record = "".join(f"{p},sha256={_digest(d)},{len(d)}\n" for p, d in files.items())
    files[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode("utf-8")
    with zipfile.ZipFile(Path(wheel_directory) / wheel, "w") as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    return wheel
