"""The model as the checker understands it: its schema issues (``schema``), the slips put right
before it is checked (``shapes``, ``typos``, with ``suggest`` for the closest known ids), the ids
of today's eTOM releases read as the standard's (``releases``), its waivers (``waivers``), its
networkx graph (``graph``) and how each element is implemented (``implementation``).

May import ``findings``, ``i18n``, ``io`` and ``standard``.
"""
