package com.consultaion.application.port.out;

import java.util.List;

/** Port out: which models can be used now, and which one serves when a request names none. */
public interface ModelCatalog {

    /** Accepts every model id: for embedders whose {@link ChatModel} decides by itself. */
    ModelCatalog ANY = new ModelCatalog() {
        @Override
        public boolean isAvailable(String model) {
            return true;
        }

        @Override
        public String defaultModel() {
            return "local";
        }

        @Override
        public List<String> available() {
            return List.of();
        }
    };

    boolean isAvailable(String model);

    String defaultModel();

    /** Every usable model id, for listings and readiness. */
    List<String> available();
}
