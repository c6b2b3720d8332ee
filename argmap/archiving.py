"""``argmap archive``: keep a copy of a source in the debate's archive folder and record it.

``archive_source(root, source_id, file_or_url)`` copies a file (or fetches an http/https
address) into the debate's archive folder as ``<source-id><.ext>``, then writes into the
source's entry ``archive:`` (the file's name), ``accessed:`` (today, when the copy is new)
and ``sha256:`` (the file's fingerprint), by small edits that leave the rest of the YAML file
byte for byte as it was (:mod:`argmap.yamledit`). A debate that names no archive folder gets
``archives: [archive]`` in its ``debate.yaml``, the folder ``argmap new`` makes.

Nothing is overwritten silently: a different file already under the name is kept unless
``replace`` is asked for. Archiving the same file again changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import stat
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from .confine import Refused, inside, open_regular, read_regular
from .errors import EXIT_DATA, ArgmapError, TargetRefused
from .fingerprint import short
from .loader import CheckResult, check, display_path
from .suggest import closest

__all__ = ["archive_source", "Archived", "UnknownSource", "ArchiveRefused", "FetchFailed",
           "DEFAULT_FOLDER", "FETCH_LIMIT", "FETCH_TIMEOUT", "is_url"]

DEFAULT_FOLDER = "archive"     # what `argmap new` names it, and the README's convention
FETCH_LIMIT = 50 * 1024 * 1024  # bytes: a source's text, a report's PDF; not a video
FETCH_TIMEOUT = 30.0            # seconds without an answer before giving up
_EXT = re.compile(r"\.[A-Za-z0-9]{1,8}\Z")
_TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf",
          "text/plain": ".txt"}


class UnknownSource(ArgmapError, LookupError):
    """The id names no source of the debate (exit 1, as for an unknown claim)."""

    exit_code = EXIT_DATA


class ArchiveRefused(ArgmapError):
    """The file cannot be archived as asked (a path that does not exist, a name taken by
    another file, a YAML entry too unusual to edit): nothing was written."""


class FetchFailed(ArgmapError):
    """The address could not be fetched (no network, a refused redirect, too large)."""


@dataclass
class Archived:
    """What ``archive_source`` did: ``path`` of the archived file (as the user names it),
    ``name`` recorded in ``archive:``, its ``sha256``, the YAML ``file`` edited and the
    ``keys`` written there (none when nothing changed), whether the file was ``copied``."""

    source: str
    path: str
    name: str
    sha256: str
    file: str
    line: int
    keys: list[str] = field(default_factory=list)
    copied: bool = False
    folder_added: str = ""  # the archive folder named in debate.yaml by this run, if any


def is_url(text: str) -> bool:
    return bool(re.match(r"[A-Za-z][A-Za-z0-9+.\-]*://", text))


def _unknown(result: CheckResult, source_id: str) -> UnknownSource:
    debate = result.debate
    where = debate.root
    if source_id in debate.claims_by_id:
        return UnknownSource(f"no source '{source_id}' in {where} (it is a claim)")
    hint = closest(source_id, debate.sources_by_id)
    unread = (f"; {result.unread} of its files could not be read (argmap check {where} "
              "says why)") if result.unread else ""
    return UnknownSource(f"no source '{source_id}' in {where}"
                         f"{f' (did you mean {hint!r}?)' if hint else ''}{unread}")


def _folder(root: str, result: CheckResult) -> tuple[str, str, bool]:
    """``(name, path, declared)`` of the archive folder to write into: the first the debate
    names, else :data:`DEFAULT_FOLDER` (to be declared)."""
    names = result.debate.archives
    name = names[0] if names else DEFAULT_FOLDER
    path = os.path.join(root, name)
    if os.path.lexists(path) and not inside(path, root):
        raise TargetRefused(f"the archive folder '{path}' is a link to a folder outside the "
                            "debate; nothing was written")
    if os.path.lexists(path) and not os.path.isdir(path):
        raise ArchiveRefused(f"'{path}' is not a folder; nothing was written")
    return name, path, bool(names)


def _read_file(path: str) -> bytes:
    """The file to archive, opened the project's one safe way (a FIFO put where a file was
    expected cannot hang it)."""
    if not os.path.lexists(path):
        raise ArchiveRefused(f"'{path}' does not exist")
    try:
        with open_regular(path, None) as (fh, _):
            return fh.read()
    except Refused as why:
        raise ArchiveRefused(f"'{path}' is not archived: {why}") from None


def _fetch(url: str, limit: int, timeout: float) -> tuple[bytes, str]:
    """The body of ``url`` and the extension its type suggests; :class:`FetchFailed` else."""
    import urllib.error
    import urllib.request

    class NoOtherSchemes(urllib.request.HTTPRedirectHandler):
        def http_error_302(self, req, fp, code, msg, headers):
            newurl = urljoin(req.full_url, headers.get("location") or headers.get("uri") or "")
            if urlsplit(newurl).scheme.lower() not in ("http", "https"):
                raise FetchFailed(f"{url} redirects to {newurl}, which is not an http or https "
                                  "address; nothing was written")
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.HTTPHandler(),
                    urllib.request.HTTPSHandler(), NoOtherSchemes(),
                    urllib.request.HTTPDefaultErrorHandler(),
                    urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    request = urllib.request.Request(url, headers={"User-Agent": "argmap (archive)"})
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limit:
                raise FetchFailed(f"{url} is {int(length):,} bytes, more than {limit:,}; "
                                  "download it and run argmap archive with the file")
            data = response.read(limit + 1)
            kind = response.headers.get_content_type()
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise FetchFailed(f"{url}: the server answered {exc.code} {exc.reason}; nothing was "
                          "written") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchFailed(f"cannot fetch {url}: {reason} (no network here? download it and "
                          "run argmap archive with the file); nothing was written") from None
    if len(data) > limit:
        raise FetchFailed(f"{url} is more than {limit:,} bytes; download it and run argmap "
                          "archive with the file")
    ext = _TYPES.get(kind, "")
    if not ext:
        suffix = os.path.splitext(urlsplit(final).path)[1]
        ext = suffix.lower() if _EXT.match(suffix) else ""
    return data, ext


def _sha256(data: bytes) -> str:
    import hashlib
    return hashlib.sha256(data).hexdigest()


def _edit(path: str, root: str, values: dict[str, str], **how) -> tuple[bytes, bytes]:
    """``(old, new)`` bytes of the YAML file ``path`` with ``values`` set (see
    :func:`argmap.yamledit.set_keys`); ArchiveRefused when that cannot be done by a small
    edit."""
    from .yamledit import EditRefused, set_keys

    old = read_regular(path, root)
    text = old.decode("utf-8")
    try:
        new = set_keys(text, values, path=path, **how)
    except EditRefused as why:
        raise ArchiveRefused(f"'{path}' is not changed: {why}; nothing was written. Add "
                             + ", ".join(f"{k}: {v}" for k, v in values.items())
                             + " by hand") from None
    return old, new.encode("utf-8")


def archive_source(root: str, source_id: str, what: str, replace: bool = False,
                   today: datetime.date | None = None, result: CheckResult | None = None,
                   limit: int = FETCH_LIMIT, timeout: float = FETCH_TIMEOUT) -> Archived:
    """Archive ``what`` (a file's path, or an http/https address) as the copy of source
    ``source_id`` of the debate in ``root`` and record it (see the module's docstring).
    ``result``: the debate's check, when the caller has one."""
    if not os.path.isfile(os.path.join(root, "debate.yaml")):
        raise UnknownSource(f"no debate.yaml in '{root}': a debate folder needs one")
    if result is None:
        result = check(root)
    source = result.debate.sources_by_id.get(source_id)
    if source is None:
        raise _unknown(result, source_id)
    folder_name, folder, declared = _folder(root, result)

    # The bytes, and the name they are kept under.
    in_place = False
    if is_url(what):
        if urlsplit(what).scheme.lower() not in ("http", "https"):
            raise ArchiveRefused(f"'{what}' is not an http or https address")
        data, ext = _fetch(what, limit, timeout)
    else:
        data = _read_file(what)
        ext = os.path.splitext(what)[1]
        ext = ext.lower() if _EXT.match(ext) else ""
        # A file saved into the archive folder already is recorded where it is.
        in_place = os.path.isdir(folder) and \
            os.path.dirname(os.path.realpath(what)) == os.path.realpath(folder)
    name = os.path.basename(what) if in_place else f"{source_id}{ext}"
    target = os.path.join(folder, name)
    digest = _sha256(data)

    existing = None
    if not in_place and os.path.lexists(target):
        if os.path.islink(target) or not os.path.isfile(target):
            raise TargetRefused(f"'{target}' is a link or not a regular file; nothing was "
                                "written")
        existing = _sha256(_read_file(target))
        if existing != digest and not replace:
            raise ArchiveRefused(f"'{target}' exists and holds another file (sha256 "
                                 f"{short(existing)}…, this one {short(digest)}…); nothing was "
                                 "written: pass --replace to replace it")
    copy = not in_place and existing != digest

    # What the source records: accessed is today's date when the copy is new to it.
    same_copy = source.archive == name and not copy
    values = {"archive": name}
    if not same_copy or not source.accessed:
        values["accessed"] = (today or datetime.date.today()).isoformat()
    values["sha256"] = digest
    if same_copy and source.sha256.lower() == digest:
        values = {}
    loc = source.location
    yaml_path = os.path.join(root, *loc.file.split("/"))
    edits: dict[str, tuple[bytes, bytes]] = {}
    if values:
        edits[yaml_path] = _edit(yaml_path, root, values, source=source_id, line=loc.line,
                                 after="archive")
    if not declared:
        head = os.path.join(root, "debate.yaml")
        old = edits[head][0] if head in edits else None
        if old is None:
            edits[head] = _edit(head, root, {"archives": f"[{folder_name}]"},
                                raw=frozenset({"archives"}))
        else:  # the source is in debate.yaml too: one edit after the other
            from .yamledit import EditRefused, set_keys
            try:
                text = set_keys(edits[head][1].decode("utf-8"),
                                {"archives": f"[{folder_name}]"}, raw=frozenset({"archives"}))
            except EditRefused as why:
                raise ArchiveRefused(f"'{head}' is not changed: {why}; nothing was "
                                     "written") from None
            edits[head] = (old, text.encode("utf-8"))

    # Write: the copy first (a YAML that names a missing file would be worse), then the YAML.
    made_folder = not os.path.isdir(folder)
    if copy:
        os.makedirs(folder, exist_ok=True)
        if not inside(folder, root):
            raise TargetRefused(f"the archive folder '{folder}' is outside the debate; "
                                "nothing was written")
        from .writing import write_atomic
        write_atomic(target, data)
    try:
        for path, (old, new) in edits.items():
            if new != old:
                _write_yaml(path, old, new)
    except BaseException:
        if copy and existing is None:
            with contextlib.suppress(OSError):
                os.unlink(target)
            if made_folder:
                with contextlib.suppress(OSError):
                    os.rmdir(folder)
        raise
    changed = [k for k, v in values.items() if getattr(source, k) != v]
    return Archived(source_id, target, name, digest, display_path(root, loc.file), loc.line,
                    changed, copy, "" if declared else folder_name)


def _write_yaml(path: str, old: bytes, new: bytes) -> None:
    """Write ``new`` over ``path`` atomically, with the file's permissions, and read it back:
    if it does not hold ``new`` (another program wrote at the same moment), put ``old``
    back and fail."""
    from .writing import write_atomic

    mode = stat.S_IMODE(os.stat(path).st_mode)
    real = os.path.realpath(path)  # a link inside the debate stays a link
    write_atomic(real, new)
    with contextlib.suppress(OSError):
        os.chmod(real, mode)
    with open(real, "rb") as fh:
        if fh.read() != new:
            write_atomic(real, old)
            raise ArchiveRefused(f"'{path}' changed while it was written; it is as it was")
