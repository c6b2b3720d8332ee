"""``argmap archive``."""

from __future__ import annotations

import click

from .common import directory_argument, no_cache_option


@click.command("archive")
@click.argument("source_id", metavar="SOURCE_ID")
@click.argument("what", metavar="FILE|URL")
@directory_argument
@click.option("--replace", is_flag=True,
              help="Replace a different file already archived under the source's name "
                   "(by default it is kept, and nothing is written).")
@no_cache_option
def command(source_id: str, what: str, directory: str, replace: bool, no_cache: bool) -> None:
    """Keep FILE (or the page or document at URL) as the archived copy of source SOURCE_ID
    of the debate in DIRECTORY, and record it in the source's entry.

    The copy goes into the debate's archive folder (the first under 'archives:' in
    debate.yaml; when there is none, archive/, which is then named there) as
    SOURCE_ID.EXT. The source gets archive: (the file's name), accessed: (today, for a new
    copy) and sha256: (its fingerprint, which argmap check compares with the file from then
    on); the rest of its YAML file is left byte for byte as it was. A different file already
    under that name is kept unless --replace is given; archiving the same file again
    changes nothing. A URL is fetched over http or https only (at most 50 MB, 30 s).

    \b
    Example:
      argmap archive who-2021-report ~/Downloads/report.pdf claims
      argmap check claims        # verifies the source's quotes against it
    """
    from ..archiving import archive_source
    from ..fingerprint import short
    from ..loader import check

    result = check(directory, cache=not no_cache) if _has_debate(directory) else None
    done = archive_source(directory, source_id, what, replace=replace, result=result)
    digest = short(done.sha256)
    if not done.keys and not done.copied:
        click.echo(f"{source_id}: already archived as {done.path} (sha256 {digest}…); "
                   "nothing changed")
        return
    if done.copied:
        click.echo(f"{source_id}: archived {what} as {done.path} (sha256 {digest}…)")
    else:
        click.echo(f"{source_id}: {done.path} is its archived copy (sha256 {digest}…)")
    if done.keys:
        click.echo(f"{done.file}:{done.line}: recorded {', '.join(done.keys)}")
    if done.folder_added:
        click.echo(f"{directory}/debate.yaml: added archives: [{done.folder_added}]")
    after = check(directory, cache=not no_cache)
    statuses = [s for (_, src, _), s in after.quotes.status.items() if src == source_id]
    if statuses:
        counts = ", ".join(f"{statuses.count(s)} {s}" for s in ("verified", "mismatched",
                                                                  "unverified"))
        click.echo(f"quotes from {source_id}: {counts} (argmap check {directory} says more)")


def _has_debate(directory: str) -> bool:
    import os
    return os.path.isfile(os.path.join(directory, "debate.yaml"))
