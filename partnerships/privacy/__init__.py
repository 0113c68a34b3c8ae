"""The AVG duties (issue 17, item 4): what personal data the product holds, how long it is kept
(``terms``, from ``settings.RETENTION``), the nightly task that deletes or anonymises it
(``retention``), and the subject-access export (``export``). Every app that holds personal data
registers it in ``registry`` when it starts (the base imports no other app)."""
