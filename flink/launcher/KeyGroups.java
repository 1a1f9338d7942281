// Runs Flink's own key-group code (KeyGroupRangeAssignment; BinaryRowData/BinaryRowWriter for SQL
// keys) over keys read from stdin. Built and run by flink/launcher.sh; uses only the JDK and Flink's jars.
package checkpointlab;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.data.binary.BinaryStringData;
import org.apache.flink.table.data.writer.BinaryRowWriter;

/**
 * Input, one line per key: {@code TYPE<TAB>MAXP<TAB>P<TAB>KEY}, where TYPE is java-string | java-int |
 * java-long | sql-string | sql-int | sql-bigint and KEY is a JSON value: a string, a number (integers
 * may also be given as a JSON string, which longs beyond 2^53 need) or null (SQL NULL). Output,
 * one line per input line (a blank one included): {@code keyGroup<TAB>subtask}, or {@code error<TAB>message}
 * when Flink (or the input) rejects the key, so output line i always answers input line i.
 */
public final class KeyGroups {

    /**
     * A one-column key row built the way Flink's generated key projection builds it
     * (ProjectionCodeGenerator): one reused BinaryRowData and BinaryRowWriter per key type,
     * {@code reset(); setNullAt(0) | writeXxx(0, v); complete();} and then
     * BinaryRowDataKeySelector's {@code copy()}.
     */
    private static final class KeyProjection {
        private final BinaryRowData out = new BinaryRowData(1);
        private final BinaryRowWriter writer = new BinaryRowWriter(out);

        BinaryRowData project(String type, Object value) {
            writer.reset();
            if (value == null) {
                writer.setNullAt(0);
            } else if (type.equals("sql-string")) {
                writer.writeString(0, BinaryStringData.fromString((String) value));
            } else if (type.equals("sql-int")) {
                writer.writeInt(0, (Integer) value);
            } else {
                writer.writeLong(0, (Long) value);
            }
            writer.complete();
            return out.copy();
        }
    }

    private final KeyProjection sqlString = new KeyProjection();
    private final KeyProjection sqlInt = new KeyProjection();
    private final KeyProjection sqlBigint = new KeyProjection();

