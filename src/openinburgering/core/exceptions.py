"""Domain errors raised by services; views and the API turn them into messages and problems."""


class DomainError(Exception):
    """A rule refused the change. `field` names the input the message is about, if any."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class StaleTransition(DomainError):
    """Someone (or something) else changed the object first: nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="stale")
