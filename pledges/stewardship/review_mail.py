"""The e-mail asking the other editors to review a proposed target change."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid


def message(
    recipients: list[str],
    change_id: int,
    what: str,
    change: str,
    proposed_by: str,
    source: str,
    reason: str,
    public_url: str,
    mail_from: str,
) -> EmailMessage:
    """One plain-text message to every other editor: what would change, why, and where."""
    page = f"{public_url.rstrip('/')}/targets"
    msg = EmailMessage()
    msg["Subject"] = f"Pledge Tracker: target change {change_id} to review ({change})"
    msg["From"] = mail_from
    msg["To"] = ", ".join(recipients)
    msg["Message-ID"] = make_msgid(domain=mail_from.rpartition("@")[2] or None)
    msg.set_content(
        "\n".join(
            [
                f"{proposed_by} proposes a target change ({change}):",
                "",
                f"  {what}",
                "",
                f"Source: {source}",
                f"Reason: {reason}",
                "",
                f"Approve or reject it on the Targets page, {page}, or with",
                f"  python -m pledges target approve {change_id} --user YOU",
                "",
                "Nobody may approve their own proposal; it takes effect when approved.",
            ]
        )
        + "\n"
    )
    return msg
