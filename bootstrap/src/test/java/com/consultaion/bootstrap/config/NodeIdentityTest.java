package com.consultaion.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A node's lease-owner name, and which earlier processes of it count as gone. */
class NodeIdentityTest {

    private static final long DEAD_PID = Long.MAX_VALUE - 7; // no such process

    @Test
    void withoutANodeIdTheHostNamesTheNodeAndOnlyProcessesWhosePidIsGoneAreTakenBack() {
        NodeIdentity node = NodeIdentity.of("", "4242@box-1");
        long self = ProcessHandle.current().pid();

        assertThat(node.owner("ab12")).isEqualTo("host:box-1/" + self + "/ab12");
        assertThat(node.predecessors().prefix()).isEqualTo("host:box-1/");
        assertThat(node.gone("host:box-1/" + DEAD_PID + "/x")).isTrue();
        assertThat(node.gone("host:box-1/" + self + "/other-instance")).isFalse(); // this JVM is alive
        assertThat(node.gone("host:box-1/"
                        + ProcessHandle.current().parent().orElseThrow().pid() + "/x"))
                .isFalse();
        assertThat(node.gone("host:box-1/not-a-pid/x")).isFalse();
    }

    @Test
    void withANodeIdEveryEarlierProcessOfThatIdIsTakenAsGone() {
        NodeIdentity node = NodeIdentity.of(" api-3 ", "4242@box-1");

        assertThat(node.owner("ab12")).startsWith("node:api-3/");
        assertThat(node.gone("node:api-3/12345/x")).isTrue();
        assertThat(node.gone("node:api-3/garbage")).isFalse();
    }
}
