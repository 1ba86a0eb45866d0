"""``python -m checker``: the same as the ``etom-check`` command."""

from .cli.main import entry

if __name__ == "__main__":  # pragma: no cover - exercised through a subprocess in the tests
    entry()
