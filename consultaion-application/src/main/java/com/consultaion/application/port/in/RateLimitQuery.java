package com.consultaion.application.port.in;

import com.consultaion.domain.limit.RateLimitPolicy;
import com.consultaion.domain.limit.TokenBucket;

/** Port in: may this identity do this now? Charges the identity's bucket when it may. */
public interface RateLimitQuery {

    /**
     * @param identity who is charged: {@code user:<id>}, else {@code ip:<address>} (built by the adapter)
     */
    TokenBucket.Decision check(String identity, RateLimitPolicy.Operation operation);
}
