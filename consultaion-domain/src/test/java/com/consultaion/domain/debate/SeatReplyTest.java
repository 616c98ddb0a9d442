package com.consultaion.domain.debate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeatReplyTest {

    @Test
    void aStructuredReplyIsReadWithItsReasoningAndStance() {
        SeatReply r = SeatReply.parse(
                "```json\n{\"content\": \" Go ahead. \", \"reasoning\": \"cheap\", \"stance\": \" Support \"}\n```");

        assertThat(r).isEqualTo(new SeatReply("Go ahead.", "cheap", "support", true, null));
        assertThat(SeatReply.parse("{\"content\": \"Only this.\"}"))
                .isEqualTo(new SeatReply("Only this.", null, null, true, null));
    }

    @Test
    void anythingElseIsKeptAsWrittenWithTheReason() {
        assertThat(SeatReply.parse("  Just prose.  "))
                .isEqualTo(new SeatReply("Just prose.", null, null, false, "not JSON"));
        assertThat(SeatReply.parse("[1, 2]").fallbackReason()).isEqualTo("not a JSON object");
        assertThat(SeatReply.parse("{\"content\": \"  \"}").fallbackReason()).isEqualTo("no \"content\" text");
        assertThat(SeatReply.parse("{\"content\": \"x\", \"reasoning\": 3}").fallbackReason())
                .isEqualTo("\"reasoning\" is not text");
        SeatReply badStance = SeatReply.parse("{\"content\": \"x\", \"stance\": \"maybe\"}");
        assertThat(badStance.structured()).isFalse();
        assertThat(badStance.content()).isEqualTo("{\"content\": \"x\", \"stance\": \"maybe\"}");
        assertThat(SeatReply.parse("   ").fallbackReason()).isEqualTo("empty reply");
    }

    @Test
    void longRepliesAreCut() {
        String huge = "x".repeat(SeatReply.MAX_CONTENT_LENGTH + 10);

        assertThat(SeatReply.parse(huge).content()).hasSize(SeatReply.MAX_CONTENT_LENGTH);
        assertThat(SeatReply.parse("{\"content\": \"" + huge + "\"}").content()).hasSize(SeatReply.MAX_CONTENT_LENGTH);
    }
}
