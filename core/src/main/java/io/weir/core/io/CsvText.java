package io.weir.core.io;

/** The text of CSV fields, with one-char ASCII fields (codes, flags: TPC-H's l_returnflag) shared. */
final class CsvText {

    private static final String[] ONE_CHAR = new String[128];

    static {
        for (char c = 0; c < ONE_CHAR.length; c++) {
            ONE_CHAR[c] = String.valueOf(c);
        }
    }

    private CsvText() {}

    /** The text {@code text[start .. end)}; a one-char ASCII field is a shared string, not a new one. */
    static String of(String text, int start, int end) {
        if (end - start == 1) {
            char c = text.charAt(start);
            if (c < ONE_CHAR.length) {
                return ONE_CHAR[c];
            }
        }
        return text.substring(start, end);
    }

    /** The UTF-8 text {@code text[start .. end)}, one-char ASCII fields shared as above. */
    static String of(byte[] text, int start, int end) {
        if (end - start == 1 && text[start] >= 0) {
            return ONE_CHAR[text[start]];
        }
        return new String(text, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
    }
}
