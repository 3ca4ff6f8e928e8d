"""A small client for Red Hat's yaml-language-server, driven over stdio as an editor drives it.

Used by tests/test_editor.py to check what a person filling an audit in VS Code or Neovim sees.
The server is installed by ``.ci/run`` (``npm install --prefix .ci/lsp yaml-language-server``);
``server_path()`` is ``None`` where it is not, and the tests that need it skip.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
LOCAL_SERVER = ROOT / ".ci" / "lsp" / "node_modules" / ".bin" / "yaml-language-server"
Message = dict[str, Any]


def server_path() -> Path | None:
    """The installed server, or ``None``."""
    if LOCAL_SERVER.is_file() and shutil.which("node"):
        return LOCAL_SERVER
    return None


def uri(path: Path) -> str:
    """A file URI as editors send them."""
    return "file://" + quote(str(path.resolve()))


class LanguageServer:
    """One server process; open documents and read the diagnostics it publishes for them."""

    def __init__(self, folder: Path, yaml_version: str = "1.1") -> None:
        server = server_path()
        assert server is not None, "yaml-language-server is not installed"
        self.settings = {
            "validate": True,
            "hover": True,
            "schemaStore": {"enable": False},  # no network
            "yamlVersion": yaml_version,
        }
        self.process = subprocess.Popen(
            [str(server), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.inbox: queue.Queue[Message | None] = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()
        self._initialize(folder)

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline().strip()) != b"":
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = stream.read(length) if length else b""
            if not body:
                self.inbox.put(None)
                return
            self.inbox.put(json.loads(body))

    def _send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method: str, params: Any, timeout: float = 20) -> Any:
        """Send a request and wait for its result (answering the server's own requests)."""
        number = self.next_id
        self.next_id += 1
        self._send({"id": number, "method": method, "params": params})
        while True:
            message = self.poll(time.monotonic() + timeout)
            assert message is not None, f"no answer to {method}"
            if message.get("id") == number:
                return message.get("result")

    def poll(self, deadline: float) -> Message | None:
        """The next message for us before ``deadline``; server requests are answered here."""
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = self.inbox.get(timeout=left)
            except queue.Empty:
                return None
            assert message is not None, "the language server exited"
            if "method" in message and "id" in message:  # a request from the server
                asked = (
                    message["params"].get("items", [])
                    if message["method"].endswith("configuration")
                    else []
                )
                result = [self.settings if i.get("section") == "yaml" else None for i in asked]
                self._send({"id": message["id"], "result": result or None})
                continue
            return message
        return None

    def _initialize(self, folder: Path) -> None:
        capabilities = {
            "workspace": {"configuration": True},
            "textDocument": {"hover": {"contentFormat": ["plaintext"]}},
        }
        params = {"processId": os.getpid(), "rootUri": uri(folder), "capabilities": capabilities}
        self.request("initialize", params)
        self._send({"method": "initialized", "params": {}})
        self._send(
            {
                "method": "workspace/didChangeConfiguration",
                "params": {"settings": {"yaml": self.settings}},
            }
        )
        self.poll(time.monotonic() + 1.0)  # let it take the settings

    def diagnostics(
        self, path: Path, schema: Path | None = None, settle: float = 1.5, timeout: float = 30
    ) -> list[str]:
        """Open ``path`` and return its diagnostics as ``LINE:COL: message`` (1-based lines of
        the file). With ``schema``, a modeline naming it is put in front of the text sent (the
        file is not changed), as a person would add one."""
        document = uri(path)
        text = path.read_text(encoding="utf-8")
        shift = 0
        if schema is not None:
            text, shift = f"# yaml-language-server: $schema={uri(schema)}\n{text}", 1
        item = {"uri": document, "languageId": "yaml", "version": 1, "text": text}
        self._send({"method": "textDocument/didOpen", "params": {"textDocument": item}})
        latest: list[Message] | None = None
        deadline = time.monotonic() + timeout
        quiet_until = deadline
        while (message := self.poll(min(deadline, quiet_until))) is not None or latest is None:
            if message is None:
                raise AssertionError(f"no diagnostics for {path} in {timeout} s")
            params = message.get("params") or {}
            if message.get("method") == "textDocument/publishDiagnostics" and (
                params.get("uri") == document
            ):
                latest = params["diagnostics"]
                quiet_until = time.monotonic() + settle
        return [
            f"{d['range']['start']['line'] + 1 - shift}:{d['range']['start']['character'] + 1}: "
            f"{d['message']}"
            for d in latest
        ]

    def hover(self, path: Path, line: int, column: int) -> str:
        """The hover text at 1-based ``line``:``column`` of an opened document."""
        position = {"line": line - 1, "character": column - 1}
        result = self.request(
            "textDocument/hover", {"textDocument": {"uri": uri(path)}, "position": position}
        )
        contents = (result or {}).get("contents", "")
        return contents.get("value", "") if isinstance(contents, dict) else str(contents)

    def close(self) -> None:
        """Shut the server down (and make sure the process is gone)."""
        try:
            self.request("shutdown", None, timeout=3)
            self._send({"method": "exit", "params": None})
            self.process.wait(timeout=3)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
