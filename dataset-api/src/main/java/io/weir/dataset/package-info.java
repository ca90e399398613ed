/**
 * The DataSet API: {@link io.weir.dataset.ExecutionEnvironment} and {@link io.weir.dataset.DataSet}
 * with its operators, as a user of Apache Flink's DataSet API knows them.
 */
package io.weir.dataset;
