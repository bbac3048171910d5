"""The production suite (`cargo xtask test --suite production`): the reference server in
production mode (no `--demo`: no demo data, no dev outbox) with real message delivery.

On 127.0.0.1 this driver runs
- an SMTP server (aiosmtpd from PyPI) that requires STARTTLS, with a certificate from a
  certificate authority made for this run (the server is told to trust it with
  `KRING_SMTP_CA_FILE`), and a login, and keeps every message it receives, and
- a recording HTTP server standing in for the SMS gateway (no real gateway can run
  here): it answers like a webhook gateway and keeps every request,
and then, one test each:

1. a production start without settings stops and names every missing setting;
2. `kring-server init` sets up an organisation on the empty database, and refuses a
   second run;
3. the server, started with its senders, delivers the administrator's activation e-mail
   over SMTP (STARTTLS, logged in, from the configured address, text and HTML, the
   organisation's name in the subject, the idempotency key as Message-ID);
4. in Chromium (Playwright, `tests/e2e/production/`): the administrator opens the link
   from that e-mail, chooses a password, types the code the gateway received and sees
   the care team's part of the portal; then a password reset e-mail that the mail
   server refuses shows in their list of undelivered messages, and "try again" sends it
   once the mail server takes it; then the administrator publishes the portal's first
   terms, makes a team and invites a care professional, who activates from the e-mail,
   registers a client and gives the client access; the client activates from the
   e-mail, signs in with the texted code, accepts the terms and sees the portal;
5. the sign-in code reached the gateway as the webhook format says (bearer token,
   idempotency key, number and text);
6. no line of the server's log holds a link token or a code;
7. stopped while ten messages wait, then started again, the server sends each of them
   exactly once;
8. killed (SIGKILL) during a photo upload, after the photo's files are written and
   before its row is (the test-only setting `KRING_TEST_PHOTO_ROW_DELAY_MS` holds the
   upload in between), then started again, the server leaves no file of that photo and
   does not list it; and a second server on the same data folder is refused while the
   first runs.

Each test is a line `test NAME ... ok|FAILED`; the last line is libtest's `test result:`
line, which `cargo xtask test` counts (Playwright's own tests count one each).
"""

from __future__ import annotations

import argparse
import http.cookies
import json
import sqlite3
import struct
import uuid
import zlib
import os
import re
import socket
import subprocess
import sys
import threading
import time
import traceback
import ssl
import urllib.request
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

ROOT = Path(__file__).resolve().parents[2]
ORGANISATION = "de-berk"
ORGANISATION_NAME = "Zorggroep De Berk"
ADMIN_EMAIL = "petra.bakker@berk.example"
ADMIN_MOBILE = "+31611223344"
MAIL_FROM = "Zorggroep De Berk <portaal@berk.example>"
SMTP_LOGIN = ("kring", "smtp-wachtwoord")
SMS_TOKEN = "sms-gateway-token"


def certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A certificate authority, and a certificate it signed for 127.0.0.1, made with
    Debian's openssl: (CA certificate, server certificate, server key)."""
    ca_key, ca = folder / "ca.key", folder / "ca.pem"
    key, csr, cert = folder / "smtp.key", folder / "smtp.csr", folder / "smtp.pem"
    extensions = folder / "smtp.ext"
    extensions.write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")

    def openssl(*args: str):
        subprocess.run(["openssl", *args], check=True, capture_output=True)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
            "/CN=Kring test CA", "-keyout", str(ca_key), "-out", str(ca))
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
            "-keyout", str(key), "-out", str(csr))
    openssl("x509", "-req", "-in", str(csr), "-CA", str(ca), "-CAkey", str(ca_key),
            "-CAcreateserial", "-days", "2", "-extfile", str(extensions), "-out", str(cert))
    return ca, cert, key


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """aiosmtpd's handler: keeps each message, and writes it to `mail.jsonl` for the
    browser test to read. Recipients listed in `refuse.txt` (one a line; the browser
    test writes it) are refused as a mail server refuses an unknown mailbox."""

    def __init__(self, path: Path, refuse: Path):
        self.path = path
        self.refuse = refuse
        self.messages: list[dict] = []
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refused = self.refuse.read_text().split() if self.refuse.exists() else []
        if address in refused:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        plain = parsed.get_body(("plain",))
        entry = {
            # The text part, decoded (lettre may send it quoted-printable or base64).
            "text": plain.get_content() if plain is not None else "",
            "login": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
            "tls": session.ssl is not None,
            "from": envelope.mail_from,
            "to": list(envelope.rcpt_tos),
            "data": envelope.content.decode("utf-8", "replace"),
        }
        with self.lock:
            self.messages.append(entry)
            with self.path.open("a") as f:
                f.write(json.dumps(entry) + "\n")
        return "250 OK"

    def to(self, address: str) -> list[dict]:
        with self.lock:
            return [m for m in self.messages if address in m["to"]]


