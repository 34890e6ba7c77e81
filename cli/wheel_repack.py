"""Wheels made from what is installed on this machine, without network or build tools.

`mamnon bundle` needs a wheel of mamnon itself, and `--this-machine` needs wheels of
every dependency. Building mamnon with `pip wheel` would fetch setuptools from the
Internet; packing the installed files back into a wheel needs nothing, works the same
for an editable checkout and for a normal install, and gives the very files that run
here (compiled extensions included, with the tags recorded when they were installed).
"""

from __future__ import annotations

import base64
import csv
import email.parser
import hashlib
import importlib.metadata as md
import importlib.util
import io
import os
import re
import sys
import zipfile
from pathlib import Path

from mamnon.errors import MamnonError
from mamnon.i18n import _

# The packages of the `mamnon` distribution (setup.cfg [options.packages.find]);
# tests/install/test_bundle.py checks the two lists agree.
OWN_PACKAGES = ("mamnon", "cli", "tui", "importers", "exporters")

# Written by the installer for this machine only; a new install writes its own.
_INSTALLER_FILES = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


def normalized(name: str) -> str:
    """PEP 503 name: 'Python_Calamine' and 'python-calamine' are one project."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _wheel_name(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name)


def wheel_tags(wheel_text: str) -> str:
    """'cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64' from a WHEEL file's Tag lines."""
    tags = [line.split(":", 1)[1].strip() for line in wheel_text.splitlines() if line.startswith("Tag:")]
    if not tags:
        return "py3-none-any"
    parts = [t.split("-") for t in tags]
    # A wheel file name holds the tag set as dotted lists per position (PEP 425 compressed sets).
    return "-".join(".".join(dict.fromkeys(p[i] for p in parts)) for i in range(3))


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def _write_wheel(path: Path, files: list[tuple[str, bytes]], dist_info: str) -> None:
    tmp = path.with_name(path.name + ".part")
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for arcname, data in files:
            zf.writestr(arcname, data)
            writer.writerow([arcname, _record_hash(data), len(data)])
        writer.writerow([f"{dist_info}/RECORD", "", ""])
        zf.writestr(f"{dist_info}/RECORD", record.getvalue())
    os.replace(tmp, path)


def _site_file(dist: md.Distribution, relative) -> Path:
    return Path(dist.locate_file(relative))


def _installed_files(dist: md.Distribution, dist_info: str, name: str, version: str) -> list[tuple[str, bytes]]:
    """(name in the wheel, content) for every file the installed distribution recorded."""
    files = []
    prefix = Path(sys.prefix).resolve()
    for rel in dist.files or ():
        parts = Path(str(rel)).parts
        if "__pycache__" in parts or str(rel).endswith(".pyc"):
            continue
        source = _site_file(dist, rel)
        if parts and parts[0] == "..":
            # Console scripts are re-made by the installer from entry_points.txt;
            # other files outside site-packages go back under the wheel's .data/data.
            outside = os.path.relpath(source.resolve(), prefix).replace(os.sep, "/")
            if outside.split("/")[0] in ("bin", "Scripts") or outside.startswith(".."):
                continue
            files.append((f"{_wheel_name(name)}-{version}.data/data/{outside}", source.read_bytes()))
            continue
        if parts[0] == dist_info and parts[-1] in _INSTALLER_FILES:
            continue
        if not source.is_file():
            continue
        files.append(("/".join(parts), source.read_bytes()))
    return files


def _own_package_files() -> list[tuple[str, bytes]]:
    """Every file of mamnon's own packages, wherever they are (an editable checkout records none)."""
    files = []
    for package in OWN_PACKAGES:
        spec = importlib.util.find_spec(package)
        root = Path(list(spec.submodule_search_locations)[0])
        for path in sorted(root.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            files.append((f"{package}/{path.relative_to(root).as_posix()}", path.read_bytes()))
    return files


def repack(dist_name: str, out_dir: Path) -> Path:
    """A wheel of the installed distribution `dist_name` in out_dir; returns its path."""
    dist = _own_distribution() if normalized(dist_name) == "mamnon" else md.distribution(dist_name)
    if dist.files is None and normalized(dist_name) != "mamnon":
        raise MamnonError(_("Không đóng gói được {package}: bản cài trên máy này không ghi danh sách tệp (RECORD).").format(
            package=dist_name))
    name, version = dist.metadata["Name"], dist.version
    dist_info = f"{_wheel_name(name)}-{version}.dist-info"
    if normalized(name) == "mamnon":
        files = _own_package_files()
        wheel_text = "Wheel-Version: 1.0\nGenerator: mamnon bundle\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        files.append((f"{dist_info}/METADATA", _own_metadata().encode("utf-8")))
        entry_points = dist.read_text("entry_points.txt")
        if entry_points is not None:
            files.append((f"{dist_info}/entry_points.txt", entry_points.encode("utf-8")))
        files.append((f"{dist_info}/WHEEL", wheel_text.encode()))
    else:
        wheel_text = dist.read_text("WHEEL") or ""
        installed_info = _installed_dist_info(dist)
        files = [(_rename_dist_info(arc, installed_info, dist_info), data)
                 for arc, data in _installed_files(dist, installed_info, name, version)]
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{_wheel_name(name)}-{version}-{wheel_tags(wheel_text)}.whl"
    _write_wheel(path, files, dist_info)
    return path


def _own_distribution() -> md.Distribution:
    # Run from a checkout, a stale mamnon.egg-info in the current folder can come first on
    # sys.path; the .dist-info the installer wrote is the one with the full metadata.
    found = list(md.distributions(name="mamnon"))
    with_metadata = [d for d in found if d.read_text("METADATA") is not None]
    return (with_metadata or found)[0]


def _own_metadata() -> str:
    """Core metadata of mamnon with its Requires-Dist lines, whichever form it was installed in."""
    dist = _own_distribution()
    text = dist.read_text("METADATA") or dist.read_text("PKG-INFO") or ""
    message = email.parser.Parser().parsestr(text)
    del message["Requires-Dist"]
    if message["Metadata-Version"] is None:
        message["Metadata-Version"] = "2.1"
    for requirement in dist.requires or ():
        message["Requires-Dist"] = requirement
    return message.as_string()


def _installed_dist_info(dist: md.Distribution) -> str:
    for rel in dist.files or ():
        first = Path(str(rel)).parts[0]
        if first.endswith(".dist-info"):
            return first
    raise LookupError(_("{package}: không thấy thư mục .dist-info").format(package=dist.metadata["Name"]))


def _rename_dist_info(arcname: str, installed: str, wanted: str) -> str:
    # Installers may keep the project's own spelling ('PyYAML-6.0.dist-info'); the wheel
    # name uses the escaped one, and both must agree for the installer.
    head, sep, rest = arcname.partition("/")
    return f"{wanted}/{rest}" if head == installed and sep else arcname
