/**
 * The column summaries of {@code DataSetUtils.summarize}: per field of a data set's records, counts of
 * values and nulls and, by type, numeric statistics (minimum, maximum, exact sum, mean, variance),
 * string lengths or boolean counts.
 */
package io.weir.dataset.summarize;