def authenticator(server, session, envelope, mechanism, auth_data):
    fine = isinstance(auth_data, LoginPassword) and (
        auth_data.login.decode(),
        auth_data.password.decode(),
    ) == SMTP_LOGIN
    return AuthResult(success=fine, handled=False, auth_data=auth_data)


class Gateway:
    """The recording SMS gateway: every POST is kept (and written to `sms.jsonl`)."""

    def __init__(self, path: Path):
        self.path = path
        self.requests: list[dict] = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                entry = {
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "json": json.loads(body or b"null"),
                }
                gateway.requests.append(entry)
                with gateway.path.open("a") as f:
                    f.write(json.dumps(entry) + "\n")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def wait_for(what: str, check, seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"waited {seconds:.0f} s for {what}")


class Suite:
    def __init__(self, args):
        self.args = args
        self.work = Path(args.work_dir)
        self.work.mkdir(parents=True, exist_ok=True)
        self.data = self.work / "data"
        self.mailbox = Mailbox(self.work / "mail.jsonl", self.work / "refuse.txt")
        self.ca, cert, key = certificates(self.work)
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(cert, key)
        self.smtp = Controller(
            self.mailbox,
            hostname="127.0.0.1",
            port=free_port(),
            authenticator=authenticator,
            auth_required=True,
            tls_context=tls,
            require_starttls=True,
        )
        self.smtp.start()
        self.gateway = Gateway(self.work / "sms.jsonl")
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.work / "server.log"
        self.server: subprocess.Popen | None = None
        self.passed = 0
        self.failed = 0

    # --- the server -------------------------------------------------------------

    def environment(self, senders: bool = True) -> dict:
        env = {
            k: v for k, v in os.environ.items() if not k.startswith("KRING_")
        }
        env.update(
            {
                "KRING_ORGANISATION": ORGANISATION,
                "KRING_DATA_DIR": str(self.data),
                "KRING_HOST": "127.0.0.1",
                "KRING_PORT": str(self.port),
                "KRING_SPA_DIR": self.args.spa_dir,
                # Everything the server logs at info, requests included.
                "KRING_LOG": "info,sqlx=warn,tower_http=debug",
            }
        )
        if senders:
            env.update(
                {
                    "KRING_PUBLIC_URL": self.base_url,
                    "KRING_SMTP_URL": f"smtp://{SMTP_LOGIN[0]}:{SMTP_LOGIN[1]}@127.0.0.1:{self.smtp.port}?tls=required",
                    "KRING_SMTP_CA_FILE": str(self.ca),
                    "KRING_MAIL_FROM": MAIL_FROM,
                    "KRING_SMS_GATEWAY": "webhook",
                    "KRING_SMS_URL": f"http://127.0.0.1:{self.gateway.port}/sms",
                    "KRING_SMS_TOKEN": SMS_TOKEN,
                }
            )
        return env

    def command(self, *args: str, senders: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [self.args.server, *args],
            env=self.environment(senders),
            capture_output=True,
            text=True,
            timeout=60,
        )

    def start(self, extra_env: dict | None = None):
        log = self.log_path.open("a")
        self.server = subprocess.Popen(
            [self.args.server],
            env={**self.environment(), **(extra_env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )

        def answers():
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=2) as r:
                    return r.status == 200
            except OSError:
                return False

        wait_for("the server to answer", answers, 60)

    def stop(self):
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=30)
            self.server = None

    # --- running tests -----------------------------------------------------------

    def test(self, name: str, body):
        try:
            body()
        except Exception:  # noqa: BLE001 - every failure is reported, then the run goes on
            self.failed += 1
            print(f"test {name} ... FAILED")
            traceback.print_exc()
        else:
            self.passed += 1
            print(f"test {name} ... ok")
        sys.stdout.flush()

    # --- the tests ------------------------------------------------------------------

    def missing_settings(self):
        result = self.command(senders=False)
        assert result.returncode != 0, "a production server without senders started"
        for setting in ("KRING_PUBLIC_URL", "KRING_SMTP_URL", "KRING_MAIL_FROM", "KRING_SMS_GATEWAY"):
            assert setting in result.stderr, f"{setting} not named in: {result.stderr}"
        assert not (self.data / "kring.sqlite").exists(), "it touched the database before stopping"

    def init(self):
        args = [
            "init",
            "--name", ORGANISATION_NAME,
            "--emergency-phone", "030 765 43 21",
            "--admin-name", "Petra Bakker",
            "--admin-email", ADMIN_EMAIL,
            "--admin-mobile", "06 11223344",
        ]
        first = self.command(*args)
        assert first.returncode == 0, first.stderr
        assert "is set up" in first.stdout, first.stdout
        second = self.command(*args)
        assert second.returncode != 0, "init ran twice"
        assert "exists already" in second.stderr, second.stderr

    def activation_email(self):
        self.start()
        mail = wait_for("the activation e-mail", lambda: self.mailbox.to(ADMIN_EMAIL))[0]
        assert mail["tls"], "the e-mail was not sent over TLS"
        assert mail["login"] == SMTP_LOGIN[0], f"the server did not log in: {mail['login']!r}"
        assert mail["from"] == "portaal@berk.example", mail["from"]
        message = message_from_bytes(mail["data"].encode(), policy=policy.default)
        assert message["From"] == MAIL_FROM, message["From"]
        assert ORGANISATION_NAME in message["Subject"], message["Subject"]
        assert re.fullmatch(r"<[0-9a-f]{32}@berk\.example>", message["Message-ID"]), message["Message-ID"]
        assert message.get_content_type() == "multipart/alternative", message.get_content_type()
        text = mail["text"]
        html = message.get_body(("html",)).get_content()
        link = re.search(rf"{re.escape(self.base_url)}/activeren#\S+", text)
        assert link, text
        assert f'href="{link.group(0)}"' in html, html

    def browser(self):
        report = self.work / "playwright-report.json"
        report.unlink(missing_ok=True)
        env = dict(os.environ)
        env.update(
            {
                "KRING_BASE_URL": self.base_url,
                "KRING_DEMO_DATA": "production",
                "KRING_CHROMIUM": self.args.chromium,
                "KRING_MAILBOX": str(self.work / "mail.jsonl"),
                "KRING_SMTP_REFUSE": str(self.work / "refuse.txt"),
                "KRING_SMS_LOG": str(self.work / "sms.jsonl"),
                "PLAYWRIGHT_JSON_OUTPUT_NAME": str(report),
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1",
            }
        )
        status = subprocess.run(
            [self.args.playwright, "test", "--config", "tests/e2e/playwright.config.ts"],
            cwd=ROOT,
            env=env,
        ).returncode
        stats = json.loads(report.read_text())["stats"] if report.exists() else None
        if stats is None:
            self.failed += 1
            print("test the browser journey ... FAILED (Playwright wrote no report)")
            return
        passed = stats.get("expected", 0) + stats.get("flaky", 0)
        failed = stats.get("unexpected", 0)
        if status != 0 and failed == 0:
            failed = 1
        if passed + failed == 0:
            failed = 1
            print("test the browser journey ... FAILED (no test ran)")
        self.passed += passed
        self.failed += failed

    def sms(self):
        texts = [r for r in self.gateway.requests if r["json"] and r["json"].get("to") == ADMIN_MOBILE]
        assert texts, f"no text message to {ADMIN_MOBILE}: {self.gateway.requests}"
        request = texts[-1]
        assert request["path"] == "/sms", request["path"]
        assert request["headers"].get("authorization") == f"Bearer {SMS_TOKEN}", request["headers"]
        key = request["headers"].get("idempotency-key")
        assert key and re.fullmatch(r"[0-9a-f]{32}", key), key
        assert request["json"]["reference"] == key, request["json"]
        assert re.search(r"\b\d{6}\b", request["json"]["text"]), request["json"]["text"]

    def no_secrets_in_the_log(self):
        log = self.log_path.read_text()
        assert "outbox: delivered" in log, "the log has no delivery lines: is it the server's log?"
        secrets = []
        for mail in self.mailbox.messages:
            secrets += re.findall(r"#([A-Za-z0-9_-]{20,})", mail["text"])
        for request in self.gateway.requests:
            secrets += re.findall(r"\b(\d{6})\b", (request["json"] or {}).get("text", ""))
        assert secrets, "found no tokens or codes to look for"
        for secret in secrets:
            for line in log.splitlines():
                assert secret not in line, f"a secret reached the log: {line}"

    def restart(self):
        self.stop()
        # Ten organisations set up while the server is down: ten activation e-mails wait.
        addresses = [f"beheer{i}@berk.example" for i in range(10)]
        for i, address in enumerate(addresses):
            result = self.command(
                "--organisation", f"berk-{i}",
                "init",
                "--name", f"Locatie {i}",
                "--emergency-phone", "030 765 43 21",
                "--admin-name", f"Beheerder {i}",
                "--admin-email", address,
                "--admin-mobile", f"06 2000000{i}",
            )
            assert result.returncode == 0, result.stderr
        assert not any(self.mailbox.to(a) for a in addresses), "sent while the server was down"
        self.start()
        wait_for("ten e-mails", lambda: all(self.mailbox.to(a) for a in addresses))
        # Another few rounds of the worker: nothing more may arrive.
        time.sleep(12)
        counts = {a: len(self.mailbox.to(a)) for a in addresses}
        assert all(n == 1 for n in counts.values()), counts
        ids = {
            message_from_bytes(m["data"].encode(), policy=policy.default)["Message-ID"]
            for a in addresses
            for m in self.mailbox.to(a)
        }
        assert len(ids) == 10, ids

    # --- photos: a crash during an upload -----------------------------------------------

    def api(self, method: str, path: str, body: bytes | None = None, content_type: str = "application/json",
            cookie: str | None = None, timeout: float = 30):
        """One request to the API as the app sends it (its CSRF header and own origin)."""
        request = urllib.request.Request(f"{self.base_url}/api/v1{path}", data=body, method=method)
        request.add_header("Origin", self.base_url)
        request.add_header("X-Kring-CSRF", "1")
        if body is not None:
            request.add_header("Content-Type", content_type)
        if cookie:
            request.add_header("Cookie", cookie)
        return urllib.request.urlopen(request, timeout=timeout)

    def sign_in_administrator(self) -> str:
        """Signs the first administrator in (the password the browser journey chose, the
        code the SMS gateway received) and returns the session cookie."""
        password = re.search(r"ADMIN_PASSWORD = '([^']+)'",
                             (ROOT / "tests/e2e/production/first-administrator.spec.ts").read_text()).group(1)
        seen = len([r for r in self.gateway.requests if (r["json"] or {}).get("to") == ADMIN_MOBILE])
        with self.api("POST", "/auth/sign-in", json.dumps({"email": ADMIN_EMAIL, "password": password}).encode()) as r:
            attempt = json.load(r)["attempt"]
        texts = wait_for("the sign-in code", lambda: (
            lambda t: t if len(t) > seen else None)(
            [r for r in self.gateway.requests if (r["json"] or {}).get("to") == ADMIN_MOBILE]))
        code = re.search(r"\b(\d{6})\b", texts[-1]["json"]["text"]).group(1)
        with self.api("POST", "/auth/sign-in/code", json.dumps({"attempt": attempt, "code": code}).encode()) as r:
            cookies = http.cookies.SimpleCookie()
            for header in r.headers.get_all("Set-Cookie"):
                cookies.load(header)
        session = cookies.get("kring-session")
        assert session is not None, "no session cookie"
        return f"kring-session={session.value}"

    def add_client(self, cookie: str) -> int:
        """A team and a client in it, registered through the staff endpoints as the
        administrator, as the organisation's own set-up does."""
        team = json.dumps({"name": "Team Foto's", "emergency_phone": None}).encode()
        with self.api("POST", "/staff/teams", team, cookie=cookie) as r:
            team_id = json.load(r)["id"]
        client = json.dumps({
            "client_number": "BERK-FOTO-1", "first_name": "Kees", "family_name": "Visser",
            "date_of_birth": "1950-03-01", "team_id": team_id, "care_relation_start": "2024-01-01",
        }).encode()
        with self.api("POST", "/staff/clients", client, cookie=cookie) as r:
            assert r.status == 201, r.status
            return json.load(r)["id"]

    @staticmethod
    def small_png() -> bytes:
        width, height = 64, 48
        rows = b"".join(b"\x00" + b"".join(bytes([x * 3 % 256, y * 5 % 256, 120]) for x in range(width))
                        for y in range(height))

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")

    def photo_files(self) -> list[Path]:
        folder = self.data / "photos"
        return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []

    def photo_rows(self) -> int:
        with sqlite3.connect(self.data / "kring.sqlite") as db:
            return db.execute("SELECT COUNT(*) FROM photos").fetchone()[0]

    def crash_during_upload(self):
        self.stop()
        assert self.photo_files() == [], f"photo files before the test: {self.photo_files()}"
        # Files written, then a minute before the row: the test kills the server in between.
        self.start({"KRING_TEST_PHOTO_ROW_DELAY_MS": "60000"})
        log_start = self.log_path.stat().st_size
        cookie = self.sign_in_administrator()
        client_id = self.add_client(cookie)
        boundary = uuid.uuid4().hex
        body = (
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"client_id\"\r\n\r\n{client_id}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
            "Content-Type: image/png\r\n\r\n"
        ).encode() + self.small_png() + f"\r\n--{boundary}--\r\n".encode()
        outcome: dict = {}

        def upload():
            try:
                with self.api("POST", "/staff/photos", body, f"multipart/form-data; boundary={boundary}",
                              cookie=cookie, timeout=120) as r:
                    outcome["status"] = r.status
            except Exception as error:  # noqa: BLE001 - the server is killed under it
                outcome["error"] = error

        uploading = threading.Thread(target=upload, daemon=True)
        uploading.start()

        def waiting_before_the_row():
            with self.log_path.open() as log:
                log.seek(log_start)
                return "waiting before the photo's row" in log.read()

        wait_for("the upload's files to be written", waiting_before_the_row)
        files = self.photo_files()
        assert files and all(f.suffix == ".jpg" for f in files), files
        assert self.photo_rows() == 0, "the row was written before the kill"
        self.server.kill()
        self.server.wait(timeout=30)
        self.server = None
        uploading.join(timeout=30)
        assert "status" not in outcome, f"the upload finished: {outcome}"
        assert all(f.exists() for f in files), "the files went before the restart"

        self.start()
        wait_for("the start-up sweep to remove the files", lambda: self.photo_files() == [], 20)
        assert not any(p.is_dir() for p in (self.data / "photos").iterdir()), "an empty photo folder was left"
        # No row: no gallery lists it.
        assert self.photo_rows() == 0
        # The restarted server stores an upload as usual, and keeps its files.
        cookie = self.sign_in_administrator()
        with self.api("POST", "/staff/photos", body, f"multipart/form-data; boundary={boundary}",
                      cookie=cookie) as r:
            assert r.status == 201, r.status
        assert self.photo_rows() == 1
        assert len(self.photo_files()) == 1, self.photo_files()

    def second_server_refused(self):
        assert self.server is not None and self.server.poll() is None, "the first server is not running"
        env = {**self.environment(), "KRING_PORT": str(free_port())}
        second = subprocess.run([self.args.server], env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode != 0, "a second server started on the same data folder"
        assert "in use by another kring-server" in second.stderr, second.stderr
        assert str(self.data) in second.stderr, second.stderr
        with urllib.request.urlopen(f"{self.base_url}/healthz/ready", timeout=5) as r:
            assert r.status == 200, "the first server stopped answering"

    def run(self) -> int:
        try:
            self.test("a production start without senders names every missing setting", self.missing_settings)
            self.test("init sets up the organisation once", self.init)
            self.test("the activation e-mail arrives over SMTP with STARTTLS as text and HTML", self.activation_email)
            if self.server is not None:
                self.browser()
                self.test("the sign-in code reaches the SMS gateway", self.sms)
                self.test("no log line holds a link token or a code", self.no_secrets_in_the_log)
            self.test("ten messages waiting through a restart are each sent exactly once", self.restart)
            self.test("a photo upload cut off by a kill leaves no file and no photo", self.crash_during_upload)
            self.test("a second server on the same data folder is refused", self.second_server_refused)
        finally:
            self.stop()
            self.smtp.stop()
            self.gateway.server.shutdown()
        outcome = "ok" if self.failed == 0 else "FAILED"
        print(f"test result: {outcome}. {self.passed} passed; {self.failed} failed; 0 ignored")
        return 0 if self.failed == 0 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True, help="the kring-server binary")
    parser.add_argument("--spa-dir", required=True, help="the built app (dist/)")
    parser.add_argument("--work-dir", required=True, help="a folder for data, mail and logs")
    parser.add_argument("--playwright", required=True, help="node_modules/.bin/playwright")
    parser.add_argument("--chromium", required=True, help="the Chromium binary")
    return Suite(parser.parse_args()).run()


if __name__ == "__main__":
    sys.exit(main())
