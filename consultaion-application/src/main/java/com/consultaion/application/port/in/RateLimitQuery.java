package com.consultaion.application.port.in;

import com.consultaion.domain.limit.RateLimitPolicy;
import com.consultaion.domain.limit.TokenBucket;
import java.util.Optional;

/** Port in: may this identity do this now? Charges the identity's bucket when it may. */
public interface RateLimitQuery {

    /** Rate limiting switched off: every check is empty. */
    RateLimitQuery OFF = (identity, operation) -> Optional.empty();

    /**
     * Charges one operation to an identity's bucket.
     *
     * @param identity who is charged: {@code user:<id>}, else {@code ip:<address>} (built by the adapter)
     * @return the decision, or empty when rate limiting is off
     */
    Optional<TokenBucket.Decision> check(String identity, RateLimitPolicy.Operation operation);
}
