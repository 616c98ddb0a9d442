package com.consultaion.application.service;

import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.ExportDebateUseCase;
import com.consultaion.application.port.in.GetTranscriptQuery;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.domain.debate.DebateId;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Use case: an export is allowed by the plan and audited before the transcript is handed out. */
public final class ExportService implements ExportDebateUseCase {

    private final GetTranscriptQuery transcripts;
    private final BillingService billing;
    private final Audit audit;

    public ExportService(GetTranscriptQuery transcripts, BillingService billing, AuditTrail audit, Clock clock) {
        this.transcripts = transcripts;
        this.billing = billing;
        this.audit = new Audit(audit, clock);
    }

    @Override
    public Optional<GetTranscriptQuery.Transcript> export(
            DebateId id, Requester requester, Format format, ClientContext client) {
        Optional<GetTranscriptQuery.Transcript> found = transcripts.transcript(id, requester);
        found.ifPresent(t -> {
            billing.checkExport(requester);
            billing.countExport(requester);
            audit.record(requester, format.action(), "debate", id.toString(), client, Map.of());
        });
        return found;
    }
}
