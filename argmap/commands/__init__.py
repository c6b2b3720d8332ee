"""One module per CLI command; each defines ``command`` (a click command) and is found by
``cli.py`` automatically. A command parses options, calls one library function, prints, and
chooses the exit code. The library never imports click.
"""
