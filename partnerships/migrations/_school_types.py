"""School types loaded by migration 0002 (and restored by the tests after a flush)."""

SCHOOL_TYPES = [
    # code, name, is_vmbo, is_havo_vwo
    ("pro", "praktijkonderwijs", False, False),
    ("vmbo-b", "vmbo-b (basis)", True, False),
    ("vmbo-k", "vmbo-k (kader)", True, False),
    ("vmbo-gt", "vmbo-g/t", True, False),
    ("lwoo", "lwoo", True, False),
    ("mavo", "mavo", True, False),
    ("havo", "havo", False, True),
    ("vwo", "vwo", False, True),
    ("gymnasium", "gymnasium", False, True),
    ("isk", "isk", False, False),
]


def load(apps, schema_editor):
    SchoolType = apps.get_model("partnerships", "SchoolType")
    for order, (code, name, is_vmbo, is_havo_vwo) in enumerate(SCHOOL_TYPES):
        SchoolType.objects.update_or_create(
            code=code,
            defaults={"name": name, "is_vmbo": is_vmbo, "is_havo_vwo": is_havo_vwo, "order": order},
        )


