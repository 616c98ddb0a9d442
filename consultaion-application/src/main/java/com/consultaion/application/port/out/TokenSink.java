package com.consultaion.application.port.out;

/**
 * Where a model call reports its answer's text as it arrives (token deltas), for live viewers only: what it
 * receives is never stored and may be incomplete; the call's {@link ChatResponse} stays the answer. Called from
 * the call's own thread; implementations must return quickly and never throw.
 */
public interface TokenSink {

    /** Drops everything. */
    TokenSink NONE = new TokenSink() {
        @Override
        public void text(String delta) {}

        @Override
        public void restart() {}
    };

    /** More of the answer's text. */
    void text(String delta);

    /** The call starts over (a retry after partial output): the text reported so far is void. */
    void restart();
}
