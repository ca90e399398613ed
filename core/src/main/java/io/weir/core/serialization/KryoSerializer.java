package io.weir.core.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.weir.memory.view.ByteArrayInputView;
import io.weir.memory.view.ByteArrayOutputView;
import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * The fallback for types Weir has no specialised serializer for: Kryo writes the value (with its
 * class, so subclasses round-trip) into a scratch buffer, which goes to the view behind its length.
 *
 * <pre>
 *   varint(n) n bytes of Kryo output
 * </pre>
 *
 * The length prefix lets {@link #copy(DataInputView, DataOutputView)} move a value without Kryo.
 * Kryo instances are not thread-safe: each serializer has its own, created lazily, and {@link
 * #duplicate()} makes a new one.
 */
public final class KryoSerializer<T> implements TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final SerializerConfig config;

    private transient Kryo kryo;
    private transient Output output;
    private transient Input input;
    private transient byte[] readBuffer;

    public KryoSerializer(Class<T> type, SerializerConfig config) {
        this.type = Objects.requireNonNull(type, "type is null");
        this.config = Objects.requireNonNull(config, "config is null");
    }

    public Class<T> type() {
        return type;
    }

    private Kryo kryo() {
        Kryo current = kryo;
        if (current == null) {
            current = createKryo(config);
            kryo = current;
            output = new Output(256, -1);
            input = new Input();
            readBuffer = new byte[256];
        }
        return current;
    }

    /** A Kryo instance set up as Weir uses it; also what benchmarks compare against. */
    public static Kryo createKryo(SerializerConfig config) {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        kryo.setReferences(config.kryoReferences());
        // classes without a no-argument constructor are built without calling one
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        ClassLoader userCode = Thread.currentThread().getContextClassLoader();
        if (userCode != null) {
            kryo.setClassLoader(userCode);
        }
        JdkKryoSerializers.register(kryo);
        for (Map.Entry<Class<?>, Class<? extends Serializer<?>>> entry :
                config.kryoSerializers().entrySet()) {
            kryo.addDefaultSerializer(entry.getKey(), entry.getValue());
        }
        for (Class<?> registered : config.kryoRegisteredTypes()) {
            kryo.register(registered);
        }
        return kryo;
    }

    @Override
    public void serialize(T value, DataOutputView target) throws IOException {
        Kryo kryo = kryo();
        Output out = output;
        out.reset();
        try {
            kryo.writeClassAndObject(out, value);
        } catch (RuntimeException e) {
            throw new IOException(
                    "Kryo could not serialize a " + value.getClass().getName() + ": " + e.getMessage()
                            + ". Give the type a Kryo serializer (SerializerConfig.withKryoSerializer) or make it a record or"
                            + " POJO.",
                    e);
        }
        int length = out.position();
        target.writeVarInt(length);
        target.write(out.getBuffer(), 0, length);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(DataInputView source) throws IOException {
        Kryo kryo = kryo();
        int length = source.readVarInt();
        if (readBuffer.length < length) {
            readBuffer = new byte[Math.max(length, readBuffer.length * 2)];
        }
        source.readFully(readBuffer, 0, length);
        input.setBuffer(readBuffer, 0, length);
        try {
            return (T) kryo.readClassAndObject(input);
        } catch (RuntimeException e) {
            throw new IOException("Kryo could not read a value of type " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readVarInt();
        target.writeVarInt(length);
        target.write(source, length);
    }

    /** A deep copy by a round trip through bytes: works for every type Kryo can serialize. */
    @Override
    public T copy(T value) {
        try {
            ByteArrayOutputView bytes = new ByteArrayOutputView();
            serialize(value, bytes);
            return deserialize(new ByteArrayInputView(bytes.buffer(), 0, bytes.length()));
        } catch (IOException e) {
            throw new IllegalStateException("copying a " + value.getClass().getName() + " through Kryo failed", e);
        }
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return new KryoSerializer<>(type, config);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KryoSerializer<?> that && that.type == type && that.config.equals(config);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public String toString() {
        return "KryoSerializer<" + type.getName() + ">";
    }
}
