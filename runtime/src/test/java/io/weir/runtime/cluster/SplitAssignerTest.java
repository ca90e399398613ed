package io.weir.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.io.InputSplit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SplitAssignerTest {

    record Split(int splitNumber, List<String> hostnames) implements InputSplit {}

    private static final List<String> HOSTS = List.of("a", "b", "c");

    /** Splits on one, two or none of the hosts a, b, c (and d, where no instance runs). */
    private static InputSplit[] splits(Random random, int count) {
        InputSplit[] splits = new InputSplit[count];
        for (int i = 0; i < count; i++) {
            List<String> hosts = new ArrayList<>();
            int replicas = random.nextInt(3);
            for (int r = 0; r < replicas; r++) {
                String host = random.nextInt(5) == 0 ? "d" : HOSTS.get(random.nextInt(HOSTS.size()));
                if (!hosts.contains(host)) {
                    hosts.add(host);
                }
            }
            splits[i] = new Split(i, hosts);
        }
        return splits;
    }

    @Property(tries = 200)
    void everySplitGoesOutOnceAndAnInstanceGetsItsHostsSplitsWhileAnyAreLeft(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 200) int count) {
        Random random = new Random(seed);
        InputSplit[] splits = splits(random, count);
        SplitAssigner assigner = new SplitAssigner(splits, host -> host.toUpperCase(java.util.Locale.ROOT));
        Set<Integer> untaken = new HashSet<>();
        for (int i = 0; i < count; i++) {
            untaken.add(i);
        }
        Set<Integer> handedOut = new HashSet<>();
        int local = 0;
        int remote = 0;
        for (InputSplit split; ; ) {
            String host = random.nextInt(6) == 0 ? null : HOSTS.get(random.nextInt(HOSTS.size()));
            boolean hostHasSomeLeft = host != null
                    && untaken.stream().anyMatch(i -> splits[i].hostnames().contains(host));
            split = assigner.next(host);
            if (split == null) {
                break;
            }
            assertThat(handedOut.add(split.splitNumber())).as("handed out once").isTrue();
            untaken.remove(split.splitNumber());
            if (hostHasSomeLeft) {
                assertThat(split.hostnames())
                        .as("a split of host %s while it has some left", host)
                        .contains(host);
                local++;
            } else if (!split.hostnames().isEmpty()) {
                remote++;
            }
        }
        assertThat(handedOut).hasSize(count);
        assertThat(assigner.next("a")).isNull();
        assertThat(assigner.localAssignments()).isEqualTo(local);
        assertThat(assigner.remoteAssignments()).isEqualTo(remote);
    }

    @Test
    void everyNameOfThisMachineIsOneHostAndOthersAreNot() {
        assertThat(SplitAssigner.hostKey("localhost")).isEqualTo(SplitAssigner.THIS_MACHINE);
        assertThat(SplitAssigner.hostKey("127.0.0.1")).isEqualTo(SplitAssigner.THIS_MACHINE);
        assertThat(SplitAssigner.hostKey(SplitAssigner.THIS_MACHINE)).isEqualTo(SplitAssigner.THIS_MACHINE);
        // an address of no interface here (TEST-NET-1, never routed): a literal, so no lookup
        assertThat(SplitAssigner.hostKey("192.0.2.7")).isEqualTo("192.0.2.7");

        InputSplit far = new Split(0, List.of("192.0.2.7"));
        InputSplit near = new Split(1, List.of("192.0.2.8", "127.0.0.1"));
        SplitAssigner assigner = new SplitAssigner(new InputSplit[] {far, near}, SplitAssigner::hostKey);
        assertThat(assigner.next(SplitAssigner.THIS_MACHINE)).isSameAs(near);
        assertThat(assigner.next(SplitAssigner.THIS_MACHINE)).isSameAs(far);
        assertThat(assigner.localAssignments()).isEqualTo(1);
        assertThat(assigner.remoteAssignments()).isEqualTo(1);
    }
}
