"""Reading other tools' files into a new debate folder (``argmap import``).

Each importer turns one file into a :class:`~argmap.imports.draft.Draft`, argmap's debate as
plain data, and the draft writes itself as a folder that passes ``argmap check``. Importers
are listed by name in :mod:`argmap.imports.registry`.
"""
