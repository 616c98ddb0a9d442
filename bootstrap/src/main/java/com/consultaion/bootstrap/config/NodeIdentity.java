package com.consultaion.bootstrap.config;

import com.consultaion.application.service.DebateWorker;

/**
 * Who this node is in its lease owners ({@code <node>/<pid>/<random>}), and how it recognises an earlier process of
 * itself that is gone: with a configured node id, every other process of that id (the operator promises one live
 * process per id); without one, a process on this host whose pid is no longer alive.
 */
record NodeIdentity(String node, long pid, boolean configured) {

    /** {@code runtimeName} is the JVM's {@code pid@host}. */
    static NodeIdentity of(String configuredId, String runtimeName) {
        int at = runtimeName.indexOf('@');
        long pid = ProcessHandle.current().pid();
        if (configuredId != null && !configuredId.isBlank()) {
            return new NodeIdentity("node:" + configuredId.strip(), pid, true);
        }
        return new NodeIdentity("host:" + (at < 0 ? runtimeName : runtimeName.substring(at + 1)), pid, false);
    }

    String owner(String instance) {
        return node + "/" + pid + "/" + instance;
    }

    DebateWorker.Predecessors predecessors() {
        return new DebateWorker.Predecessors(node + "/", this::gone);
    }

    /** Whether the process that named itself {@code owner} is gone. */
    boolean gone(String owner) {
        String[] parts = owner.substring(node.length() + 1).split("/", 3);
        long holder;
        try {
            holder = Long.parseLong(parts[0]);
        } catch (NumberFormatException notOurs) {
            return false;
        }
        if (configured) {
            return true;
        }
        return holder != pid && ProcessHandle.of(holder).map(h -> !h.isAlive()).orElse(true);
    }
}
