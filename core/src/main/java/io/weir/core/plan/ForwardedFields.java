package io.weir.core.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Fields a user function copies unchanged from an input to its output, so that a partitioning or
 * order on them survives the function ({@code "f0"}, {@code "id->customerId"}, {@code "f0->f1; f2"}).
 */
public record ForwardedFields(List<Mapping> mappings) {

    public static final ForwardedFields NONE = new ForwardedFields(List.of());

    /** Input field {@code from} appears unchanged as output field {@code to}. */
    public record Mapping(String from, String to) {}

    public ForwardedFields {
        mappings = List.copyOf(mappings);
    }

    /**
     * Parses Flink-style declarations: mappings separated by {@code ;}, each {@code field} (same name
     * in and out) or {@code from->to}.
     */
    public static ForwardedFields parse(String... declarations) {
        List<Mapping> mappings = new ArrayList<>();
        for (String declaration : declarations) {
            for (String part : declaration.split(";")) {
                String trimmed = part.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int arrow = trimmed.indexOf("->");
                if (arrow < 0) {
                    mappings.add(new Mapping(trimmed, trimmed));
                } else {
                    String from = trimmed.substring(0, arrow).trim();
                    String to = trimmed.substring(arrow + 2).trim();
                    if (from.isEmpty() || to.isEmpty()) {
                        throw new IllegalArgumentException(
                                "forwarded field '" + trimmed + "' needs a field on both sides of ->");
                    }
                    mappings.add(new Mapping(from, to));
                }
            }
        }
        return new ForwardedFields(mappings);
    }
}
