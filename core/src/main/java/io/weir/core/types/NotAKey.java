package io.weir.core.types;

/** The error for a type used as a key that cannot be one. */
final class NotAKey {

    private NotAKey() {}

    static InvalidTypesException of(TypeInfo<?> type) {
        return new InvalidTypesException(type + " cannot be a key: " + type.whyNotAKey()
                + ". Key on fields that are numbers, strings, dates, enums or Comparable types, or use a key selector"
                + " that returns such a value.");
    }
}