    public static void main(String[] args) throws IOException {
        // Explicit UTF-8 both ways whatever the platform default is; malformed input is an error.
        BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(FileDescriptor.in),
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        Writer out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), 1 << 16);
        KeyGroups keyGroups = new KeyGroups();
        String line;
        while ((line = in.readLine()) != null) {
            String answer;
            try {
                answer = keyGroups.assign(line);
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
                answer = "error\t" + message.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
            }
            out.write(answer);
            out.write('\n');
        }
        out.flush();
    }

    /** One input line to "keyGroup\tsubtask"; throws on a bad line or a key Flink rejects. */
    String assign(String line) {
        String[] fields = line.split("\t", 4);
        if (fields.length != 4) {
            throw new IllegalArgumentException("expected TYPE<TAB>MAXP<TAB>P<TAB>KEY, got: " + line);
        }
        String type = fields[0];
        int maxParallelism = parseInt(fields[1], "MAXP");
        int parallelism = parseInt(fields[2], "P");
        Object json = new JsonValue(fields[3]).parse();
        Object key = toKey(type, json);

        // Flink's own preconditions (the last one is computeKeyGroupRangeForOperatorIndex's
        // "Maximum parallelism must not be smaller than parallelism.").
        KeyGroupRangeAssignment.checkParallelismPreconditions(maxParallelism);
        KeyGroupRangeAssignment.checkParallelismPreconditions(parallelism);
        KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(maxParallelism, parallelism, 0);

        int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism);
        int subtask = KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup(maxParallelism, parallelism, keyGroup);
        int partitioner = KeyGroupRangeAssignment.assignKeyToParallelOperator(key, maxParallelism, parallelism);
        if (partitioner != subtask) {
            throw new IllegalStateException("assignKeyToParallelOperator gave " + partitioner + ", expected " + subtask);
        }
        return keyGroup + "\t" + subtask;
    }

    /** The key object Flink would hash: a boxed Java value, or the projected key row for SQL types. */
    private Object toKey(String type, Object json) {
        switch (type) {
            case "java-string":
                return json == null ? null : asString(json, type);
            case "java-int":
                return json == null ? null : Integer.valueOf(asInt(json, type));
            case "java-long":
                return json == null ? null : Long.valueOf(asLong(json, type));
            case "sql-string":
                return sqlString.project(type, json == null ? null : asString(json, type));
            case "sql-int":
                return sqlInt.project(type, json == null ? null : Integer.valueOf(asInt(json, type)));
            case "sql-bigint":
                return sqlBigint.project(type, json == null ? null : Long.valueOf(asLong(json, type)));
            default:
                throw new IllegalArgumentException("unknown key type '" + type
                        + "' (java-string, java-int, java-long, sql-string, sql-int, sql-bigint)");
        }
    }

    private static String asString(Object json, String type) {
        if (json instanceof String) {
            return (String) json;
        }
        throw new IllegalArgumentException("key " + json + " is not a JSON string (" + type + " expected)");
    }

    private static int asInt(Object json, String type) {
        long v = asLong(json, type);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("key " + v + " is out of range for " + type);
        }
        return (int) v;
    }

    private static long asLong(Object json, String type) {
        // A JSON number arrives as its literal text (JsonNumber), a JSON string as a String.
        String text = json instanceof JsonNumber ? ((JsonNumber) json).literal : (String) json;
        if (!text.matches("[+-]?[0-9]+")) {
            throw new IllegalArgumentException("key " + text + " is not an integer (" + type + " expected)");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("key " + text + " is out of range for " + type);
        }
    }

    private static int parseInt(String text, String what) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not an integer");
        }
    }

    /** A JSON number kept as its exact literal text. */
    static final class JsonNumber {
        final String literal;

        JsonNumber(String literal) {
            this.literal = literal;
        }

        @Override
        public String toString() {
            return literal;
        }
    }

    /**
     * The subset of JSON (RFC 8259) a key needs: one string (all escapes, \\uXXXX kept as UTF-16
     * code units, so surrogate pairs and lone surrogates come through as Java has them), number
     * or null, with optional surrounding whitespace. Anything else is an error.
     */
    static final class JsonValue {
        private final String text;
        private int pos;

        JsonValue(String text) {
            this.text = text;
        }

        /** A String, a JsonNumber, or null for JSON null. */
        Object parse() {
            skipWhitespace();
            Object value;
            if (pos >= text.length()) {
                throw error("a JSON value");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                value = string();
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                value = number();
            } else if (text.startsWith("null", pos)) {
                pos += 4;
                value = null;
            } else {
                throw error("a JSON string, number or null");
            }
            skipWhitespace();
            if (pos != text.length()) {
                throw error("the end of the key");
            }
            return value;
        }

        private String string() {
            StringBuilder sb = new StringBuilder();
            pos++; // opening quote
            while (true) {
                if (pos >= text.length()) {
                    throw error("a closing '\"'");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error("no raw control character in a string", pos - 1);
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    throw error("an escape after '\\'");
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"': sb.append('"'); break;
                    case '\\': sb.append('\\'); break;
                    case '/': sb.append('/'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    case 'u':
                        // Each \\uXXXX is one UTF-16 code unit; a pair written as two escapes
                        // therefore becomes the surrogate pair it denotes.
                        if (pos + 4 > text.length()) {
                            throw error("four hex digits after \\u");
                        }
                        int unit = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = hexDigit(text.charAt(pos + i));
                            if (d < 0) {
                                throw error("four hex digits after \\u", pos + i);
                            }
                            unit = unit * 16 + d;
                        }
                        pos += 4;
                        sb.append((char) unit);
                        break;
                    default:
                        throw error("a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", pos - 1);
                }
            }
        }

        private JsonNumber number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (isDigit(peek())) {
                while (isDigit(peek())) {
                    pos++;
                }
            } else {
                throw error("a digit");
            }
            if (peek() == '.') {
                pos++;
                if (!isDigit(peek())) {
                    throw error("a digit after '.'");
                }
                while (isDigit(peek())) {
                    pos++;
                }
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw error("a digit in the exponent");
                }
                while (isDigit(peek())) {
                    pos++;
                }
            }
            return new JsonNumber(text.substring(start, pos));
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        /** An ASCII hex digit's value, else -1 (Character.digit would also take non-ASCII digits). */
        private static int hexDigit(char c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            }
            if (c >= 'A' && c <= 'F') {
                return c - 'A' + 10;
            }
            return -1;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private IllegalArgumentException error(String expected) {
            return error(expected, pos);
        }

        private IllegalArgumentException error(String expected, int at) {
            return new IllegalArgumentException("bad JSON key " + text + ": expected " + expected + " at column " + (at + 1));
        }
    }
}
