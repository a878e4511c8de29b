"""Per-request facts that services need without being handed the request (where from)."""

from contextvars import ContextVar

_ip_address: ContextVar[str | None] = ContextVar("signpost_ip_address", default=None)


def current_ip_address() -> str | None:
    return _ip_address.get()


def set_ip_address(value: str | None) -> object:
    return _ip_address.set(value)


def reset_ip_address(token: object) -> None:
    _ip_address.reset(token)  # type: ignore[arg-type]
