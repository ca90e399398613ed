package io.weir.runtime.operators.join;

import io.weir.core.functions.Collector;
import io.weir.core.functions.CrossFunction;
import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.MemorySegment;
import io.weir.memory.view.RandomAccessInputView;
import io.weir.memory.view.RandomAccessOutputView;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.PageBudget;
import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.operators.buffer.SpillableRecordBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cartesian product of two inputs, in bounded memory: records of the <em>block</em> side are
 * loaded into memory a block at a time, and for every block the <em>streamed</em> side is read once,
 * each of its records crossed with every record of the block.
 *
 * <pre>
 *   budget: [ block pages (half)                  | streamed side's buffer (the other half) ]
 *   if the whole block side fits in one block:  one pass over the streamed input, nothing buffered
 *   otherwise:                                  the streamed side is buffered (spilling) once and
 *                                               re-read for each block
 * </pre>
 *
 * The caller picks the block side: the smaller input, ideally one that fits in a block, so that the
 * larger one is read once. A block of up to 16 MiB is deserialized once and kept on the heap while
 * the streamed side goes by (copied per pair unless the type is immutable); a larger one stays
 * serialized and is deserialized for each streamed record.
 */
public final class BlockNestedLoopCross<B, S, O> {

    /** The largest block (serialized) kept deserialized on the heap while the streamed side goes by. */
    static final long HEAP_BLOCK_BYTES = 16L << 20;

    /** The fewest pages the cross works with: one for the block, three for the buffer. */
    public static final int MIN_PAGES = 1 + SpillableRecordBuffer.MIN_PAGES;

    private final TypeSerializer<B> blockSerializer;
    private final TypeSerializer<S> streamedSerializer;
    private final OperatorResources resources;

    public BlockNestedLoopCross(
            TypeSerializer<B> blockSerializer, TypeSerializer<S> streamedSerializer, OperatorResources resources) {
        this.blockSerializer = Objects.requireNonNull(blockSerializer, "blockSerializer is null");
        this.streamedSerializer = Objects.requireNonNull(streamedSerializer, "streamedSerializer is null");
        this.resources = Objects.requireNonNull(resources, "resources is null");
    }

    /** What to do with each pair: the user's cross function, with sides as the caller arranged them. */
    @FunctionalInterface
    public interface PairFunction<B, S, O> {
        O apply(B block, S streamed) throws Exception;
    }

    /** Adapts a cross function whose first input is the block side. */
    public static <B, S, O> PairFunction<B, S, O> blockFirst(CrossFunction<B, S, O> function) {
        return function::cross;
    }

    /** Adapts a cross function whose first input is the streamed side. */
    public static <B, S, O> PairFunction<B, S, O> blockSecond(CrossFunction<S, B, O> function) {
        return (block, streamed) -> function.cross(streamed, block);
    }

    /** Crosses the inputs, emitting every result to {@code out}; then releases all memory and files. */
    public void run(
            RecordIterator<B> blockInput,
            RecordIterator<S> streamedInput,
            PairFunction<B, S, O> function,
            Collector<O> out)
            throws IOException {
        resources.requirePages(MIN_PAGES);
        int blockPages =
                Math.max(1, Math.min(resources.pages() / 2, resources.pages() - SpillableRecordBuffer.MIN_PAGES));
        try {
            blockBudget = resources.split("block", blockPages).budget(1);
            List<MemorySegment> block = new ArrayList<>(blockBudget.take(1));
            try (SpillableRecordBuffer<S> streamed = new SpillableRecordBuffer<>(
                    streamedSerializer,
                    resources.split("buffer of the streamed side", resources.pages() - blockPages))) {
                Block first = fillBlock(block, blockInput);
                if (first.exhausted()) {
                    // everything fits: the streamed side goes by once
                    crossBlock(first, streamedInput, function, out, true);
                    return;
                }
                long streamedRecords = 0;
                for (S record = streamedInput.next(); record != null; record = streamedInput.next()) {
                    streamed.add(record);
                    streamedRecords++;
                }
                resources.metrics().addRecordsIn(streamedRecords);
                streamed.finishWriting();
                Block current = first;
                while (true) {
                    crossBlock(current, streamed.read(), function, out, false);
                    if (current.exhausted()) {
                        break;
                    }
                    current = fillBlock(block, blockInput);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw resources.failure("while crossing", e);
        } finally {
            resources.close();
        }
    }

    /** Block records in pages: {@code count} of them, and whether the block input ended. */
    private record Block(List<MemorySegment> pages, long end, int count, boolean exhausted) {}

    /** The pages of the block side, taken as the block grows. */
    private PageBudget blockBudget;

    /** A block-side record read but not yet placed: the first of the next block. */
    private B carry;

    private Block fillBlock(List<MemorySegment> pages, RecordIterator<B> input) throws IOException {
        RandomAccessOutputView out = new RandomAccessOutputView(pages, blockBudget::poll);
        int count = 0;
        B record = carry != null ? carry : input.next();
        carry = null;
        while (record != null) {
            long start = out.position();
            try {
                blockSerializer.serialize(record, out);
            } catch (EOFException full) {
                out.seek(start);
                if (count == 0) {
                    throw new IOException("a record of the block side is larger than the block of "
                            + blockBudget.total() + " pages; give the cross more memory");
                }
                carry = record;
                return new Block(pages, out.position(), count, false);
            }
            count++;
            resources.metrics().addRecordsIn(1);
            record = input.next();
        }
        return new Block(pages, out.position(), count, true);
    }

    private void crossBlock(
            Block block,
            RecordIterator<S> streamed,
            PairFunction<B, S, O> function,
            Collector<O> out,
            boolean countStreamed)
            throws IOException {
        RandomAccessInputView in = block.count() == 0 ? null : new RandomAccessInputView(block.pages(), block.end());
        // a block of up to HEAP_BLOCK_BYTES is deserialized once, not once per streamed record
        // (each pair gets a copy unless the type is immutable); a larger one stays serialized
        List<B> deserialized = null;
        if (in != null && block.end() <= HEAP_BLOCK_BYTES) {
            deserialized = new ArrayList<>(block.count());
            for (int i = 0; i < block.count(); i++) {
                deserialized.add(blockSerializer.deserialize(in));
            }
        }
        boolean copy = !blockSerializer.isImmutable();
        long produced = 0;
        long streamedRecords = 0;
        for (S right = streamed.next(); right != null; right = streamed.next()) {
            streamedRecords++;
            if (in == null) {
                continue; // an empty block side: the streamed side is only consumed
            }
            resources.checkCancelled();
            in.seek(0);
            for (int i = 0; i < block.count(); i++) {
                B left = deserialized == null
                        ? blockSerializer.deserialize(in)
                        : copy ? blockSerializer.copy(deserialized.get(i)) : deserialized.get(i);
                O result;
                try {
                    result = function.apply(left, right);
                } catch (Exception e) {
                    throw resources.failure("in the cross function", e);
                }
                out.collect(result);
                produced++;
            }
        }
        if (countStreamed) {
            resources.metrics().addRecordsIn(streamedRecords);
        }
        resources.metrics().addRecordsOut(produced);
    }
}
