package io.weir.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesTest {

    static int plainIndexOf(byte[] array, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (array[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void firstNegativeFindsTheFirstNonAsciiByteLikeAPlainLoop() {
        Random random = new Random(11);
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] array = new byte[random.nextInt(40)];
            for (int i = 0; i < array.length; i++) {
                array[i] = random.nextInt(8) == 0 ? (byte) (0x80 | random.nextInt(128)) : (byte) random.nextInt(128);
            }
            int from = array.length == 0 ? 0 : random.nextInt(array.length + 1);
            int to = from + random.nextInt(array.length - from + 1);
            int expected = from;
            while (expected < to && array[expected] >= 0) {
                expected++;
            }
            assertThat(Bytes.firstNegative(array, from, to))
                    .as("trial %d", trial)
                    .isEqualTo(expected);
        }
    }

    @Test
    void indexOfFindsTheFirstMatchLikeAPlainLoop() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] array = new byte[random.nextInt(40)];
            // few distinct values, so that matches, near-matches (0x80, 0x00, value ± 1) and runs occur
            byte[] alphabet = {0, 1, (byte) 0x80, (byte) 0xFF, '\n', '\n' + 1, '|', (byte) 0x7F};
            for (int i = 0; i < array.length; i++) {
                array[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int from = array.length == 0 ? 0 : random.nextInt(array.length + 1);
            int to = from + random.nextInt(array.length - from + 1);
            byte value = alphabet[random.nextInt(alphabet.length)];
            assertThat(Bytes.indexOf(array, from, to, value))
                    .as("trial %d", trial)
                    .isEqualTo(plainIndexOf(array, from, to, value));
        }
    }

    @Test
    void indexesOfFindsEveryMatchInOrderUpToTheLimitLikeAPlainLoop() {
        Random random = new Random(9);
        byte[] alphabet = {0, 1, (byte) 0x80, (byte) 0xFF, '|', '|' + 1, '|' - 1, (byte) 0x7F, (byte) ('|' | 0x80)};
        int[] positions = new int[50];
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] array = new byte[random.nextInt(60)];
            for (int i = 0; i < array.length; i++) {
                array[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int from = array.length == 0 ? 0 : random.nextInt(array.length + 1);
            int to = from + random.nextInt(array.length - from + 1);
            byte value = alphabet[random.nextInt(alphabet.length)];
            int max = random.nextInt(12);
            int expectedCount = 0;
            int[] expected = new int[max];
            for (int i = from; i < to && expectedCount < max; i++) {
                if (array[i] == value) {
                    expected[expectedCount++] = i;
                }
            }
            int count = Bytes.indexesOf(array, from, to, value, positions, max);
            assertThat(count).as("trial %d", trial).isEqualTo(expectedCount);
            for (int k = 0; k < count; k++) {
                assertThat(positions[k]).as("trial %d, match %d", trial, k).isEqualTo(expected[k]);
            }
        }
    }
}
