package com.consultaion.domain.billing;

import java.util.Objects;

/** A checkout started at a payment provider: its id there, and the page the user pays on. */
public record CheckoutSession(String id, String url) {
    public CheckoutSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
    }
}
