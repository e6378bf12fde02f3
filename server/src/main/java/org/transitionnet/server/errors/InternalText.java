package org.transitionnet.server.errors;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises text that belongs in the server log, not in an answer: SQL statements, database error
 * reports, and Java exception class names (which is how a driver, Hibernate or a parser message leaks
 * through a generic error path).
 */
public final class InternalText {

    private static final List<Pattern> INTERNAL = List.of(
            Pattern.compile("\\binsert\\s+into\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bselect\\b[\\s\\S]{0,2000}?\\bfrom\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bupdate\\s+\\w+\\s+set\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bdelete\\s+from\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile(
                    "\\bSQL\\s*\\[|\\bSQLState\\b|\\bSQL state\\b|could not execute|Batch entry \\d+",
                    Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bERROR:\\s"),
            Pattern.compile(
                    "\\b(?:java|javax|jakarta|org|com|ca|io|net)\\.[a-z0-9_]+\\.[\\w.$]*(?:Exception|Error)\\b"),
            Pattern.compile("\\bat [\\w.$]+\\([\\w]+\\.java:\\d+\\)"));

    private InternalText() {}

    public static boolean looksInternal(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        // Only the beginning is examined: a long message is not scanned in full on every error.
        String head = text.length() > 8000 ? text.substring(0, 8000) : text;
        return INTERNAL.stream().anyMatch(p -> p.matcher(head).find());
    }
}
