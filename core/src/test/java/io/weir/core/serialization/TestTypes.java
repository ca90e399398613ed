package io.weir.core.serialization;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Records, POJOs and enums that the type system's tests serialize, compare and extract. */
public final class TestTypes {

    private TestTypes() {}

    public enum Status {
        OPEN,
        SHIPPED,
        CANCELLED
    }

    /** A record with primitive, boxed (nullable), decimal, date, enum and collection components. */
    public record Order(
            long id,
            String customer,
            BigDecimal total,
            LocalDate date,
            Status status,
            List<String> tags,
            Integer priority) {}

    /** A record nesting another record, a map and an array. */
    public record Shipment(Order order, Map<String, Long> counts, int[] scores, double weight) {}

    /** A generic record. */
    public record Box<T>(T value, int count) {}

    /** A POJO with public fields, a private field with accessors, and an inherited field. */
    public static class Base {
        public long baseId;
    }

    public static class Person extends Base {
        public String name;
        private int age;
        public List<Double> scores;

        public Person() {}

        public Person(long baseId, String name, int age, List<Double> scores) {
            this.baseId = baseId;
            this.name = name;
            this.age = age;
            this.scores = scores;
        }

        public int getAge() {
            return age;
        }

        public void setAge(int age) {
            this.age = age;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Person p
                    && p.baseId == baseId
                    && p.age == age
                    && Objects.equals(p.name, name)
                    && Objects.equals(p.scores, scores);
        }

        @Override
        public int hashCode() {
            return Objects.hash(baseId, name, age, scores);
        }

        @Override
        public String toString() {
            return "Person(" + baseId + ", " + name + ", " + age + ", " + scores + ")";
        }
    }

    /** A class Weir cannot treat as a POJO (no no-argument constructor): Kryo serializes it. */
    public static final class Opaque {
        private final String label;
        private final int[] values;

        public Opaque(String label, int[] values) {
            this.label = label;
            this.values = values;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Opaque other
                    && other.label.equals(label)
                    && java.util.Arrays.equals(other.values, values);
        }

        @Override
        public int hashCode() {
            return label.hashCode();
        }

        @Override
        public String toString() {
            return "Opaque(" + label + ")";
        }
    }

    /** A tree node: a type that contains itself. */
    public record Node(String label, List<Node> children) {}
}
