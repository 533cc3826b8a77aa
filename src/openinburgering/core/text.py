import unicodedata


def search_normalise(*parts: str) -> str:
    """Lower case without accents or punctuation, for name search ("Ça-Öztürk" → "ca ozturk")."""
    text = " ".join(part for part in parts if part)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = "".join(ch if ch.isalnum() else " " for ch in stripped.lower())
    return " ".join(cleaned.split())
