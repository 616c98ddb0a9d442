package com.consultaion.application.port.in;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.UserId;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Query: who is calling. A session is valid while its user can sign in and the session is not revoked; an API
 * key while it is neither revoked nor expired and its user can sign in.
 */
public interface AuthenticateQuery {

    Optional<Principal> bySession(UserId userId, UUID sessionId);

    Optional<Principal> byApiKey(String key);

    /** An authenticated caller. {@code sessionId} is null for API keys. */
    record Principal(UserId userId, boolean admin, @Nullable UUID sessionId, Set<UUID> teams) {
        /** Where HTTP adapters keep the authenticated principal of a request. */
        public static final String REQUEST_ATTRIBUTE = "consultaion.principal";

        public Requester requester() {
            return Requester.member(userId, admin, teams);
        }
    }
}
