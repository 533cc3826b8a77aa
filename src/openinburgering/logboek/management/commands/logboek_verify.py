"""Check the processing log's hash chain: reports the first broken link, or that the chain is intact."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.logboek.chain import verify_stored_chain


class Command(BaseCommand):
    help = "Controleert de hashketen van het logboek dataverwerkingen en meldt de eerste gebroken schakel."

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_stored_chain()
        if result.intact:
            self.stdout.write(
                _("Keten intact: %(rows)d rijen; kop op plaats %(seq)d, hash %(hash)s.")
                % {"rows": result.rows, "seq": result.head_seq, "hash": result.head_hash}
            )
            return
        link = result.first_broken
        assert link is not None
        where = (
            _("rij %(id)s (tijdstip %(at)s, plaats %(seq)s)")
            % {
                "id": link.row_id,
                "at": timezone.localtime(link.at).isoformat(timespec="seconds") if link.at else "-",
                "seq": link.seq if link.seq is not None else "-",
            }
            if link.row_id is not None
            else _("de kop van de keten (plaats %(seq)s)") % {"seq": link.seq}
        )
        message = _("Eerste gebroken schakel: %(where)s: %(reason)s.")
        self.stdout.write(message % {"where": where, "reason": link.reason})
        raise CommandError(
            _("Keten gebroken: %(broken)d van %(rows)d rijen kloppen niet; de eerste is %(where)s.")
            % {"broken": result.broken_count, "rows": result.rows, "where": where}
        )
