package com.consultaion.adapter.persistence;

import com.consultaion.application.Core;
import com.consultaion.application.port.out.OpsStore;
import com.consultaion.application.port.out.RateLimitStore;

/** Every store port one persistence adapter provides: the debate core's and the accounts'. */
public interface PersistenceStores extends Core.Stores {

    AccountStores accounts();

    /** Aggregates for operators (the ops summary). */
    OpsStore ops();

    /** Rate-limit buckets: shared by every node on PostgreSQL, per JVM in memory. */
    RateLimitStore rateLimits();
}
