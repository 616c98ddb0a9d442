package com.consultaion.application.port.in;

/** Query: is this node able to serve debates right now (database, schema, models)? */
public interface CheckReadinessQuery {

    ReadinessReport checkReadiness();
}
