package io.weir.core.types;

import io.weir.core.functions.Collector;
import io.weir.core.serialization.PojoAccess;
import io.weir.core.tuple.Tuple;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@link TypeInfo} of a Java type, and the output type of a user function from its
 * signature.
 *
 * <h2>Classes</h2>
 *
 * <ul>
 *   <li>primitives, boxes, {@code String}, {@code BigInteger}, {@code BigDecimal}, {@code LocalDate},
 *       {@code LocalTime}, {@code LocalDateTime}, {@code Instant}: {@link BasicTypeInfo};
 *   <li>enums; arrays; {@code List}/{@code Collection}/{@code ArrayList}; {@code
 *       Map}/{@code HashMap}/{@code LinkedHashMap};
 *   <li>tuples (with their type arguments), records (with their components' generic types), and
 *       POJOs: concrete, not a JDK class, not an inner class of an instance, with a no-argument
 *       constructor and at least one non-static, non-transient field, every such field non-final and
 *       either public or with a getter and a setter; fields in name order;
 *   <li>anything else: {@link GenericTypeInfo}, serialized by Kryo, with a warning naming the class
 *       and why it is not a POJO. A type that contains itself (a tree node) is generic where it
 *       recurses.
 * </ul>
 *
 * <h2>Functions</h2>
 *
 * The output type of a function is read from the type arguments with which its class implements
 * the function interface, binding type variables from the input types ({@code class Swap<A, B>
 * implements MapFunction<Tuple2<A, B>, Tuple2<B, A>>} works). For a lambda or method reference the
 * compiled code is read instead: its implementation method's generic return type (or {@code
 * Collector} parameter). Java erases type arguments from lambda bodies, so a lambda returning a
 * {@code Tuple2} or filling a {@code Collector} cannot be typed; the error then says how to give the
 * type with {@code returns(...)}. A lambda returning a record or a plain class works.
 */
