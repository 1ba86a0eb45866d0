"""Earlier implementations kept as references: the fast ones must give exactly what these gave.

``builder`` and ``positions`` are the event builder and the positions table as they were before
the leaner builder and the compact table (issue 12), unchanged but for their imports.
"""
