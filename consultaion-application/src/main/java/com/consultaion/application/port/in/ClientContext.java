package com.consultaion.application.port.in;

import com.consultaion.domain.Nullable;

/** Where a request came from, for the audit trail: never used for decisions about access. */
public record ClientContext(@Nullable String ip, @Nullable String requestId) {

    public static final ClientContext NONE = new ClientContext(null, null);
}
