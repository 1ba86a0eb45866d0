"""The version of etom-check (one place: the package, setup.cfg and every output read it)."""

__version__ = "0.1.0"
