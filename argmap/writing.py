"""Write output files so that none is ever left half-written.

Everything is rendered in memory first; each file is then written to a temporary file in
its final folder and renamed over the target, which is atomic on POSIX and Windows.
"""

from __future__ import annotations

import os
import tempfile

__all__ = ["write_atomic", "write_all"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str, data: bytes | str) -> None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".argmap-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_all(out_dir: str, files: dict[str, bytes | str]) -> list[str]:
    """Write ``{relative name: content}`` under ``out_dir``; return the paths written."""
    written = []
    for name in sorted(files):
        path = os.path.join(out_dir, *name.split("/"))
        write_atomic(path, files[name])
        written.append(path)
    return written
