package com.consultaion.application.port.in;

/** Where a request came from, for the audit trail: never used for decisions about access. */
public record ClientContext(String ip, String requestId) {

    public static final ClientContext NONE = new ClientContext(null, null);
}
