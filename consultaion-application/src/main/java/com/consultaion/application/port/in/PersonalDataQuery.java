package com.consultaion.application.port.in;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.account.User;
import com.consultaion.domain.billing.Subscription;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.plan.ModelUsage;
import com.consultaion.domain.team.Membership;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port in: everything the service holds about a person, for them to take away (the right of access). */
public interface PersonalDataQuery {

    /** At most this many of the caller's debates are exported, newest first (the export says when it stopped). */
    int MAX_DEBATES = 1_000;

    /** At most this many audit entries, newest first. */
    int MAX_AUDIT_ENTRIES = 10_000;

    /**
     * What is held about {@code user}: the account and profile, their debates with every stored event, their
     * teams, their API keys' metadata (never a secret or its hash), their usage and the audit entries about them.
     * The export itself is audited ({@code personal_data_exported}). Empty when the user does not exist.
     */
    Optional<PersonalData> export(UserId user, ClientContext client);

    record PersonalData(
            Instant exportedAt,
            User user,
            String plan,
            List<DebateRecord> debates,
            boolean debatesTruncated,
            List<Membership> teams,
            List<ApiKeyUseCases.KeyInfo> apiKeys,
            List<ModelUsage> usageThisMonth,
            List<Subscription> subscriptions,
            List<AuditRecord> audit) {}

    /** An audit entry about the person: an action of theirs ({@code byThem}) or one on their account. */
    record AuditRecord(
            Instant at,
            String action,
            boolean byThem,
            @Nullable String targetType,
            @Nullable String targetId,
            @Nullable String ip,
            Map<String, String> detail) {}

    /** One debate and its stored events, in order. */
    record DebateRecord(Debate debate, List<DebateEvent> events) {}
}