public final class TypeExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(TypeExtractor.class);
    private static final Set<Class<?>> WARNED_GENERIC = ConcurrentHashMap.newKeySet();

    /** Why a type could not be extracted; turned into an {@link InvalidTypesException} at the edge. */
    private static final class Unresolved extends Exception {
        private static final long serialVersionUID = 1L;

        Unresolved(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Type variables and what they stand for: a {@link TypeInfo}, or a {@link Type} to extract. */
    private record Bindings(Map<TypeVariable<?>, Object> map) {
        static Bindings empty() {
            return new Bindings(Map.of());
        }

        Bindings with(TypeVariable<?> variable, Object value) {
            Map<TypeVariable<?>, Object> copy = new HashMap<>(map);
            copy.put(variable, value);
            return new Bindings(copy);
        }

        Object get(TypeVariable<?> variable) {
            return map.get(variable);
        }
    }

    private final Set<Class<?>> inProgress = new HashSet<>();

    private TypeExtractor() {}

    /** The type info of a class. */
    @SuppressWarnings("unchecked")
    public static <T> TypeInfo<T> of(Class<T> type) {
        return (TypeInfo<T>) of((Type) type);
    }

    /**
     * The type info of a (possibly generic) type.
     *
     * @throws InvalidTypesException if a type variable in it is not known
     */
    public static TypeInfo<?> of(Type type) {
        try {
            return new TypeExtractor().extract(type, Bindings.empty());
        } catch (Unresolved e) {
            throw new InvalidTypesException("cannot determine the type " + type.getTypeName() + ": " + e.getMessage()
                    + ". Give the type with a TypeHint: new TypeHint<...>() {}.");
        }
    }

    /**
     * The output type of a user function: the last type parameter of {@code functionInterface}, the
     * others being its inputs.
     *
     * @param function the function (a class instance, lambda or method reference)
     * @param functionInterface the interface it implements, such as {@code MapFunction.class}
     * @param inputTypes the types of its inputs, in the order of the interface's type parameters
     * @param operator how to name the operator in an error, e.g. "map at WordCount.java:42"
     * @throws InvalidTypesException naming the operator and how to give the type
     */
    @SuppressWarnings("unchecked")
    public static <OUT> TypeInfo<OUT> outputType(
            Object function, Class<?> functionInterface, List<TypeInfo<?>> inputTypes, String operator) {
        TypeVariable<?>[] parameters = functionInterface.getTypeParameters();
        if (parameters.length != inputTypes.size() + 1) {
            throw new IllegalArgumentException(functionInterface.getSimpleName() + " has " + parameters.length
                    + " type parameters; expected " + inputTypes.size() + " inputs and an output");
        }
        try {
            TypeExtractor extractor = new TypeExtractor();
            SerializedLambda lambda = serializedLambda(function);
            TypeInfo<?> result = lambda != null
                    ? extractor.lambdaOutput(function, lambda, functionInterface, inputTypes)
                    : extractor.classOutput(function.getClass(), functionInterface, inputTypes);
            return (TypeInfo<OUT>) result;
        } catch (Unresolved e) {
            throw new InvalidTypesException("cannot determine the output type of " + operator + ": " + e.getMessage()
                    + ". Give the type explicitly with returns(...), e.g. .returns(Types.TUPLE(Types.STRING,"
                    + " Types.INT)) or .returns(new TypeHint<Tuple2<String, Integer>>() {}).");
        }
    }

    // ------------------------------------------------------------------------------------------
    // Types
    // ------------------------------------------------------------------------------------------

    private TypeInfo<?> extract(Type type, Bindings bindings) throws Unresolved {
        if (type instanceof Class<?> c) {
            return extractClass(c, List.of(), bindings);
        }
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            return extractClass(raw, List.of(parameterized.getActualTypeArguments()), bindings);
        }
        if (type instanceof TypeVariable<?> variable) {
            Object bound = bindings.get(variable);
            if (bound instanceof TypeInfo<?> info) {
                return info;
            }
            if (bound instanceof Type boundType) {
                return extract(boundType, bindings);
            }
            throw new Unresolved("the type variable " + variable.getName() + " of " + describeDeclaration(variable)
                    + " is not bound to a type here");
        }
        if (type instanceof WildcardType wildcard) {
            Type[] upper = wildcard.getUpperBounds();
            return extract(upper.length == 0 ? Object.class : upper[0], bindings);
        }
        if (type instanceof GenericArrayType array) {
            TypeInfo<?> element = extract(array.getGenericComponentType(), bindings);
            return objectArray(element);
        }
        throw new Unresolved("unsupported kind of type " + type.getTypeName());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypeInfo<?> objectArray(TypeInfo<?> element) {
        return new ObjectArrayTypeInfo(element.typeClass(), element);
    }

    /**
     * The type info of {@code type} with the given type arguments (empty for a raw or non-generic
     * class).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private TypeInfo<?> extractClass(Class<?> type, List<Type> arguments, Bindings bindings) throws Unresolved {
        BasicTypeInfo<?> basic = BasicTypeInfo.forClass(type);
        if (basic != null) {
            return basic;
        }
        if (type.isArray()) {
            TypeInfo<?> primitive = PrimitiveArrayTypeInfo.forClass(type);
            return primitive != null ? primitive : objectArray(extract(type.getComponentType(), bindings));
        }
        if (Enum.class.isAssignableFrom(type) && type != Enum.class) {
            Class<?> enumClass = type.isEnum() ? type : type.getSuperclass();
            return new EnumTypeInfo(enumClass);
        }
        if (Tuple.class.isAssignableFrom(type)) {
            if (type == Tuple.class || arguments.isEmpty()) {
                throw new Unresolved("it is a " + type.getSimpleName() + " without type arguments (Java erases them"
                        + " from lambdas and raw types)");
            }
            List<TypeInfo<?>> fields = new ArrayList<>(arguments.size());
            for (Type argument : arguments) {
                fields.add(extract(argument, bindings));
            }
            return CompositeTypeInfo.forTuple(fields);
        }
        if (type == List.class || type == Collection.class || type == ArrayList.class) {
            TypeInfo<?> element = arguments.isEmpty() ? genericElement(type) : extract(arguments.get(0), bindings);
            return new ListTypeInfo(element);
        }
        if (type == Map.class || type == HashMap.class || type == LinkedHashMap.class) {
            if (arguments.isEmpty()) {
                return new MapTypeInfo(genericElement(type), genericElement(type));
            }
            return new MapTypeInfo(extract(arguments.get(0), bindings), extract(arguments.get(1), bindings));
        }
        Bindings classBindings = bind(type, arguments, bindings);
        if (!inProgress.add(type)) {
            return generic(type, "it contains itself, so the nested occurrence is serialized as a whole");
        }
        try {
            if (type.isRecord()) {
                return extractRecord(type, classBindings);
            }
            String notAPojo = whyNotAPojo(type);
            if (notAPojo == null) {
                return extractPojo(type, classBindings);
            }
            return generic(type, notAPojo);
        } finally {
            inProgress.remove(type);
        }
    }

    private static TypeInfo<Object> genericElement(Class<?> container) {
        warnGeneric(Object.class, "the elements of a raw " + container.getSimpleName() + " have no declared type");
        return new GenericTypeInfo<>(Object.class);
    }

    /** Binds the type parameters of {@code type} to {@code arguments}, resolved in {@code outer}. */
    private static Bindings bind(Class<?> type, List<Type> arguments, Bindings outer) {
        Bindings result = outer;
        TypeVariable<?>[] parameters = type.getTypeParameters();
        for (int i = 0; i < parameters.length && i < arguments.size(); i++) {
            Type argument = arguments.get(i);
            // an argument that is itself a variable of the outer scope must be resolved there
            Object value = argument instanceof TypeVariable<?> v && outer.get(v) != null ? outer.get(v) : argument;
            result = result.with(parameters[i], value);
        }
        // variables of generic superclasses, as this class instantiates them
        Class<?> current = type;
        while (current.getSuperclass() != null && current.getSuperclass() != Object.class) {
            if (current.getGenericSuperclass() instanceof ParameterizedType superType) {
                Class<?> superClass = (Class<?>) superType.getRawType();
                TypeVariable<?>[] superParameters = superClass.getTypeParameters();
                Type[] superArguments = superType.getActualTypeArguments();
                for (int i = 0; i < superParameters.length; i++) {
                    result = result.with(superParameters[i], superArguments[i]);
                }
            }
            current = current.getSuperclass();
        }
        return result;
    }

    private TypeInfo<?> extractRecord(Class<?> type, Bindings bindings) throws Unresolved {
        List<CompositeTypeInfo.Field> fields = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            TypeInfo<?> fieldType;
            try {
                fieldType = extract(component.getGenericType(), bindings);
            } catch (Unresolved e) {
                throw new Unresolved("component '" + component.getName() + "' of record " + type.getSimpleName() + ": "
                        + e.getMessage());
            }
            fields.add(new CompositeTypeInfo.Field(
                    component.getName(), fieldType, !component.getType().isPrimitive()));
        }
        return CompositeTypeInfo.forRecord(type, fields);
    }

    private TypeInfo<?> extractPojo(Class<?> type, Bindings bindings) throws Unresolved {
        List<Field> declared = pojoFields(type);
        List<CompositeTypeInfo.Field> fields = new ArrayList<>();
        List<PojoAccess.FieldRef> refs = new ArrayList<>();
        for (Field field : declared) {
            TypeInfo<?> fieldType;
            try {
                fieldType = extract(field.getGenericType(), bindings);
            } catch (Unresolved e) {
                throw new Unresolved(
                        "field '" + field.getName() + "' of " + type.getSimpleName() + ": " + e.getMessage());
            }
            fields.add(new CompositeTypeInfo.Field(
                    field.getName(), fieldType, !field.getType().isPrimitive()));
            refs.add(new PojoAccess.FieldRef(field.getDeclaringClass(), field.getName()));
        }
        return CompositeTypeInfo.forPojo(type, fields, refs);
    }

    /** The serializable fields of a class and its superclasses, sorted by name. */
    private static List<Field> pojoFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()) {
                    fields.add(field);
                }
            }
        }
        fields.sort(Comparator.comparing(Field::getName));
        return fields;
    }

    /** Why {@code type} is not a POJO, or {@code null} if it is one. */
    private static String whyNotAPojo(Class<?> type) {
        String name = type.getName();
        if (name.startsWith("java.")
                || name.startsWith("javax.")
                || name.startsWith("jdk.")
                || name.startsWith("sun.")) {
            return "it is a JDK class";
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return "it is an interface or abstract class, so the concrete class is known only at run time";
        }
        if ((type.isMemberClass() && !Modifier.isStatic(type.getModifiers()))
                || type.isLocalClass()
                || type.isAnonymousClass()) {
            return "it is an inner class that needs an instance of its enclosing class; make it static";
        }
        try {
            type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            return "it has no constructor without arguments";
        }
        List<Field> fields = pojoFields(type);
        if (fields.isEmpty()) {
            return "it has no fields";
        }
        Set<String> names = new HashSet<>();
        for (Field field : fields) {
            if (!names.add(field.getName())) {
                return "the field name '" + field.getName() + "' appears in it and in a superclass";
            }
            if (Modifier.isFinal(field.getModifiers())) {
                return "field '" + field.getName() + "' is final";
            }
            if (!Modifier.isPublic(field.getModifiers()) && !hasGetterAndSetter(field)) {
                return "field '" + field.getName() + "' is not public and has no getter and setter";
            }
        }
        return null;
    }

    private static boolean hasGetterAndSetter(Field field) {
        String name = field.getName();
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        boolean getter = false;
        boolean setter = false;
        for (Class<?> current = field.getDeclaringClass(); current != null; current = current.getSuperclass()) {
            for (Method method : current.getDeclaredMethods()) {
                String methodName = method.getName();
                if (method.getParameterCount() == 0
                        && (methodName.equals("get" + capitalized)
                                || methodName.equals(name)
                                || (methodName.equals("is" + capitalized) && field.getType() == boolean.class))) {
                    getter = true;
                }
                if (method.getParameterCount() == 1 && methodName.equals("set" + capitalized)) {
                    setter = true;
                }
            }
        }
        return getter && setter;
    }

    private static TypeInfo<?> generic(Class<?> type, String reason) {
        warnGeneric(type, reason);
        return new GenericTypeInfo<>(type);
    }

    private static void warnGeneric(Class<?> type, String reason) {
        if (WARNED_GENERIC.add(type)) {
            LOG.warn(
                    "{} is not a record, POJO, tuple or a type Weir knows ({}); it will be serialized with Kryo,"
                            + " which is slower and larger. Make it a record or POJO, or register a Kryo serializer.",
                    type.getName(),
                    reason);
        }
    }

    private static String describeDeclaration(TypeVariable<?> variable) {
        Object declaration = variable.getGenericDeclaration();
        if (declaration instanceof Class<?> c) {
            return c.getSimpleName();
        }
        if (declaration instanceof Executable executable) {
            return executable.getDeclaringClass().getSimpleName() + "." + executable.getName();
        }
        return String.valueOf(declaration);
    }

    // ------------------------------------------------------------------------------------------
    // Functions implemented by classes
    // ------------------------------------------------------------------------------------------

    private TypeInfo<?> classOutput(Class<?> functionClass, Class<?> functionInterface, List<TypeInfo<?>> inputTypes)
            throws Unresolved {
        Type[] arguments = interfaceArguments(functionClass, functionInterface, Bindings.empty());
        if (arguments == null) {
            throw new Unresolved(functionClass.getName() + " does not implement " + functionInterface.getSimpleName());
        }
        Bindings bindings = Bindings.empty();
        for (int i = 0; i < inputTypes.size(); i++) {
            bindings = bindInput(arguments[i], inputTypes.get(i), bindings);
        }
        try {
            return extract(arguments[arguments.length - 1], bindings);
        } catch (Unresolved e) {
            throw new Unresolved(functionClass.getSimpleName() + " implements " + functionInterface.getSimpleName()
                    + " with an output type that depends on its own type parameters: " + e.getMessage());
        }
    }

    /**
     * The type arguments with which {@code type} (seen with {@code bindings}) implements {@code
     * target}, or {@code null}.
     */
    private static Type[] interfaceArguments(Type type, Class<?> target, Bindings bindings) {
        Class<?> raw;
        Bindings scope = bindings;
        if (type instanceof ParameterizedType parameterized) {
            raw = (Class<?>) parameterized.getRawType();
            TypeVariable<?>[] parameters = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < parameters.length; i++) {
                scope = scope.with(parameters[i], substitute(arguments[i], bindings));
            }
        } else if (type instanceof Class<?> c) {
            raw = c;
        } else {
            return null;
        }
        if (raw == target) {
            TypeVariable<?>[] parameters = raw.getTypeParameters();
            Type[] result = new Type[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                result[i] = substitute(parameters[i], scope);
            }
            return result;
        }
        List<Type> supertypes = new ArrayList<>(List.of(raw.getGenericInterfaces()));
        if (raw.getGenericSuperclass() != null) {
            supertypes.add(raw.getGenericSuperclass());
        }
        for (Type supertype : supertypes) {
            Type[] found = interfaceArguments(supertype, target, scope);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Replaces type variables bound to types; leaves unbound ones (and those bound to infos). */
    private static Type substitute(Type type, Bindings bindings) {
        if (type instanceof TypeVariable<?> variable && bindings.get(variable) instanceof Type bound) {
            return bound;
        }
        return type;
    }

    /** Binds the type variables in {@code declared} by matching it against the actual {@code input}. */
    private static Bindings bindInput(Type declared, TypeInfo<?> input, Bindings bindings) {
        if (declared instanceof TypeVariable<?> variable) {
            return bindings.get(variable) == null ? bindings.with(variable, input) : bindings;
        }
        if (declared instanceof GenericArrayType array && input instanceof ObjectArrayTypeInfo<?> arrayInfo) {
            return bindInput(array.getGenericComponentType(), arrayInfo.elementType(), bindings);
        }
        if (!(declared instanceof ParameterizedType parameterized)) {
            return bindings;
        }
        Class<?> raw = (Class<?>) parameterized.getRawType();
        Type[] arguments = parameterized.getActualTypeArguments();
        Bindings result = bindings;
        if (input instanceof ListTypeInfo<?> list && arguments.length == 1) {
            return bindInput(arguments[0], list.elementType(), result);
        }
        if (input instanceof MapTypeInfo<?, ?> map && arguments.length == 2) {
            result = bindInput(arguments[0], map.keyType(), result);
            return bindInput(arguments[1], map.valueType(), result);
        }
        if (input instanceof CompositeTypeInfo<?> composite) {
            if (composite.kind() == CompositeTypeInfo.Kind.TUPLE && arguments.length == composite.arity()) {
                for (int i = 0; i < arguments.length; i++) {
                    result = bindInput(arguments[i], composite.field(i).type(), result);
                }
                return result;
            }
            if (composite.typeClass() == raw) {
                // a generic record or POJO: find, for each type parameter, a field declared with it
                TypeVariable<?>[] parameters = raw.getTypeParameters();
                for (int i = 0; i < parameters.length; i++) {
                    for (int f = 0; f < composite.arity(); f++) {
                        if (parameters[i].equals(
                                declaredFieldType(raw, composite.field(f).name()))) {
                            result = bindInput(arguments[i], composite.field(f).type(), result);
                            break;
                        }
                    }
                }
            }
        }
        return result;
    }

    private static Type declaredFieldType(Class<?> type, String name) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return component.getGenericType();
                }
            }
            return null;
        }
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            try {
                return current.getDeclaredField(name).getGenericType();
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------
    // Lambdas and method references
    // ------------------------------------------------------------------------------------------

    /** The serialized form of a lambda or method reference, or {@code null} for other objects. */
    private static SerializedLambda serializedLambda(Object function) {
        Class<?> type = function.getClass();
        if (!type.isSynthetic() && !type.getName().contains("$$Lambda")) {
            return null;
        }
        try {
            Method writeReplace = type.getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            Object replacement = writeReplace.invoke(function);
            return replacement instanceof SerializedLambda lambda ? lambda : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private TypeInfo<?> lambdaOutput(
            Object function, SerializedLambda lambda, Class<?> functionInterface, List<TypeInfo<?>> inputTypes)
            throws Unresolved {
        Method sam = singleAbstractMethod(functionInterface);
        TypeVariable<?> output = functionInterface.getTypeParameters()[inputTypes.size()];
        int collectorParameter = -1;
        if (!sam.getGenericReturnType().equals(output)) {
            Type[] parameters = sam.getGenericParameterTypes();
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof ParameterizedType p && p.getRawType() == Collector.class) {
                    collectorParameter = i;
                }
            }
            if (collectorParameter < 0) {
                throw new Unresolved(functionInterface.getSimpleName() + " neither returns nor collects its output");
            }
        }

        Executable implementation = implementationOf(function, lambda);
        // Map the interface method's parameters onto the implementation's: captured values come
        // first; an unbound instance method reference takes its receiver from the first parameter.
        int kind = lambda.getImplMethodKind();
        boolean instanceMethod = kind == java.lang.invoke.MethodHandleInfo.REF_invokeVirtual
                || kind == java.lang.invoke.MethodHandleInfo.REF_invokeInterface;
        int captured = lambda.getCapturedArgCount();
        int shift = instanceMethod ? (captured > 0 ? captured - 1 : -1) : captured;

        Bindings bindings = Bindings.empty();
        Type[] implementationParameters = implementation.getGenericParameterTypes();
        Type[] samParameters = sam.getGenericParameterTypes();
        for (int i = 0; i < samParameters.length; i++) {
            int inputIndex = inputIndexOf(samParameters[i], functionInterface);
            if (inputIndex < 0) {
                continue;
            }
            int target = i + shift;
            if (target == -1 && instanceMethod) {
                bindings = bindReceiver(implementation.getDeclaringClass(), inputTypes.get(inputIndex), bindings);
            } else if (target >= 0 && target < implementationParameters.length) {
                bindings = bindInput(implementationParameters[target], inputTypes.get(inputIndex), bindings);
            }
        }

        Type outputType;
        if (collectorParameter < 0) {
            outputType = implementation instanceof Constructor<?> constructor
                    ? constructor.getDeclaringClass()
                    : ((Method) implementation).getGenericReturnType();
        } else {
            int target = collectorParameter + shift;
            Type collector =
                    target >= 0 && target < implementationParameters.length ? implementationParameters[target] : null;
            if (!(collector instanceof ParameterizedType parameterized)) {
                throw new Unresolved("the lambda's Collector parameter has no type argument (Java erases it from"
                        + " lambda bodies)");
            }
            outputType = parameterized.getActualTypeArguments()[0];
        }
        return extract(outputType, bindings);
    }

    /** Which input (type parameter position) a parameter of the interface method carries, or -1. */
    private static int inputIndexOf(Type samParameter, Class<?> functionInterface) {
        Type element = samParameter;
        if (samParameter instanceof ParameterizedType p && p.getRawType() == Iterable.class) {
            element = p.getActualTypeArguments()[0];
        }
        TypeVariable<?>[] variables = functionInterface.getTypeParameters();
        for (int i = 0; i < variables.length - 1; i++) {
            if (variables[i].equals(element)) {
                return i;
            }
        }
        return -1;
    }

    /** For {@code Box::value} on a generic class, binds the class's type parameters from the input. */
    private static Bindings bindReceiver(Class<?> receiverClass, TypeInfo<?> input, Bindings bindings) {
        TypeVariable<?>[] parameters = receiverClass.getTypeParameters();
        if (parameters.length == 0) {
            return bindings;
        }
        Type self = new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return parameters;
            }

            @Override
            public Type getRawType() {
                return receiverClass;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        };
        return bindInput(self, input, bindings);
    }

    private static Method singleAbstractMethod(Class<?> functionInterface) {
        for (Method method : functionInterface.getMethods()) {
            if (Modifier.isAbstract(method.getModifiers()) && method.getDeclaringClass() != Object.class) {
                return method;
            }
        }
        throw new IllegalArgumentException(functionInterface.getName() + " is not a functional interface");
    }

    private static Executable implementationOf(Object function, SerializedLambda lambda) throws Unresolved {
        String className = lambda.getImplClass().replace('/', '.');
        Class<?> implementationClass;
        try {
            implementationClass =
                    Class.forName(className, false, function.getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new Unresolved("the class " + className + " of the lambda's code cannot be loaded");
        }
        String name = lambda.getImplMethodName();
        String descriptor = lambda.getImplMethodSignature();
        if (name.equals("<init>")) {
            for (Constructor<?> constructor : implementationClass.getDeclaredConstructors()) {
                if (MethodType.methodType(void.class, constructor.getParameterTypes())
                        .toMethodDescriptorString()
                        .equals(descriptor)) {
                    return constructor;
                }
            }
        } else {
            for (Method method : implementationClass.getDeclaredMethods()) {
                if (method.getName().equals(name)
                        && MethodType.methodType(method.getReturnType(), method.getParameterTypes())
                                .toMethodDescriptorString()
                                .equals(descriptor)) {
                    return method;
                }
            }
        }
        throw new Unresolved("the lambda's code " + className + "." + name + " cannot be found");
    }
}
