package com.consultaion.domain.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgeReplyParserTest {

    private static final List<String> RUBRIC = List.of("accuracy", "risk");

    @Test
    void strictJsonScoringEveryCriterionIsParsed() {
        JudgeVerdict v = JudgeReplyParser.parse(
                "{\"scores\": {\"accuracy\": 8, \"risk\": 6.5, \"extra\": 1}, \"rationale\": \" clear \"}", RUBRIC);

        assertThat(v).isInstanceOfSatisfying(JudgeVerdict.Parsed.class, p -> {
            assertThat(p.criteria()).containsExactly(Map.entry("accuracy", 8.0), Map.entry("risk", 6.5));
            assertThat(p.score()).isEqualTo(7.25);
            assertThat(p.rationale()).isEqualTo("clear");
        });
    }

    @Test
    void aMarkdownFenceAroundTheJsonIsTolerated() {
        assertThat(JudgeReplyParser.parse("```json\n{\"scores\": {\"accuracy\": 1, \"risk\": 2}}\n```", RUBRIC))
                .isInstanceOf(JudgeVerdict.Parsed.class);
    }

    @Test
    void anythingElseIsUnparseableWithItsReasonNeverAMadeUpScore() {
        assertThat(reason("I would give it an 8.")).startsWith("not JSON");
        assertThat(reason("")).isEqualTo("empty reply");
        assertThat(reason("[1, 2]")).isEqualTo("not a JSON object");
        assertThat(reason("{\"score\": 7}")).isEqualTo("no \"scores\" object");
        assertThat(reason("{\"scores\": {\"accuracy\": 7}}")).isEqualTo("no numeric score for \"risk\"");
        assertThat(reason("{\"scores\": {\"accuracy\": 7, \"risk\": \"7\"}}"))
                .isEqualTo("no numeric score for \"risk\"");
        assertThat(reason("{\"scores\": {\"accuracy\": 11, \"risk\": 7}}"))
                .isEqualTo("score for \"accuracy\" is outside 0-10");
        assertThat(reason("{\"scores\": {\"accuracy\": -1, \"risk\": 7}}")).contains("outside 0-10");
        assertThat(reason("{\"scores\": {\"accuracy\": 7, \"risk\": 7}, \"rationale\": 5}"))
                .contains("rationale");
        assertThat(reason("{\"scores\": {\"accuracy\": 7, \"risk\": 7}} trailing"))
                .startsWith("not JSON");
    }

    private static String reason(String reply) {
        JudgeVerdict v = JudgeReplyParser.parse(reply, RUBRIC);
        assertThat(v).isInstanceOf(JudgeVerdict.Unparseable.class);
        return ((JudgeVerdict.Unparseable) v).reason();
    }
}
