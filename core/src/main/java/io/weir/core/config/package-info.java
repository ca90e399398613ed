/**
 * Typed configuration: {@link io.weir.core.config.ConfigOption} constants declared in each module's
 * {@code *Options} class, read from a {@link io.weir.core.config.Configuration}; the reference in
 * {@code docs/configuration.md} is generated from them by {@link io.weir.core.config.ConfigDocs}.
 */
package io.weir.core.config;
