"""API fuzzing of a running demo server with Schemathesis (`cargo xtask test --suite apifuzz`).

Signs in two clients of the same organisation, Daan Visser and Lotte Dekker (De Linde),
each in their own portal, and then a care professional of Daan's team (not Lotte's), and
runs Schemathesis against `/api/v1/openapi.json` once per user and phase:

- examples: one positive case per operation (the document has no examples; filled in);
- coverage: Schemathesis's deterministic boundary and invalid-data cases (negative mode);
- fuzzing: generated positive and negative cases;
- stateful: sequences of calls along links Schemathesis infers (dependency analysis of
  the schemas, Location headers); the document declares no OpenAPI links. Schemathesis
  reports the whole phase as one test.

Checks on every response: not_a_server_error, status_code_conformance,
content_type_conformance, response_schema_conformance, negative_data_rejection (input
the document calls invalid must be refused), and `no_other_clients_data` (hooks.py):
nothing one user receives may identify the other client (for the care professional:
Lotte, who is not a client of that team).

Operations left out, and why:

- `/api/v1/dev/*`: demo-mode helpers, not part of the product; moving the demo clock
  would also end every session and portal on the server.
- `POST /session/sign-out` and `POST /session/sign-out-everywhere`: they end the
  session the run uses, after which every further request is a (documented) 401 and the
  run would test nothing. Their behaviour is tested in `crates/server/src/auth/tests.rs`.

`POST /portals/{client_id}/end` and `POST /portals/{client_id}/leave` stay in, but the
hooks never let them confirm (`confirm: true` becomes `false`): a confirmed end would stop
the portal for good and every later portal request would be a 403.

After each run the driver checks that the user's session is still signed in, so a run
that lost its session fails instead of passing on 401s.

Each (user, operation, phase) that Schemathesis reports in its JUnit file is one test;
the last line is libtest's `test result:` line, which `cargo xtask test` counts.
Generation is derandomized by default (Hypothesis `derandomize`: the same inputs on every
run, as CI needs; Schemathesis then uses no seed). `--seed N` (from xtask:
`KRING_FUZZ_SEED=N`) generates randomly from that seed instead, reproducible with the
same N; the seed in use is printed first and last.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from http.cookies import SimpleCookie
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEMO_PASSWORD = "kring-demo-wachtwoord"

# The demo clients whose data is checked: the client's own e-mail address and mobile
# number (for the SMS code in the dev outbox), and facts that identify the client (from
# crates/server/src/demo/mod.rs); the client number is read from the caseload.
CLIENTS = {
    "daan": {
        "email": "daan@demo.example",
        "mobile": "+31600000001",
        "client_name": "Daan Visser",
        "born": "1994-03-12",
    },
    "lotte": {
        "email": "lotte@demo.example",
        "mobile": "+31600000004",
        "client_name": "Lotte Dekker",
        "born": "1979-02-17",
    },
}

# The fuzzed users, in order: each client in their own portal, then a care professional
# of Daan's team (not Lotte's). The care professional runs last: staff may suspend a
# portal or end a care relation, which would leave the clients' runs nothing to test.
USERS = [
    {"key": "daan", "email": "daan@demo.example", "mobile": "+31600000001",
     "works_for": "daan", "others": ["lotte"]},
    {"key": "lotte", "email": "lotte@demo.example", "mobile": "+31600000004",
     "works_for": "lotte", "others": ["daan"]},
    {"key": "zorg", "email": "zorg@demo.example", "mobile": "+31600000032",
     "works_for": "daan", "others": ["lotte"], "staff": True},
]

# The organisation administrator: only used before fuzzing, to read both clients'
# client numbers from the caseload (clients never see them).
ADMIN = {"email": "beheer@demo.example", "mobile": "+31600000033"}

PHASES = ["examples", "coverage", "fuzzing", "stateful"]

EXCLUDED_PATHS_REGEX = r"^/api/v1/dev/"
EXCLUDED_OPERATION_IDS = ["sign_out", "sign_out_everywhere"]

CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "no_other_clients_data",
]


class Api:
    """A tiny HTTP client with one session cookie, sending the app's CSRF header."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.cookie: str | None = None

    def call(self, method: str, path: str, body: object = None) -> tuple[int, object, dict]:
        headers = {"Accept": "application/json", "Accept-Language": "nl"}
        data = None
        if method != "GET":
            headers["X-Kring-CSRF"] = "1"
            headers["Origin"] = self.base_url
            headers["Content-Type"] = "application/json"
            data = json.dumps(body).encode()
        if self.cookie:
            headers["Cookie"] = f"kring-session={self.cookie}"
        request = urllib.request.Request(self.base_url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, raw, response_headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, raw, response_headers = error.code, error.read(), error.headers
        for set_cookie in response_headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(set_cookie)
            if "kring-session" in jar:
                self.cookie = jar["kring-session"].value
        payload = json.loads(raw) if raw and raw[:1] in (b"{", b"[", b"n") else raw
        return status, payload, dict(response_headers)

    def expect(self, method: str, path: str, body: object = None, status: int = 200) -> object:
        got, payload, _ = self.call(method, path, body)
        if got != status:
            raise RuntimeError(f"{method} {path}: expected {status}, got {got}: {payload!r}")
        return payload


def sign_in(base_url: str, email: str, mobile: str) -> Api:
    """Password, then the SMS code from the demo outbox; accepts the terms in force."""
    api = Api(base_url)
    challenge = api.expect("POST", "/api/v1/auth/sign-in", {"email": email, "password": DEMO_PASSWORD})
    to = urllib.parse.quote(mobile)
    outbox = api.expect("GET", f"/api/v1/dev/outbox?limit=1&to={to}")
    code = re.search(r"\b(\d{6})\b", outbox["items"][0]["body"]).group(1)
    api.expect("POST", "/api/v1/auth/sign-in/code", {"attempt": challenge["attempt"], "code": code})
    if not api.cookie:
        raise RuntimeError(f"signing in {email} gave no session cookie")
    session = api.expect("GET", "/api/v1/session")
    terms = session["terms"]
    if not terms.get("accepted") and terms.get("current_version") is not None:
        api.expect("POST", f"/api/v1/terms/{terms['current_version']}/acceptance", None, status=204)
    return api


def ids_of(page: object) -> list[int]:
    items = page.get("items", []) if isinstance(page, dict) else []
    return [item["id"] for item in items if isinstance(item, dict) and "id" in item]


def discover(api: Api, client: dict) -> dict:
    """A client's id and the ids of its data, read with the client's own session."""
    session = api.expect("GET", "/api/v1/session")
    own = [p for p in session["portals"] if p["client_name"] == client["client_name"]]
    if len(own) != 1:
        raise RuntimeError(f"{client['email']}: expected one portal of {client['client_name']}: {session['portals']}")
    client_id = own[0]["client_id"]
    base = f"/api/v1/portals/{client_id}"
    facts = {
        "client_id": client_id,
        "portal_ids": [p["client_id"] for p in session["portals"]],
        "reports": ids_of(api.expect("GET", f"{base}/reports?limit=100")),
        "notes": ids_of(api.expect("GET", f"{base}/notes?limit=100")),
        "photos": ids_of(api.expect("GET", f"{base}/photos?limit=100")),
        "correction_requests": ids_of(api.expect("GET", f"{base}/correction-requests")),
        "care_plans": [],
        "contacts": [],
        "invitations": [],
    }
    status, plan, _ = api.call("GET", f"{base}/care-plan")
    if status == 200:
        facts["care_plans"] = sorted({plan["id"], *(v["id"] for v in plan.get("versions", []))})
    network = api.expect("GET", f"{base}/network")
    facts["contacts"] = [c["id"] for c in network.get("contacts", [])]
    facts["invitations"] = [i["id"] for i in network.get("invitations", [])]
    return facts


def caseload(api: Api) -> dict[str, dict]:
    """The staff member's clients by name (every page of the caseload)."""
    clients: dict[str, dict] = {}
    path = "/api/v1/staff/clients?limit=200"
    while True:
        page = api.expect("GET", path)
        clients.update({c["name"]: c for c in page["items"]})
        if not page.get("next_cursor"):
            return clients
        path = f"/api/v1/staff/clients?limit=200&cursor={page['next_cursor']}"


def junit_counts(path: Path) -> tuple[int, int, list[str]]:
    """(passed, failed, failed names) of a Schemathesis JUnit report."""
    if not path.is_file():
        return 0, 0, []
    root = ET.parse(path).getroot()
    passed, failed, names = 0, 0, []
    for case in root.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
            names.append(case.get("name", "?"))
        elif case.find("skipped") is None:
            passed += 1
    return passed, failed, names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True, help="http://127.0.0.1:PORT of a demo server")
    parser.add_argument("--st", required=True, help="the Schemathesis `st` program")
    parser.add_argument("--work-dir", required=True, help="where reports and the per-user facts go")
    parser.add_argument("--seed", type=int, default=None,
                        help="random generation from this seed (default: derandomized, the same "
                             "inputs on every run)")
    parser.add_argument("--max-examples", type=int, default=30)
    parser.add_argument("--stateful-max-steps", type=int, default=8)
    parser.add_argument("--phases", default=",".join(PHASES))
    parser.add_argument("--users", default=",".join(u["key"] for u in USERS))
    args = parser.parse_args()

    base_url = args.base_url.rstrip("/")
    if urllib.parse.urlparse(base_url).hostname not in ("127.0.0.1", "localhost"):
        print("apifuzz: only ever fuzz a server on 127.0.0.1", file=sys.stderr)
        return 2
    work = Path(args.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    if args.seed is None:
        generation = ["--generation-deterministic"]
        seed_text = "none: derandomized generation (the same inputs every run; KRING_FUZZ_SEED=N explores others)"
    else:
        generation = ["--seed", str(args.seed)]
        seed_text = f"{args.seed} (reproduce with KRING_FUZZ_SEED={args.seed})"
    print(f"apifuzz: seed {seed_text}; Schemathesis at most {args.max_examples} examples per "
          f"operation and phase, {args.stateful_max_steps} stateful steps; server {base_url}", flush=True)

    # Both clients' numbers, from the organisation administrator's caseload.
    numbers = {name: c["client_number"]
               for name, c in caseload(sign_in(base_url, ADMIN["email"], ADMIN["mobile"])).items()}
    facts = {}
    for key, client in CLIENTS.items():
        facts[key] = discover(sign_in(base_url, client["email"], client["mobile"]), client)
        facts[key]["client_number"] = numbers.get(client["client_name"])
        print(f"  {client['client_name']}: client {facts[key]['client_id']} "
              f"({facts[key]['client_number']})", flush=True)

    sessions = {}
    for user in USERS:
        sessions[user["key"]] = sign_in(base_url, user["email"], user["mobile"])
        if user.get("staff"):
            # A check of the set-up: the care professional works for one client, not the other.
            names = caseload(sessions[user["key"]])
            for other in user["others"]:
                if CLIENTS[other]["client_name"] in names:
                    raise RuntimeError(f"{user['email']} has {CLIENTS[other]['client_name']} in the caseload")
            if CLIENTS[user["works_for"]]["client_name"] not in names:
                raise RuntimeError(f"{user['email']} does not work for {user['works_for']}")

    chosen_users = [u for u in USERS if u["key"] in args.users.split(",")]
    chosen_phases = [p for p in args.phases.split(",") if p]
    total_passed, total_failed = 0, 0
    started = time.monotonic()
    for user in chosen_users:
        own = dict(facts[user["works_for"]])
        context = {
            "user": user["email"],
            "own": own,
            "others": [
                {
                    "name": CLIENTS[o]["client_name"],
                    "texts": [t for t in (CLIENTS[o]["client_name"], CLIENTS[o]["email"],
                                          CLIENTS[o]["mobile"], CLIENTS[o]["born"],
                                          facts[o]["client_number"]) if t],
                    **facts[o],
                }
                for o in user["others"]
            ],
        }
        context_path = work / f"context-{user['key']}.json"
        context_path.write_text(json.dumps(context, indent=2))
        for phase in chosen_phases:
            junit = work / f"junit-{user['key']}-{phase}.xml"
            junit.unlink(missing_ok=True)
            command = [
                os.path.abspath(args.st), "--no-color", "--config-file", str(HERE / "schemathesis.toml"),
                "run", f"{base_url}/api/v1/openapi.json",
                "--phases", phase,
                "--checks", ",".join(CHECKS),
                "--max-examples", str(args.max_examples),
                *generation,
                "--workers", "1",
                "--exclude-path-regex", EXCLUDED_PATHS_REGEX,
                *[x for op in EXCLUDED_OPERATION_IDS for x in ("--exclude-operation-id", op)],
                "--header", "X-Kring-CSRF: 1",
                "--header", f"Origin: {base_url}",
                "--report", "junit",
                "--report-junit-path", str(junit),
            ]
            env = dict(os.environ)
            env.update({
                "SCHEMATHESIS_HOOKS": "hooks",
                "PYTHONPATH": str(HERE),
                "KRING_FUZZ_CONTEXT": str(context_path),
                "KRING_FUZZ_SESSION": sessions[user["key"]].cookie,
                "KRING_FUZZ_STATEFUL_STEPS": str(args.stateful_max_steps),
            })
            print(f"\n=== {user['email']}: phase {phase}", flush=True)
            t0 = time.monotonic()
            status = subprocess.run(command, env=env, cwd=work).returncode
            passed, failed, names = junit_counts(junit)
            still_in = sessions[user["key"]].call("GET", "/api/v1/session")[1]
            if not isinstance(still_in, dict):
                print(f"apifuzz: {user['email']} lost the session during the {phase} phase", flush=True)
                failed += 1
                sessions[user["key"]] = sign_in(base_url, user["email"], user["mobile"])
            if status != 0 and failed == 0:
                print(f"apifuzz: Schemathesis exited with {status} without a failing test", flush=True)
                failed += 1
            for name in names:
                print(f"test {user['key']} {phase} {name} ... FAILED")
            print(f"--- {user['email']} {phase}: {passed} passed, {failed} failed "
                  f"({time.monotonic() - t0:.0f} s)", flush=True)
            total_passed += passed
            total_failed += failed

    verdict = "ok" if total_failed == 0 else "FAILED"
    print(f"\napifuzz: seed {seed_text}", flush=True)
    print(f"test result: {verdict}. {total_passed} passed; {total_failed} failed; 0 ignored; "
          f"0 measured; 0 filtered out; finished in {time.monotonic() - started:.2f}s", flush=True)
    return 0 if total_failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
