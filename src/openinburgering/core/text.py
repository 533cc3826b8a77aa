import unicodedata

# Letters that Unicode does not decompose into a base letter plus an accent.
_FOLD = str.maketrans({"ı": "i", "ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th"})


def search_normalise(*parts: str) -> str:
    """Lower case without accents or punctuation, for name search ("Ça-Öztürk" → "ca ozturk",
    "Yıldırım" → "yildirim")."""
    text = " ".join(part for part in parts if part).lower().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = "".join(ch if ch.isalnum() else " " for ch in stripped.lower())
    return " ".join(cleaned.split())


def neutralise_formula(value: object) -> str:
    """Neutralise spreadsheet formulas (CSV/xlsx injection): a cell never starts with = + - @, a tab or CR."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
