package io.weir.runtime.cluster;

import io.weir.core.io.InputSplit;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Hands a source's splits to its parallel instances as they ask, each split once, so that a fast
 * instance takes more of them. An instance gets a split whose data its host holds (the hosts a split
 * names: a distributed file system's block locations) while one is left; then the next of the others,
 * in split order. Hosts are compared by a key ({@link #hostKey}): in the embedded engine every name
 * of this machine is one key, {@link #THIS_MACHINE}, the host its instances ask from.
 */
public final class SplitAssigner {

    /** The host key of every name and address of this machine. */
    public static final String THIS_MACHINE = "this machine";

    private static final Map<String, Boolean> LOCAL_NAMES = new ConcurrentHashMap<>();

    private final InputSplit[] splits;
    private final boolean[] taken;
    private final Map<String, ArrayDeque<Integer>> byHost = new HashMap<>();
    private final UnaryOperator<String> hostKey;
    private int cursor;
    private int local;
    private int remote;

    /**
     * @param hostKey what a host name counts as: equal keys are one host ({@link #hostKey} for the
     *     embedded engine)
     */
    public SplitAssigner(InputSplit[] splits, UnaryOperator<String> hostKey) {
        this.splits = splits.clone();
        this.taken = new boolean[splits.length];
        this.hostKey = hostKey;
        for (int i = 0; i < splits.length; i++) {
            for (String host : splits[i].hostnames()) {
                byHost.computeIfAbsent(hostKey.apply(host), key -> new ArrayDeque<>())
                        .add(i);
            }
        }
    }

    /** The next split for an instance on {@code host} ({@code null}: no preference), or {@code null} when all are taken. */
    public synchronized InputSplit next(String host) {
        ArrayDeque<Integer> held = host == null ? null : byHost.get(hostKey.apply(host));
        while (held != null && !held.isEmpty()) {
            int index = held.poll();
            if (!taken[index]) {
                taken[index] = true;
                local++;
                return splits[index];
            }
        }
        while (cursor < splits.length && taken[cursor]) {
            cursor++;
        }
        if (cursor == splits.length) {
            return null;
        }
        taken[cursor] = true;
        if (!splits[cursor].hostnames().isEmpty()) {
            remote++;
        }
        return splits[cursor++];
    }

    /** Splits handed to an instance on a host that holds them. */
    public synchronized int localAssignments() {
        return local;
    }

    /** Splits that name hosts handed to an instance on another host. */
    public synchronized int remoteAssignments() {
        return remote;
    }

    /**
     * {@link #THIS_MACHINE} for a name or address of this machine (loopback, or an address of one of
     * its network interfaces), else the name in lower case. Each name is resolved once.
     */
    public static String hostKey(String host) {
        if (host.equals(THIS_MACHINE)) {
            return THIS_MACHINE;
        }
        return LOCAL_NAMES.computeIfAbsent(host.toLowerCase(Locale.ROOT), SplitAssigner::isThisMachine)
                ? THIS_MACHINE
                : host.toLowerCase(Locale.ROOT);
    }

    private static boolean isThisMachine(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress()
                    || address.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (UnknownHostException | SocketException | SecurityException e) {
            return false;
        }
    }
}
