"""A file-based mail backend that takes its time (0.3 s a message): lets a test kill a worker in
the middle of a batch. Mail files are written where EMAIL_FILE_PATH says, across processes."""

import time

from django.core.mail.backends.filebased import EmailBackend as FileBackend


class EmailBackend(FileBackend):
    def send_messages(self, email_messages):
        time.sleep(0.3)
        return super().send_messages(email_messages)
