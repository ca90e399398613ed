package io.weir.core.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Kryo serializers for JDK classes whose fields are closed to reflection since JDK 16, so that
 * Kryo's field serializer fails on them: the {@code Collections.unmodifiable*} and {@code
 * synchronized*} wrappers (written as a plain collection and wrapped again on reading), {@link UUID}
 * and {@link URI}. ({@code List.of}, {@code Arrays.asList}, empty and singleton collections, dates
 * and {@code Optional} have serializers in Kryo itself.)
 */
final class JdkKryoSerializers {

    private JdkKryoSerializers() {}

    static void register(Kryo kryo) {
        kryo.register(Collections.unmodifiableList(new ArrayList<>()).getClass(), new ListWrapper(true));
        kryo.register(Collections.unmodifiableList(new LinkedList<>()).getClass(), new ListWrapper(true));
        kryo.register(Collections.synchronizedList(new ArrayList<>()).getClass(), new ListWrapper(false));
        kryo.register(Collections.synchronizedList(new LinkedList<>()).getClass(), new ListWrapper(false));
        kryo.register(Collections.unmodifiableSet(new LinkedHashSet<>()).getClass(), new SetWrapper());
        kryo.register(Collections.unmodifiableCollection(new ArrayList<>()).getClass(), new CollectionWrapper());
        kryo.register(Collections.unmodifiableMap(new LinkedHashMap<>()).getClass(), new MapWrapper(true));
        kryo.register(Collections.synchronizedMap(new LinkedHashMap<>()).getClass(), new MapWrapper(false));
        kryo.register(UUID.class, new UuidSerializer());
        kryo.register(URI.class, new UriSerializer());
    }

    private static final class UuidSerializer extends Serializer<UUID> {
        UuidSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, UUID uuid) {
            output.writeLong(uuid.getMostSignificantBits());
            output.writeLong(uuid.getLeastSignificantBits());
        }

        @Override
        public UUID read(Kryo kryo, Input input, Class<? extends UUID> type) {
            return new UUID(input.readLong(), input.readLong());
        }
    }

    private static final class UriSerializer extends Serializer<URI> {
        UriSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, URI uri) {
            output.writeString(uri.toString());
        }

        @Override
        public URI read(Kryo kryo, Input input, Class<? extends URI> type) {
            return URI.create(input.readString());
        }
    }

    private static final class ListWrapper extends Serializer<List<Object>> {
        private final boolean unmodifiable;

        ListWrapper(boolean unmodifiable) {
            this.unmodifiable = unmodifiable;
            setImmutable(unmodifiable);
        }

        @Override
        public void write(Kryo kryo, Output output, List<Object> list) {
            kryo.writeObject(output, new ArrayList<>(list));
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<Object> read(Kryo kryo, Input input, Class<? extends List<Object>> type) {
            List<Object> contents = kryo.readObject(input, ArrayList.class);
            return unmodifiable ? Collections.unmodifiableList(contents) : Collections.synchronizedList(contents);
        }
    }

    private static final class SetWrapper extends Serializer<Set<Object>> {
        SetWrapper() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, Set<Object> set) {
            kryo.writeObject(output, new LinkedHashSet<>(set));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Set<Object> read(Kryo kryo, Input input, Class<? extends Set<Object>> type) {
            return Collections.unmodifiableSet(kryo.readObject(input, LinkedHashSet.class));
        }
    }

    private static final class CollectionWrapper extends Serializer<Collection<Object>> {
        CollectionWrapper() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, Collection<Object> collection) {
            kryo.writeObject(output, new ArrayList<>(collection));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Collection<Object> read(Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
            return Collections.unmodifiableCollection(kryo.readObject(input, ArrayList.class));
        }
    }

    private static final class MapWrapper extends Serializer<Map<Object, Object>> {
        private final boolean unmodifiable;

        MapWrapper(boolean unmodifiable) {
            this.unmodifiable = unmodifiable;
            setImmutable(unmodifiable);
        }

        @Override
        public void write(Kryo kryo, Output output, Map<Object, Object> map) {
            kryo.writeObject(output, new LinkedHashMap<>(map));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
            Map<Object, Object> contents = kryo.readObject(input, LinkedHashMap.class);
            return unmodifiable ? Collections.unmodifiableMap(contents) : Collections.synchronizedMap(contents);
        }
    }
}
