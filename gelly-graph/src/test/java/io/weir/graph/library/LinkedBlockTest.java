package io.weir.graph.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.graph.blocks.BlockGraph.Block;
import io.weir.graph.library.SmallestIdComponents.LinkedBlock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A linked block's components against a breadth-first search over the block's edges. */
class LinkedBlockTest {

    @Test
    void twoEndsShareAComponentExactlyWhenTheBlocksEdgesJoinThem() {
        Random random = new Random(29);
        for (int round = 0; round < 300; round++) {
            int sourceCount = 1 + random.nextInt(40);
            int targetCount = 1 + random.nextInt(40);
            // each source a run of edges (at least one) to random targets; every target reached
            List<Integer> positions = new ArrayList<>();
            int[] ends = new int[sourceCount];
            for (int i = 0; i < sourceCount; i++) {
                int edges = 1 + random.nextInt(random.nextBoolean() ? 2 : 6);
                for (int k = 0; k < edges; k++) {
                    positions.add(random.nextInt(targetCount));
                }
                ends[i] = positions.size();
            }
            for (int p = 0; p < targetCount; p++) {
                if (!positions.contains(p)) {
                    positions.add(p);
                    ends[sourceCount - 1] = positions.size();
                }
            }
            int[] sources = new int[sourceCount];
            Arrays.setAll(sources, i -> 3 * i + 1);
            int[] targets = new int[targetCount];
            Arrays.setAll(targets, p -> 5 * p);
            Block block = new Block(
                    2,
                    7,
                    sources,
                    ends,
                    positions.stream().mapToInt(Integer::intValue).toArray(),
                    targets);

            LinkedBlock linked = LinkedBlock.of(block);

            assertThat(linked.sources()).isEqualTo(sources);
            assertThat(linked.targets()).isEqualTo(targets);
            int[] oracle = bfsComponents(sourceCount, targetCount, ends, block.positions());
            int[] actual = new int[sourceCount + targetCount];
            System.arraycopy(linked.sourceComponents(), 0, actual, 0, sourceCount);
            System.arraycopy(linked.targetComponents(), 0, actual, sourceCount, targetCount);
            for (int a = 0; a < actual.length; a++) {
                assertThat(actual[a]).isBetween(0, linked.components() - 1);
                for (int b = 0; b < actual.length; b++) {
                    assertThat(actual[a] == actual[b])
                            .as("round %d, ends %d and %d", round, a, b)
                            .isEqualTo(oracle[a] == oracle[b]);
                }
            }
            assertThat(Arrays.stream(oracle).distinct().count()).isEqualTo(linked.components());

            // the same components seen the other way: targets as sources, from chunk 7 to chunk 2
            LinkedBlock back = linked.reversed();
            assertThat(List.of(back.sourceChunk(), back.targetChunk())).containsExactly(7, 2);
            assertThat(back.sources()).isEqualTo(targets);
            assertThat(back.sourceComponents()).isEqualTo(linked.targetComponents());
            assertThat(back.targets()).isEqualTo(sources);
            assertThat(back.targetComponents()).isEqualTo(linked.sourceComponents());
            assertThat(back.components()).isEqualTo(linked.components());
        }
    }

    /** Components of the bipartite graph (sources 0 .. s-1, targets s .. s+t-1) by breadth-first search. */
    private static int[] bfsComponents(int sourceCount, int targetCount, int[] ends, int[] positions) {
        int nodes = sourceCount + targetCount;
        List<List<Integer>> adjacent = new ArrayList<>();
        for (int node = 0; node < nodes; node++) {
            adjacent.add(new ArrayList<>());
        }
        int e = 0;
        for (int i = 0; i < sourceCount; i++) {
            for (; e < ends[i]; e++) {
                adjacent.get(i).add(sourceCount + positions[e]);
                adjacent.get(sourceCount + positions[e]).add(i);
            }
        }
        int[] component = new int[nodes];
        Arrays.fill(component, -1);
        int next = 0;
        for (int start = 0; start < nodes; start++) {
            if (component[start] >= 0) {
                continue;
            }
            ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
            component[start] = next;
            while (!queue.isEmpty()) {
                for (int neighbour : adjacent.get(queue.poll())) {
                    if (component[neighbour] < 0) {
                        component[neighbour] = next;
                        queue.add(neighbour);
                    }
                }
            }
            next++;
        }
        return component;
    }
}
