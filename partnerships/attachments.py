"""Checking an uploaded attachment before it is kept: its extension is one allowed, its size at
most 5 MB, and its first bytes match the type its name claims (a renamed executable is not a
PDF). Used by the guidance log (placements.guidance) and declarations (partnerships.finance)."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from partnerships import audit

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
# Allowed attachments by extension, each with the bytes its files start with.
ATTACHMENT_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
}
PDF_OR_IMAGE = (".pdf", ".png", ".jpg", ".jpeg")


def check_attachment(upload, allowed=tuple(ATTACHMENT_TYPES)) -> tuple[str, str]:
    """The (name, content type) of an acceptable upload, or a ValidationError. ``allowed``
    narrows the extensions (``PDF_OR_IMAGE`` for receipts)."""
    name = (upload.name or "").rsplit("/", 1)[-1][-200:]
    ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in allowed:
        if set(allowed) == set(PDF_OR_IMAGE):
            raise ValidationError(_("Only PDF, PNG and JPEG files can be attached."))
        raise ValidationError(_("Only PDF, Word (.docx), PNG and JPEG files can be attached."))
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    content_type, magic = ATTACHMENT_TYPES[ext]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(m) for m in magic):
        raise ValidationError(_("The file's content does not match its type."))
    return name, content_type


def attachment_download(*, owner, person, partnership) -> HttpResponse:
    """The attachment of ``owner`` (a guidance entry, a declaration) as a download, the
    download written to the audit log; 404 when it has none."""
    attachment = getattr(owner, "attachment", None)
    if attachment is None:
        raise Http404
    audit.record(person=person, action="download", obj=owner, partnership=partnership)
    return attachment_response(attachment)


def attachment_response(attachment) -> HttpResponse:
    """The stored attachment (``name``, ``content_type``, ``data``) as a download that the
    browser never sniffs into something else."""
    response = HttpResponse(bytes(attachment.data), content_type=attachment.content_type)
    name = attachment.name.replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
