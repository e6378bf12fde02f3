package org.transitionnet.server.limits;

/**
 * How deeply a JSON or XML body nests, measured on the raw bytes before any parser sees them: parsers,
 * and above all the validator, recurse once per level and fail (or exhaust the stack) on absurd depths.
 * Stops counting as soon as the limit is passed.
 */
final class NestingDepth {

    private NestingDepth() {}

    /** Whether the body nests deeper than {@code max}; bodies that are neither JSON nor XML never do. */
    static boolean exceeds(byte[] body, int max) {
        int first = 0;
        while (first < body.length && Character.isWhitespace(body[first] & 0xff)) {
            first++;
        }
        if (first == body.length) {
            return false;
        }
        return switch (body[first]) {
            case '{', '[' -> jsonExceeds(body, first, max);
            case '<' -> xmlExceeds(body, first, max);
            default -> false;
        };
    }

    static boolean jsonExceeds(byte[] body, int from, int max) {
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < body.length; i++) {
            byte b = body[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++depth > max) {
                    return true;
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return false;
    }

    static boolean xmlExceeds(byte[] body, int from, int max) {
        int depth = 0;
        int i = from;
        while (i < body.length) {
            if (body[i] != '<') {
                i++;
                continue;
            }
            if (startsWith(body, i, "<!--")) {
                i = after(body, i + 4, "-->");
            } else if (startsWith(body, i, "<![CDATA[")) {
                i = after(body, i + 9, "]]>");
            } else if (startsWith(body, i, "<?")) {
                i = after(body, i + 2, "?>");
            } else if (startsWith(body, i, "<!")) {
                i = after(body, i + 2, ">");
            } else if (startsWith(body, i, "</")) {
                depth--;
                i = after(body, i + 2, ">");
            } else {
                int end = tagEnd(body, i + 1);
                boolean selfClosing = end > 0 && body[end - 1] == '/';
                if (!selfClosing && ++depth > max) {
                    return true;
                }
                i = end + 1;
            }
        }
        return false;
    }

    /** Index of the {@code >} closing a start tag, skipping quoted attribute values. */
    private static int tagEnd(byte[] body, int from) {
        byte quote = 0;
        for (int i = from; i < body.length; i++) {
            byte b = body[i];
            if (quote != 0) {
                if (b == quote) {
                    quote = 0;
                }
            } else if (b == '"' || b == '\'') {
                quote = b;
            } else if (b == '>') {
                return i;
            }
        }
        return body.length;
    }

    private static boolean startsWith(byte[] body, int at, String prefix) {
        if (at + prefix.length() > body.length) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (body[at + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Index just after the next occurrence of {@code end} at or after {@code from}, or the body's length. */
    private static int after(byte[] body, int from, String end) {
        for (int i = from; i <= body.length - end.length(); i++) {
            if (startsWith(body, i, end)) {
                return i + end.length();
            }
        }
        return body.length;
    }
}
