package com.consultaion.adapter.sse;

import java.util.function.Supplier;
import reactor.core.publisher.Flux;

/**
 * Where one subscriber's frames go. {@link DebateStream} decides what to send and when; an outlet hands it to
 * the connection and bounds how much may wait there. Two kinds: {@link ChannelOutlet} writes straight to the
 * HTTP/1.1 connection's Netty channel (the server's path), {@link ReactiveOutlet} through the response's reactive
 * body (a connection without the outlet handler, and the unit tests). Every method may be called from any thread.
 */
interface Outlet {

    /**
     * The response body the HTTP layer writes: {@code first} first, then what is sent, until the stream ends.
     * {@code start} runs when the HTTP layer subscribes and returns the stream's clean-up, which runs exactly once
     * when the body ends, however it ends (completed, cut, failed, or the client went away).
     */
    Flux<byte[]> body(byte[] first, Supplier<Runnable> start);

    /**
     * Hands one chunk of frames to the connection. False when the subscriber already has more than the stream's
     * backlog limit waiting: the chunk is not taken and the caller ends the stream.
     */
    boolean send(byte[] chunk);

    /** Ends the response after everything sent so far. */
    void complete();

    /**
     * Ends the response now, dropping what still waits (the client resumes with Last-Event-ID): for a laggard, the
     * lifetime limit and shutdown, which must hold even for a client that stopped reading.
     */
    void cut();

    /** Ends the response with an error. */
    void fail(RuntimeException error);
}
