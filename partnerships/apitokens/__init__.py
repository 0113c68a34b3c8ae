"""API tokens (issue 17, item 3): an institute's key to the JSON API (``config/api``).

A token belongs to one organisation (an institute) of one partnership, carries scopes, and is
created and revoked by that institute's instituutscoördinator (or the partnership's
stagecoördinator) on pages in the product. Only a SHA-256 hash of the secret is stored; the
secret is shown once, right after creation. A call with a token sees what the institute's
coordinator sees on the pages (``access.TokenAccess``)."""
