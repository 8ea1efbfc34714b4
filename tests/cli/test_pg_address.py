"""A shared library's address on the command line (issue 14, item 10): a malformed address
is a clear message (exit 2), a password is never echoed, and a server that accepts and never
answers does not hang the command."""

from __future__ import annotations

import socket
import threading

import pytest

from desktop.cli import main
from desktop.store.db import display_url
from desktop.store.dialect import postgres

SECRET = "s3cret-Pa55"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(
    "address",
    [
        f"postgresql://casefile:{SECRET}@127.0.0.1:notaport/lib",
        f"postgresql://casefile@[::1/lib?password={SECRET}",
    ],
)
def test_a_malformed_address_is_a_clear_message(address: str, capsys) -> None:  # noqa: ANN001
    assert main(["info", "--db", address]) == 2
    err = capsys.readouterr().err
    assert "not a valid PostgreSQL address" in err and "Traceback" not in err
    assert SECRET not in err


@pytest.mark.parametrize("where", ["user", "query"])
def test_a_password_is_never_echoed(where: str, capsys) -> None:  # noqa: ANN001
    port = _free_port()  # nothing listens: the connection is refused
    address = (
        f"postgresql://casefile:{SECRET}@127.0.0.1:{port}/lib"
        if where == "user"
        else f"postgresql://casefile@127.0.0.1:{port}/lib?password={SECRET}&sslmode=disable"
    )
    assert main(["info", "--db", address]) == 2
    out, err = capsys.readouterr()
    assert "Cannot connect" in err and f"127.0.0.1:{port}" in err
    assert SECRET not in out + err
    assert SECRET not in display_url(address.replace("postgresql://", "postgresql+psycopg://"))


def test_a_server_that_never_answers_times_out(monkeypatch, capsys) -> None:  # noqa: ANN001
    monkeypatch.setattr(postgres, "CONNECT_TIMEOUT_S", 2)  # the default is 10 s
    assert postgres.connect_args(0)["connect_timeout"] == 2
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)  # accepts (the kernel completes the handshake) and never replies
    port = server.getsockname()[1]
    result: list[int] = []
    worker = threading.Thread(
        target=lambda: result.append(main(["info", "--db", f"postgresql://u@127.0.0.1:{port}/x"])),
        daemon=True,
    )
    try:
        worker.start()
        worker.join(60)  # generous: a hang is what fails, not slowness
        assert not worker.is_alive(), "casefile hung on a server that never answers"
    finally:
        server.close()
    assert result == [2]
    assert "Cannot connect" in capsys.readouterr().err
