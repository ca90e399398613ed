package io.weir.runtime.exchange;

import io.weir.runtime.jobgraph.JobEdge;

/**
 * How the instances of two connected vertices reach each other: the one seam between tasks, which
 * the local (in-process) exchange implements today and a network transport will implement for
 * tasks in other processes, without the tasks noticing.
 */
public interface Exchange {

    /** The two ends of one producer instance's connection to one consumer instance. */
    record Connection(SubpartitionWriter producerEnd, Channel consumerEnd) {}

    /**
     * Connects instance {@code producer} of the edge's source to instance {@code consumer} of its
     * target.
     *
     * @param pool the producer's pool for the edge, whose pages carry the records
     * @param reserve pages of the pool the producer needs to keep writing (for blocking results)
     */
    Connection connect(JobEdge edge, int producer, int consumer, BufferPool pool, int reserve);
}
