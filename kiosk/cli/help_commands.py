"""`kiosk help topics|places|open|list|claim|call|assign|wait-docs|done|cancel|not-present|
resume|show|note`."""

from __future__ import annotations

import argparse

from kiosk.cli.common import cli_actor, emit, kiosk_id, open_context, settings_of, whole_number
from kiosk.cli.slip_printing import emit_printed, language_option, slip_language
from kiosk.devices.slips import help_request_slip
from kiosk.services import help_requests
from kiosk.services.views import HelpRequestView


def register(commands: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    group = commands.add_parser("help", help="help requests for benefit applications")
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION")

    sub.add_parser("topics", parents=[parent], help="the configured help topics").set_defaults(
        handler=_topics
    )
    sub.add_parser(
        "places", parents=[parent], help="the help desks requests are called to"
    ).set_defaults(handler=_places)

    open_ = sub.add_parser("open", parents=[parent], help="open a help request")
    open_.add_argument("topic", help="topic id, see `kiosk help topics`")
    open_.add_argument(
        "--has-credentials",
        action="store_true",
        help="the client has their own bank credentials with them",
    )
    open_.add_argument("--has-documents", action="store_true", help="the client has the documents")
    open_.add_argument("--interpreter", action="store_true", help="the client needs an interpreter")
    open_.add_argument("--kiosk", type=kiosk_id, metavar="ID", help="open it as this kiosk screen")
    language_option(open_)
    open_.set_defaults(handler=_open)

    listing = sub.add_parser("list", parents=[parent], help="the help-request queue")
    listing.add_argument("--by", metavar="ACTOR", help="as whom, e.g. worker:12")
    listing.set_defaults(handler=_list)

    for name, use_case, text in (
        ("claim", help_requests.claim, "start helping (staff or peer worker)"),
        ("wait-docs", help_requests.wait_for_documents, "waiting for the client's documents"),
        ("done", help_requests.done, "mark done"),
        ("cancel", help_requests.cancel, "cancel"),
        ("not-present", help_requests.not_present, "the client was not there"),
    ):
        command = sub.add_parser(name, parents=[parent], help=text)
        command.add_argument("code", help="H003 or the return code from the slip")
        command.add_argument(
            "--by",
            metavar="ACTOR",
            required=name == "claim",
            help="who, e.g. staff:anna or worker:12",
        )
        if name == "claim":
            command.add_argument(
                "--place",
                metavar="ID",
                help="call it to this help desk too (a peer worker's claim always calls it)",
            )
        command.set_defaults(handler=_transition, use_case=use_case)

    call = sub.add_parser(
        "call", parents=[parent], help="call a request to a help desk (again: a recall)"
    )
    call.add_argument("code", help="H003 or the return code from the slip")
    call.add_argument("--place", required=True, metavar="ID", help="see `kiosk help places`")
    call.add_argument("--by", metavar="ACTOR", help="who, e.g. staff:anna or worker:12")
    call.set_defaults(handler=_call)

    assign = sub.add_parser(
        "assign", parents=[parent], help="give a request to a peer worker who is signed in"
    )
    assign.add_argument("code", help="H003 or the return code from the slip")
    assign.add_argument("--worker", type=whole_number, required=True, metavar="N")
    assign.add_argument("--by", metavar="ACTOR", help="who, e.g. staff:anna")
    assign.set_defaults(handler=_assign)

    resume = sub.add_parser(
        "resume", parents=[parent], help="the client is back with the return code from their slip"
    )
    resume.add_argument("code")
    resume.set_defaults(handler=_resume)

    show = sub.add_parser("show", parents=[parent], help="a request's details (logged)")
    show.add_argument("code")
    show.add_argument("--by", metavar="ACTOR")
    show.set_defaults(handler=_show)

    note = sub.add_parser(
        "note", parents=[parent], help="add a staff note (deleted after retention)"
    )
    note.add_argument("code")
    note.add_argument("--text", required=True)
    note.add_argument("--by", metavar="ACTOR")
    note.set_defaults(handler=_note)


def describe(request: HelpRequestView) -> str:
    where = (
        f"position {request.position}, about {request.estimated_wait_min} min"
        if request.position
        else (request.claimed_by or "")
    )
    parts = [request.code, request.resume_code, request.topic, request.status.replace("_", " ")]
    parts.append(where)
    if request.place:
        parts.append(f"called to {request.place}")
    if request.assigned_to:
        parts.append(f"assigned to {request.assigned_to}")
    # A peer worker's list has no return codes: no gap where one would be.
    return "  ".join(part for part in parts if part)


def _topics(args: argparse.Namespace) -> int:
    topics = settings_of(args).help.topics
    value = [
        {
            "id": t.id,
            "names": t.names.model_dump(),
            "staff_only": t.staff_only,
            "guide_url": t.guide_url,
            "checklist": t.checklist.model_dump(),
        }
        for t in topics
    ]
    text = "\n".join(f"{t.id:28} {t.names.fi}" + ("  (staff only)" * t.staff_only) for t in topics)
    emit(args, value, text)
    return 0


def _places(args: argparse.Namespace) -> int:
    help_settings = settings_of(args).help
    peers = help_settings.peer_workers_place()
    value = [
        {"id": p.id, "names": p.names.model_dump(), "peer_workers": p == peers}
        for p in help_settings.places
    ]
    text = "\n".join(
        f"{p.id:12} {p.names.fi}" + ("  (peer workers' claims)" * (p == peers))
        for p in help_settings.places
    )
    emit(args, value, text or "no help desks configured (help.places)")
    return 0


def _open(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    request = help_requests.open_request(
        ctx,
        args.topic,
        has_credentials=args.has_credentials,
        has_documents=args.has_documents,
        needs_interpreter=args.interpreter,
        kiosk_id=args.kiosk,
    )
    language = slip_language(ctx, args)
    emit_printed(
        args,
        ctx,
        request,
        describe(request),
        lambda: help_request_slip(request, ctx.settings, language),
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    requests = help_requests.queue(open_context(args), by=cli_actor(args), record_view=True)
    emit(
        args,
        [r.to_json() for r in requests],
        "\n".join(describe(r) for r in requests) or "no open help requests",
    )
    return 0


def _transition(args: argparse.Namespace) -> int:
    ctx, by = open_context(args), cli_actor(args)
    if args.use_case is help_requests.claim:
        request = help_requests.claim(ctx, args.code, by=by, place=args.place)
    else:
        request = args.use_case(ctx, args.code, by=by)
    emit(args, request.to_json(), describe(request))
    return 0


def _call(args: argparse.Namespace) -> int:
    request = help_requests.call(open_context(args), args.code, args.place, by=cli_actor(args))
    emit(args, request.to_json(), describe(request))
    return 0


def _assign(args: argparse.Namespace) -> int:
    request = help_requests.assign(open_context(args), args.code, args.worker, by=cli_actor(args))
    emit(args, request.to_json(), describe(request))
    return 0


def _resume(args: argparse.Namespace) -> int:
    request = help_requests.resume(open_context(args), args.code)
    emit(args, request.to_json(), describe(request))
    return 0


def _show(args: argparse.Namespace) -> int:
    found = help_requests.details(open_context(args), args.code, by=cli_actor(args))
    lines = [describe(found.request)]
    lines += [f"  note {n.written_at:%Y-%m-%d %H:%M} {n.written_by}: {n.text}" for n in found.notes]
    lines += [f"  {e.at:%Y-%m-%d %H:%M} {e.actor} @ {e.device}: {e.action}" for e in found.history]
    value = {
        **found.request.to_json(),
        "notes": [
            {"written_at": n.written_at.isoformat(), "written_by": n.written_by, "text": n.text}
            for n in found.notes
        ],
        "history": [
            {"at": e.at.isoformat(), "actor": e.actor, "device": e.device, "action": e.action}
            for e in found.history
        ],
    }
    emit(args, value, "\n".join(lines))
    return 0


def _note(args: argparse.Namespace) -> int:
    help_requests.add_note(open_context(args), args.code, args.text, by=cli_actor(args))
    emit(args, {"ok": True}, "note saved")
    return 0
