"""Schemathesis hooks for the apifuzz suite (loaded through SCHEMATHESIS_HOOKS=hooks).

`KRING_FUZZ_CONTEXT` names a JSON file written by fuzz.py: the signed-in user's own
client and data ids, and for every other client the ids of its data and the texts that
identify it (name, e-mail address, mobile number, date of birth, client number).
"""

from __future__ import annotations

import json
import os

import schemathesis

CONTEXT = json.loads(open(os.environ["KRING_FUZZ_CONTEXT"], encoding="utf-8").read())
OWN = CONTEXT["own"]
OTHERS = CONTEXT["others"]

# Path parameters that name a client's data, and the kind of data in the facts.
PARAMETER_KINDS = {
    "client_id": "client_ids",
    "report_id": "reports",
    "note_id": "notes",
    "photo_id": "photos",
    "plan_id": "care_plans",
    "contact_id": "contacts",
    "invitation_id": "invitations",
}


def _known(kind: str) -> list[int]:
    """Ids of both the user's own data and the other clients' data, own first."""
    if kind == "client_ids":
        values = [OWN["client_id"], *OWN["portal_ids"], *(o["client_id"] for o in OTHERS)]
    else:
        values = [*OWN.get(kind, [])[:3], *(i for o in OTHERS for i in o.get(kind, [])[:3])]
    return list(dict.fromkeys(values))


@schemathesis.hook
def map_path_parameters(context, path_parameters):
    """Random ids almost never exist. Most generated ids are turned into real ones, the
    user's own and the other client's, so the requests reach data and authorisation;
    which one depends on the generated value, so a seed gives the same requests."""
    if not path_parameters:
        return path_parameters
    for name, kind in PARAMETER_KINDS.items():
        value = path_parameters.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            known = _known(kind)
            if known:
                index = value % (len(known) + 1)
                if index < len(known):
                    path_parameters[name] = known[index]
    return path_parameters


@schemathesis.hook
def before_call(context, case, kwargs):
    """Ending the portal or leaving the circle is sent, but never confirmed: a confirmed
    end stops the portal for good and every later portal request would only get 403."""
    operation_id = (case.operation.definition.raw or {}).get("operationId")
    if operation_id in ("end_portal", "leave_circle") and isinstance(case.body, dict):
        if case.body.get("confirm") is True:
            case.body["confirm"] = False


def _kinds_for(path: str) -> list[str]:
    segments = path.split("/")
    if "reports" in segments:
        return ["reports"]
    if "notes" in segments:
        return ["notes"]
    if "photos" in segments:
        return ["photos"]
    if "care-plan" in segments or "care-plans" in segments:
        return ["care_plans"]
    if "correction-requests" in segments:
        return ["correction_requests"]
    if "contacts" in segments:
        return ["contacts"]
    if "invitations" in segments and "network" in segments:
        return ["invitations"]
    return []


def _ids_in(kind: str, data) -> set[int]:
    """The ids of `kind` objects in a response body of that kind's operations."""
    if not isinstance(data, dict):
        return set()
    if kind == "care_plans":
        ids = {data.get("id")}
        ids.update(v.get("id") for v in data.get("versions", []) if isinstance(v, dict))
        return {i for i in ids if isinstance(i, int)}
    items = data.get("items")
    if isinstance(items, list):
        return {i.get("id") for i in items if isinstance(i, dict) and isinstance(i.get("id"), int)}
    return {data["id"]} if isinstance(data.get("id"), int) else set()


def _client_ids_in(data, found: set[int]) -> set[int]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "client_id" and isinstance(value, int):
                found.add(value)
            else:
                _client_ids_in(value, found)
    elif isinstance(data, list):
        for value in data:
            _client_ids_in(value, found)
    return found


@schemathesis.check
def no_other_clients_data(ctx, response, case):
    """A response to one user never contains identifying data of another client: the
    client's name, e-mail address, mobile number, date of birth or client number, its
    client id as `client_id` or in a portal address, or the id of one of its reports,
    notes, photos, care plans, correction requests, contacts or invitations."""
    content_type = response.headers.get("content-type", [""])
    content_type = content_type[0] if isinstance(content_type, list) else content_type
    if not any(kind in content_type for kind in ("json", "text", "svg")):
        return None
    text = response.text or ""
    try:
        data = json.loads(text) if "json" in content_type else None
    except ValueError:
        data = None
    if isinstance(data, dict) and "problem" in content_type:
        # A problem's `instance` is the address this request asked for, not data.
        data.pop("instance", None)
        text = json.dumps(data, ensure_ascii=False)
    lowered = text.lower()
    for other in OTHERS:
        for marker in other["texts"]:
            if marker.lower() in lowered:
                raise AssertionError(
                    f"Response to {CONTEXT['user']} contains {marker!r}, which identifies "
                    f"another client ({other['name']})"
                )
        if f"/portals/{other['client_id']}/" in text:
            raise AssertionError(
                f"Response to {CONTEXT['user']} contains the portal address of another client "
                f"({other['name']}, client {other['client_id']})"
            )
    if data is None:
        return None
    foreign_clients = {o["client_id"] for o in OTHERS}
    leaked = _client_ids_in(data, set()) & foreign_clients
    if leaked:
        raise AssertionError(
            f"Response to {CONTEXT['user']} names client_id {sorted(leaked)} of another client"
        )
    for kind in _kinds_for(case.operation.path):
        foreign = {i for o in OTHERS for i in o.get(kind, [])}
        leaked = _ids_in(kind, data) & foreign
        if leaked:
            raise AssertionError(
                f"Response to {CONTEXT['user']} contains {kind} {sorted(leaked)} of another client"
            )
    return None
