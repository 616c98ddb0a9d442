package com.consultaion.domain.judging;

import com.consultaion.domain.json.JsonReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a judge's reply strictly. The reply must be one JSON object (a Markdown code fence around it is
 * tolerated) of the form {@code {"scores": {"<criterion>": 0-10, ...}, "rationale": "..."}} scoring every
 * criterion of the rubric. Anything else is {@link JudgeVerdict.Unparseable} with the reason: a score out of
 * range is not clamped, a missing criterion is not guessed.
 */
public final class JudgeReplyParser {

    public static final int MAX_RATIONALE_LENGTH = 4000;

    private JudgeReplyParser() {}

    public static JudgeVerdict parse(String reply, List<String> criteria) {
        if (reply == null || reply.isBlank()) {
            return new JudgeVerdict.Unparseable("empty reply");
        }
        Object document;
        try {
            document = JsonReader.read(JsonReader.unfence(reply.strip()));
        } catch (JsonReader.JsonException e) {
            return new JudgeVerdict.Unparseable("not JSON: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> object)) {
            return new JudgeVerdict.Unparseable("not a JSON object");
        }
        if (!(object.get("scores") instanceof Map<?, ?> scores)) {
            return new JudgeVerdict.Unparseable("no \"scores\" object");
        }
        Map<String, Double> parsed = new LinkedHashMap<>();
        for (String criterion : criteria) {
            Object value = scores.get(criterion);
            if (!(value instanceof Double score)) {
                return new JudgeVerdict.Unparseable("no numeric score for \"" + criterion + "\"");
            }
            if (!(score >= 0 && score <= 10)) {
                return new JudgeVerdict.Unparseable("score for \"" + criterion + "\" is outside 0-10");
            }
            parsed.put(criterion, score);
        }
        Object rationale = object.get("rationale");
        if (rationale != null && !(rationale instanceof String)) {
            return new JudgeVerdict.Unparseable("\"rationale\" is not a string");
        }
        String text = rationale == null ? "" : ((String) rationale).strip();
        if (text.length() > MAX_RATIONALE_LENGTH) {
            text = text.substring(0, MAX_RATIONALE_LENGTH);
        }
        return new JudgeVerdict.Parsed(parsed, text);
    }
}
