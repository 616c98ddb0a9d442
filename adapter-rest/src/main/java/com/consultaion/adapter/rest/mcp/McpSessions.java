package com.consultaion.adapter.rest.mcp;

import com.consultaion.domain.debate.UserId;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The MCP sessions of this node, each bound to the account that opened it: the Streamable HTTP transport's
 * provider side, which the SDK's server drives ({@link McpController} is its HTTP side). A session is found only by
 * its id together with its owner, so another account's request with a leaked session id finds nothing. Sessions
 * live in memory: after a restart (or on another node) a client initializes again and reads a debate it started by
 * its id ({@code get_debate}), since debates live in the database.
 */
@Singleton
final class McpSessions implements McpStreamableServerTransportProvider {

    /** At most this many sessions at once on a node; initializing one more is refused until one closes. */
    static final int MAX_SESSIONS = 10_000;

    private record Owned(McpStreamableServerSession session, UserId owner) {}

    private final Map<String, Owned> sessions = new ConcurrentHashMap<>();
    private volatile McpStreamableServerSession.Factory factory;
    private volatile boolean closing;

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
        this.factory = sessionFactory;
    }

    McpStreamableServerSession.Factory factory() {
        McpStreamableServerSession.Factory f = factory;
        if (f == null || closing) {
            throw new IllegalStateException("the MCP server is not running");
        }
        return f;
    }

    boolean full() {
        return sessions.size() >= MAX_SESSIONS;
    }

    void add(McpStreamableServerSession session, UserId owner) {
        sessions.put(session.getId(), new Owned(session, owner));
    }

    Optional<McpStreamableServerSession> find(String id, UserId owner) {
        Owned owned = sessions.get(id);
        return owned != null && owned.owner().equals(owner) ? Optional.of(owned.session()) : Optional.empty();
    }

    void remove(String id) {
        sessions.remove(id);
    }

    int size() {
        return sessions.size();
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return Flux.fromIterable(sessions.values())
                .flatMap(o -> o.session().sendNotification(method, params).onErrorResume(e -> Mono.empty()))
                .then();
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        Owned owned = sessions.get(sessionId);
        return owned == null ? Mono.empty() : owned.session().sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        closing = true;
        return Flux.fromIterable(sessions.values())
                .flatMap(o -> o.session().closeGracefully().onErrorResume(e -> Mono.empty()))
                .then(Mono.fromRunnable(sessions::clear));
    }
}
