"""The audit log's entry hash, as computed in bulk, is the hash its definition gives."""

from __future__ import annotations

import hashlib
import json

from tracker.store.audit_log import SEALED_COLUMNS, _canonical, entry_hash


def test_the_quick_entry_hash_is_the_canonical_json_hash_for_every_kind_of_value():
    entry = {
        "id": 7,
        "at": "2025-01-01T00:00:00+01:00",
        "login": "ec.barn",
        "source": "import",
        "action": "value",
        "unit": "IFO.BOU.MOTT",
        "measure": "bou.akt",
        "part": "",
        "period": "2025-01",
        "old_value": 11,
        "new_value": 11.5,
        "reason": None,
        "file": "värden.csv",
        "detail": True,
    }
    content = json.dumps([_canonical(entry.get(c)) for c in SEALED_COLUMNS], ensure_ascii=False)
    expected = hashlib.sha256(f"prev\x1f{content}".encode()).hexdigest()
    assert entry_hash(entry, "prev") == expected
    assert entry_hash({**entry, "old_value": 11.0}, "prev") == expected  # 11 and 11.0 seal alike
