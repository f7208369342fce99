/**
 * What every desk adapter's HTTP client shares: one classification of failures into the two exception roots
 * ({@link HttpFailures}) and one way of calling a desk ({@link DeskCalls}: bounded concurrency, reads retried on
 * transient failures honouring {@code Retry-After}, writes never repeated blindly, background work yielding to rate
 * limits).
 */
@NullMarked
package io.deskpilot.connector.platform.http;

import org.jspecify.annotations.NullMarked;
