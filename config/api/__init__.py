"""The JSON API for institutes' placement offices and student systems (issue 17, item 3).

It lives in ``config`` because it reads and writes the data of several apps (students from
``partnerships``, places, preferences and placements from ``placements``) and only ``config``
may import them all (docs/ARCHITECTURE.md). It holds no rules of its own: reads come from the
same access-scoped selectors as the pages (``partnerships.apitokens.access.TokenAccess``), writes
go through the apps' services. Names follow the Open Education API (OOAPI) where they fit; the
mapping is in README.md, section "API"."""
