"""argmap: map contested policy debates.

Claims and counterclaims from every perspective are written as YAML, validated, built into a
``networkx`` graph and rendered as argument maps, debate materials, exports and reports.

    >>> import argmap
    >>> debate, diagnostics = argmap.load("claims")          # doctest: +SKIP
    >>> graph = argmap.build_graph(debate)                   # doctest: +SKIP
"""

__version__ = "0.1.0"

__all__ = ["load", "check", "build_graph", "build", "__version__"]


def __getattr__(name):
    # Lazy, so `argmap --version` and `argmap check` do not pay for networkx or Jinja2.
    if name in ("load", "check"):
        from . import loader
        return getattr(loader, name)
    if name == "build_graph":
        from .graph import build_graph
        return build_graph
    if name == "build":
        from .builder import build
        return build
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")
