"""Processing DUO's notificaties (issue 5, part 2): what each gebeurtenis does to our dossiers.

A notificatie only announces that something changed at DUO; what changed is fetched from DUO's APIs. So
the processing always brings the dossier to **DUO's current state**, whatever the order in which the
notificaties arrive, and doing it twice changes nothing the second time:

* every known gebeurtenis (except the requests of SS113–SS119, which only become a task) first fetches the
  Inburgeringsplicht and the Doelgroep. Plicht and no open dossier → open one (name, birth date and
  address from the BRP); plicht and an open dossier → update its doelgroep and dates; no plicht (voldaan,
  vrijstelling, ontheffing, ingetrokken, overleden) and an open dossier → close it with DUO's reason and
  einddatum. A tijdelijke vrijstelling keeps the dossier open and becomes a task.
* then what the gebeurtenis announces (``rules.duo``, the column "Relevante API's"): the
  Inburgeringstermijn (onto the dossier; the deadline engine uses DUO's term from then on), the
  leerbaarheidstoets (onto the intake), exam results, vrijstellingen, ontheffingen — each stored as
  ``DuoStand`` and shown on the dossier page.
* SS139 starts the ten weeks for the PIP: without a BRP date of inschrijving, DUO's registration moment
  is taken as the start.

Notificaties are processed oldest registration at DUO first (``registratieDatumTijd``), one at a time per
person: while an earlier one of the same BSN waits for a retry, the later ones wait too. A temporary fault
(DUO or the BRP down, slow, 5xx, our certificate refused) retries with the outbox's backoff; anything
else marks the notificatie ``fout`` with a task for the functioneel beheerder, who can retry it from
the beheer page. Each notificatie is processed in one transaction: a failure leaves nothing half-done.

The modules: ``run`` (the run, the retry from beheer, the task that asks for a run), ``dispatch`` (what one
notificatie does, by the soort of its gebeurtenis), and one module per group of gebeurtenissen: ``plicht``
(open, update or close the dossier), ``apis`` (what a gebeurtenis announces), ``verzoeken`` (the decisions
on a request); ``_common`` holds what they share.
"""

from .run import Verwerkt, enqueue_verwerking, notificatie_retry, notificaties_process

__all__ = ["Verwerkt", "enqueue_verwerking", "notificatie_retry", "notificaties_process"]
